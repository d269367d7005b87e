"""Suspension and resumption (§8) reach pages that are already open, by themselves, within
about a second: a page opened before the Director suspended must not go on saying 利用可能,
and one opened during the suspension must not say 停止中 after use resumes.

One daemon thread per page kernel reads the status from the store (a single indexed query,
the same read every action makes) and updates the page's banner when it changes; the parts
of the page that depend on it observe the banner. The engine still checks the suspension on
every send: this only keeps what the page says true.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from widgets.frame import SuspensionBanner

if TYPE_CHECKING:
    from anshin.app import Anshin

log = logging.getLogger("widgets")

POLL_S = 1.0


def keep_current(app: Anshin, banner: SuspensionBanner) -> threading.Thread:
    """Start the thread that keeps `banner` (and its observers) in step with the store."""

    def run() -> None:
        while True:
            time.sleep(POLL_S)
            try:
                banner.update(app.suspension())
            except Exception:  # a database hiccup: try again at the next tick
                log.exception("reading the suspension status failed")

    thread = threading.Thread(target=run, name="anshin-live-status", daemon=True)
    thread.start()
    return thread
