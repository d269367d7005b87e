"""`anshin verify`: walk the event chain and the record archive and name the first mismatch.

An auditor years later must be able to tell whether anything was changed or removed. The
chain (with the chain-head file beside the database) proves the events; the archive is
checked against the chain: each record file must have the sha256 of the latest
`record.exported` event naming it, every file must be named by some event, every session
must have a record written after its latest event, and each record's own
`metadata.anshin.chain` must point at an event that still exists with the same hash — a
second witness that the newest events were not cut off.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from anshin import records_texts as t
from anshin.lifecycle import Kind
from anshin.store import Event, EventStore

RECORD_SUFFIXES = (".ipynb", ".html")


@dataclass(frozen=True)
class Mismatch:
    """The first thing that does not match: where, what was expected, what was found."""

    where: str
    expected: str
    found: str
    message_ja: str
    message_en: str


@dataclass(frozen=True)
class VerifyReport:
    events: int
    files: int
    sessions: int
    problem: Mismatch | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def render(self) -> str:
        counts = t.VERIFY_COUNTS.format(events=self.events, files=self.files,
                                        sessions=self.sessions)
        if self.problem is None:
            return f"{t.VERIFY_OK}\n{counts}"
        p = self.problem
        return "\n".join([
            t.VERIFY_FAILED,
            p.message_ja,
            p.message_en,
            t.VERIFY_WHERE.format(where=p.where),
            t.VERIFY_EXPECTED.format(expected=p.expected),
            t.VERIFY_FOUND.format(found=p.found),
            counts,
        ])


def verify_all(store: EventStore, archive_dir: Path) -> VerifyReport:
    """Verify the chain, then the archive against it; stop at the first mismatch."""
    archive_dir = Path(archive_dir)
    count, chain_problem = store.verify_chain()
    if chain_problem is not None:
        return VerifyReport(count, 0, 0, Mismatch(
            chain_problem.where, chain_problem.expected, chain_problem.found,
            *t.PROBLEM_CHAIN))

    exports, latest_event, latest_export = _scan(store)

    def report(problem: Mismatch | None = None) -> VerifyReport:
        return VerifyReport(count, len(exports), len(latest_event), problem)

    for rel, ev in sorted(exports.items(), key=lambda item: item[1].seq):
        problem = _check_file(store, archive_dir, rel, ev)
        if problem is not None:
            return report(problem)

    for path in _record_files(archive_dir):
        rel = path.relative_to(archive_dir).as_posix()
        if rel not in exports:
            return report(Mismatch(str(path), "record.exported event", "none",
                                   *t.PROBLEM_FILE_UNKNOWN))

    for session_id, seq in sorted(latest_event.items(), key=lambda item: item[1]):
        recorded = latest_export.get(session_id, 0)
        if recorded < seq:
            return report(Mismatch(f"session {session_id}", f"record at event seq>={seq}",
                                   f"record at seq={recorded}" if recorded else "no record",
                                   *t.PROBLEM_STALE))
    return report()


def _scan(store: EventStore) -> tuple[dict[str, Event], dict[str, int], dict[str, int]]:
    """path → latest record.exported naming it; session → seq of its latest session event;
    session → newest chain_seq it was recorded at."""
    exports: dict[str, Event] = {}
    latest_event: dict[str, int] = {}
    latest_export: dict[str, int] = {}
    for ev in store.iter_all():
        if ev.session_id is None:
            continue
        if ev.kind == Kind.RECORD_EXPORTED:
            exports[str(ev.payload.get("path"))] = ev
            latest_export[ev.session_id] = max(latest_export.get(ev.session_id, 0),
                                               int(ev.payload.get("chain_seq", 0)))
        else:
            latest_event[ev.session_id] = ev.seq
    return exports, latest_event, latest_export


def stale_sessions(store: EventStore, archive_dir: Path) -> tuple[list[str], list[str]]:
    """Sessions whose record lags their events (an export that failed or was cut short by a
    crash): (safe to re-render, refused). A session any of whose existing files does not
    match its hash is refused — re-rendering must never overwrite the evidence."""
    exports, latest_event, latest_export = _scan(store)
    damaged = {ev.session_id for rel, ev in exports.items()
               if _check_file(store, Path(archive_dir), rel, ev) is not None}
    stale = [sid for sid, seq in sorted(latest_event.items(), key=lambda item: item[1])
             if latest_export.get(sid, 0) < seq]
    return [s for s in stale if s not in damaged], [s for s in stale if s in damaged]


def _check_file(store: EventStore, archive_dir: Path, rel: str, ev: Event) -> Mismatch | None:
    path = archive_dir / rel
    where = f"{path} (event seq={ev.seq} id={ev.event_id})"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Mismatch(where, f"sha256={ev.payload.get('sha256')}", "missing",
                        *t.PROBLEM_FILE_MISSING)
    digest = hashlib.sha256(data).hexdigest()
    if digest != ev.payload.get("sha256"):
        return Mismatch(where, f"sha256={ev.payload.get('sha256')}", f"sha256={digest}",
                        *t.PROBLEM_FILE_CHANGED)
    witness = _chain_witness(path, data)
    if witness is None:
        return Mismatch(str(path), "metadata.anshin.chain", "unreadable",
                        *t.PROBLEM_WITNESS_UNREADABLE)
    seq, chain_hash = witness
    event = store.event_at(seq)
    if event is None or event.hash != chain_hash:
        return Mismatch(f"{path} metadata.anshin.chain seq={seq}", f"hash={chain_hash}",
                        f"hash={event.hash}" if event else "no such event",
                        *t.PROBLEM_WITNESS)
    return None


def _chain_witness(path: Path, data: bytes) -> tuple[int, str] | None:
    """The (seq, hash) a record file says it was rendered at."""
    try:
        if path.suffix == ".ipynb":
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
