"""The append-only, hash-chained event store (SQLite by default, PostgreSQL by URL).

Every row carries sha256(prev_hash ‖ canonical JSON of the event) and an authenticator,
HMAC-SHA256 over the same entry with the engine's key (`anshin.signing`), which the database
credential does not give: a role that may INSERT can chain a row, not authenticate it.
Every read checks both, so no part of the engine acts on an event it did not write.
SQLite triggers (PostgreSQL: a trigger function) reject UPDATE and DELETE. Because deleting
the newest rows leaves a valid shorter chain, the chain head is also kept outside the
database as a signed checkpoint (`anshin.checkpoint`, `chain-head.json`, after every
commit, never backwards) and in every record's `metadata.anshin.chain`; `verify_chain()`
checks the chain against the checkpoint, `check_history()` does the cheap part of it for
start-up and for every suspension check.

Stores of schema 1 have no authenticators. Their events stay as they are: the first write
with a key appends one `chain.signing_started` event naming the last unsigned seq, and from
there on an event without a valid authenticator is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import OperationalError

from anshin import checkpoint as cp
from anshin import integrity_texts as it
from anshin import tlog_nodes, tlog_tree
from anshin.errors import AnshinError
from anshin.lifecycle import Kind
from anshin.signing import KeyLocation, SigningKey, load_key
from anshin.tlog_verify import leaf_hash

log = logging.getLogger(__name__)

GENESIS = "0" * 64
SCHEMA_VERSION = 3

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
    sa.Column("mac", sa.Text, nullable=True),
    sa.Column("key_id", sa.Text, nullable=True),
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
MIGRATIONS: dict[int, Sequence[str]] = {
    1: (),
    2: ("ALTER TABLE events ADD COLUMN mac TEXT", "ALTER TABLE events ADD COLUMN key_id TEXT"),
    3: (),  # the tlog_nodes table (created with the schema), filled from the events
}


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256(chain_entry(prev_hash, body)).hexdigest()


def chain_entry(prev_hash: str, body: dict[str, Any]) -> bytes:
    """What the hash and the authenticator cover: prev hash ‖ canonical event."""
    return (prev_hash + canonical_json(body)).encode("utf-8")


# How canonical_json writes a str (ensure_ascii=False): the C encoder json itself calls.
_ENCODE_STRING = json.encoder.encode_basestring


def _stored_entry(row: Any) -> bytes:
    """`chain_entry` of a stored row, built from its columns as stored (the payload column
    holds canonical JSON), so a changed byte anywhere changes the entry."""
    return _entry_of(row.prev_hash, row.seq, row.event_id, row.session_id, row.kind, row.actor,
                     row.at, row.payload)


def _entry_of(prev_hash: str, seq: Any, event_id: str | None, session_id: str | None,
              kind: str | None, actor: str | None, at: str | None, payload: str) -> bytes:
    """`_stored_entry` from the column values themselves (the walk of a million rows)."""
    enc = _ENCODE_STRING
    return (f'{prev_hash}{{"actor":{"null" if actor is None else enc(actor)},'
            f'"at":{"null" if at is None else enc(at)},'
            f'"event_id":{"null" if event_id is None else enc(event_id)},'
            f'"kind":{"null" if kind is None else enc(kind)},'
            f'"payload":{payload},"seq":{int(seq)},'
            f'"session_id":{"null" if session_id is None else enc(session_id)}}}').encode()


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
    """The first thing `verify_chain` or `check_history` found that does not match.
    `kind` names it for the reader's catalog (`anshin.verify`): one of PROBLEM_KINDS."""

    where: str
    expected: str
    found: str
    kind: str = "chain"


# What `verify_chain` hands each row that passed: seq, event_id, session_id, kind, payload.
ChainVisitor = Callable[[int, str, str | None, str, Any], None]

PROBLEM_KINDS = ("chain", "no_key", "unsigned", "bad_mac", "wrong_key", "not_signing",
                 "checkpoint_missing", "checkpoint_unreadable", "checkpoint_unsigned",
                 "checkpoint_signature", "history_cut", "state", "tree")


class StoreUnavailable(Exception):
    """The database could not be written after bounded retries."""


class EventNotAuthentic(AnshinError):
    """A row the engine did not write (no valid authenticator, or a changed entry)."""

    def __init__(self, seq: int, kind: str, actor: str) -> None:
        super().__init__(it.EVENT_NOT_AUTHENTIC.format(seq=seq, kind=kind, actor=actor))
        self.seq = seq


class EventStore:
    """Append and read events; one instance per process is enough (thread-safe engine).

    `key_path` is the signing key (default: `signing.key` beside the chain-head file). An
    engine (`initialise=True`) creates the key and the first checkpoint when they are absent;
    `anshin verify` opens with `initialise=False` and creates nothing.
    """

    def __init__(self, url: str, head_path: Path | None = None, *,
                 key_path: Path | None = None, initialise: bool = True,
                 key_location: KeyLocation | None = None) -> None:
        if head_path is None and key_path is None and key_location is None:
            raise ValueError("EventStore needs a chain-head path or a key path")
        self.url = url
        self.head_path = head_path
        if key_location is None:
            key_location = KeyLocation("file", str(
                Path(key_path) if key_path else Path(head_path).parent / "signing.key"))
        self.key_location = key_location
        self.key_path = Path(key_location.describe())
        self.dialect = sa.engine.make_url(url).get_backend_name()
        self._checkpoint = cp.CheckpointFile(head_path) if head_path else None
        self._unsigned_through: int | None = None  # cached once the store is signed
        self.on_commit: list[Callable[[list[Event]], None]] = []  # called after each commit
        self._signed = False
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
        self.key: SigningKey | None = None
        try:  # a new key only for a store nobody signed yet: never a second key for one
            self.key = load_key(self.key_location,
                                create=initialise and not self._is_signed())
        except AnshinError:
            if initialise:
                raise
        if initialise:
            self._initial_checkpoint()

    # -- schema ----------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self._write() as conn:
            fresh = not sa.inspect(conn).has_table("events")
            metadata.create_all(conn)
            tlog_nodes.metadata.create_all(conn)
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            first = SCHEMA_VERSION if fresh and not current else int(current or 0) + 1
            for version in range(first, SCHEMA_VERSION + 1):
                if not fresh:
                    for statement in MIGRATIONS[version]:
                        conn.exec_driver_sql(statement)
                conn.execute(schema_version.insert().values(version=version, applied_at=utc_now()))
            sqlite = self.dialect == "sqlite"
            for statement in ((*_SQLITE_GUARDS, *tlog_nodes.SQLITE_GUARDS) if sqlite
                              else (*_PG_GUARDS, *tlog_nodes.PG_GUARDS)):
                conn.exec_driver_sql(statement)
            _fill_tree(conn)

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

    def _require_key(self) -> SigningKey:
        if self.key is None:
            raise AnshinError(it.SIGNING_KEY_MISSING.format(path=self.key_path))
        return self.key

    # -- writing ---------------------------------------------------------------------------
    def append(self, new: NewEvent) -> Event:
        """Append one event durably; retries briefly if another writer holds the lock."""
        return self.append_many([new])[0]

    def append_many(self, batch: Iterable[NewEvent]) -> list[Event]:
        """Append several events in one transaction (all or none)."""
        batch = list(batch)
        key = self._require_key()
        delay = 0.01
        for attempt in range(12):
            try:
                committed, next_checkpoint = self._append_once(key, batch)
                break
            except OperationalError as exc:
                if not _is_busy(exc) or attempt == 11:
                    raise StoreUnavailable(str(exc)) from exc
                time.sleep(delay + random.random() * delay)
                delay = min(delay * 2, 1.0)
        if committed and next_checkpoint is not None:
            self._advance_head(next_checkpoint)
        for listener in self.on_commit if committed else ():
            listener(committed)
        return committed

    def start_signing(self) -> Event | None:
        """Append the `chain.signing_started` event to a store of unsigned events (schema 1);
        None when the store is empty or already signed. `anshin init` calls it; the first
        ordinary write does the same."""
        committed = self.append_many([])
        return committed[0] if committed else None

    def _append_once(self, key: SigningKey, batch: list[NewEvent]
                     ) -> tuple[list[Event], cp.Checkpoint | None]:
        """Commit the batch; return it with the checkpoint to sign at its last event (None
        when the current checkpoint cannot be built on: see `_advance_head`). Everything is
        read in the write transaction, so the state digest is exactly that of the chain."""
        committed: list[Event] = []
        next_checkpoint = None
        with self._write() as conn:
            last = conn.execute(
                sa.select(events.c.seq, events.c.hash, events.c.mac)
                .order_by(events.c.seq.desc()).limit(1)
            ).first()
            seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
            pending = list(batch)
            if last is not None and last.mac is None and not _any_signed(conn):
                # schema 1 → signed: name the last event that predates signing, but never
                # past a signed checkpoint (rows added after it were not written by us)
                base = self._checkpoint_base(conn, key)
                through = last.seq if base is None else min(last.seq, base.size)
                pending.insert(0, NewEvent(Kind.SIGNING_STARTED.value, "anshin.store", None,
                                           {"unsigned_through": through, "key_id": key.key_id}))
            rows = []
            for new in pending:
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
                entry = chain_entry(prev, body)
                digest = hashlib.sha256(entry).hexdigest()
                ev = Event(**body, prev_hash=prev, hash=digest)
                rows.append({**body, "payload": canonical_json(body["payload"]),
                             "prev_hash": prev, "hash": digest, "mac": key.mac(entry),
                             "key_id": key.key_id})
                committed.append(ev)
                prev = digest
            if not rows:
                return committed, None
            base = self._checkpoint_base(conn, key)
            if base is not None and base.size <= committed[0].seq - 1:
                try:
                    before = _state_entries(conn, key, base.size, committed[0].seq - 1)
                except EventNotAuthentic as exc:
                    log.error("not signing a checkpoint over forged event seq=%s", exc.seq)
                else:
                    state = base.state.fold_all(before).fold_all(
                        (ev.kind, ev.hash) for ev in committed if ev.kind in cp.STATE_KINDS)
                    last_ev = committed[-1]
                    next_checkpoint = cp.signed(key, last_ev.seq, last_ev.hash, state,
                                                last_ev.at)
            conn.execute(events.insert(), rows)
            _fill_tree(conn, upto=committed[0].seq - 1)  # rows INSERTed by others: mirrored
            tlog_nodes.append(conn, committed[0].seq - 1,
                              [chain_entry(ev.prev_hash, ev.body()) for ev in committed])
        return committed, next_checkpoint

    # -- the checkpoint --------------------------------------------------------------------
    def _checkpoint_base(self, conn: sa.Connection, key: SigningKey) -> cp.Checkpoint | None:
        """The current checkpoint if it can be built on: signed by our key and the event it
        names still there with its hash. Else None — a missing, unsigned or damaged
        checkpoint, or one past the chain, is evidence left for `check_history`."""
        if self.head_path is None:
            return None
        try:
            found = cp.read(self.head_path)
        except cp.Unreadable:
            log.error("chain-head checkpoint %s is unreadable; left as is", self.head_path)
            return None
        if found is None or not found.signature_ok(key):
            log.error("chain-head checkpoint %s is missing or not signed by this key; "
                      "left as is", self.head_path)
            return None
        if found.size:
            there = conn.execute(sa.select(events.c.hash).where(events.c.seq == found.size)
                                 ).first()
            if there is None or there.hash != found.head:
                log.error("chain-head checkpoint %s names seq=%s, which is gone or changed",
                          self.head_path, found.size)
                return None
        return found

    def _initial_checkpoint(self) -> None:
        """Sign the first checkpoint of a store that has no signed event yet (new, or of
        schema 1 with a head file that still matches). Never over a signed store's missing
        or damaged checkpoint: that is evidence, reported by `check_history`."""
        if self._checkpoint is None or self.key is None:
            return
        if self._is_signed():
            return
        with self._checkpoint.locked(create=True) as fd:
            try:
                current = self._checkpoint.read_locked(fd)
            except cp.Unreadable:
                return
            if current is not None and current.signed:
                return
            seq, head = self.head()
            if current is not None:
                ev = self.event_at(current.size, check=False) if current.size else None
                if current.size > seq or (ev is not None and ev.hash != current.head):
                    return
            through = self._unsigned_limit()
            with self.engine.connect() as conn:
                state = cp.AllowedState().fold_all(
                    self._authentic_state_entries(conn, seq, through))
            self._checkpoint.write_locked(fd, cp.signed(self.key, seq, head, state, utc_now()))

    def _advance_head(self, checkpoint: cp.Checkpoint) -> None:
        """Write `checkpoint` unless the file is already at or past it (another writer), or
        was removed or damaged meanwhile (evidence is never overwritten)."""
        if self._checkpoint is None or self.key is None:
            return
        with self._checkpoint.locked(create=False) as fd:
            if fd is None:
                return
            try:
                current = self._checkpoint.read_locked(fd)
            except cp.Unreadable:
                return
            if current is None or not current.signature_ok(self.key):
                return
            if current.size < checkpoint.size:
                self._checkpoint.write_locked(fd, checkpoint)

    def _authentic_state_entries(self, conn: sa.Connection, upto_seq: int,
                                 unsigned_through: int | None) -> list[tuple[str, str]]:
        """(kind, hash) of the allowed-state events up to `upto_seq`, each authenticated."""
        return [(ev.kind, ev.hash) for ev in
                (self._event(row, unsigned_through)
                 for row in _state_rows(conn, 0, upto_seq))]

    def check_history(self) -> ChainProblem | None:
        """The cheap half of `verify_chain`, for start-up and every suspension check: the
        checkpoint is signed by our key, its event is still there with its hash, and the
        allowed-state events up to it are the ones it was signed over."""
        if self.head_path is None:
            return None
        where = f"chain head file {self.head_path}"
        try:
            found = cp.read(self.head_path)
        except cp.Unreadable as exc:
            return ChainProblem(where, "signed checkpoint", f"unreadable ({exc})",
                                "checkpoint_unreadable")
        signed_store = self._is_signed()
        through = self._unsigned_limit()
        with self.engine.connect() as conn:  # one read (SQLite: one lock) for all of it
            return self._check_checkpoint(conn, found, signed_store, through)

    def _check_checkpoint(self, conn: sa.Connection, found: cp.Checkpoint | None,
                          signed_store: bool, through: int | None) -> ChainProblem | None:
        newest = conn.execute(sa.select(sa.func.max(events.c.seq))).scalar() or 0
        hash_at_size = _hash_at(conn, found.size) if found is not None and found.size else None

        def state() -> cp.AllowedState | ChainProblem:
            assert found is not None
            try:
                return cp.AllowedState().fold_all(
                    self._authentic_state_entries(conn, found.size, through))
            except EventNotAuthentic as exc:
                return ChainProblem(f"event seq={exc.seq}", "valid authenticator", "invalid",
                                    "bad_mac")

        return _checkpoint_problem(self, found, signed_store, newest, hash_at_size, state)

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
            through = self._unsigned_limit()
            return [self._event(r, through) for r in conn.execute(query)]

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
        return self._event(row, self._unsigned_limit()) if row else None

    @contextlib.contextmanager
    def tree(self) -> Iterator[tlog_nodes.Reader]:
        """The Merkle tree of the events (`anshin.tlog_nodes`), on one read connection."""
        with self.engine.connect() as conn:
            yield tlog_nodes.Reader(conn)

    def head(self) -> tuple[int, str]:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)
            ).first()
        return (row.seq, row.hash) if row else (0, GENESIS)

    def event_at(self, seq: int, *, check: bool = True) -> Event | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.seq == seq)).first()
        if row is None:
            return None
        return self._event(row, self._unsigned_limit()) if check else _row_to_event(row)

    def _event(self, row: Any, unsigned_through: int | None) -> Event:
        """The row as an Event, only if the engine wrote it or it predates signing
        (`unsigned_through`; None while the store has no signed event at all)."""
        entry = _stored_entry(row)
        if hashlib.sha256(entry).hexdigest() != row.hash:
            raise EventNotAuthentic(row.seq, row.kind, row.actor)
        if row.mac is None:
            if unsigned_through is not None and row.seq > unsigned_through:
                raise EventNotAuthentic(row.seq, row.kind, row.actor)
        elif (self.key is None or row.key_id != self.key.key_id
              or not self.key.mac_ok(entry, row.mac)):
            raise EventNotAuthentic(row.seq, row.kind, row.actor)
        return _row_to_event(row)

    def _is_signed(self) -> bool:
        """Whether any event carries an authenticator (once true, true for good: cached)."""
        if not self._signed:
            with self.engine.connect() as conn:
                self._signed = _any_signed(conn)
        return self._signed

    def _unsigned_limit(self) -> int | None:
        if self._unsigned_through is None:
            self._unsigned_through = self._find_signing_from()
        return self._unsigned_through

    def _find_signing_from(self) -> int | None:
        """Last seq that may be unsigned: the marker's `unsigned_through`, 0 in a store signed
        from its first event, None while no event is signed (cached once known)."""
        with self.engine.connect() as conn:
            if not _any_signed(conn):
                return None
            for row in conn.execute(sa.select(events).where(
                    events.c.kind == Kind.SIGNING_STARTED.value).order_by(events.c.seq)):
                if row.mac is not None and self.key is not None and self.key.mac_ok(
                        _stored_entry(row), row.mac):
                    return int(json.loads(row.payload).get("unsigned_through", 0))
        return 0

    def unsigned_through(self) -> int:
        """How many events predate signing (named by `chain.signing_started`)."""
        found = self._find_signing_from()
        return found or 0

    # -- verifying -------------------------------------------------------------------------
    def verify_chain(self, visit: ChainVisitor | None = None
                     ) -> tuple[int, ChainProblem | None]:
        """Walk every row, in one read in seq order: seq, prev hash, payload JSON, hash,
        authenticator, each row's leaf folded into the Merkle tree recomputed from the
        events; then the checkpoint and the stored tree against the walk. Return (events
        checked, first problem or None).

        `visit(seq, event_id, session_id, kind, payload)` is called for every row once it
        has passed its checks (`payload` parsed), so a reader of the whole chain — `anshin
        verify`'s archive checks — needs no second read of a million rows."""
        key = self.key
        if key is None and self._is_signed():
            return 0, ChainProblem(f"signing key file {self.key_path}", "readable key file",
                                   "missing", "no_key")
        prev, expected_seq, count = GENESIS, 1, 0
        first_unsigned: Any = None      # the first row of an unsigned prefix (schema 1)
        signed_seen = False
        through = slipped_in = 0
        walk = _Walk(self)
        sha256 = hashlib.sha256
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=5000).execute(
                _CHAIN_ROWS)
            for row in result:
                (seq, event_id, session_id, kind, actor, at, payload, prev_hash, stored_hash,
                 mac, row_key_id) = row
                count += 1
                if seq != expected_seq:
                    return count, ChainProblem(_where(row), f"seq={expected_seq}", f"seq={seq}")
                if prev_hash != prev:
                    return count, ChainProblem(_where(row) + " prev_hash", prev, prev_hash)
                try:
                    value = json.loads(payload)
                except ValueError:
                    return count, ChainProblem(_where(row) + " payload", "valid JSON",
                                               payload[:80])
                entry = _entry_of(prev_hash, seq, event_id, session_id, kind, actor, at, payload)
                digest = sha256(entry).hexdigest()
                if digest != stored_hash:
                    return count, ChainProblem(_where(row) + " hash", digest, stored_hash)
                if mac is None:
                    if signed_seen and seq > through:
                        return count, ChainProblem(_label(row), "authenticator", "none",
                                                   "unsigned")
                    if not signed_seen and first_unsigned is None:
                        first_unsigned = row
                else:
                    if key is None or row_key_id != key.key_id:
                        return count, ChainProblem(_label(row),
                                                   f"key_id={key.key_id if key else '?'}",
                                                   f"key_id={row_key_id}", "wrong_key")
                    if not key.mac_ok(entry, mac):
                        return count, ChainProblem(_label(row), key.mac(entry), mac, "bad_mac")
                    if not signed_seen:
                        signed_seen = True
                        if first_unsigned is not None:
                            through = _marker_through(row)
                            if through < 1 or through >= seq:
                                return count, ChainProblem(_label(first_unsigned),
                                                           "authenticator", "none", "unsigned")
                            if through < seq - 1:
                                slipped_in = through + 1  # named once this read is closed
                                break
                walk.see(seq, kind, stored_hash, entry)
                if visit is not None:
                    visit(seq, event_id, session_id, kind, value)
                prev, expected_seq = stored_hash, expected_seq + 1
        if slipped_in:
            bad = self.event_at(slipped_in, check=False)
            return count, ChainProblem(f"event seq={bad.seq} id={bad.event_id} kind={bad.kind} "
                                       f"actor={bad.actor}", "authenticator", "none", "unsigned")
        if count and not signed_seen:
            return count, ChainProblem("events", "chain.signing_started",
                                       f"{count} unsigned events", "not_signing")
        return count, walk.against_checkpoint(signed_seen) or walk.against_tree()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._checkpoint is not None:
            self._checkpoint.close()


class _Walk:
    """What `verify_chain` remembers on its way for the checkpoint: the allowed-state digest
    at each seq and the hash at the checkpoint's seq."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.found: cp.Checkpoint | None = None
        self.problem: ChainProblem | None = None
        try:
            self.found = cp.read(store.head_path) if store.head_path else None
        except cp.Unreadable as exc:
            self.problem = ChainProblem(f"chain head file {store.head_path}", "signed checkpoint",
                                        f"unreadable ({exc})", "checkpoint_unreadable")
        self.state = cp.AllowedState()
        self.state_at_size = cp.AllowedState() if self.found and self.found.size == 0 else None
        self.hash_at_size: str | None = None
        self.newest = 0
        self.size = self.found.size if self.found is not None else -1  # no seq is -1
        self.tree = tlog_tree.TreeBuilder()

    def see(self, seq: int, kind: str, event_hash: str, entry: bytes) -> None:
        self.tree.add(leaf_hash(tlog_nodes.leaf_data(entry)))
        if kind in cp.STATE_KINDS:
            self.state = self.state.fold(kind, event_hash)
        self.newest = seq
        if seq == self.size:
            self.hash_at_size = event_hash
            self.state_at_size = self.state

    def against_tree(self) -> ChainProblem | None:
        """The stored Merkle tree must be the tree of the events just walked."""
        where = f"transparency log tree size={self.tree.size}"
        with self.store.tree() as stored:
            size = stored.size()
            if size != self.tree.size:
                return ChainProblem(where, f"{self.tree.size} leaves", f"{size} leaves", "tree")
            try:
                found = stored.root(size)
            except tlog_nodes.MissingNode as exc:
                return ChainProblem(where, "stored subtrees", f"missing ({exc})", "tree")
        expected = self.tree.root()
        if found != expected:
            return ChainProblem(where + " root", expected.hex(), found.hex(), "tree")
        return None

    def against_checkpoint(self, signed_store: bool) -> ChainProblem | None:
        if self.problem is not None:
            return self.problem
        head_path, found = self.store.head_path, self.found
        if head_path is None:
            return None
        return _checkpoint_problem(self.store, found, signed_store, self.newest, self.hash_at_size,
                                   lambda: self.state_at_size)


def _checkpoint_problem(store: EventStore, found: cp.Checkpoint | None, signed_store: bool,
                        newest: int, hash_at_size: str | None,
                        state: Callable[[], cp.AllowedState | ChainProblem | None]
                        ) -> ChainProblem | None:
    """The one check of a chain head file against the events: present and signed with our key,
    not ahead of the newest event, its hash where it says, its allowed state the same."""
    key = store.key
    where = f"chain head file {store.head_path}"
    if found is None:
        return (ChainProblem(where, "signed checkpoint", "missing", "checkpoint_missing")
                if signed_store else None)
    if not found.signed:
        if signed_store:
            return ChainProblem(where, "signed checkpoint", "unsigned head file",
                                "checkpoint_unsigned")
        return _legacy_head_problem(store, found, newest, hash_at_size)
    if key is None or found.key_id != key.key_id:
        return ChainProblem(where, f"key_id={key.key_id if key else '?'}",
                            f"key_id={found.key_id}", "wrong_key")
    if not found.signature_ok(key):
        return ChainProblem(where, "valid Ed25519 signature", "invalid signature",
                            "checkpoint_signature")
    if found.size > newest:
        return ChainProblem(where, f"seq={found.size} hash={found.head}",
                            f"newest event seq={newest} (events after it are missing)",
                            "history_cut")
    if found.size and hash_at_size != found.head:
        return ChainProblem(f"{where} seq={found.size}", found.head,
                            hash_at_size or "missing", "history_cut")
    folded = state()
    if isinstance(folded, ChainProblem):
        return folded
    if folded != found.state:
        return ChainProblem(f"{where} state", f"{found.state}", f"{folded}", "state")
    return None


def _legacy_head_problem(store: EventStore, found: cp.Checkpoint, newest: int,
                         hash_at_size: str | None) -> ChainProblem | None:
    """The unsigned head file of schema 1: a lower bound of the chain, checked as before."""
    where = f"chain head file {store.head_path}"
    if found.size > newest:
        return ChainProblem(where, f"seq={found.size} hash={found.head}",
                            f"newest event seq={newest} (events after it are missing)",
                            "history_cut")
    if found.size > 0 and hash_at_size != found.head:
        return ChainProblem(f"{where} seq={found.size}", found.head,
                            hash_at_size or "missing", "history_cut")
    return None


def _fill_tree(conn: sa.Connection, upto: int | None = None) -> None:
    """Give a store from before schema 3 (or one with rows INSERTed past the engine) the
    Merkle tree of its events, in order. The tree mirrors the table; whether a row is
    authentic is the authenticator's question, asked by every read and by `verify_chain`."""
    have = tlog_nodes.Reader(conn).size()
    newest = (conn.execute(sa.select(sa.func.max(events.c.seq))).scalar() or 0
              if upto is None else upto)
    while have < newest:
        rows = conn.execute(sa.select(events).where(events.c.seq > have)
                            .where(events.c.seq <= newest)
                            .order_by(events.c.seq).limit(5000)).all()
        if not rows:
            return
        tlog_nodes.append(conn, have, [_stored_entry(row) for row in rows])
        have = rows[-1].seq


def _hash_at(conn: sa.Connection, seq: int) -> str | None:
    row = conn.execute(sa.select(events.c.hash).where(events.c.seq == seq)).first()
    return row.hash if row else None


_STATE_QUERY = (sa.select(events).where(events.c.kind.in_(cp.STATE_KINDS))
                .where(events.c.seq > sa.bindparam("after_seq"))
                .where(events.c.seq <= sa.bindparam("upto_seq")).order_by(events.c.seq))


def _state_rows(conn: sa.Connection, after_seq: int, upto_seq: int) -> Any:
    """The allowed-state rows in (after_seq, upto_seq] (one compiled query, reused)."""
    return conn.execute(_STATE_QUERY, {"after_seq": after_seq, "upto_seq": upto_seq})


def _state_entries(conn: sa.Connection, key: SigningKey, after_seq: int, upto_seq: int
                   ) -> list[tuple[str, str]]:
    """(kind, hash) of the allowed-state events after a signed checkpoint: every one must
    carry a valid authenticator (rows before signing are all at or below the checkpoint)."""
    entries = []
    for row in _state_rows(conn, after_seq, upto_seq):
        entry = _stored_entry(row)
        if (hashlib.sha256(entry).hexdigest() != row.hash or row.key_id != key.key_id
                or not key.mac_ok(entry, row.mac)):
            raise EventNotAuthentic(row.seq, row.kind, row.actor)
        entries.append((row.kind, row.hash))
    return entries


# Every column, in the order `verify_chain` unpacks them.
_CHAIN_ROWS = sa.select(events.c.seq, events.c.event_id, events.c.session_id, events.c.kind,
                        events.c.actor, events.c.at, events.c.payload, events.c.prev_hash,
                        events.c.hash, events.c.mac, events.c.key_id).order_by(events.c.seq)


def _where(row: Any) -> str:
    return f"event seq={row.seq} id={row.event_id}"


def _label(row: Any) -> str:
    return f"{_where(row)} kind={row.kind} actor={row.actor}"


def _marker_through(row: Any) -> int:
    """`unsigned_through` of a `chain.signing_started` row; 0 for any other row."""
    if row.kind != Kind.SIGNING_STARTED.value:
        return 0
    try:
        return int(json.loads(row.payload).get("unsigned_through", 0))
    except (ValueError, TypeError, AttributeError):
        return 0


def _any_signed(conn: sa.Connection) -> bool:
    return conn.execute(
        sa.select(events.c.seq).where(events.c.mac.is_not(None)).limit(1)).first() is not None


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
