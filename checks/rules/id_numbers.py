"""Numbers that only their label identifies: licence, 住民票コード, insurance, bank account.

None of these has a public checksum we can rely on, so each is found by the words around
it — the label on its line or the header of its table column — plus its usual length:
運転免許証番号 12 digits (警察庁), 住民票コード 11 digits (住民基本台帳法 第7条13号),
被保険者番号 / 保険者番号 6–10 digits and 記号・番号 like 「新座92・13967」,
口座番号 7 digits (全銀協 format) after 普通/当座/口座番号, and ゆうちょ銀行's 記号-番号
(5 digits - 6 to 8 digits, e.g. 10180-12345671).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document
from ..findings import Candidate
from .context import context_of, has_any


@dataclass(frozen=True)
class LabelledNumber:
    category: str
    pattern: re.Pattern[str]
    context: tuple[str, ...]


NUMBERS: tuple[LabelledNumber, ...] = (
    LabelledNumber(
        "drivers_license",
        re.compile(r"(?<![\d\-])\d{4}-?\d{4}-?\d{4}(?![\d\-])"),
        ("免許証", "免許番号", "運転免許"),
    ),
    LabelledNumber(
        "resident_code",
        re.compile(r"(?<![\d\-])\d{4}-?\d{4}-?\d{3}(?![\d\-])"),
        ("住民票コード", "住民票コ-ド"),
    ),
    LabelledNumber(
        "health_insurance",
        re.compile(r"(?<![\d\-])(?:[^\s\d:,|\t()]{0,4}?\d{1,6}[・\-]\d{1,8}|\d{6,10})(?![\d\-])"),
        ("被保険者番号", "保険者番号", "記号・番号", "記号番号", "被保険者証", "保険証", "被保険者記号"),
    ),
    LabelledNumber(
        "bank_account",
        re.compile(r"(?<![\d\-])(?:1\d{4}-?\d{6,8}|\d{7})(?![\d\-])"),
        ("口座番号", "普通", "当座", "(普)", "(当)", "口座", "ゆうちょ", "記号番号"),
    ),
)


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for number in NUMBERS:
        for line_start, line_end in _lines_with_context(doc, number.context):
            for m in number.pattern.finditer(text, line_start, line_end):
                if has_any(context_of(doc, m.start()), number.context):
                    yield Candidate(m.start(), m.end(), number.category,
                                    f"{number.category}.context", score=3.0)


_WORD_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _lines_with_context(doc: Document, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the lines where a number can have one of `words` as its context: lines that
    contain a word (its label) and table rows whose header does. Other lines are not
    scanned at all, which keeps long texts without these labels cheap."""
    pattern = _WORD_PATTERNS.get(words)
    if pattern is None:
        pattern = re.compile("|".join(map(re.escape, words)))
        _WORD_PATTERNS[words] = pattern
    text = doc.text
    lines = {doc.line_index(m.start()) for m in pattern.finditer(text)}
    lines.update(index for index, (_delim, header) in doc._columns.items()
                 if any(has_any(cell, words) for cell in header))
    starts = doc.line_starts
    return [(starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(text))
            for i in sorted(lines)]
