"""`anshin export`: one CSV row per session, for the Excel sheets city offices report with.

UTF-8 with a BOM so Excel opens the Japanese correctly. Every cell that could start a
formula (=, +, -, @, tab, CR, and their full-width forms) gets a leading apostrophe: the
purpose and names are typed by users and must never run as a formula in someone's Excel.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from typing import Any, TextIO

from anshin import records_texts as t
from anshin.clock import japan_time
from anshin.lifecycle import Kind
from anshin.session import SessionView, fold
from anshin.store import Event

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
BOM = "\ufeff"


def guard_cell(value: object) -> str:
    """The cell as text, defused if Excel would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def export_sessions_csv(app: Any, out: TextIO, bom: bool) -> int:
    """Write one row per session (oldest first) to `out`; return the number of rows.

    `app` is an `anshin.app.Anshin` (its store and policy are used). Pass `bom=True` when
    `out` does not add the BOM itself (stdout); a file opened with `utf-8-sig` does.
    """
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(t.CSV_COLUMNS)
    by_session: dict[str, list[Event]] = defaultdict(list)
    for ev in app.store.iter_all():
        if ev.session_id is not None:
            by_session[ev.session_id].append(ev)
    rows = 0
    for events in by_session.values():
        if events[0].kind != Kind.STARTED:
            continue
        writer.writerow([guard_cell(v) for v in session_row(fold(events), app.policy)])
        rows += 1
    return rows


def session_row(view: SessionView, policy: Any) -> list[object]:
    category = policy.category(view.category) if view.category else None
    d = view.decision
    return [
        view.session_id,
        japan_time(view.created_at),
        f"{view.author_name}（{view.author}）" if view.author_name else view.author,
        view.department,
        category.display if category else (view.category or ""),
        view.purpose or "",
        view.intended_use or "",
        t.STATE_LABELS.get(str(view.state), str(view.state)),
        view.blocked_attempts,
        len(view.input_findings),
        view.service_id or "",
        len(view.reviews),
        t.OUTCOME_LABELS.get(d.outcome, d.outcome) if d else "",
        (f"{d.decider_name}（{d.decider}）" if d.decider_name else d.decider) if d else "",
        japan_time(d.at) if d else "",
    ]
