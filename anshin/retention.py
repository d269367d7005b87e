"""`anshin retention`: which records have passed the retention period the policy sets for
their kind (公文書の保存期間). It lists, never deletes: what to do with a record whose period
has ended is the city's decision under its records rules, and the store is append-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from anshin.clock import japan_date
from anshin.index import SessionIndex
from anshin.policy import Policy
from anshin.records import record_paths


@dataclass(frozen=True)
class DueRecord:
    """One finished session's record and when its retention period ends."""

    session_id: str
    kind: str
    finished_on: dt.date
    years: int
    due_on: dt.date
    ipynb: Path


def record_kind(state: str, outcome: str | None, training: bool) -> str:
    """The policy's record kind of a finished session."""
    if training:
        return "training"
    return outcome if state == "decided" and outcome else "abandoned"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_records(index: SessionIndex, policy: Policy, archive_dir: Path,
                today: dt.date | None = None) -> list[DueRecord]:
    """Records whose period (counted from the day the session was decided or abandoned,
    Japan time) has ended by `today`, oldest first. Kinds without a period, or with 0
    (永年), are never due."""
    today = today or japan_date(dt.datetime.now(dt.UTC))
    index.catch_up()
    due = []
    for row in index.finished():
        kind = record_kind(row.state, row.outcome, bool(row.training))
        years = policy.retention_years.get(kind, 0)
        if not years:
            continue
        finished = japan_date(row.decided_at or row.updated_at)
        ends = _add_years(finished, years)
        if ends <= today:
            due.append(DueRecord(row.session_id, kind, finished, years, ends,
                                 record_paths(archive_dir, row.session_id,
                                              row.created_at).ipynb))
    return sorted(due, key=lambda d: (d.due_on, d.session_id))
