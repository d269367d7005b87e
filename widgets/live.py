"""Changes reach pages that are already open, by themselves, within about a second (§8,
§3, §7): a suspension or resumption, a service approved or withdrawn, a review arriving for
its author, a decision. Nobody has to reload a page to see that it no longer tells the truth.

One daemon thread per page kernel (`feed(app)`) asks the store for its newest sequence
number each second — one indexed query — and, when it has moved, reads which kinds of event
arrived and calls the parts of the page that listen for them. Listeners read what they show
through the engine as every page does; they only learn *that* something changed here. The
engine still checks every rule on every action: this only keeps what the page says true.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anshin.lifecycle import Kind
from widgets.frame import SuspensionBanner

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")

POLL_S = 1.0
SUSPENSION_KINDS = (Kind.USE_SUSPENDED, Kind.USE_RESUMED)
SERVICE_KINDS = (Kind.SERVICE_REGISTERED, Kind.SERVICE_APPROVED, Kind.SERVICE_WITHDRAWN)
REVIEW_KINDS = (Kind.REVIEW_REQUESTED, Kind.REVIEW_SUBMITTED, Kind.DECIDED)


@dataclass(frozen=True)
class Change:
    """One event that arrived: what kind, for which session (None for city-wide ones)."""

    kind: str
    session_id: str | None


Listener = Callable[[list[Change]], None]


class LiveFeed:
    """Calls each listener with the changes of the kinds it asked for, as they arrive."""

    def __init__(self, app: Anshin) -> None:
        self.app = app
        self.seen = app.changes_since(0, [])[0]
        self._listeners: list[tuple[frozenset[str], Listener]] = []
        self._lock = threading.Lock()
        self._ticking = threading.Lock()  # one delivery at a time: each change heard once
        self._thread: threading.Thread | None = None

    def on(self, kinds: Iterable[str], listener: Listener) -> None:
        """Call `listener` with every later change of one of `kinds`."""
        with self._lock:
            self._listeners.append((frozenset(str(k) for k in kinds), listener))
        self._start()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="anshin-live", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(POLL_S)
            try:
                self.tick()
            except Exception:  # a database hiccup: try again at the next tick
                log.exception("reading what changed in the store failed")

    def tick(self) -> None:
        """Deliver what arrived since the last tick (the thread calls this each second)."""
        with self._ticking:
            self._deliver()

    def _deliver(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        wanted = sorted(set().union(*(kinds for kinds, _ in listeners)))
        newest, found = self.app.changes_since(self.seen, wanted)
        if newest <= self.seen:
            return
        self.seen = newest
        changes = [Change(kind, session_id) for kind, session_id in found]
        for kinds, listener in listeners:
            mine = [c for c in changes if c.kind in kinds]
            if mine:
                try:
                    listener(mine)
                except Exception:  # one broken part must not stop the others' updates
                    log.exception("a page part failed to follow a change")


_feeds: dict[int, LiveFeed] = {}
_feeds_lock = threading.Lock()


def feed(app: Anshin) -> LiveFeed:
    """The one live feed of this kernel for `app` (a kernel serves one page)."""
    with _feeds_lock:
        if id(app) not in _feeds:
            _feeds[id(app)] = LiveFeed(app)
        return _feeds[id(app)]


def keep_current(app: Anshin, banner: SuspensionBanner) -> None:
    """Keep `banner` (and the parts that observe it) in step with the store's suspension."""
    feed(app).on(SUSPENSION_KINDS, lambda _changes: banner.update(app.suspension()))
    banner.update(app.suspension())  # what changed before the feed began counting
