"""Names in labelled fields and table columns (氏名：…, | 氏名 |), their furigana, Latin
names in form fields, and members of organisations that are not persons.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...document import Document
from ...findings import Candidate
from ..address import FACILITY_NAME_ENDS
from ..roles import role_kind
from .analyser import NAME_KINDS, is_loanword, pos_kind, read_tokens, runs, tokenizer
from .cues import with_kana_given
from .word_names import KANA_GIVEN, surname_headed
from .words import (
    FORM_LABEL,
    HONORIFICS,
    KANA_NAME,
    KANJI_NAME,
    LABELS,
    NAME_BEFORE,
    NAME_COLUMNS,
    NOT_A_NAME,
    NOT_NAME_COLUMN,
    NOUN_SUFFIX,
    ORG_AFTER,
    READING_NOT_NAME_END,
    STREET_AFTER,
)

ROLE_HEAD = re.compile(r"[\u4e00-\u9fff]{1,6}$")


def _role_column(header: str) -> bool:
    """A column headed by a person's role (its trailing kanji, without 氏名/名)."""
    head = ROLE_HEAD.search(re.sub(r"[ ]*(?:氏名|名)$", "", header.strip("\"' ")))
    return bool(head) and role_kind(head.group()) in ("person", "staff")


def is_furigana_of_a_name(text: str, m: re.Match[str]) -> bool:
    reading = m.group(1)
    if reading.endswith(READING_NOT_NAME_END):
        return False
    if re.fullmatch(r"[\u30a1-\u30faー]+", reading) and is_loanword(reading):
        return False  # 工程表（ロードマップ）, 旅券（パスポート）: a word glossed, not a name read
    if re.search(r"[ーァィゥェォヴ]", reading) and re.fullmatch(r"[\u30a1-\u30faー]+", reading):
        return False  # 理由（ショートステイ）: a name's reading writes ユウコ, ショウタ, not loanword sounds
    before = NAME_BEFORE.search(text, max(0, m.start() - 12), m.start())
    if before is None:
        return False
    label = before.group(2) or before.group(1)
    if label.endswith(LABELS) or label in ("姓", "名", "姓名") or NOT_A_NAME.search(label):
        return False  # 氏名（カナ）, 氏名（アルファベット）: what the label asks for, not a reading
    last = before.group(2) or before.group(1)
    if last[-1] in NOUN_SUFFIX:
        return False
    if before.group(2) is None and _common_nouns(before.group(1)):
        return False  # 帰国（きこく）, 住民税（じゅうみんぜい）: an easy-Japanese notice reads its words
    return (" " in reading) == (before.group(2) is not None) or " " not in reading

def _common_nouns(word: str) -> bool:
    """The dictionary reads `word` as common nouns and suffixes only, no proper noun in it."""
    morphemes = list(tokenizer().tokenize(word))
    return bool(morphemes) and all(m.part_of_speech()[1] in ("普通名詞", "名詞的") or m.part_of_speech()[0]
                                   == "接尾辞" for m in morphemes)


LATIN_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z'.\-]*(?:,?[ ]+[A-Za-z][A-Za-z'.\-]*){0,5}")

NOT_LATIN_NAME = re.compile(r"(?i)n/?a|none|null|tbd|unknown|[A-Z]{1,3}|test|sample"
                            # an account or a program, not a person: RPA-bot, noreply, admin
                            r"|.*(?:bot|noreply|no-reply|admin|system|support|info)\b.*")

LATIN_COMMA_TAIL = re.compile(r",[ ]?[A-Za-z][A-Za-z'.\-]*(?:[ ]+[A-Za-z][A-Za-z'.\-]*){0,4}"
                              r"(?=[ ]*(?:$|\n|\t|\|))")

BRACKETED_PART = re.compile(r"([^()]+?)[ ]?\(([^()]{1,24})\)[ ]*$")
# 「川越 睦(S37.4.21生) 63歳」: a name and its bracket lead the field, more follows.
BRACKETED_LEAD = re.compile(r"([^()]+?)[ ]?\(([^()]{1,24})\)(?=[ ]|$)")
# A surname and a given name, a space, then the person's details (a number, a form's next label).
NAME_THEN_DETAIL = re.compile(r"([\u4e00-\u9fff々ヶ]{1,4} (?!(?:" + FORM_LABEL.pattern + r")(?:[ ]|$))"
                              r"(?:[\u4e00-\u9fff々ヶぁ-ん]{1,4}|[ァ-ヺー]{2,4})|[\u4e00-\u9fff々ヶ]{2,5})"
                              r" (?=\S*\d|(?:"
                              + FORM_LABEL.pattern + r"))")
# 「新座 愛(1970」: the field was cut inside the bracket (at the date's slash) — the name before it.
UNCLOSED_LEAD = re.compile(r"([^()]+?)[ ]?\([^()]*$")

RELATION = re.compile(r"配偶者|妻|夫|長男|長女|次男|次女|三男|三女|父|母|本人|子|孫|義?[父母]|祖[父母]"
                      r"|兄|弟|姉|妹"
                      r"|世帯主|代理人?|同居|別居|[0-9]+歳|故人?|保護者|個人|法人|代表者?|申請者|本人|親族"
                      r"|後見人|保佐人|補助人|世帯員|同居人|未成年")


RELATION_LEAD = re.compile(r"(?:妻|夫|長男|長女|次男|次女|三男|三女|父|母|実父|実母|義父|義母|祖父|祖母"
                           r"|子|孫|兄|弟|姉|妹)"
                           r"[ ]+(?=[\u4e00-\u9fff々\u30a1-\u30fa])")


def _reads_as_name(word: str) -> bool:
    """The dictionary reads `word` as a surname followed by name tokens only (和田 希望 does
    not: 希望 is a noun, and `surname_headed` has it)."""
    morphemes = list(tokenizer().tokenize(word))
    kinds = [pos_kind(m.part_of_speech_id()) for m in morphemes]
    return bool(kinds) and kinds[0] in ("sei", "person") and all(k in NAME_KINDS for k in kinds)


def _name_like_reading(word: str) -> bool:
    """A name written without a space (熊谷, 山田太郎, 宮内) is not read as a verbal noun or a
    word with a suffix, as 受付, 公募, 投票立会人 are."""
    morphemes = list(tokenizer().tokenize(word))
    if not morphemes or morphemes[0].part_of_speech()[2] == "サ変可能":
        return False
    return not any(m.part_of_speech()[0] == "接尾辞" for m in morphemes)

# 小川・加地建設共同企業体, 株式会社マルエー: a surname inside a company's or a joint venture's name.
ORG_BEFORE = re.compile(r"(?:株式会社|有限会社|合同会社|合資会社|\(株\)|\(有\)|一般社団法人|公益財団法人"
                        r"|社会福祉法人)[ ]?$")

JV_CHAIN = re.compile(r"(?:・[^\s・、。]{1,16})+")

ORG_SEGMENT = re.compile(r"[^\s、。,○〇]{1,30}")

ORG_END = re.compile(r"(?:共同企業体|JV|建設|工業|工務店|組|電気|設備|興業|産業|コンサルタント|設計)$")


def member_of_org(text: str, start: int, end: int) -> bool:
    if ORG_BEFORE.search(text, max(0, start - 8), start):
        return True
    chain = JV_CHAIN.match(text, end)
    if chain and ORG_END.search(chain.group()):
        return True
    rest = ORG_SEGMENT.match(text, end)  # 青木あすなろ・山田・兼藤建設共同企業体
    return bool(rest and "・" in rest.group() and ORG_END.search(rest.group()))

# 「資産税課 白鳥、角」「建築指導課 宮内・西」: staff listed under one label, after their section.
SECTION_PREFIX = re.compile(r"[^\s、・]{1,12}(?:課|係|室|部|局|センター|事務所)[ ]+")
BRACKET_TAIL = re.compile(r"[ ]?[（(][^（）()]{0,20}[）)][ ]*$")
LIST_SEPARATOR = re.compile(r"、|(?<=[\u4e00-\u9fff々])・(?=[\u4e00-\u9fff々])")


# 「荒井 直樹（医師）」「石神 栄（巡査部長）」: the bracket holds the person's occupation or rank.
OCCUPATION = re.compile(r"(?:師|士|者|員|長|官|職|手|家|部長|主任|主査|主事)$"
                        r"|^(?:同僚|上司|部下|知人|友人|隣人|専業|専業主婦|主婦|主夫|無職|自営|自営業|学生|パート)$")
# 「中野 優（設計室あおい）」: the bracket holds the office, not another writing of the name.
ORG_IN_BRACKETS = re.compile(r"室|所|課|係|社|店|局|部|会|センター|法人|組合")


def _name_shaped(part: str) -> bool:
    """A list item that could be a name on its own: kanji, kana or Latin letters, short."""
    if 0 < len(part) <= 30 and LATIN_FIELD_NAME.fullmatch(part):
        return True
    return 0 < len(part) <= 12 and bool(KANJI_NAME.fullmatch(part) or KANA_NAME.fullmatch(part))


# 「所拓海（埼玉県朝霞市根岸台692番地の19 ハイツ根岸402）」: the person's address in brackets
ADDRESS_IN_BRACKETS = re.compile(r"\d+(?:丁目|番地?|号|-\d)|^[^\s]{2,4}[都道府県]|^[^\s]{1,5}[市区町村]"
                                 r"[^\s]*\d")


BODY_NAME = re.compile(r"(?:委員会|協議会|会社|法人|協会|組合|基金|財団|センター|事務所|[市区町村])$"
                       r"|株式会社|有限会社|合同会社")
KANA_READING = re.compile(r"[\u30a1-\u30faーｦ-ﾟ ・]+")
BRACKET_CONTENT = re.compile(r"[（(]([^（）()\n]{1,60})(?:[）)]|$)")


def _not_a_name(value: str) -> bool:
    """The value holds a word that is not a name (総務部 山田, 新座市) — unless the word is a
    surname the dictionary knows whole: 曽我部 愛, 長谷部 實, 野々村 綾 end in 部 and 村."""
    m = NOT_A_NAME.search(value)
    if m is None:
        return False
    first, _, rest = value.partition(" ")
    if not rest or m.end() != len(first) or m.group() not in ("部", "村") or NOT_A_NAME.search(rest):
        return True
    return not _dictionary_surname(first)


def _dictionary_surname(word: str) -> bool:
    """The dictionary reads the word whole as a surname (曽我部, 岡部; not 総務部, 企画部)."""
    head = list(tokenizer().tokenize(word))
    return len(head) == 1 and pos_kind(head[0].part_of_speech_id()) == "sei"


def names_in_field(text: str, start: int, end: int) -> Iterator[Candidate]:
    value = text[start:end].strip()
    if value.rstrip("0123456789").endswith(FACILITY_NAME_ENDS):
        return  # 鶴見出張所, 中央公民館 under a 'name' heading: a place's name
    lead = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    relation = RELATION_LEAD.match(value)
    if relation and relation.end() < len(value):
        # 「世帯員：夫 鴨下 正和（S30.1.20）」: the relation word stands before the name
        yield from names_in_field(text, lead + relation.end(), lead + len(value))
        return
    section = SECTION_PREFIX.match(text, lead, lead + len(value))
    if section and section.end() < lead + len(value) and not _dictionary_surname(section.group().strip()):
        yield from names_in_field(text, section.end(), lead + len(value))
        return
    parts = LIST_SEPARATOR.split(value)
    if len(parts) > 1 and all(_name_shaped(BRACKET_TAIL.sub("", part.strip())) for part in parts):
        # one name read in the list makes its name-shaped neighbours names too (桜井・西)
        pos, found, bare = lead, [], []
        for part in parts:
            inner = list(names_in_field(text, pos, pos + len(part)))
            found.extend(inner)
            core = BRACKET_TAIL.sub("", part)
            if not inner and not RELATION.fullmatch(core.strip()) and not NOT_A_NAME.search(core):
                bare.append((pos + len(core) - len(core.lstrip()), pos + len(core.rstrip())))
            pos += len(part) + 1
        yield from found
        if found:
            yield from (Candidate(a, b, "person_name", "person_name.field", 2.0)
                        for a, b in bare if b > a)
        return
    both = BRACKETED_PART.fullmatch(value) or BRACKETED_LEAD.match(value)
    if both and BODY_NAME.search(both.group(1)) and KANA_READING.fullmatch(both.group(2).strip()):
        return  # 新座市災害義援金配分委員会（ﾆｲｻﾞｼ…）: a body and the reading of its name
    if both:
        # ワン シャオメイ（王 小梅）, 大竹 キヨ（おおたけ きよ）, 髙橋 ヨシ子（妻）: a name and
        # another writing of it (or the relation) in brackets
        yield from names_in_field(text, lead + both.start(1), lead + both.end(1))
        inner = both.group(2).strip()
        if not (RELATION.fullmatch(inner) or ORG_IN_BRACKETS.search(inner) or OCCUPATION.search(inner)
                or ADDRESS_IN_BRACKETS.search(inner)):
            yield from names_in_field(text, lead + both.start(2), lead + both.end(2))
        return
    detail = NAME_THEN_DETAIL.match(value)
    if detail and not NOT_A_NAME.search(detail.group(1)) and (
            " " in detail.group(1) or surname_headed(detail.group(1))
            or _reads_as_name(detail.group(1))):
        # 「申立人　柳澤　希望　北野5-15-8」: the name, then the person's address or telephone
        yield from names_in_field(text, lead + detail.start(1), lead + detail.end(1))
        return
    cut = UNCLOSED_LEAD.fullmatch(value)
    if cut:
        yield from names_in_field(text, lead + cut.start(1), lead + cut.end(1))
        return
    if LATIN_FIELD_NAME.fullmatch(value) and not NOT_LATIN_NAME.fullmatch(value):
        # SILVA SANTOS, Bruno Henrique / NGUYEN VAN NAM: a resident's name in Latin letters
        stop = lead + len(value)
        tail = LATIN_COMMA_TAIL.match(text, stop)
        if tail:
            stop = tail.end()
        yield Candidate(lead, stop, "person_name", "person_name.field", 2.5)
        return
    if KANA_NAME.fullmatch(value):
        yield Candidate(lead, lead + len(value), "person_name", "person_name.field", 2.5)
        return
    if KANA_GIVEN.fullmatch(value) and surname_headed(value):
        yield Candidate(lead, lead + len(value), "person_name", "person_name.field", 2.5)
        return  # 八木トメ: a surname and a kana given name glued to it
    if (KANJI_NAME.fullmatch(value) and not _not_a_name(value) and len(value.replace(" ", "")) >= 2
            and (" " in value or _name_like_reading(value) or surname_headed(value))):
        yield Candidate(lead, lead + len(value), "person_name", "person_name.field", 2.5)
        return
    tokens = read_tokens(text, start, end)
    addresses = [b.span() for b in BRACKET_CONTENT.finditer(text, start, end)
                 if ADDRESS_IN_BRACKETS.search(b.group(1))]
    for run_start, run_end, run in runs(tokens):
        if any(a <= run_start < b for a, b in addresses):
            continue  # ハイツ根岸402 inside the bracketed address after the name
        run_end = min(with_kana_given(text, run, run_end), end)
        after = text[run_end: run_end + 6]
        if ORG_AFTER.match(after) or STREET_AFTER.match(after) or member_of_org(text, run_start, run_end):
            continue
        if after and re.match(r"[\u4e00-\u9fff\u30a1-\u30fa]", after[0]) and not any(
            after.startswith(h) for h in HONORIFICS
        ):
            continue
        yield Candidate(run_start, run_end, "person_name", "person_name.field", 2.5)


# An English header of a name column, as a whole cell (not the 'name' inside file_name).
# Coordinates make a table a list of places, whose 'name' is a place's.
GEO_HEAD = re.compile(r"(?i)lat|lng|lon|latitude|longitude|緯度|経度|x|y")
# (a passport list heads the column by the parts: SURNAME GIVEN, Family name, First name)
LATIN_NAME_HEAD = re.compile(r"(?i)(?:full[ _]?)?name|(?:surname|family[ _]?name|last[ _]?name)"
                             r"(?:[ _/,]*(?:given|first)(?:[ _]?names?)?)?|(?:given|first)[ _]?names?")


def _names_a_person(key: str) -> bool:
    return key in LABELS or (role_kind(key) == "person" and not NOT_NAME_COLUMN.search(key))


@lru_cache(maxsize=4096)
def _name_columns(header: tuple[str, ...]) -> tuple[frozenset[int], int]:
    """The name columns of a header and how many of its cells are filled, worked out once
    per distinct header (every row of a table has the same)."""
    places = any(GEO_HEAD.fullmatch(h.strip(" \"'")) for h in header)
    name_cols = frozenset(i for i, h in enumerate(header)
                          if (any(w in h for w in NAME_COLUMNS) or _role_column(h)
                              or (LATIN_NAME_HEAD.fullmatch(h.strip(" \"'")) is not None and not places))
                          and not NOT_NAME_COLUMN.search(h))
    return name_cols, len([h for h in header if h.strip()])


def table_name_cells(doc: Document) -> Iterator[tuple[int, int]]:
    """Cells of a pasted table's name columns: headed by a name word (氏名, フリガナ …) or by
    a person's role, read by its head word (運転者, 引率者, アルコール確認者, 立会人)."""
    text = doc.text
    for index, (_delim, header) in doc._columns.items():
        name_cols, filled_heads = _name_columns(tuple(header))
        if filled_heads == 2:
            # | 項目 | 内容 | … | 児童 | 一色　海 |: a two-column table of labels and values
            # reads like a form, the first cell naming what the second holds
            filled = [(s, e) for s, e in doc.cell_spans(index) if text[s:e].strip()]
            if len(filled) == 2 and _names_a_person(text[filled[0][0]:filled[0][1]].strip()):
                yield filled[1]
                continue
        if not name_cols:
            continue
        spans = doc.cell_spans(index)
        first = next((text[s:e].strip() for s, e in spans if text[s:e].strip()), "")
        if FORM_LABEL.fullmatch(first):
            continue  # | 勤務先 | 市内の介護施設 | 自営業 |: a row of a form laid out in columns
        for i, (start, end) in enumerate(spans):
            if i in name_cols:
                cell = text[start:end]
                inner = cell.strip()
                if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "\"'":
                    # "WANG FANG": a quoted CSV cell holds its value inside the quotes
                    lead = cell.index(inner[0]) + 1
                    yield start + lead, start + lead + len(inner) - 2
                else:
                    yield start, end
