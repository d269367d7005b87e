"""Reading a service's event stream (SSE `data:` lines) so that "stop" ends it at once and
always the same way, whatever the socket is doing.

Closing an httpx response from another thread while `iter_lines()` reads it makes the
reading thread fail with whatever the stream happened to be doing (httpx.StreamClosed, a read
error, a half-decoded chunk …), so a stopped call was sometimes reported as a failure. Here a
worker thread reads and the caller's thread only takes whole lines from a queue and checks
`cancel` between them: on cancel the caller closes the response and raises `StreamCancelled`,
and whatever the worker then meets is ignored.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any

import httpx

POLL_S = 0.05
_END = object()


class StreamCancelled(Exception):
    """`cancel` was set while the stream was open; the response is closed."""


def events(response: httpx.Response, cancel: threading.Event | None) -> Iterator[dict[str, Any]]:
    """The JSON payload of each `data:` line of `response`, until it ends or `cancel` is set.
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
    while True:
        if cancel is not None and cancel.is_set():
            response.close()
            raise StreamCancelled()
        try:
            item = lines.get(timeout=POLL_S)
        except queue.Empty:
            continue
        if item is _END:
            return
        if isinstance(item, Exception):
            if cancel is not None and cancel.is_set():
                raise StreamCancelled() from item
            raise item
        if item.startswith("data: "):
            yield json.loads(item[6:])
