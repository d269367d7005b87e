"""Reading a service's event stream (SSE `data:` lines) so that "stop" ends it at once and
always the same way, whatever the socket is doing.

Closing an httpx response from another thread while `iter_lines()` reads it makes the
reading thread fail with whatever the stream happened to be doing (httpx.StreamClosed, a read
error, a half-decoded chunk …), so a stopped call was sometimes reported as a failure. Here a
worker thread reads and the caller's thread only takes whole lines from a queue and checks
`cancel` between them: on cancel the caller closes the response and raises `StreamCancelled`,
and whatever the worker then meets is ignored. A client that can ask the service to stop
(`on_cancel`) reads on briefly instead, to receive what the service recorded.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

log = logging.getLogger(__name__)

POLL_S = 0.05
_END = object()


class StreamCancelled(Exception):
    """`cancel` was set while the stream was open; the response is closed."""


def events(response: httpx.Response, cancel: threading.Event | None, *,
           on_cancel: Callable[[], None] | None = None,
           grace_s: float = 0.0) -> Iterator[dict[str, Any]]:
    """The JSON payload of each `data:` line of `response`, until it ends or `cancel` is set.
    With `on_cancel`, a set `cancel` first calls it (asking the service to stop) and reads on
    for up to `grace_s`, so the service's own last word (what it recorded) still arrives.
    Errors of the stream itself (cut connection, bad JSON) are raised in the caller's thread."""
    lines: queue.Queue[Any] = queue.Queue()

    def read() -> None:
        try:
            for line in response.iter_lines():
                lines.put(line)
        except Exception as exc:  # handed to the caller, who decides what it means
            lines.put(exc)
        lines.put(_END)

    threading.Thread(target=read, daemon=True, name="anshin-sse-reader").start()
    cancelled_at: float | None = None
    while True:
        if cancelled_at is None and cancel is not None and cancel.is_set():
            cancelled_at = time.monotonic()
            if on_cancel is not None:
                try:
                    on_cancel()
                except Exception:  # the service may be gone: hanging up stops it too
                    log.warning("asking the service to stop failed", exc_info=True)
        if cancelled_at is not None and time.monotonic() - cancelled_at >= grace_s:
            response.close()
            raise StreamCancelled()
        try:
            item = lines.get(timeout=POLL_S)
        except queue.Empty:
            continue
        if item is _END:
            return
        if isinstance(item, Exception):
            if cancelled_at is not None:
                raise StreamCancelled() from item
            raise item
        if item.startswith("data: "):
            yield json.loads(item[6:])
