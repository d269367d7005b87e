"""The source of a text its author declares to be published material (issue 12, §4(4)):
the typed declaration every reader decodes the same way, and the pure readings of its URL
and 発行日 that `SessionService.declare_published_source` validates with.

A declared text is screened with `checks.screen(..., published=True)`: officials acting in
office, public offices' contacts and facility addresses are `warn` at most, identifiers,
markings and private persons stay `block`. Naming the source is what makes that auditable.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

JST = dt.timezone(dt.timedelta(hours=9), "JST")
TITLE_LIMIT = 300
ISSUER_LIMIT = 200
URL_LIMIT = 2_000
DATE_LIMIT = 40
WEB_SCHEMES = ("http", "https")

# Japanese eras a publication date may be written in: name → (first day, day after the last).
ERAS: dict[str, tuple[dt.date, dt.date]] = {
    "令和": (dt.date(2019, 5, 1), dt.date.max),
    "平成": (dt.date(1989, 1, 8), dt.date(2019, 5, 1)),
    "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 8)),
}
_WESTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ERA = re.compile(rf"({'|'.join(ERAS)})\s*(\d{{1,2}}|元)\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")


@dataclass(frozen=True)
class PublishedSource:
    """Where the declared text was published. `issued_on` is an ISO date (YYYY-MM-DD)."""

    title: str
    issuer: str | None = None
    url: str | None = None
    issued_on: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {"title": self.title, "issuer": self.issuer, "url": self.url,
                "issued_on": self.issued_on}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> PublishedSource:
        """The one decoder of an `input.source_declared` event's payload."""
        return cls(str(payload["title"]), payload.get("issuer") or None,
                   payload.get("url") or None, payload.get("issued_on") or None)

    def search_words(self) -> tuple[str, ...]:
        """What the Director's full-text search finds the declaration by."""
        return tuple(x for x in (self.title, self.issuer, self.url) if x)


def web_address(value: str) -> str | None:
    """`value` if it is an http(s) address with a host and nothing hidden in it, else None.

    No spaces or control characters, no user name or password before the host (a URL is
    shown to reviewers as text and must not smuggle a credential into the record)."""
    url = value.strip()
    if not url or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port   # `.port` raises ValueError when malformed
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host or "@" in parts.netloc:
        return None
    return url


def read_date(value: str) -> dt.date | None:
    """A date written as 2025-04-01, 2025/4/1, 2025年4月1日 or 令和7年4月1日 (元年 too),
    in any width; None unless the whole value is one date that exists (in its era)."""
    text = unicodedata.normalize("NFKC", value).strip()
    western = _WESTERN.fullmatch(text)
    if western:
        year, month, day = (int(x) for x in western.groups())
        return _date(year, month, day)
    era = _ERA.fullmatch(text)
    if era is None:
        return None
    name, number, month, day = era.groups()
    first, after = ERAS[name]
    year = first.year + (1 if number == "元" else int(number)) - 1
    date = _date(year, int(month), int(day))
    return date if date is not None and first <= date < after else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def today_in_japan() -> dt.date:
    """The calendar day in Japan, against which 'not in the future' is judged."""
    return dt.datetime.now(JST).date()
