"""Contact details: telephone numbers (JP numbering plan) and e-mail addresses.

An office's own number in a notice (「問い合わせ：新座市 観光推進課 電話 048-477-1111（代表）」)
is published information, not personal: a number is marked public when its line names a
public office (課, 係, 市役所, 窓口 …) or says 代表/問い合わせ, and no personal label (携帯,
自宅, 本人, 緊急連絡先 …) stands before it. Screening drops public numbers unless the same
text is about a private person (a name with a cue, an address, a birth date …): in a case
record even the office number stays flagged, so nothing is guessed away.

Phone formats follow 総務省's 電気通信番号計画: a leading 0 and 10 digits (fixed lines,
0120/0800 free dial, 050 IP) or 11 digits (070/080/090 mobile, 050), written with hyphens,
parentheses around the area code, or +81 instead of the 0. A bare 10/11-digit run is a phone
number unless its label or column says it is another number (住民票コード …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..findings import Candidate
from ..patterns import first_characters, guarded
from ..samples import EXAMPLE_BEFORE
from .context import context_of, has_any, header_has_any, other_number

FORMATTED_PHONE = re.compile(
    r"(?<![\d\-+])(?:\+81[- ]?\(?0?\d{1,4}\)?|\(?0\d{1,4}\)?)[- ]?\(?\d{1,4}\)?[- ]\d{3,4}(?![\d\-])"
    r"|(?<![\d\-+])(?:\+81[- ]?|0)\d{1,4}\(\d{1,4}\)\d{3,4}(?![\d\-])"
    r"|(?<![\d\-+])\+81\d{9,10}(?![\d\-])"
    r"|(?<![\d.])0\d{1,4}\.\d{1,4}\.\d{3,4}(?![\d.])"
    r"|(?<![\d\-+・])0\d{1,4}([・の])\d{1,4}\1\d{3,4}(?![\d・])"  # 090・2271・4058, 080の4412の9903
)
AREA_IN_BRACKETS = re.compile(r"\(0\d{1,4}\)")
# 070/080/090 numbers are carried by a person, not an office's line: never treated as public.
MOBILE = re.compile(r"\(?0[789]0\D")
# Addresses at free mail providers belong to a person or a private group, not to an office.
FREE_MAIL = re.compile(r"@(?:gmail\.com|yahoo\.co\.jp|ymail\.ne\.jp|icloud\.com|me\.com|outlook\.(?:jp|com)"
                       r"|hotmail\.(?:com|co\.jp)|live\.jp|docomo\.ne\.jp|ezweb\.ne\.jp|au\.com"
                       r"|softbank\.ne\.jp|i\.softbank\.jp|nifty\.com|biglobe\.ne\.jp)$", re.I)
BARE_PHONE = re.compile(r"(?<![\d\-+.])0(?:[5789]0\d{8}|[1-9]\d{8})(?![\d\-])")
PHONE_CONTEXT = ("電話", "TEL", "Tel", "tel", "携帯", "連絡先", "FAX", "Fax", "ファクス", "℡")
NOT_PHONE_CONTEXT = ("個人番号", "マイナンバー", "住民票", "保険者", "免許", "口座", "郵便")

PUBLIC_OFFICE = guarded(
    r"問い?合わ?せ|代表(?!者)|窓口|市役所|区役所|町役場|村役場|役所|役場|庁舎|(?<=\S)(?:課|係|室|局(?!面)|センター|事務所|館|協会|コーナー)(?!長)"
    r"|開館|休館|委員会|県庁|府庁|都庁|議会事務局"
    r"|図書館|公民館|体育館|会館|保健所|消防署|警察署|支所|出張所|連絡所|学校|保育園|幼稚園|児童館|美術館|博物館"
)
# The characters a match of PUBLIC_OFFICE begins with: a window without any holds no office.
OFFICE_FIRST = "".join(sorted(map(chr, first_characters(PUBLIC_OFFICE.pattern))))
# A notice's contact block: the office is often named on the lines just above the number
# (「お問い合わせ先⏎新座市 市民安全課 防犯係⏎TEL.048-424-9603」).
CONTACT_BLOCK_LINES = 3
# Table columns that make a row a person's record rather than a facility list.
PERSONAL_COLUMN = ("氏名", "名前", "フリガナ", "生年月日", "誕生日", "申請者", "世帯主", "被保険者", "口座",
                   "個人番号", "本人", "保護者", "携帯")
PLACE_COLUMN = ("会場", "施設", "場所", "名称", "所在地", "窓口", "担当課")
PERSONAL_PHONE_LABEL = ("携帯", "自宅", "本人", "緊急連絡", "ご連絡先", "保護者", "申請者", "氏名", "様")

# A department's or a function's mailbox at a public body's domain (kaigo@, digital@, jinji-2@):
# it names an office, no person. Dropped like an office number unless the text is about someone.
_FUNCTION_WORDS = ("info", "contact", "support", "help", "helpdesk", "admin", "office", "webmaster", "web",
                   "koho", "kouhou", "kohou", "soumu", "somu", "jinji", "kikaku", "zaisei", "zeimu",
                   "shiminzei",
                   "shimin", "kodomo", "hoiku", "kaigo", "fukushi", "hoken", "kenko", "kenkou", "kankyo",
                   "kankyou", "seiso", "toshi", "doboku", "douro", "doro", "kensetsu", "suido", "suidou",
                   "gesui", "kyoiku", "kyouiku", "gakko", "bunka", "sports", "gikai", "senkyo", "kaikei",
                   "kansa", "bousai", "bosai", "kiki", "digital", "joho", "jouhou", "it", "dx", "keiyaku",
                   "kanzai", "sangyo", "kanko", "nousei", "shokuin", "kyuyo", "nenkin", "kokuho", "iryo",
                   "jumin", "koseki", "madoguchi", "soudan", "sodan", "anzen", "shobo", "shoubou", "yobo",
                   "kokusai", "toshokan", "kominkan", "genai", "security", "noreply", "no-reply")
FUNCTIONAL_MAILBOX = re.compile(r"(?i)(?:" + "|".join(_FUNCTION_WORDS) + r")(?:[-_.](?:"
                                + "|".join(_FUNCTION_WORDS) + r"|\d{1,4}))*\d{0,3}"
                                r"@(?:[a-z0-9\-]+\.)*(?:lg\.jp|go\.jp|(?:city|pref|town|vill)\.[a-z0-9.\-]+)$")
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*"
    r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)


def find(doc: Document) -> Iterator[Candidate]:
    for m in FORMATTED_PHONE.finditer(doc.text):
        if sum(c.isdigit() for c in m.group()) in range(10, 13):
            start = m.start()
            if m.group().startswith("(") and not AREA_IN_BRACKETS.match(m.group()):
                start += 1  # （090-6612-3087）: the bracket opens a note, not the area code
            yield Candidate(start, m.end(), "phone", "phone.format", score=2.0,
                            public=not MOBILE.match(m.group()) and _office_number(doc, m.start()))
    for m in BARE_PHONE.finditer(doc.text):
        context = context_of(doc, m.start())
        if has_any(context, PHONE_CONTEXT):
            yield Candidate(m.start(), m.end(), "phone", "phone.context", score=2.5,
                            public=not m.group().startswith(("070", "080", "090"))
                            and _office_number(doc, m.start()))
        elif not has_any(context, NOT_PHONE_CONTEXT) and not other_number(doc, m.start()):
            yield Candidate(m.start(), m.end(), "phone", "phone.bare", score=1.0)
    for m in EMAIL.finditer(doc.text):
        example = EXAMPLE_BEFORE.search(doc.text, max(0, m.start() - 6), m.start())
        yield Candidate(m.start(), m.end(), "email", "email.format", score=3.0,
                        public=bool(example) or bool(FUNCTIONAL_MAILBOX.fullmatch(m.group()))
                        or (not FREE_MAIL.search(m.group()) and _office_number(doc, m.start())))


NEAR = 120


def _office_number(doc: Document, pos: int) -> bool:
    """True when the number at `pos` is a public office's own (module docstring)."""
    line_start, line_end = doc.line_span(pos)
    # The office that owns a number is named near it; reading a window (not the whole line)
    # keeps one endless line of numbers linear.
    if doc.window_has_any(PERSONAL_PHONE_LABEL, max(line_start, pos - NEAR), pos):
        return False
    if doc.in_table(pos):
        return public_table_row(doc, pos)
    if _office_named(doc, max(line_start, pos - NEAR), min(line_end, pos + NEAR)):
        return True
    if line_end < len(doc.text):
        next_start, next_end = doc.line_span(line_end + 1)
        following_end = min(next_end, next_start + 2 * NEAR)
        if (_office_named(doc, next_start, following_end)
                and not has_any(doc.text[next_start:following_end], PERSONAL_PHONE_LABEL)):
            return True
    start = line_start
    for _ in range(CONTACT_BLOCK_LINES):
        if start == 0:
            return False
        start, end = doc.line_span(start - 1)
        line = doc.text[max(start, end - 2 * NEAR):end]
        if not line.strip() or has_any(line, PERSONAL_PHONE_LABEL):
            return False
        if _office_named(doc, max(start, end - 2 * NEAR), end):
            return True
    return False


def public_table_row(doc: Document, pos: int) -> bool:
    """A row of a facility list (名称／所在地／電話) whose header names no personal column."""
    header = doc.table_header(pos)
    if header_has_any(header, PERSONAL_COLUMN):
        return False
    if header_has_any(header, PLACE_COLUMN):
        return True
    line_start, line_end = doc.line_span(pos)
    return _office_named(doc, line_start, line_end)


def _office_named(doc: Document, start: int, end: int) -> bool:
    """PUBLIC_OFFICE searched in text[start:end], where it can match at all: a megabyte of
    e-mail addresses or numbers asks for 100,000 windows that hold none of its characters."""
    return doc.holds_any(OFFICE_FIRST, start, end) and bool(PUBLIC_OFFICE.search(doc.text[start:end]))
