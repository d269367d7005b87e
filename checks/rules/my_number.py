"""個人番号 (My Number): 12 digits whose last digit is a check digit.

Format and check digit: 行政手続における特定の個人を識別するための番号の利用等に関する法律
施行令 第8条 / 総務省令 (check digit = 11 - Σ P_n·Q_n mod 11, Q_n = n+1 for n ≤ 6,
n-5 for n ≥ 7, 0 when the remainder is ≤ 1). A number under a 個人番号/マイナンバー label is
one whatever its check digit (a mistyped number is still personal); a bare 12-digit number
is one only when its check digit is valid and no label says it is something else
(注文番号, 免許証番号 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate
from .context import context_of, digits, has_any, other_number

CATEGORY = "my_number"
PATTERN = re.compile(r"(?<![\d+\-.])\d{4}-?\d{4}-?\d{4}(?![\d\-])")
# 番号法 (the My Number Act) names the number by its law: 「番号法の番号：…」
CONTEXT = ("個人番号", "マイナンバー", "マイナ番号", "通知カード", "番号法")
OTHER_CONTEXT = ("免許", "住民票コード", "保険者", "口座", "電話", "TEL", "携帯", "連絡先", "法人番号")


def check_digit(eleven: str) -> int:
    """The check digit for the first 11 digits of a 個人番号."""
    total = 0
    for n in range(1, 12):
        p = int(eleven[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid(number: str) -> bool:
    d = digits(number)
    return len(d) == 12 and check_digit(d[:11]) == int(d[11])


def find(doc: Document) -> Iterator[Candidate]:
    for m in PATTERN.finditer(doc.text):
        context = context_of(doc, m.start())
        if has_any(context, CONTEXT):
            yield Candidate(m.start(), m.end(), CATEGORY, "my_number.context", score=3.0)
        elif is_valid(m.group()) and not has_any(context, OTHER_CONTEXT):
            if other_number(doc, m.start()):
                continue
            yield Candidate(m.start(), m.end(), CATEGORY, "my_number.check_digit", score=1.5)
