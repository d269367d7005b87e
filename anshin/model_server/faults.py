"""Faults a test can queue on the model server, so failure handling is tested over real HTTP.

`POST /_sim/faults` with `{"faults": [{"kind": ..., "times": n, ...}]}` appends to a queue;
each chat-completion request takes the fault at the head (one per request) and `times`
(default 1) says how many consecutive requests that entry applies to. Kinds and options:

- `rate_limit`: 429 with `Retry-After` (whole seconds, rounded up) and `retry-after-ms`
  headers and an OpenAI error body; `retry_after` seconds, default 1 (fractions allowed, and
  negative values too: a misbehaving server sends them, and the client must clamp).
- `server_error`: 500 with an OpenAI error body.
- `unauthorized`: 401 with the OpenAI `invalid_api_key` error body (a wrong or revoked key).
- `slow_first_byte`: wait `delay_s` (default 1) before sending any byte, then answer normally.
- `trickle`: stream the reply, waiting `delay_s` (default 5) before every content chunk, so
  each read succeeds and only an overall deadline can end it.
- `content_filter`: after `after_chunks` content chunks (default 1) finish with
  `finish_reason: "content_filter"`, as a provider's safety filter does.
- `cut_stream`: close the connection after `after_chunks` content chunks (default 1) without
  finishing the body or sending `[DONE]`; non-streaming, after half of the body.
- `malformed_sse`: after `after_chunks` content chunks (default 1) send a `data:` line that
  is not JSON, then carry on; non-streaming, a 200 whose body is not JSON.
- `script`: the reply's content is exactly `text` (no label), streamed like any other reply.

A load test needs faults scattered over thousands of concurrent requests rather than a
queue consumed in order: `POST /_sim/fault_mix` with `{"seed": n, "mix": [{"kind": ...,
"probability": p, ...}]}` draws one fault (or none) for every request the queue leaves
alone, from a seeded generator so a run can be repeated; `{"mix": []}` turns it off.
"""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

KINDS: tuple[str, ...] = (
    "rate_limit",
    "server_error",
    "unauthorized",
    "slow_first_byte",
    "trickle",
    "content_filter",
    "cut_stream",
    "malformed_sse",
    "script",
)

# Options that may be negative: the server's own misbehaviour under test.
_SIGNED_OPTIONS = frozenset({"retry_after"})
_NUMBER_OPTIONS = {
    "rate_limit": ("retry_after", 1.0),
    "slow_first_byte": ("delay_s", 1.0),
    "trickle": ("delay_s", 5.0),
    "cut_stream": ("after_chunks", 1),
    "content_filter": ("after_chunks", 1),
    "malformed_sse": ("after_chunks", 1),
}


@dataclass(frozen=True)
class Fault:
    """One queued fault; only the options of its kind are meaningful."""

    kind: str
    times: int = 1
    retry_after: float = 1.0
    delay_s: float = 1.0
    after_chunks: int = 1
    text: str = ""


def parse_fault(raw: Any) -> Fault:
    """A Fault from its JSON form; raises ValueError naming what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("each fault must be an object")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    times = raw.get("times", 1)
    if not isinstance(times, int) or isinstance(times, bool) or times < 1:
        raise ValueError("times must be a positive integer")
    options: dict[str, Any] = {}
    if kind in _NUMBER_OPTIONS:
        name, default = _NUMBER_OPTIONS[kind]
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number")
        if value < 0 and name not in _SIGNED_OPTIONS:
            raise ValueError(f"{name} must be a non-negative number")
        options[name] = int(value) if isinstance(default, int) else float(value)
    if kind == "script":
        if not isinstance(raw.get("text"), str):
            raise ValueError("script needs a string text")
        try:
            raw["text"].encode("utf-8")
        except UnicodeEncodeError as err:
            raise ValueError("script text must be valid Unicode (no lone surrogates)") from err
        options["text"] = raw["text"]
    return Fault(kind=kind, times=times, **options)


def parse_faults(body: Any) -> list[Fault]:
    """The faults of a `POST /_sim/faults` body; raises ValueError when malformed."""
    if not isinstance(body, dict) or not isinstance(body.get("faults"), list):
        raise ValueError('body must be {"faults": [...]}')
    return [parse_fault(raw) for raw in body["faults"]]


class FaultQueue:
    """Thread-safe queue of faults; each `take()` consumes one application of the head entry."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: deque[list[Any]] = deque()

    def extend(self, faults: list[Fault]) -> None:
        with self._lock:
            self._entries.extend([fault, fault.times] for fault in faults)

    def take(self) -> Fault | None:
        with self._lock:
            if not self._entries:
                return None
            entry = self._entries[0]
            entry[1] -= 1
            if entry[1] == 0:
                self._entries.popleft()
            return entry[0]

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [{"kind": fault.kind, "remaining": left} for fault, left in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


@dataclass(frozen=True)
class MixEntry:
    """One kind of fault in a mix and the share of requests it takes."""

    fault: Fault
    probability: float


def parse_mix(body: Any) -> tuple[list[MixEntry], int | None]:
    """The entries and seed of a `POST /_sim/fault_mix` body; raises ValueError when
    malformed. Probabilities are each in [0, 1] and add up to at most 1."""
    if not isinstance(body, dict) or not isinstance(body.get("mix"), list):
        raise ValueError('body must be {"mix": [...], "seed": n}')
    seed = body.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise ValueError("seed must be an integer")
    entries = []
    for raw in body["mix"]:
        if not isinstance(raw, dict):
            raise ValueError("each mix entry must be an object")
        probability = raw.get("probability")
        if (isinstance(probability, bool) or not isinstance(probability, int | float)
                or not 0 <= probability <= 1):
            raise ValueError("probability must be a number between 0 and 1")
        if "times" in raw:
            raise ValueError("a mix entry has no times: it applies by probability")
        fields = {k: v for k, v in raw.items() if k != "probability"}
        entries.append(MixEntry(parse_fault(fields), float(probability)))
    if sum(e.probability for e in entries) > 1 + 1e-9:
        raise ValueError("the probabilities add up to more than 1")
    return entries, seed


class FaultMix:
    """Thread-safe seeded draw of one fault (or none) per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[MixEntry] = []
        self._random = random.Random()
        self._drawn: dict[str, int] = {}

    def set(self, entries: list[MixEntry], seed: int | None) -> None:
        with self._lock:
            self._entries = list(entries)
            self._random = random.Random(seed)
            self._drawn = {}

    def draw(self) -> Fault | None:
        with self._lock:
            if not self._entries:
                return None
            roll = self._random.random()
            for entry in self._entries:
                if roll < entry.probability:
                    self._drawn[entry.fault.kind] = self._drawn.get(entry.fault.kind, 0) + 1
                    return entry.fault
                roll -= entry.probability
            return None

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return {"entries": [{"kind": e.fault.kind, "probability": e.probability}
                                for e in self._entries], "drawn": dict(self._drawn)}

    def clear(self) -> None:
        self.set([], None)
