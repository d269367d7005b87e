"""Numbers that only their label identifies: licence, 住民票コード, insurance, bank account.

None of these has a public checksum we can rely on, so each is found by the words around
it — the label on its line or the header of its table column — plus its usual length:
運転免許証番号 12 digits (警察庁), 住民票コード 11 digits (住民基本台帳法 第7条13号),
被保険者番号 / 保険者番号 6–10 digits and 記号・番号 like 「新座92・13967」,
口座番号 7 digits (全銀協 format) after 普通/当座/口座番号.
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
        re.compile(r"(?<![\d\-])\d{7}(?![\d\-])"),
        ("口座番号", "普通", "当座", "(普)", "(当)", "口座"),
    ),
)


def find(doc: Document) -> Iterator[Candidate]:
    for number in NUMBERS:
        for m in number.pattern.finditer(doc.text):
            if has_any(context_of(doc, m.start()), number.context):
                yield Candidate(m.start(), m.end(), number.category,
                                f"{number.category}.context", score=3.0)
