"""The signed checkpoint beside the store (`chain-head.json`): tree size, head hash, and a
digest of the state that decides what is allowed, signed with the engine's Ed25519 key.

Deleting the newest events leaves a valid shorter chain, so the store's newest (seq, hash)
is kept outside the database too. Unsigned, that file could simply be rolled back; signed,
it can only be replaced by an older copy of itself (issue 15's witness closes that). The
allowed-state digest chains the hashes of every event that changes what is allowed —
suspension and the service registry (roles live in the staff file, not the database) — so
removing or re-ordering one of them is caught at start-up without walking the whole chain.

One fixed-width record rewritten in place under an exclusive flock, like before: a writer
killed mid-way leaves the old or the new record (pwrite of one block), never a torn one on
a running system. It is a lower bound of the chain: after a crash it may lag, never lead.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from anshin.lifecycle import Kind
from anshin.signing import SigningKey

FORMAT = "anshin-checkpoint/1"
STATE_GENESIS = "0" * 64
WIDTH = 1024

# What changes what is allowed, in the database (roles are in the staff file).
STATE_KINDS = (Kind.USE_SUSPENDED.value, Kind.USE_RESUMED.value, Kind.SERVICE_REGISTERED.value,
               Kind.SERVICE_APPROVED.value, Kind.SERVICE_WITHDRAWN.value)
_SUSPENSION_KINDS = (Kind.USE_SUSPENDED.value, Kind.USE_RESUMED.value)


@dataclass(frozen=True)
class AllowedState:
    """The running digest of the allowed-state events up to some seq, and whether use was
    suspended there."""

    digest: str = STATE_GENESIS
    events: int = 0
    suspended: bool = False

    def fold(self, kind: str, event_hash: str) -> AllowedState:
        digest = hashlib.sha256((self.digest + event_hash).encode("ascii")).hexdigest()
        suspended = (kind == Kind.USE_SUSPENDED.value if kind in _SUSPENSION_KINDS
                     else self.suspended)
        return AllowedState(digest, self.events + 1, suspended)

    def fold_all(self, entries: Iterable[tuple[str, str]]) -> AllowedState:
        state = self
        for kind, event_hash in entries:
            state = state.fold(kind, event_hash)
        return state


@dataclass(frozen=True)
class Checkpoint:
    """What the file says. `signature` is None in a head file written before signing."""

    size: int
    head: str
    state: AllowedState
    at: str | None
    key_id: str | None
    signature: str | None

    def body(self) -> dict:
        return {"format": FORMAT, "size": self.size, "head": self.head,
                "state": asdict(self.state), "at": self.at, "key_id": self.key_id}

    def message(self) -> bytes:
        return _canonical(self.body()).encode("utf-8")

    @property
    def signed(self) -> bool:
        return self.signature is not None

    def signature_ok(self, key: SigningKey) -> bool:
        return (self.signature is not None and self.key_id == key.key_id
                and key.signature_ok(self.message(), self.signature))


class Unreadable(ValueError):
    """The file exists but is not a checkpoint (edited, truncated, garbage)."""


def signed(key: SigningKey, size: int, head: str, state: AllowedState, at: str | None
           ) -> Checkpoint:
    unsigned = Checkpoint(size, head, state, at, key.key_id, None)
    return Checkpoint(size, head, state, at, key.key_id, key.sign(unsigned.message()))


def parse(raw: bytes) -> Checkpoint | None:
    """None for an empty file; `Unreadable` for anything that is not a checkpoint. A head
    file of the unsigned format (seq, hash, at) comes back with `signature` None."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if "format" not in data:  # the head file of schema 1, before signing
            return Checkpoint(int(data["seq"]), str(data["hash"]), AllowedState(),
                              data.get("at"), None, None)
        if data["format"] != FORMAT:
            raise Unreadable(f"format {data['format']!r}")
        state = data["state"]
        return Checkpoint(int(data["size"]), str(data["head"]),
                          AllowedState(str(state["digest"]), int(state["events"]),
                                       bool(state["suspended"])),
                          data.get("at"), data.get("key_id"), str(data["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise Unreadable(str(exc)) from exc


def read(path: Path) -> Checkpoint | None:
    """The checkpoint in `path`, None when there is none yet (absent or empty file)."""
    try:
        return parse(Path(path).read_bytes())
    except FileNotFoundError:
        return None


class CheckpointFile:
    """The file, opened once per process, read and rewritten under its flock."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._pid = 0

    @contextmanager
    def locked(self, *, create: bool) -> Iterator[int | None]:
        """The file's descriptor under an exclusive lock; None when it is absent and
        `create` is false (a deleted checkpoint is never silently recreated)."""
        fd = self._open(create)
        if fd is None:
            yield None
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def _open(self, create: bool) -> int | None:
        # a forked child must not share the parent's open file (flock is per open file)
        if self._fd is not None and self._pid == os.getpid() and self.path.exists():
            return self._fd
        self.close()
        if not create and not self.path.exists():
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        self._pid = os.getpid()
        return self._fd

    @staticmethod
    def read_locked(fd: int) -> Checkpoint | None:
        return parse(os.pread(fd, WIDTH * 2, 0))

    @staticmethod
    def write_locked(fd: int, checkpoint: Checkpoint) -> None:
        record = _canonical({**checkpoint.body(), "signature": checkpoint.signature})
        os.pwrite(fd, record.ljust(WIDTH).encode("utf-8") + b"\n", 0)

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
