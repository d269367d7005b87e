"""The append-only, hash-chained event store (SQLite by default, PostgreSQL by URL).

Every row carries sha256(prev_hash ‖ canonical JSON of the event); SQLite triggers reject
UPDATE and DELETE. Because deleting the newest rows leaves a valid shorter chain, the chain
head is also kept outside the database, in a small file beside it (`chain-head.json`,
updated after every commit, never moved backwards) and in every record's
`metadata.anshin.chain`; `verify()` checks the chain against both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import random
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import OperationalError

GENESIS = "0" * 64
SCHEMA_VERSION = 1

metadata = sa.MetaData()
schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)
events = sa.Table(
    "events",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
              autoincrement=False),
    sa.Column("event_id", sa.Text, nullable=False, unique=True),
    sa.Column("session_id", sa.Text, nullable=True, index=True),
    sa.Column("kind", sa.Text, nullable=False, index=True),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.Text, nullable=False),
    sa.Column("hash", sa.Text, nullable=False),
)

_SQLITE_GUARDS = (
    "CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events "
    "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events "
    "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
)
_PG_GUARDS = (
    "CREATE OR REPLACE FUNCTION anshin_reject_change() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'events are append-only'; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS events_no_change ON events",
    "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION anshin_reject_change()",
    "DROP TRIGGER IF EXISTS events_no_truncate ON events",
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION anshin_reject_change()",
)
# Explicit migrations: version → statements bringing the schema from version-1 to version.
MIGRATIONS: dict[int, Sequence[str]] = {1: ()}


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(body)).encode("utf-8")).hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Event:
    """One committed row of the chain."""

    seq: int
    event_id: str
    session_id: str | None
    kind: str
    actor: str
    at: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """What the hash covers: everything but the hashes themselves."""
        return {
            "seq": self.seq,
            "event_id": self.event_id,
            "session_id": self.session_id,
            "kind": self.kind,
            "actor": self.actor,
            "at": self.at,
            "payload": self.payload,
        }


@dataclass(frozen=True)
class NewEvent:
    """An event before it is committed."""

    kind: str
    actor: str
    session_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChainProblem:
    """The first thing `verify_chain` found that does not match."""

    where: str
    expected: str
    found: str


class StoreUnavailable(Exception):
    """The database could not be written after bounded retries."""


class EventStore:
    """Append and read events; one instance per process is enough (thread-safe engine)."""

    def __init__(self, url: str, head_path: Path | None = None) -> None:
        self.url = url
        self.head_path = head_path
        self.dialect = sa.engine.make_url(url).get_backend_name()
        self._head_fd: int | None = None
        self._head_pid = 0
        if self.dialect == "sqlite":
            db_path = sa.engine.make_url(url).database
            if db_path and db_path != ":memory:":
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(
                url, connect_args={"timeout": 30, "check_same_thread": False}
            )
            sa_event.listen(self.engine, "connect", _sqlite_on_connect)
            sa_event.listen(self.engine, "begin", _sqlite_begin_immediate)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        self._migrate()

    # -- schema ----------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._write() as conn:
            metadata.create_all(conn)
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            for version in range(int(current or 0) + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    conn.exec_driver_sql(statement)
                conn.execute(schema_version.insert().values(version=version, applied_at=utc_now()))
            for statement in _SQLITE_GUARDS if self.dialect == "sqlite" else _PG_GUARDS:
                conn.exec_driver_sql(statement)

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar())

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction holding the chain's lock (SQLite: BEGIN IMMEDIATE)."""
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7420001)")
            yield conn

    # -- writing ---------------------------------------------------------------------------
    def append(self, new: NewEvent) -> Event:
        """Append one event durably; retries briefly if another writer holds the lock."""
        return self.append_many([new])[0]

    def append_many(self, batch: Iterable[NewEvent]) -> list[Event]:
        """Append several events in one transaction (all or none)."""
        batch = list(batch)
        delay = 0.01
        for attempt in range(12):
            try:
                committed = self._append_once(batch)
                break
            except OperationalError as exc:
                if not _is_busy(exc) or attempt == 11:
                    raise StoreUnavailable(str(exc)) from exc
                time.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 1.0)
        self._advance_head(committed[-1])
        return committed

    def _append_once(self, batch: list[NewEvent]) -> list[Event]:
        committed: list[Event] = []
        with self._write() as conn:
            last = conn.execute(
                sa.select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)
            ).first()
            seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
            rows = []
            for new in batch:
                seq += 1
                body = {
                    "seq": seq,
                    "event_id": uuid.uuid4().hex,
                    "session_id": new.session_id,
                    "kind": new.kind,
                    "actor": new.actor,
                    "at": utc_now(),
                    "payload": json.loads(canonical_json(new.payload)),
                }
                digest = chain_hash(prev, body)
                ev = Event(**body, prev_hash=prev, hash=digest)
                rows.append({**body, "payload": canonical_json(body["payload"]),
                             "prev_hash": prev, "hash": digest})
                committed.append(ev)
                prev = digest
            conn.execute(events.insert(), rows)
        return committed

    def _advance_head(self, ev: Event) -> None:
        """Record the newest committed (seq, hash) outside the database, never backwards.

        One fixed-width record rewritten in place under an exclusive flock (shared by every
        writer process). It is a lower bound of the chain, so it needs no fsync of its own:
        after a power loss it may lag the database, which verify accepts; it can never lead.
        """
        if self.head_path is None:
            return
        if self._head_fd is None or self._head_pid != os.getpid():
            # a forked child must not share the parent's open file (flock is per open file)
            self.head_path.parent.mkdir(parents=True, exist_ok=True)
            self._head_fd = os.open(self.head_path, os.O_RDWR | os.O_CREAT, 0o644)
            self._head_pid = os.getpid()
        fd = self._head_fd
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            current = _parse_head(os.pread(fd, _HEAD_WIDTH * 2, 0))
            if current and current["seq"] >= ev.seq:
                return
            record = canonical_json({"seq": ev.seq, "hash": ev.hash, "at": ev.at})
            os.pwrite(fd, record.ljust(_HEAD_WIDTH).encode("ascii") + b"\n", 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    # -- reading ---------------------------------------------------------------------------
    def read(
        self,
        *,
        session_id: str | None = None,
        kinds: Sequence[str] | None = None,
        after_seq: int = 0,
        limit: int | None = None,
    ) -> list[Event]:
        query = sa.select(events).where(events.c.seq > after_seq).order_by(events.c.seq)
        if session_id is not None:
            query = query.where(events.c.session_id == session_id)
        if kinds:
            query = query.where(events.c.kind.in_(list(kinds)))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_row_to_event(r) for r in conn.execute(query)]

    def iter_all(self, batch_size: int = 5000) -> Iterator[Event]:
        after = 0
        while True:
            chunk = self.read(after_seq=after, limit=batch_size)
            if not chunk:
                return
            yield from chunk
            after = chunk[-1].seq

    def last(self, kinds: Sequence[str]) -> Event | None:
        query = (sa.select(events).where(events.c.kind.in_(list(kinds)))
                 .order_by(events.c.seq.desc()).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _row_to_event(row) if row else None

    def head(self) -> tuple[int, str]:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)
            ).first()
        return (row.seq, row.hash) if row else (0, GENESIS)

    def event_at(self, seq: int) -> Event | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.seq == seq)).first()
        return _row_to_event(row) if row else None

    # -- verifying -------------------------------------------------------------------------
    def verify_chain(self) -> tuple[int, ChainProblem | None]:
        """Walk every row; return (events checked, first problem or None)."""
        prev, expected_seq, count = GENESIS, 1, 0
        query = sa.select(events).order_by(events.c.seq)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=5000).execute(query)
            for row in result:
                count += 1
                where = f"event seq={row.seq} id={row.event_id}"
                if row.seq != expected_seq:
                    return count, ChainProblem(where, f"seq={expected_seq}", f"seq={row.seq}")
                if row.prev_hash != prev:
                    return count, ChainProblem(where + " prev_hash", prev, row.prev_hash)
                try:
                    ev = _row_to_event(row)
                except ValueError:
                    return count, ChainProblem(where + " payload", "valid JSON", row.payload[:80])
                digest = chain_hash(prev, ev.body())
                if digest != row.hash:
                    return count, ChainProblem(where + " hash", digest, row.hash)
                prev, expected_seq = row.hash, expected_seq + 1
        head = read_head(self.head_path) if self.head_path else None
        if head and head["seq"] < 0:
            return count, ChainProblem(f"chain head file {self.head_path}", "readable JSON",
                                       "unreadable")
        if head and head["seq"] >= expected_seq:
            return count, ChainProblem(
                f"chain head file {self.head_path}",
                f"seq={head['seq']} hash={head['hash']}",
                f"newest event seq={expected_seq - 1} (events after it are missing)",
            )
        if head and head["seq"] > 0:
            ev = self.event_at(head["seq"])
            if ev is None or ev.hash != head["hash"]:
                return count, ChainProblem(
                    f"chain head file {self.head_path} seq={head['seq']}",
                    head["hash"],
                    ev.hash if ev else "missing",
                )
        return count, None

    def dispose(self) -> None:
        self.engine.dispose()
        if self._head_fd is not None:
            os.close(self._head_fd)
            self._head_fd = None


_HEAD_WIDTH = 160


def read_head(path: Path | None) -> dict[str, Any] | None:
    """The chain head kept outside the database, or None when there is none yet."""
    if path is None or not path.exists():
        return None
    return _parse_head(path.read_bytes())


def _parse_head(raw: bytes) -> dict[str, Any] | None:
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("ascii"))
        return {"seq": int(data["seq"]), "hash": str(data["hash"]), "at": data.get("at")}
    except (ValueError, KeyError, TypeError):
        return {"seq": -1, "hash": "unreadable", "at": None}


def _row_to_event(row: Any) -> Event:
    return Event(
        seq=row.seq,
        event_id=row.event_id,
        session_id=row.session_id,
        kind=row.kind,
        actor=row.actor,
        at=row.at,
        payload=json.loads(row.payload),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin_immediate(conn: sa.Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
