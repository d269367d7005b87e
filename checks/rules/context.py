"""Shared helpers for number rules: the context a value stands in, and its digits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..document import Document

# Labels that name some *other* kind of number: a bare number under them is not ours.
OTHER_NUMBER_LABEL = re.compile(r"(?:番号|コード|No\.?|NO\.?|ID|採番|数量|単価|金額|件数|合計)\s*[:：]?\s*$")


# Column headers of tables that list some other kind of number (受注番号, JANコード …).
OTHER_NUMBER_HEADER = re.compile(
    r"(?:注文|受注|発注|伝票|管理|受付|整理|製品|商品|品|型|シリアル|JAN|請求|契約|案件|文書|会員|予約|車両|法人"
    r"|資産|物品|図書|ISBN|口座振替)(?:番号|コード|No)|JAN|ISBN|品番|型番|SKU"
)


def context_of(doc: Document, start: int) -> str:
    """The label before a value (on its line, or the line above when the value starts a line)
    plus its table column header."""
    return doc.label_before(start) + "\t" + doc.column_header(start)


def other_number(doc: Document, start: int) -> bool:
    """True when the label or column of a value says it is some other kind of number."""
    return bool(OTHER_NUMBER_LABEL.search(doc.label_before(start))
                or OTHER_NUMBER_HEADER.search(doc.column_header(start)))


def has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def header_has_any(header: Sequence[str], words: tuple[str, ...]) -> bool:
    """True when a cell of a table's header holds one of `words`. Every row of a table asks
    the same of the same header, so the answer is worked out once per distinct header."""
    return _header_has_any(tuple(header), words)


@lru_cache(maxsize=4096)
def _header_has_any(header: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return any(has_any(cell, words) for cell in header)


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


# 「年金番号わかりますか」⏎「事前連絡で 4214030052 と聞いてます」: in a conversation the kind of a
# value can be named by the question it answers, on the line before.
QUESTION_END = re.compile(r"(?:[?？]|か|ますか|ですか|は)[ 　]*$")
QUESTION_WINDOW = 80


def question_above(doc: Document, start: int) -> str:
    """The line above the value's line when it asks a question (bounded), else ""."""
    index = doc.line_index(start)
    if index == 0:
        return ""
    above_start = doc.line_starts[index - 1]
    above_end = doc.line_starts[index] - 1
    above = doc.text[max(above_start, above_end - QUESTION_WINDOW):above_end]
    return above if QUESTION_END.search(above) else ""
