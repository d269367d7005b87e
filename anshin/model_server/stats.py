"""What the model server has been asked, so tests can prove what did or did not reach it.

`GET /_sim/stats` returns `{"requests": n, "by_status": {"200": n, ...}, "last_messages":
[...], "faults_pending": [...]}`; `requests` counts every chat-completion request received
(whatever its outcome), `last_messages` is the `messages` array of the latest one.

`GET /_sim/arrivals?since=T` lists the wall-clock time (Unix seconds) at which each
chat-completion request arrived, after `T` if given: a load test compares them with the
times use was suspended, counting at the server what reached it while it should not have.
"""

from __future__ import annotations

import bisect
import copy
import threading
import time
from collections import Counter
from typing import Any


class RequestStats:
    """Thread-safe counters of chat-completion requests and the statuses answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._by_status: Counter[str] = Counter()
        self._last_messages: list[Any] = []
        self._arrivals: list[float] = []

    def record_request(self, messages: list[Any]) -> None:
        with self._lock:
            self._requests += 1
            self._arrivals.append(time.time())
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

    def arrivals(self, since: float | None = None) -> list[float]:
        """Arrival times of chat-completion requests (in order), after `since` if given."""
        with self._lock:
            start = 0 if since is None else bisect.bisect_right(self._arrivals, since)
            return self._arrivals[start:]

    def reset(self) -> None:
        with self._lock:
            self._arrivals = []
            self._requests = 0
            self._by_status.clear()
            self._last_messages = []
