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
from .context import context_of, has_any, question_above

ERA_YEAR = r"(?:明治|大正|昭和|平成|令和|[明大昭平令](?=\d)|[MTSHR]) ?(?:\d{1,2}|元)"
# 昭和28年2月11日, 1953(昭和28)年2月11日, 1953年(昭和28年)2月11日, 昭和28年(1953年)2月11日
DATE = re.compile(
    r"(?:" + ERA_YEAR + r"(?:年|[./\-])(?: ?\((?:1[89]|20)\d{2}年?\))?"
    r"|(?:1[89]|20)\d{2}(?:\(" + ERA_YEAR + r"\))?(?:年|[./\-])(?: ?\(" + ERA_YEAR + r"年?\))?)"
    r" ?\d{1,2}(?:月|[./\-]) ?\d{1,2}日?(?![\d])"
)
CONTEXT = ("生年月日", "誕生日", "生まれ", "出生日", "生年", "dob", "DOB", "birth", "Birth", "BIRTH")
# 19970611 after dob=: a date written without separators, only under a birth label.
COMPACT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                     r"(?!\d)")
# What may stand between a name and its birth date: 「小林 ヨシエ（昭15.12.29）」,
# 「坂本　浩二 昭和23年3月21日」,
# 「米山 トク,1935-02-18」「岩佐　ちなつ</td><td>1979/10/02」, or a line break after a name alone.
# (a list item's bullet under the name counts as the gap too: 「〇 髙橋 健一⏎ - 一九九四年八月五日」)
NAME_TO_DATE = re.compile(r"(?:[ \t,]|(?<=\n)[ ]*[\-・][ ]|\)?[(（]"
                          r"|(?:様|さま|さん|くん|ちゃん|君|氏|殿)[(（]|</td>\s*<td>|\n)*$")
# 本人（S33.6.6）, 妻（S30.1.20）: a relation word with a date in brackets is a member of the household.
RELATION_DATE = re.compile(r"(?:本人|妻|夫|長男|長女|次男|次女|三男|三女|父|母|実父|実母|義父|義母|祖父|祖母"
                           r"|子|孫)[(（]$")
# A date after a name is some other date when its label says so (受付日 2025/4/1).
OTHER_DATE = re.compile(r"受付|申請日|届出日|来庁|提出|交付|発行|更新|有効|期限|予定|実施|日時|死亡|転入|転出"
                        r"|入所|退所")
AFTER = re.compile(r"\s*(?:生(?![活産徒])|\(\d{1,3}歳\)|\d{1,3}歳)")
# Eligibility ranges in notices (「平成9年4月2日生まれから平成20年4月1日生まれの女性」,
# 「昭和36年4月2日生以降の方」) describe a group, not a person's birth date.
RANGE_AFTER = re.compile(r"\s*生(?:まれ)?(?:の方)?(?:から|まで|以降|以前|以後|～|~|-)")
RANGE_BEFORE = re.compile(r"(?:生(?:まれ)?(?:の方)?|日)\s*(?:から|～|~|-)\s*$")
# 「平成16年4月2日以降に生まれた方」「昭和25年4月1日以前に生まれた方」: a bound, not a birthday.
# 「令和3年8月28日現在で」: the day an age is counted at.
BOUND_AFTER = re.compile(r"\s*(?:(?:以降|以前|以後|から|より|まで|までの間)(?:に|の間に)?\s*(?:生まれ|出生)"
                         r"|現在)")


# 「生年月日 2007/04/02～2008/04/01」: two dates joined are a range of birth dates (who is
# eligible, who is extracted), no one's. After a name, 「2025/11/09 12:35」 is a message's stamp.
DATE_TO_DATE = re.compile(r"[ ]?(?:～|~|〜|から|-[ ]?(?=\d{4}))[ ]?(?=" + DATE.pattern + ")")
TIME_AFTER = re.compile(r"[ T]+\d{1,2}:\d{2}")


def _is_range(text: str, m: re.Match[str]) -> bool:
    return bool(RANGE_AFTER.match(text, m.end()) or BOUND_AFTER.match(text, m.end())
                or RANGE_BEFORE.search(text, max(0, m.start() - 8), m.start())
                or DATE_TO_DATE.match(text, m.end()) or _range_end(text, m))


def _range_end(text: str, m: re.Match[str]) -> bool:
    """The second date of 「A～B」."""
    before = text[max(0, m.start() - 2):m.start()].rstrip(" ")
    if not before.endswith(("～", "~", "〜")):
        return False
    head = text[max(0, m.start() - 24):m.start()]
    return DATE.search(head) is not None


# 「新座さんは昭和18年生まれの83歳」「私は…石神トシと申します。昭和十五年生まれで」: the year a
# named person was born, said in a sentence (kanji numerals are digits by now).
# (明治 and 大正 years, and anything before 1920, are a historical figure's: 松永安左エ門（明治8年生まれ）.)
YEAR_BORN = re.compile(r"(?:(?:昭和|平成|令和)(?:\d{1,2}|元)|(?:19[2-9]|20[0-2])\d)年"
                       r"(?=[ ]?(?:生まれ|生(?![活産徒])))")
YEAR_NAME_WINDOW = 40


def after_names(doc: Document, names: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Dates standing right after a person's name (in brackets, in the next cell, on the next
    line): in a list of people, the date beside each name is when they were born."""
    if not names:
        return
    text = doc.text
    ends = {e for _s, e in names}
    for m in YEAR_BORN.finditer(text):
        if _is_range(text, m) or DATE.match(text, m.start()):
            continue
        if any(m.start() - YEAR_NAME_WINDOW <= e <= m.start() for e in ends):
            yield Candidate(m.start(), m.end(), "birth_date", "birth_date.year_of_named", score=2.4)
    for m in DATE.finditer(text):
        gap = NAME_TO_DATE.search(text, max(0, m.start() - 24), m.start())
        if gap is None or gap.start() not in ends or gap.group().count("\n") > 1:
            continue
        if _is_range(text, m) or OTHER_DATE.search(context_of(doc, m.start())) or TIME_AFTER.match(
                text, m.end()):
            continue  # 「德永美穂 2025/11/09 12:35」: a chat message's stamp after its writer
        if _other_date_column(doc.column_header(m.start())):
            continue  # | 久保 瑞穂 | R6.9.26 | under 変更日: the column names the date
        yield Candidate(m.start(), m.end(), "birth_date", "birth_date.after_name", score=2.6)


# 「…までに生まれた方 → 令和7年9月1日から」: 生まれ in a clause before the date describes a group;
# as a label (お生まれ：, 生まれたとき：) it names the value.
CLAUSE_BORN = re.compile(r"生まれ(?:た(?!とき|日)|[のるてし])")


# 「生：S52.9.20」「生 1941.11.22」「- 生 平成4年9月24日」: 生 standing alone as the label
BARE_BORN = re.compile(r"(?:^|[\s/・\-|])生[ ]?[:：]?[ ]?$")


def _birth_context(doc: Document, pos: int) -> bool:
    label = doc.label_before(pos)
    if BARE_BORN.search(label):
        return True
    if CLAUSE_BORN.search(label):
        label = CLAUSE_BORN.sub("", label)
    return has_any(label + "\t" + doc.column_header(pos), CONTEXT)


def _other_date_column(header: str) -> bool:
    """A column headed by a date word (…日, …日付, …年月日) that is not the birth date's."""
    header = header.strip(" \"'")
    return (header.endswith(("日", "日付", "日時")) and not has_any(header, CONTEXT)
            and not re.search(r"\d", header))  # (a first row of data read as the header is none)


def _under_birth_header(doc: Document) -> Iterator[Candidate]:
    """Dates in the rows of a fixed-width table whose header names the birth date column."""
    text = doc.text
    for pos, end in doc.rows_under_header(("生年月日", "誕生日")):
        for m in DATE.finditer(text, pos, end):
            if doc.in_table(m.start()) and not has_any(doc.column_header(m.start()), CONTEXT):
                continue  # a table the rules read by column: only the birth column counts
            if not _is_range(text, m):
                yield Candidate(m.start(), m.end(), "birth_date", "birth_date.column", score=2.7)


# 「2025年2月15日に市内の産院で出生」「令和7年3月1日、〇〇病院にて誕生」: the clause after the date
# says someone was born on it (a range, 以降に生まれた, is `_is_range`'s).
BORN_IN_CLAUSE = re.compile(r"(?:に|、)[^。\n、]{0,14}?(?:で|にて)(?:出生|誕生|生まれ)")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    if "生年月日" in text or "誕生日" in text:
        yield from _under_birth_header(doc)
    for m in COMPACT.finditer(text):
        if has_any(doc.label_before(m.start()), CONTEXT):
            yield Candidate(m.start(), m.end(), "birth_date", "birth_date.context", score=3.0)
    for m in DATE.finditer(text):
        if _is_range(text, m):
            continue
        if (_birth_context(doc, m.start()) or AFTER.match(doc.text, m.end())
                # 「生年月日わかりますか」⏎「23:34 岡: 昭30.2.6 です」: the question names the answer
                or has_any(question_above(doc, m.start()), CONTEXT)
                or RELATION_DATE.search(text, max(0, m.start() - 4), m.start())
                or BORN_IN_CLAUSE.match(text, m.end())):
            yield Candidate(m.start(), m.end(), "birth_date", "birth_date.context", score=3.0)
