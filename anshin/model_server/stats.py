"""What the model server has been asked, so tests can prove what did or did not reach it.

`GET /_sim/stats` returns `{"requests": n, "by_status": {"200": n, ...}, "last_messages":
[...], "faults_pending": [...]}`; `requests` counts every chat-completion request received
(whatever its outcome), `last_messages` is the `messages` array of the latest one.
"""

from __future__ import annotations

import copy
import threading
from collections import Counter
from typing import Any


class RequestStats:
    """Thread-safe counters of chat-completion requests and the statuses answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._by_status: Counter[str] = Counter()
        self._last_messages: list[Any] = []

    def record_request(self, messages: list[Any]) -> None:
        with self._lock:
            self._requests += 1
            self._last_messages = copy.deepcopy(messages)

    def record_status(self, status: int) -> None:
        with self._lock:
            self._by_status[str(status)] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self._requests,
                "by_status": dict(self._by_status),
                "last_messages": copy.deepcopy(self._last_messages),
            }

    def reset(self) -> None:
        with self._lock:
            self._requests = 0
            self._by_status.clear()
            self._last_messages = []
