"""Dates of birth: a date in any common Japanese form, next to a birth cue.

Any date alone is not personal (受付日, 納品日, 施行日); it is a birth date when its label or
column says 生年月日/誕生日, or it is followed by 生/生まれ or an age 「（46歳）」.
Era forms: 令和/平成/昭和/大正/明治 and their initials R/H/S/T/M, 元年 included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate
from .context import context_of, has_any

ERA_YEAR = r"(?:明治|大正|昭和|平成|令和|[MTSHR]) ?(?:\d{1,2}|元)"
# 昭和28年2月11日, 1953(昭和28)年2月11日, 1953年(昭和28年)2月11日, 昭和28年(1953年)2月11日
DATE = re.compile(
    r"(?:" + ERA_YEAR + r"(?:年|[./\-])(?: ?\((?:1[89]|20)\d{2}年?\))?"
    r"|(?:1[89]|20)\d{2}(?:\(" + ERA_YEAR + r"\))?(?:年|[./\-])(?: ?\(" + ERA_YEAR + r"年?\))?)"
    r" ?\d{1,2}(?:月|[./\-]) ?\d{1,2}日?(?![\d])"
)
CONTEXT = ("生年月日", "誕生日", "生まれ", "出生日", "生年")
AFTER = re.compile(r"\s*(?:生(?![活産徒])|\(\d{1,3}歳\)|\d{1,3}歳)")
# Eligibility ranges in notices (「平成9年4月2日生まれから平成20年4月1日生まれの女性」,
# 「昭和36年4月2日生以降の方」) describe a group, not a person's birth date.
RANGE_AFTER = re.compile(r"\s*生(?:まれ)?(?:の方)?(?:から|まで|以降|以前|以後|～|~|-)")
RANGE_BEFORE = re.compile(r"(?:生(?:まれ)?(?:の方)?|日)\s*(?:から|～|~|-)\s*$")
# 「平成16年4月2日以降に生まれた方」「昭和25年4月1日以前に生まれた方」: a bound, not a birthday.
BOUND_AFTER = re.compile(r"\s*(?:以降|以前|以後|から|より|まで|までの間)(?:に|の間に)?\s*(?:生まれ|出生)")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in DATE.finditer(text):
        if (RANGE_AFTER.match(text, m.end()) or BOUND_AFTER.match(text, m.end())
                or RANGE_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            continue
        if has_any(context_of(doc, m.start()), CONTEXT) or AFTER.match(doc.text, m.end()):
            yield Candidate(m.start(), m.end(), "birth_date", "birth_date.context", score=3.0)
