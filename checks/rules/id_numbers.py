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
from dataclasses import dataclass, replace

from ..document import Document
from ..findings import Candidate
from .context import context_of, has_any, header_has_any


@dataclass(frozen=True)
class LabelledNumber:
    category: str
    pattern: re.Pattern[str]
    context: tuple[str, ...]
    # A number whose own label is only generic (「番号」「記号」「No.」) is still ours when
    # the line before it names the kind (「被保険者証 記号 12 番号 345」, 「ゆうちょ銀行 記号10170
    # 番号12345671」): then `near_pattern` (often shorter) applies.
    line_context: tuple[str, ...] = ()
    near_pattern: re.Pattern[str] | None = None


CODE_THEN_NUMBER = re.compile(r"(?:コード|コ-ド)[ \t]*[:：=]?[ \t]*(\d{4}-?\d{4}-?\d{3})(?![\d\-])")
GENERIC_LABEL = re.compile(r"(?:番号|記号|No\.?|NO\.?|№|口座|店番)\s*[:：]?\s*(?:第\s*)?$")
LINE_WINDOW = 40


NUMBERS: tuple[LabelledNumber, ...] = (
    LabelledNumber(
        "drivers_license",
        re.compile(r"(?<![\d\-])\d{4}-?\d{4}-?\d{4}(?![\d\-])"),
        ("免許証", "免許番号", "運転免許", "運転経歴証明書"),
        ("免許証", "免許番号", "運転免許", "運転経歴証明書"),
        re.compile(r"(?<![\d\-])\d{4}-?\d{4}-?\d{4}(?![\d\-])"),
    ),
    LabelledNumber(
        "resident_code",
        re.compile(r"(?<![\d\-])(?:\d{4}-?\d{4}-?\d{3}|\d{3}-\d{4}-\d{4}|\d{11})(?![\d\-])"),
        ("住民票コード", "住民票コ-ド"),
        ("住民票コード", "住民票コ-ド"),
        re.compile(r"(?<![\d\-])(?:\d{4}-?\d{4}-?\d{3}|\d{3}-\d{4}-\d{4}|\d{11})(?![\d\-])"),
    ),
    LabelledNumber(
        "health_insurance",
        re.compile(r"(?<![\d\-])(?:[^\s\d:,|\t()]{0,4}?\d{1,6}[・\-]\d{1,8}|\d{6,10})(?![\d\-])"),
        ("被保険者番号", "保険者番号", "記号・番号", "記号番号", "被保険者証", "保険証", "被保険者記号",
         "被保番号", "資格確認書", "組合員証"),
        ("保険証", "被保険者", "保険者", "資格確認書", "健康保険", "介護保険", "後期高齢者医療", "国保",
         "組合員証"),
        re.compile(r"(?<![\d\-])[^\s\d:,|\t()]{0,4}?\d{1,10}(?![\d\-])"),
    ),
    LabelledNumber(
        "bank_account",
        re.compile(r"(?<![\d\-])(?:1\d{4}-?\d{6,8}|\d{7})(?![\d\-])"),
        ("口座番号", "普通", "当座", "貯蓄", "(普)", "(当)", "口座", "ゆうちょ", "記号番号", "acct",
         "account", "Account", "ACCOUNT"),
        ("銀行", "信用金庫", "信金", "信用組合", "農協", "JA", "ゆうちょ", "預金", "口座", "振込先",
         "振込口座"),
        re.compile(r"(?<![\d\-])(?:1\d{4}-?\d{6,8}|\d{6,8})(?![\d\-])"),
    ),
)


# 「口座名義 新座市災害義援金配分委員会」: an account held by a body (a donation appeal's, a
# fund's), published for anyone to pay into — dropped unless the text is about a person.
BODY_HOLDER = re.compile(r"名義人?[ \t]*[:：]?[ \t]*[^\n]{0,24}?(?:委員会|協議会|基金|財団|協会|法人"
                         r"|株式会社|有限会社|組合|市役所|[市町村]長)")


def _held_by_a_body(doc: Document, pos: int) -> bool:
    line_start, line_end = doc.line_span(pos)
    end = line_end
    for _ in range(2):
        if end >= len(doc.text):
            break
        end = doc.line_span(end + 1)[1]
    return BODY_HOLDER.search(doc.text, line_start, end) is not None


def find(doc: Document) -> Iterator[Candidate]:
    for c in _find(doc):
        if c.category == "bank_account" and _held_by_a_body(doc, c.start):
            c = replace(c, public=True)
        yield c


def _find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for number in NUMBERS:
        for line_start, line_end in _lines_with_context(doc, number.context):
            for m in number.pattern.finditer(text, line_start, line_end):
                if has_any(context_of(doc, m.start()), number.context):
                    yield Candidate(m.start(), m.end(), number.category,
                                    f"{number.category}.context", score=3.0)
    if "住民票コード" in text or "住民票コ-ド" in text:
        # 「住民票コード変更請求 … 変更前コード：51197181478」: the kind is named once, above
        for m in CODE_THEN_NUMBER.finditer(text):
            yield Candidate(*m.span(1), "resident_code", "resident_code.document", score=2.8)
    for number in NUMBERS:
        for pos, end in doc.rows_under_header(number.context):
            if doc.in_table(pos):
                continue  # tables the rules read by column already
            for m in number.pattern.finditer(text, pos, end):
                yield Candidate(m.start(), m.end(), number.category, f"{number.category}.column", score=2.8)
    for m in BRANCH_THEN_ACCOUNT.finditer(text):
        # 「三井住友銀行 所沢支店の6420736（普通）」: an account written into a sentence
        yield Candidate(*m.span("n1" if m.group("n1") else "n2"), "bank_account", "bank_account.branch",
                        score=2.9)
    yield from insurance_card_numbers(doc)
    yield from postal_bank_pairs(doc)
    for number in NUMBERS:
        if number.near_pattern is None:
            continue
        for line_start, line_end in _lines_with_context(doc, number.line_context):
            for m in number.near_pattern.finditer(text, line_start, line_end):
                before = text[max(line_start, m.start() - LINE_WINDOW):m.start()]
                if line_start > 0 and not text[line_start:m.start()].strip(" \t:番号記第→⇒>・*-"):
                    before = text[max(0, line_start - LINE_WINDOW):m.start()]  # 「運転免許証⏎番号：第…」
                if GENERIC_LABEL.search(doc.label_before(m.start())) and has_any(before, number.line_context):
                    yield Candidate(m.start(), m.end(), number.category,
                                    f"{number.category}.line", score=2.9)
                elif (number.category in BRACKETED_CARDS
                      and has_any(_bracket_owner(text, line_start, m.start()), number.line_context)):
                    # 「運転免許証（氏名 …、住所 …、番号 3266-6486-8135）」: the details of the card
                    # named before the bracket the number stands in
                    yield Candidate(m.start(), m.end(), number.category,
                                    f"{number.category}.bracket", score=2.9)


BRACKET_OWNER = 12
# Cards whose number has a shape of its own (12 or 11 digits), so the bracket alone can tell it.
BRACKETED_CARDS = frozenset({"drivers_license", "resident_code"})


def _bracket_owner(text: str, line_start: int, pos: int) -> str:
    """The words just before the bracket still open at `pos` on its line ('' when none is)."""
    depth = 0
    for i in range(pos - 1, line_start - 1, -1):
        if text[i] in ")）":
            depth += 1
        elif text[i] in "(（":
            if depth == 0:
                return text[max(line_start, i - BRACKET_OWNER):i]
            depth -= 1
    return ""


# Health insurance cards carry 記号 and 番号 (and 枝番) side by side; once the text is about
# insurance anywhere, such a pair — on a line, or as the columns of a table whose header names
# insurance — is the card's, wherever the word 保険 itself stands.
INSURANCE_WORDS = re.compile(r"保険証|被保険者|保険者番号|国保|国民健康保険|健康保険|後期高齢|介護保険"
                             r"|資格確認書|協会けんぽ|共済組合|組合員証|health_?insurance|[Ii]nsurance")
BANK_WORDS = ("ゆうちょ", "貯金", "口座", "銀行", "振込")
# (the pair may also be two fields of one record, a line apart: a JSON export's 記号: …,⏎番号: …)
PAIR = re.compile(r"記号[ :：]*([^\s\d:：,|\t()（）]{0,4}?\d{1,8}(?:-\d{1,6})?)"
                  r"(?:[ 、,・]*|,?[ \t]*\n[ \t]*)番[ ]?号[ :：]*(\d{1,10})"
                  r"(?:(?:[ 、,・]*|,?[ \t]*\n[ \t]*)枝番[ :：]*(\d{1,3}))?")
POSTAL_HYPHENED = re.compile(r"(?<![\d\-])\d{5}-\d{6,8}(?![\d\-])")
BRANCH_THEN_ACCOUNT = re.compile(
    r"(?:支店|支所|出張所|営業部)の?[ ]?(?:口座)?(?:番号)?[ ]?(?P<n1>\d{7})(?![\d\-])"
    r"|(?<![\d\-])(?P<n2>\d{7})[ ]?[（(](?:普通|当座|貯蓄|総合)(?:預金)?[)）]")
BRANCH_NUMBER = re.compile(r"枝番[ \t]*[:：]?[ \t]*(\d{1,3})(?![\d\-])")
CARD_LABELS = ("保険証", "被保険者証", "資格確認書", "被保険者番号")
CARD_TRIPLE = re.compile(r"(?<![\d\-])(\d{6,8})-([^\s\d\-:：]{1,4}\d{0,6}|\d{1,6})-(\d{1,10})(?![\d\-])")
# (a card's own name may head the column: 組合員証記号, 被保険者証番号)
CARD_COLUMN = re.compile(r"^(?:保険証|被保険者証|組合員証|資格確認書|加入者証)?"
                         r"(?:記号|番号|枝番|記号番号|記号・番号)$"
                         r"|^(?:被保険者番号|保険者番号)$")
TABLE_NUMBER = re.compile(r"(?<![\d\-])\d{1,10}(?:-\d{1,6})?(?![\d\-])")
# 「【記号・番号】896・9122」: one label for both, the two values joined as the card prints them
JOINED_PAIR = re.compile(r"記号[・･/／ ]?番号[】\]）)]?[ \t]*[:：]?[ \t]*([^\s\d:：]{0,4}?\d{1,8})"
                         r"[ ]?[・･\-/／][ ]?(\d{1,10})(?![\d\-])")


def postal_bank_pairs(doc: Document) -> Iterator[Candidate]:
    """ゆうちょ銀行 記号 10390 番号 48215671: both numbers identify the account."""
    text = doc.text
    if "ゆうちょ" not in text and "貯金" not in text:
        return
    for m in PAIR.finditer(text):
        line_start, line_end = doc.line_span(m.start())
        if has_any(text[line_start:line_end], BANK_WORDS):
            for group in (1, 2):
                yield Candidate(*m.span(group), "bank_account", "bank_account.postal_pair", score=3.1)
    starts = doc.line_starts
    for index, (_delim, header) in doc._columns.items():
        # | ゆうちょ銀行 | 17370 | 59920311 | under 記号 and 番号: the columns of a postal account
        if not (any(h.strip() == "記号" for h in header) and any(h.strip() == "番号" for h in header)):
            continue
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if "ゆうちょ" not in text[starts[index]:end] and "貯金" not in text[starts[index]:end]:
            continue
        for m in TABLE_NUMBER.finditer(text, starts[index], end):
            if doc.column_header(m.start()).strip() in ("記号", "番号"):
                yield Candidate(m.start(), m.end(), "bank_account", "bank_account.postal_columns",
                                score=3.1)
    for m in POSTAL_HYPHENED.finditer(text):
        # 「ゆうちょ銀行	-	21674-96225685」: 記号-番号 on a row that names the bank
        line_start, line_end = doc.line_span(m.start())
        if "ゆうちょ" in text[line_start:line_end] or "貯金" in text[line_start:line_end]:
            yield Candidate(*m.span(), "bank_account", "bank_account.postal_pair", score=3.1)


PERSON_COLUMN = ("氏名", "名前", "生年月日")


def insurance_card_numbers(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    if not INSURANCE_WORDS.search(text):
        # 「氏名⇥生年月日⇥記号⇥番号」: a person's 記号 and 番号 side by side are their card's,
        # even where the text never says 保険
        yield from _card_columns(doc, personal_only=True)
        return
    for m in PAIR.finditer(text):
        line_start, line_end = doc.line_span(m.start())
        if has_any(text[line_start:line_end], BANK_WORDS):
            continue  # ゆうちょ's 記号・番号: `postal_bank_pairs`
        for group in (1, 2, 3):
            if m.group(group):
                yield Candidate(*m.span(group), "health_insurance", "health_insurance.card_pair", score=2.9)
    for m in JOINED_PAIR.finditer(text):
        line_start, line_end = doc.line_span(m.start())
        if not has_any(text[line_start:line_end], BANK_WORDS):
            for group in (1, 2):
                yield Candidate(*m.span(group), "health_insurance", "health_insurance.card_pair", score=2.9)
    for m in BRANCH_NUMBER.finditer(text):
        # 「枝番: 02」 on its own line of a card's record (a JSON export, a vertical form)
        yield Candidate(*m.span(1), "health_insurance", "health_insurance.branch", score=2.9)
    for line_start, line_end in _lines_with_context(doc, CARD_LABELS):
        for m in CARD_TRIPLE.finditer(text, line_start, line_end):
            # 「被保険者証の番号：114391-新座05-064468」: 保険者番号, 記号 and 番号 joined by hyphens
            for group in (1, 2, 3):
                yield Candidate(*m.span(group), "health_insurance", "health_insurance.card_triple", score=3.1)
    yield from _card_columns(doc, personal_only=False)


def _card_columns(doc: Document, personal_only: bool) -> Iterator[Candidate]:
    """Numbers in the card columns of a table that lists insurance cards."""
    text = doc.text
    # a header naming insurance, or one with both a 記号 and a 番号 column (in a text about
    # insurance, or beside a person's name or birth date) lists cards — unless the row is a
    # postal account's
    rows = []
    for i, (_d, header) in doc._columns.items():
        if personal_only and not any(has_any(c, PERSON_COLUMN) for c in header):
            continue
        if any("保険" in c for c in header) and any(CARD_COLUMN.match(c) for c in header):
            rows.append(i)
            continue
        row = doc.text[doc.line_starts[i]:doc.line_span(doc.line_starts[i])[1]]
        if has_any(row, BANK_WORDS) or any(c.strip().endswith("記号") and has_any(c, BANK_WORDS)
                                            for c in header):
            continue  # ゆうちょ's 記号・番号: `postal_bank_pairs`
        if (any(c.strip().endswith("記号") for c in header)
                and any(c.strip().endswith("番号") for c in header)):
            rows.append(i)
    starts = doc.line_starts
    for i in rows:
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        for m in TABLE_NUMBER.finditer(text, starts[i], end):
            if CARD_COLUMN.match(doc.column_header(m.start()).strip()):
                yield Candidate(m.start(), m.end(), "health_insurance", "health_insurance.card_column",
                                score=2.9)


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
    lines.update([i + 1 for i in lines if i + 1 < len(doc.line_starts)])  # a label on the line above
    lines.update(index for index, (_delim, header) in doc._columns.items()
                 if header_has_any(header, words))
    starts = doc.line_starts
    return [(starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(text))
            for i in sorted(lines)]
