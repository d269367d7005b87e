"""One clock for people: every time a person reads — on a page, in a record, a CSV or the
command's output — is Japan time with its zone written after it, formatted here and only here.

The store keeps UTC ISO timestamps (`anshin.store`), which machines compare and sort; a
reader must never have to guess which zone a time is in, nor see two zones on one screen.
"""

from __future__ import annotations

import datetime as dt

JST = dt.timezone(dt.timedelta(hours=9), "JST")
FORMAT = "%Y-%m-%d %H:%M"
ZONE_LABEL = "JST"


def japan_time(moment: str | dt.datetime | None) -> str:
    """`2026-12-01 18:30 JST` for a UTC (or any zone's) ISO timestamp or aware datetime;
    a plain date (`2026-11-01`) stays a date; "" for nothing. A time without a zone is
    taken as UTC, the only zone the store writes."""
    if not moment:
        return ""
    if isinstance(moment, str):
        if len(moment) == 10:  # YYYY-MM-DD: a day, not a moment
            return dt.date.fromisoformat(moment).isoformat()
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{moment.astimezone(JST).strftime(FORMAT)} {ZONE_LABEL}"


def japan_date(moment: str | dt.datetime) -> dt.date:
    """The calendar day in Japan of a timestamp (archive folders, daily counts)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(JST).date()
