"""The session index: one row per session, derived from the event chain, so oversight pages
(queues, dashboard, investigation, archive) answer from a table instead of replaying events.

It is a cache, not evidence: the events table stays append-only and is the only source;
this table is updated after every session event (an observer of `SessionService`), caught up
from the chain on read, and rebuilt from scratch by `anshin reindex`. Rows are upserted only
forwards (`last_seq`), so two kernels writing the same session cannot put an older state
over a newer one.

Text search: on SQLite an FTS5 table with the trigram tokenizer (Japanese has no spaces;
trigrams find any substring of three or more characters), kept as an external-content index
of `search_text`; shorter queries and PostgreSQL use LIKE (with a pg_trgm GIN index when the
extension can be created).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from anshin.clock import JST
from anshin.events import decode
from anshin.lifecycle import RECORD_KINDS, Kind, State
from anshin.session import SessionView, fold
from anshin.store import Event, EventStore, _row_to_event, events

log = logging.getLogger(__name__)

FTS_MIN_CHARS = 3
BATCH = 2000

index_metadata = sa.MetaData()
session_index = sa.Table(
    "session_index",
    index_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.Text, nullable=False, unique=True),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("author_name", sa.Text, nullable=False),
    sa.Column("department", sa.Text, nullable=False),
    sa.Column("category", sa.Text),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("service_id", sa.Text),
    sa.Column("training", sa.Boolean, nullable=False),
    sa.Column("month", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    sa.Column("requested_at", sa.Text),
    sa.Column("decided_at", sa.Text),
    sa.Column("created_ts", sa.Float, nullable=False),
    sa.Column("requested_ts", sa.Float),
    sa.Column("decided_ts", sa.Float),
    sa.Column("outcome", sa.Text),
    sa.Column("decider", sa.Text),
    sa.Column("blocked_count", sa.Integer, nullable=False),
    sa.Column("blocked_categories", sa.Text, nullable=False),   # ",phone,email,"
    sa.Column("input_categories", sa.Text, nullable=False),
    sa.Column("output_categories", sa.Text, nullable=False),
    sa.Column("review_count", sa.Integer, nullable=False),      # reviews that count (§7(1))
    sa.Column("reviewers", sa.Text, nullable=False),            # ",sato,tanaka,"
    sa.Column("purpose", sa.Text),
    sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("last_seq", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Index("ix_session_index_dept_state", "department", "state"),
    sa.Index("ix_session_index_state", "state"),
    sa.Index("ix_session_index_author", "author"),
    sa.Index("ix_session_index_created", "created_ts"),
    sa.Index("ix_session_index_last_seq", "last_seq"),
    # covering index for the dashboard's grouped counts: scanned instead of the wide rows
    sa.Index("ix_session_index_dashboard", "department", "state", "month", "category", "author",
             "author_name", "blocked_count", "blocked_categories", "requested_ts", "decided_ts",
             "outcome", "review_count"),
    sa.Index("ix_session_index_people", "department", "author", "author_name", "state",
             "blocked_count"),
)

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS session_fts USING fts5("
    "search_text, content='session_index', content_rowid='id', tokenize='trigram')"
)
_PG_TRGM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_session_index_trgm ON session_index "
    "USING gin (search_text gin_trgm_ops)",
)


@dataclass(frozen=True)
class SearchQuery:
    """Filters of the investigation search and the archive list; empty means any."""

    text: str = ""
    person: str = ""           # staff id or part of the name
    department: str = ""
    date_from: str = ""        # YYYY-MM-DD (JST), inclusive
    date_to: str = ""          # YYYY-MM-DD (JST), inclusive
    category: str = ""
    service_id: str = ""
    state: str = ""
    outcome: str = ""
    finding: str = ""          # a screening category found in input, blocked input or output
    published: bool | None = None   # declared published material (True), not (False), any
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class IndexRow:
    """One session as the index knows it (what lists and tables show)."""

    session_id: str
    author: str
    author_name: str
    department: str
    category: str | None
    state: str
    service_id: str | None
    created_at: str
    updated_at: str
    requested_at: str | None
    decided_at: str | None
    outcome: str | None
    blocked_count: int
    review_count: int
    reviewers: tuple[str, ...]
    findings: tuple[str, ...]
    purpose: str | None
    published: bool = False


def _cats(values: Iterable[str]) -> str:
    items = sorted(set(values))
    return f",{','.join(items)}," if items else ""


def _ts(iso: str | None) -> float | None:
    return dt.datetime.fromisoformat(iso).timestamp() if iso else None


def row_of(view: SessionView) -> dict[str, Any]:
    """The index row of a session view (pure: the same events always give the same row)."""
    requested_at = None
    blocked: list[str] = []
    last_seq = 0
    for ev in view.events:
        if ev.kind in RECORD_KINDS:
            continue
        last_seq = max(last_seq, ev.seq)
        if ev.kind == Kind.REVIEW_REQUESTED:
            requested_at = ev.at
        elif ev.kind == Kind.INPUT_CHECKED and (check := decode(ev)).blocked:
            blocked += check.blocked_categories
    decision = view.decision
    created = dt.datetime.fromisoformat(view.created_at).astimezone(JST)
    source = view.published_source.search_words() if view.published_source else ()
    search = "\n".join(x for x in (view.author_name, view.purpose, view.intended_use, view.reason,
                                   *source,
                                   *(x for turn in view.turns for x in (turn.text_sent, turn.output)),
                                   view.text_sent, view.blocked_text, view.output,
                                   *(r.comment for r in view.reviews),
                                   *(r.edited_text or "" for r in view.reviews),
                                   decision.reason if decision else None) if x)
    return {
        "session_id": view.session_id,
        "author": view.author,
        "author_name": view.author_name,
        "department": view.department,
        "category": view.category,
        "state": str(view.state),
        "service_id": view.service_id,
        "training": view.training,
        "month": f"{created.year:04d}-{created.month:02d}",
        "created_at": view.created_at,
        "updated_at": view.updated_at,
        "requested_at": requested_at,
        "decided_at": decision.at if decision else None,
        "created_ts": _ts(view.created_at),
        "requested_ts": _ts(requested_at),
        "decided_ts": _ts(decision.at) if decision else None,
        "outcome": decision.outcome if decision else None,
        "decider": decision.decider if decision else None,
        "blocked_count": view.blocked_attempts,
        "blocked_categories": _cats(blocked),
        "input_categories": _cats([f.category for turn in view.all_turns for f in turn.findings]
                                  + [f.category for f in view.input_findings] + blocked),
        "output_categories": _cats(f.category for turn in view.all_turns
                                   for f in turn.output_findings),
        "review_count": view.counted_reviews,
        "reviewers": _cats(r.reviewer for r in view.reviews),
        "purpose": view.purpose,
        "published": view.published_source is not None,
        "search_text": search,
        "last_seq": last_seq,
    }


def _to_row(r: Any) -> IndexRow:
    findings = {c for c in (r.input_categories + r.output_categories).split(",") if c}
    return IndexRow(
        r.session_id, r.author, r.author_name, r.department, r.category, r.state, r.service_id,
        r.created_at, r.updated_at, r.requested_at, r.decided_at, r.outcome, r.blocked_count,
        r.review_count, tuple(x for x in r.reviewers.split(",") if x), tuple(sorted(findings)),
        r.purpose, bool(r.published),
    )


def split_cats(value: str) -> list[str]:
    return [x for x in value.split(",") if x]


class SessionIndex:
    """Maintain and query the derived session table on the store's own database."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.engine = store.engine
        self.dialect = store.dialect
        self.trgm = False
        with self.engine.begin() as conn:
            index_metadata.create_all(conn)
            _add_missing_columns(conn)
            for index in session_index.indexes:   # indexes added after the table was made
                index.create(conn, checkfirst=True)
            if self.dialect == "sqlite":
                conn.exec_driver_sql(_SQLITE_FTS)
        if self.dialect == "postgresql":
            self.trgm = self._try_trgm()

    def _try_trgm(self) -> bool:
        try:
            with self.engine.begin() as conn:
                for statement in _PG_TRGM:
                    conn.exec_driver_sql(statement)
            return True
        except sa.exc.DBAPIError:
            log.info("pg_trgm not available; text search uses a plain LIKE scan")
            return False

    # -- maintaining -----------------------------------------------------------------------
    def update(self, view: SessionView) -> None:
        """Observer of SessionService: bring the session's row up to `view` (never back)."""
        self.upsert([row_of(view)])

    def upsert(self, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        with self.engine.begin() as conn:
            for row in rows:
                self._upsert_one(conn, row)

    def _upsert_one(self, conn: sa.Connection, row: dict[str, Any]) -> None:
        t = session_index
        old = conn.execute(sa.select(t.c.id, t.c.last_seq, t.c.search_text)
                           .where(t.c.session_id == row["session_id"])).first()
        if old is not None and old.last_seq > row["last_seq"]:
            return
        if old is None:
            new_id = conn.execute(t.insert().values(**row).returning(t.c.id)).scalar_one()
        else:
            conn.execute(t.update().where(t.c.id == old.id).values(**row))
            new_id = old.id
        if self.dialect == "sqlite":
            if old is not None:
                conn.exec_driver_sql(
                    "INSERT INTO session_fts(session_fts, rowid, search_text) VALUES('delete', ?, ?)",
                    (old.id, old.search_text))
            conn.exec_driver_sql("INSERT INTO session_fts(rowid, search_text) VALUES(?, ?)",
                                 (new_id, row["search_text"]))

    def indexed_seq(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(session_index.c.last_seq))).scalar() or 0)

    def catch_up(self, max_events: int = 20_000) -> int:
        """Index sessions with events newer than the newest indexed one (a kernel that died
        between its event and its index write). Returns the number of sessions refreshed."""
        after = self.indexed_seq()
        newer = self.store.read(after_seq=after, limit=max_events)
        touched = sorted({ev.session_id for ev in newer
                          if ev.session_id and ev.kind not in RECORD_KINDS})
        rows = []
        for session_id in touched:
            evs = self.store.read(session_id=session_id)
            if evs and evs[0].kind == Kind.STARTED:
                rows.append(row_of(fold(evs)))
        self.upsert(rows)
        return len(rows)

    def rebuild(self) -> int:
        """Empty the table and fold every session from the chain again (`anshin reindex`)."""
        count = 0
        with self.engine.begin() as conn:
            conn.execute(session_index.delete())
            batch: list[dict[str, Any]] = []
            for group in self._session_groups(conn):
                if group[0].kind != Kind.STARTED:
                    continue
                batch.append(row_of(fold(group)))
                if len(batch) >= BATCH:
                    conn.execute(session_index.insert(), batch)
                    count += len(batch)
                    batch = []
            if batch:
                conn.execute(session_index.insert(), batch)
                count += len(batch)
            if self.dialect == "sqlite":
                conn.exec_driver_sql("INSERT INTO session_fts(session_fts) VALUES('rebuild')")
        return count

    def _session_groups(self, conn: sa.Connection) -> Iterator[list[Event]]:
        """Each session's events in order, read on the rebuilding transaction itself (on
        SQLite every transaction takes the write lock, so a second connection would wait)."""
        query = (sa.select(events).where(events.c.session_id.is_not(None))
                 .order_by(events.c.session_id, events.c.seq))
        result = conn.execute(query.execution_options(yield_per=5000))
        group: list[Event] = []
        for r in result:
            if group and r.session_id != group[0].session_id:
                yield group
                group = []
            group.append(_row_to_event(r))
        if group:
            yield group

    # -- querying --------------------------------------------------------------------------
    def _where(self, q: SearchQuery, departments: Sequence[str] | None) -> list[Any]:
        t = session_index
        cond: list[Any] = []
        if departments is not None:
            cond.append(t.c.department.in_(list(departments)))
        if q.person.strip():
            p = q.person.strip()
            cond.append(sa.or_(t.c.author == p, t.c.author_name.contains(p, autoescape=True),
                               t.c.reviewers.contains(f",{p},", autoescape=True),
                               t.c.decider == p))
        if q.department:
            cond.append(t.c.department == q.department)
        if q.date_from:
            cond.append(t.c.created_ts >= _day_start(q.date_from))
        if q.date_to:
            cond.append(t.c.created_ts < _day_start(q.date_to) + 86_400)
        for column, value in ((t.c.category, q.category), (t.c.service_id, q.service_id),
                              (t.c.state, q.state), (t.c.outcome, q.outcome)):
            if value:
                cond.append(column == value)
        if q.published is not None:
            cond.append(t.c.published == q.published)
        if q.finding:
            tag = f",{q.finding},"
            cond.append(sa.or_(t.c.input_categories.contains(tag, autoescape=True),
                               t.c.output_categories.contains(tag, autoescape=True)))
        text = q.text.strip()
        if text:
            if self.dialect == "sqlite" and len(text) >= FTS_MIN_CHARS:
                phrase = '"' + text.replace('"', '""') + '"'
                cond.append(t.c.id.in_(sa.text("SELECT rowid FROM session_fts WHERE session_fts "
                                               "MATCH :phrase").bindparams(phrase=phrase)))
            else:
                cond.append(t.c.search_text.contains(text, autoescape=True))
        return cond

    def finished(self) -> list[Any]:
        """Every decided or abandoned session: id, state, outcome, training, created_at and
        updated_at (the retention list reads these)."""
        c = session_index.c
        query = (sa.select(c.session_id, c.state, c.outcome, c.training, c.created_at,
                           c.updated_at, c.decided_at)
                 .where(c.state.in_([State.DECIDED.value, State.ABANDONED.value]))
                 .order_by(c.created_ts))
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def search(self, q: SearchQuery, departments: Sequence[str] | None = None
               ) -> tuple[int, list[IndexRow]]:
        """(total matching, one page of rows newest first)."""
        cond = self._where(q, departments)
        t = session_index
        base = sa.select(t).where(*cond).order_by(t.c.created_ts.desc())
        with self.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(t).where(*cond)).scalar()
            rows = conn.execute(base.limit(q.limit).offset(q.offset)).all()
        return int(total or 0), [_to_row(r) for r in rows]

    def review_queue(self, person_id: str, departments: Sequence[str] | None,
                     limit: int = 200) -> list[IndexRow]:
        """Sessions in review the person has not signed and did not write, newest request
        first (the review page says 新しい順)."""
        t = session_index
        cond = [t.c.state == State.IN_REVIEW.value, t.c.author != person_id,
                sa.not_(t.c.reviewers.contains(f",{person_id},", autoescape=True))]
        if departments is not None:
            cond.append(t.c.department.in_(list(departments)))
        query = sa.select(t).where(*cond).order_by(t.c.requested_ts.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_to_row(r) for r in conn.execute(query)]

    def decision_queue(self, departments: Sequence[str] | None, min_reviews: int,
                       exclude_author: str, limit: int = 200) -> list[IndexRow]:
        t = session_index
        cond = [t.c.state == State.IN_REVIEW.value, t.c.review_count >= min_reviews,
                t.c.author != exclude_author]
        if departments is not None:
            cond.append(t.c.department.in_(list(departments)))
        query = sa.select(t).where(*cond).order_by(t.c.requested_ts.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [_to_row(r) for r in conn.execute(query)]

    def departments(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(
                sa.select(session_index.c.department).distinct().order_by(session_index.c.department))]

    def aggregates(self, departments: Sequence[str] | None, now: float,
                   age_limits_days: Sequence[float]) -> dict[str, Any]:
        """The raw numbers of the dashboard (§5), in a handful of grouped queries; pending
        reviews are counted per age bucket (younger than each limit, then the rest)."""
        t = session_index
        scope = [t.c.department.in_(list(departments))] if departments is not None else []
        with self.engine.connect() as conn:
            per_month = conn.execute(
                sa.select(t.c.month, t.c.category, sa.func.count())
                .where(*scope).group_by(t.c.month, t.c.category).order_by(t.c.month)).all()
            blocked = conn.execute(
                sa.select(t.c.blocked_categories, t.c.blocked_count)
                .where(*scope, t.c.blocked_count > 0)).all()
            bounds = [now - days * 86_400 for days in age_limits_days]
            buckets = [sa.func.sum(sa.case((t.c.requested_ts > bounds[0], 1), else_=0))]
            buckets += [sa.func.sum(sa.case(((t.c.requested_ts <= newer) & (t.c.requested_ts > older),
                                             1), else_=0))
                        for newer, older in itertools.pairwise(bounds)]
            buckets.append(sa.func.sum(sa.case((t.c.requested_ts <= bounds[-1], 1), else_=0)))
            pending = conn.execute(
                sa.select(sa.func.count(), sa.func.min(t.c.requested_ts), *buckets)
                .where(*scope, t.c.state == State.IN_REVIEW.value)).one()
            decided_scope = [*scope, t.c.state == State.DECIDED.value, t.c.requested_ts.is_not(None)]
            outcomes = conn.execute(sa.select(t.c.outcome, sa.func.count()).where(*decided_scope)
                                    .group_by(t.c.outcome)).all()
            span = t.c.decided_ts - t.c.requested_ts
            n = sum(int(c) for _, c in outcomes)
            middle = [conn.execute(sa.select(span).where(*decided_scope).order_by(span)
                                   .limit(1).offset(k)).scalar() for k in {(n - 1) // 2, n // 2}
                      ] if n else []
            per_person = conn.execute(
                sa.select(t.c.author, t.c.author_name, t.c.department, sa.func.count(),
                          sa.func.sum(t.c.blocked_count),
                          sa.func.sum(sa.case((t.c.state == State.DECIDED.value, 1), else_=0)))
                .where(*scope).group_by(t.c.department, t.c.author, t.c.author_name)).all()
            states = conn.execute(sa.select(t.c.state, sa.func.count()).where(*scope)
                                  .group_by(t.c.state)).all()
        return {"per_month": per_month, "blocked": blocked, "pending": pending,
                "outcomes": outcomes, "median_span_s": sum(middle) / len(middle) if middle else None,
                "per_person": sorted(per_person, key=lambda r: -r[3]), "states": states}


def _add_missing_columns(conn: sa.Connection) -> None:
    """Columns added after a database's table was made, with their server default (so a
    column added later must have one). A session older than a column has no event that
    would set it; `anshin reindex` recomputes every row anyway."""
    present = {c["name"] for c in sa.inspect(conn).get_columns(session_index.name)}
    for column in session_index.columns:
        if column.name in present:
            continue
        kind = column.type.compile(dialect=conn.dialect)
        default = column.server_default.arg.compile(dialect=conn.dialect)  # type: ignore[union-attr]
        conn.exec_driver_sql(f"ALTER TABLE {session_index.name} ADD COLUMN {column.name} "
                             f"{kind} NOT NULL DEFAULT {default}")


def _day_start(day: str) -> float:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, tzinfo=JST).timestamp()
