"""Shared helpers for number rules: the context a value stands in, and its digits."""

from __future__ import annotations

import re

from ..document import Document

# Labels that name some *other* kind of number: a bare number under them is not ours.
OTHER_NUMBER_LABEL = re.compile(r"(?:番号|コード|No\.?|NO\.?|ID|採番|数量|単価|金額|件数|合計)\s*[:：]?\s*$")


def context_of(doc: Document, start: int) -> str:
    """The label before a value on its line plus its table column header."""
    return doc.label_before(start) + "\t" + doc.column_header(start)


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)
