"""Oversight with its role rules (§3, §5, §7, §8): review and decision queues, the usage
dashboard, the Director's investigation search, the auditors' archive, registry changes and
suspension. Pages only choose what to show; every function here checks the person's role
again and raises `Forbidden` with a Japanese message, so a crafted widget message or a
direct call gets no data and changes nothing. Under JupyterHub each runs in the engine
service (`remotable`), which holds the store; the page's side only forwards the call.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anshin import oversight_texts as t
from anshin.identity import Person
from anshin.index import IndexRow, SearchQuery, split_cats
from anshin.lifecycle import State
from anshin.records import RecordPaths, record_paths
from anshin.services import Service
from anshin.session import FIELD_LIMIT, Forbidden, SessionView, ValidationError, clean_text
from anshin.suspension import SuspensionStatus, resume_use, suspend_use
from anshin.verify import VerifyReport, verify_all

if TYPE_CHECKING:
    from anshin.app import Anshin

SEARCH_TEXT_LIMIT = 200
AGE_LIMITS_DAYS = (1, 3, 7)
AGE_LABELS = ("1日未満", "1〜3日", "3〜7日", "7日以上")


def remotable(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Under JupyterHub the page's `app` is a client of the engine service (`app.remote`):
    the function runs there, with the role of the token's owner, not here."""
    @functools.wraps(fn)
    def run(app: Anshin, person: Person | None, *args: Any, **kwargs: Any) -> Any:
        remote = getattr(app, "remote", None)
        if remote is not None:
            return remote.call(f"oversight.{fn.__name__}", *args, as_user=person, **kwargs)
        return fn(app, person, *args, **kwargs)
    return run


def _require(app: Anshin, person: Person | None, message: str, *actions: str) -> Person:
    """`person`, if the policy's actions → roles table lets their role do one of `actions`."""
    if person is None:
        raise Forbidden(t.NO_IDENTITY)
    if not any(app.policy.may(person.role, a) for a in actions):
        roles = dict.fromkeys(r for a in actions for r in app.policy.roles_for(a))
        raise Forbidden(message.format(role=person.role_label, roles=app.wording.roles(roles)))
    return person


def _scope(app: Anshin, person: Person) -> list[str] | None:
    """Departments a person oversees: all (None) for who may oversee all, else their own."""
    return None if app.policy.may(person.role, "oversee_all") else [person.department]


# -- review and decision (§7) ----------------------------------------------------------------
@remotable
def review_queue(app: Anshin, person: Person) -> list[IndexRow]:
    """Sessions awaiting review in the person's department (the Director: all) that they
    neither wrote nor signed, newest request first."""
    _require(app, person, t.REVIEW_QUEUE_FORBIDDEN, "review")
    app.index.catch_up()
    return app.index.review_queue(person.id, _scope(app, person))


@remotable
def decision_queue(app: Anshin, person: Person) -> list[IndexRow]:
    """Sessions with enough reviews for the person to decide (§7(3))."""
    if not app.policy.may(person.role, "decide"):
        return []
    scope = _scope(app, person) if app.policy.decision_same_department else None
    return app.index.decision_queue(scope, app.policy.min_reviewers, person.id)


@remotable
def open_for_review(app: Anshin, person: Person, session_id: str) -> SessionView:
    """A session a reviewer or decider may read: in their department (the Director: any)."""
    _require(app, person, t.REVIEW_QUEUE_FORBIDDEN, "review", "decide")
    view = app.sessions.get(session_id)
    if _scope(app, person) is not None and view.department != person.department:
        raise Forbidden(t.REVIEW_OTHER_DEPARTMENT)
    return view


# -- dashboard (§5) ----------------------------------------------------------------------------
@dataclass
class Dashboard:
    """What a head (own department) or the Director (all) sees of usage."""

    scope: str
    total: int
    states: dict[str, int]
    per_month: dict[str, dict[str, int]]           # month → category → sessions
    blocked_by_category: dict[str, int]            # screening category → sessions stopped
    blocked_attempts: int
    pending: int
    pending_ages: dict[str, int]                   # age bucket label → sessions
    oldest_pending_days: float | None
    median_decision_hours: float | None
    decided: int
    outcomes: dict[str, int]
    per_person: list[tuple[str, str, str, int, int, int]] = field(default_factory=list)


@remotable
def dashboard(app: Anshin, person: Person, department: str | None = None,
              now: float | None = None) -> Dashboard:
    """§5: heads grasp their department's usage; the Director all, or one department."""
    _require(app, person, t.DASHBOARD_FORBIDDEN, "view_usage")
    if _scope(app, person) is not None:
        if department and department != person.department:
            raise Forbidden(t.DASHBOARD_OTHER_DEPARTMENT.format(own=person.department))
        department = person.department
    scope = [department] if department else None
    app.index.catch_up()
    now = time.time() if now is None else now
    raw = app.index.aggregates(scope, now, AGE_LIMITS_DAYS)
    per_month: dict[str, dict[str, int]] = defaultdict(dict)
    for month, category, count in raw["per_month"]:
        per_month[month][category or "-"] = int(count)
    blocked: Counter[str] = Counter()
    attempts = 0
    for cats, count in raw["blocked"]:
        attempts += int(count)
        blocked.update(split_cats(cats))
    pending, oldest, *counts = raw["pending"]
    buckets = {label: int(c or 0) for label, c in zip(AGE_LABELS, counts, strict=True)}
    median_s = raw["median_span_s"]
    states = {str(s): int(c) for s, c in raw["states"]}
    return Dashboard(
        scope=department or t.ALL_CITY,
        total=sum(states.values()),
        states=states,
        per_month=dict(per_month),
        blocked_by_category=dict(blocked.most_common()),
        blocked_attempts=attempts,
        pending=int(pending),
        pending_ages=buckets,
        oldest_pending_days=(now - oldest) / 86_400 if oldest is not None else None,
        median_decision_hours=median_s / 3600 if median_s is not None else None,
        decided=states.get(State.DECIDED.value, 0),
        outcomes={str(o): int(c) for o, c in raw["outcomes"] if o},
        per_person=[(a, n, d, int(c), int(b or 0), int(x or 0))
                    for a, n, d, c, b, x in raw["per_person"]],
    )


def dashboard_csv(board: Dashboard, category_labels: Mapping[str, str],
                  finding_labels: Mapping[str, str]) -> str:
    """The dashboard as one CSV text (sections one after another) for Excel; the caller
    adds the BOM. Names are typed data, so every cell goes through the formula guard."""
    from anshin.export import guard_cell

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")

    def row(values: list[Any]) -> None:
        w.writerow([guard_cell(v) for v in values])

    row([t.CSV_TITLE_SUMMARY])
    values = [board.scope, board.total, board.pending,
              "" if board.oldest_pending_days is None else f"{board.oldest_pending_days:.1f}",
              "" if board.median_decision_hours is None else f"{board.median_decision_hours:.1f}"]
    for label, value in zip(t.CSV_SUMMARY_ROWS, values, strict=True):
        row([label, value])
    row([])
    row([t.CSV_TITLE_MONTH])
    row(t.CSV_COLUMNS_MONTH)
    for month, cats in sorted(board.per_month.items()):
        for cat, count in sorted(cats.items()):
            row([month, category_labels.get(cat, cat), count])
    row([])
    row([t.CSV_TITLE_BLOCKED])
    row(t.CSV_COLUMNS_BLOCKED)
    for cat, count in board.blocked_by_category.items():
        row([finding_labels.get(cat, cat), count])
    row([])
    row([t.CSV_TITLE_PERSON])
    row(t.CSV_COLUMNS_PERSON)
    for person_row in board.per_person:
        row(list(person_row))
    return out.getvalue()


# -- investigation (§5, Director) and archive (auditors) ----------------------------------------
def _checked_query(q: SearchQuery) -> SearchQuery:
    if len(q.text) > SEARCH_TEXT_LIMIT:
        raise ValidationError(t.SEARCH_TEXT_TOO_LONG.format(limit=SEARCH_TEXT_LIMIT))
    for value in (q.date_from, q.date_to):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise ValidationError(t.DATE_INVALID.format(value=value)) from exc
    if q.published is not None and not isinstance(q.published, bool):
        raise ValidationError(t.PUBLISHED_FILTER_INVALID)
    return q


@remotable
def investigate(app: Anshin, person: Person, q: SearchQuery) -> tuple[int, list[IndexRow]]:
    """§5: the Director searches every session's usage history."""
    _require(app, person, t.SEARCH_FORBIDDEN, "investigate")
    app.index.catch_up()
    return app.index.search(_checked_query(q))


@remotable
def archive_list(app: Anshin, person: Person, q: SearchQuery) -> tuple[int, list[IndexRow]]:
    """Auditors and the Director browse the records."""
    _require(app, person, t.ARCHIVE_FORBIDDEN, "audit")
    app.index.catch_up()
    return app.index.search(_checked_query(q))


@remotable
def open_record(app: Anshin, person: Person, session_id: str) -> tuple[SessionView, RecordPaths]:
    """One session and where its record files are, for auditors and the Director."""
    _require(app, person, t.ARCHIVE_FORBIDDEN, "audit")
    view = app.sessions.get(session_id)
    return view, record_paths(app.settings.archive_dir, view.session_id, view.created_at)


@remotable
def verify_archive(app: Anshin, person: Person) -> VerifyReport:
    """`anshin verify` for auditors and the Director: the chain and every record file."""
    _require(app, person, t.ARCHIVE_FORBIDDEN, "audit")
    return verify_all(app.store, app.settings.archive_dir)


# -- registry (§3) and suspension (§8), Director only ----------------------------------------
@remotable
def services(app: Anshin, person: Person) -> list[Service]:
    _require(app, person, t.REGISTRY_FORBIDDEN, "approve_services")
    return sorted(app.registry.all().values(), key=lambda s: s.id)


@remotable
def register_service(app: Anshin, person: Person, entry: Mapping[str, Any],
                     replace: bool = False) -> Service:
    """Register a service; an existing id is replaced only when `replace` says so."""
    _require(app, person, t.REGISTRY_FORBIDDEN, "approve_services")
    return app.registry.register(person.id, entry, replace=bool(replace))


@remotable
def approve_service(app: Anshin, person: Person, service_id: str, no_training_basis: str) -> None:
    _require(app, person, t.REGISTRY_FORBIDDEN, "approve_services")
    basis = clean_text("学習に利用されない根拠", no_training_basis, FIELD_LIMIT)
    app.registry.approve(person.id, person.name, service_id, basis)


@remotable
def withdraw_service(app: Anshin, person: Person, service_id: str, reason: str = "") -> None:
    _require(app, person, t.REGISTRY_FORBIDDEN, "approve_services")
    reason = clean_text("理由", reason, FIELD_LIMIT, required=False)
    app.registry.withdraw(person.id, service_id, reason)


@remotable
def suspend(app: Anshin, person: Person, notice: str) -> SuspensionStatus:
    """§8: stop every call city-wide, with the notice every page shows."""
    _require(app, person, t.SUSPEND_FORBIDDEN, "suspend")
    if not isinstance(notice, str) or not notice.strip():
        raise ValidationError(t.NOTICE_REQUIRED)
    notice = clean_text("お知らせ", notice, FIELD_LIMIT)
    return suspend_use(app.store, person, notice)


@remotable
def resume(app: Anshin, person: Person) -> SuspensionStatus:
    _require(app, person, t.SUSPEND_FORBIDDEN, "suspend")
    return resume_use(app.store, person)
