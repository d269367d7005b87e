"""`anshin verify`: walk the event chain and the record archive and name the first mismatch.

An auditor years later must be able to tell whether anything was changed or removed. The
chain proves the events: hashes, the engine's authenticator on every event (a row written
by anyone holding only the database credential is named), and the signed checkpoint beside
the database (newest events deleted, allowed-state events changed). The archive is checked
against the chain: each record file must have the sha256 of the latest `record.exported`
event naming it, every file must be named by some event, and each record's own
`metadata.anshin.chain` must point at an event that still exists with the same hash — a
second witness that the newest events were not cut off.

Three outcomes, never confused: 正常; 記録ファイルが古い (a crash or a failed export left a
record behind its events — its pending file holds the new content, or the session moved
after its last export; `anshin rebuild-records` repairs it, nothing was changed); and
改ざんの疑い (anything else: the first mismatch is named). Events from before signing
(schema 1) are counted and named, not silently taken as signed.

A restored backup is stale, not tampered with: its archive is copied before its database
(README), so a record there is exactly an earlier export of itself (its hash is in an older
`record.exported` naming the same file), and a session begun between the two copies has no
record file at all. Both are behind the chain, which holds everything they would say; a file
that matches no export of itself, or one file of a session missing beside the other, is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from anshin import records_texts as t
from anshin.lifecycle import Kind
from anshin.records import pending_path
from anshin.store import ChainProblem, EventStore

RECORD_SUFFIXES = (".ipynb", ".html")


@dataclass(frozen=True)
class Mismatch:
    """One finding: where, what was expected, what was found, and what it means."""

    where: str
    expected: str
    found: str
    message_ja: str
    message_en: str
    stale: bool = False   # behind its events, not changed: `anshin rebuild-records` repairs


@dataclass(frozen=True)
class VerifyReport:
    events: int
    files: int
    sessions: int
    problem: Mismatch | None = None
    stale: list[Mismatch] = field(default_factory=list)
    unsigned_through: int = 0
    not_signed: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.stale

    @property
    def exit_code(self) -> int:
        """0 正常, 1 改ざんの疑い (or signing not started), 3 only stale records."""
        if self.problem is not None:
            return 1
        return 3 if self.stale else 0

    def render(self) -> str:
        counts = t.VERIFY_COUNTS.format(events=self.events, files=self.files,
                                        sessions=self.sessions)
        notes = ([t.VERIFY_UNSIGNED_NOTE.format(through=self.unsigned_through)]
                 if self.unsigned_through else [])
        if self.problem is not None:
            header = t.VERIFY_NOT_SIGNED if self.not_signed else t.VERIFY_FAILED
            return "\n".join([header, *_lines(self.problem), *notes, counts])
        if self.stale:
            lines = [t.VERIFY_STALE, t.VERIFY_STALE_HINT]
            for item in self.stale:
                lines += _lines(item)
            return "\n".join([*lines, *notes, counts])
        return "\n".join([t.VERIFY_OK, *notes, counts])


def _lines(p: Mismatch) -> list[str]:
    return [p.message_ja, p.message_en, t.VERIFY_WHERE.format(where=p.where),
            t.VERIFY_EXPECTED.format(expected=p.expected), t.VERIFY_FOUND.format(found=p.found)]


def _chain_mismatch(problem: ChainProblem) -> Mismatch:
    message_ja, message_en = t.CHAIN_PROBLEMS[problem.kind]
    return Mismatch(problem.where, problem.expected, problem.found,
                    message_ja.format(where=problem.where), message_en)


def verify_all(store: EventStore, archive_dir: Path) -> VerifyReport:
    """Verify the chain, then the archive against it; stop at the first tampering, list
    every stale record."""
    archive_dir = Path(archive_dir)
    scan = _Scan()
    count, chain_problem = store.verify_chain(scan.see)  # one read: the chain and the index
    unsigned = store.unsigned_through() if chain_problem is None else 0
    if chain_problem is not None:
        return VerifyReport(count, 0, 0, _chain_mismatch(chain_problem),
                            not_signed=chain_problem.kind == "not_signing")
    scan.catch_up(store)  # events a running server appended meanwhile name its new files

    exports, latest_event, latest_export = scan.exports, scan.latest_event, scan.latest_export
    history = _export_history(scan, archive_dir)
    stale: list[Mismatch] = []

    def report(problem: Mismatch | None = None) -> VerifyReport:
        return VerifyReport(count, len(exports), len(latest_event), problem, stale, unsigned)

    for rel, ev in sorted(exports.items(), key=lambda item: item[1].seq):
        problem = _check_file(store, archive_dir, rel, ev, history)
        if problem is None:
            continue
        if problem.stale:
            stale.append(problem)
        else:
            return report(problem)

    for path in _record_files(archive_dir):
        rel = path.relative_to(archive_dir).as_posix()
        if rel not in exports:
            return report(Mismatch(str(path), "record.exported event", "none",
                                   *t.PROBLEM_FILE_UNKNOWN))

    for session_id, seq in sorted(latest_event.items(), key=lambda item: item[1]):
        recorded = latest_export.get(session_id, 0)
        if recorded < seq:
            stale.append(Mismatch(f"session {session_id}", f"record at event seq>={seq}",
                                  f"record at seq={recorded}" if recorded else "no record",
                                  *t.PROBLEM_STALE, stale=True))
    return report()


@dataclass(frozen=True)
class _Export:
    """A `record.exported` event: which file, with which sha256, at which chain seq."""

    seq: int
    event_id: str
    session_id: str | None
    payload: dict[str, Any]


class _Scan:
    """What the archive is checked against, gathered event by event in seq order (during
    `verify_chain`'s walk, or read by `catch_up`): path → latest record.exported naming it;
    session → seq of its latest session event; session → newest chain_seq it was recorded
    at; and every export of each file, for telling an older export from a changed file."""

    def __init__(self) -> None:
        self.exports: dict[str, _Export] = {}
        self.latest_event: dict[str, int] = {}
        self.latest_export: dict[str, int] = {}
        self.export_history: list[_Export] = []
        self.newest = 0

    def see(self, seq: int, event_id: str, session_id: str | None, kind: str,
            payload: Any) -> None:
        self.newest = seq
        if kind == _EXPORTED:
            export = _Export(seq, event_id, session_id, payload)
            self.export_history.append(export)
            if session_id is None:
                return
            self.exports[str(payload.get("path"))] = export
            self.latest_export[session_id] = max(self.latest_export.get(session_id, 0),
                                                 int(payload.get("chain_seq", 0)))
        elif session_id is not None and kind != _COMMITTED:
            self.latest_event[session_id] = seq

    def catch_up(self, store: EventStore, batch_size: int = 5000) -> _Scan:
        """See the events after the newest seen, each read as the engine reads it (hash and
        authenticator checked)."""
        while chunk := store.read(after_seq=self.newest, limit=batch_size):
            for ev in chunk:
                self.see(ev.seq, ev.event_id, ev.session_id, ev.kind, ev.payload)
        return self


_EXPORTED, _COMMITTED = Kind.RECORD_EXPORTED.value, Kind.RECORD_COMMITTED.value


def stale_sessions(store: EventStore, archive_dir: Path) -> tuple[list[str], list[str]]:
    """Sessions whose record lags their events — an export that failed, or a crash before
    its events or between them and the rename: (safe to re-render, refused). A session any
    of whose files matches neither its event nor its pending file is refused — re-rendering
    must never overwrite the evidence."""
    archive_dir = Path(archive_dir)
    scan = _Scan().catch_up(store)
    exports, latest_event, latest_export = scan.exports, scan.latest_event, scan.latest_export
    history = _export_history(scan, archive_dir)
    damaged, pending = set(), set()
    for rel, ev in exports.items():
        problem = _check_file(store, archive_dir, rel, ev, history)
        if problem is None:
            continue
        (pending if problem.stale else damaged).add(ev.session_id)
    lagging = {sid for sid, seq in latest_event.items() if latest_export.get(sid, 0) < seq}
    order = sorted(lagging | pending, key=lambda sid: latest_event.get(sid, 0))
    return [s for s in order if s not in damaged], [s for s in order if s in damaged]


@dataclass(frozen=True)
class _History:
    """Every sha256 each record file was exported with, and the sessions none of whose
    record files (nor pending files) exist."""

    hashes: dict[str, set[str]]
    absent: set[str]


def _export_history(scan: _Scan, archive_dir: Path) -> _History:
    hashes: dict[str, set[str]] = {}
    files: dict[str, list[str]] = {}
    for ev in scan.export_history:
        rel = str(ev.payload.get("path"))
        hashes.setdefault(rel, set()).add(str(ev.payload.get("sha256")))
        files.setdefault(ev.session_id or "", []).append(rel)
    absent = set()
    for session_id, rels in files.items():
        paths = [archive_dir / rel for rel in rels]
        if not any(p.exists() or any(p.parent.glob(f".{p.name}.*.pending")) for p in paths):
            absent.add(session_id)
    return _History(hashes, absent)


def _check_file(store: EventStore, archive_dir: Path, rel: str, ev: _Export,
                history: _History) -> Mismatch | None:
    """None when the record is what its latest event says; stale when the event's content
    waits in its pending file (a crash before the rename), when the file is an earlier
    export of itself, or when the session has no record file at all; else tampering."""
    path = archive_dir / rel
    where = f"{path} (event seq={ev.seq} id={ev.event_id})"
    expected = str(ev.payload.get("sha256"))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = None
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    if digest != expected:
        waiting = pending_path(path, expected)
        try:
            pending = waiting.read_bytes()
        except FileNotFoundError:
            pending = None
        if pending is not None and hashlib.sha256(pending).hexdigest() == expected:
            problem = _check_witness(store, waiting, path.suffix, pending)
            return problem or Mismatch(where, f"sha256={expected}",
                                       f"sha256={digest}" if digest else "missing",
                                       *t.PROBLEM_FILE_PENDING, stale=True)
        if data is None:
            if ev.session_id in history.absent:
                return Mismatch(where, f"sha256={expected}", "missing",
                                *t.PROBLEM_RECORD_ABSENT, stale=True)
            return Mismatch(where, f"sha256={expected}", "missing", *t.PROBLEM_FILE_MISSING)
        if digest in history.hashes.get(rel, set()):
            return _check_witness(store, path, path.suffix, data) or Mismatch(
                where, f"sha256={expected}", f"sha256={digest}", *t.PROBLEM_FILE_OLDER,
                stale=True)
        return Mismatch(where, f"sha256={expected}", f"sha256={digest}",
                        *t.PROBLEM_FILE_CHANGED)
    return _check_witness(store, path, path.suffix, data)


def _check_witness(store: EventStore, path: Path, suffix: str, data: bytes) -> Mismatch | None:
    witness = _chain_witness(suffix, data)
    if witness is None:
        return Mismatch(str(path), "metadata.anshin.chain", "unreadable",
                        *t.PROBLEM_WITNESS_UNREADABLE)
    seq, chain_hash = witness
    event = store.event_at(seq, check=False)
    if event is None or event.hash != chain_hash:
        return Mismatch(f"{path} metadata.anshin.chain seq={seq}", f"hash={chain_hash}",
                        f"hash={event.hash}" if event else "no such event",
                        *t.PROBLEM_WITNESS)
    return None


def _chain_witness(suffix: str, data: bytes) -> tuple[int, str] | None:
    """The (seq, hash) a record file (`.ipynb` or `.html`) says it was rendered at."""
    try:
        if suffix == ".ipynb":
            chain = json.loads(data)["metadata"]["anshin"]["chain"]
            return int(chain["seq"]), str(chain["hash"])
        meta = _MetaReader()
        meta.feed(data.decode("utf-8"))
        return int(meta.values["anshin-chain-seq"]), meta.values["anshin-chain-hash"]
    except (ValueError, KeyError, TypeError):
        return None


class _MetaReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = dict(attrs)
            name = found.get("name")
            if name and name.startswith("anshin-"):
                self.values[name] = found.get("content") or ""


def _record_files(archive_dir: Path) -> Iterator[Path]:
    if not archive_dir.is_dir():
        return
    for path in sorted(archive_dir.rglob("*")):
        if path.suffix in RECORD_SUFFIXES and not path.name.startswith(".") and path.is_file():
            yield path
