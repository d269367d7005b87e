"""Personal names, found with SudachiPy (SudachiDict-core, POS 名詞-固有名詞-人名) plus cues.

Cues that make a name certain and personal (block):
- an honorific right after it: 様, さま, さん, 氏, 殿, 君, くん, ちゃん;
- a field label before it: 氏名:, 申請者:, 担当:, 口座名義: … (the whole value when it is
  kana, as in furigana and 口座名義; the 人名 tokens inside it otherwise);
- the column of a pasted table headed 氏名/名前/カナ/フリガナ …, and furigana in brackets.
Names the analyser finds in running prose with none of these cues are a judgement call: in
a text that shows no private context (no cue anywhere, e.g. an encyclopedia sentence about a
politician) they are reported at "warn" — possibly a public figure in public text — and at
the policy's severity otherwise. A surname alone or a lone katakana given name needs to be
followed by a particle or punctuation and not by an organisation or place word (前田ガス,
豊田市), which keeps company and place names out.

Names in prose, in more detail:
- katakana pieces the analyser split are one word, tagged by what Sudachi knows of them: 人名,
  unknown to the dictionary (OOV — most foreign surnames), a common loanword (普通名詞),
  another proper noun, or a place/organisation (地名/組織, never a name). A ・/＝ chain with a
  人名 or unknown part is a name unless it ends in a loanword (マーベル・コミック) or sits in
  quotes; a lone unknown word needs a particle after it;
- 姓+名 is a name even before a kanji word (田中六助通産大臣); a given name the analyser cut
  short gets its last kanji back (松平正|質), given-name endings are joined (林|右衛門), an
  unknown one-kanji surname before a 名 at a clause start is added (水|夏希), X家 is a family;
- role words before or after (画家, 選手, 外相, 通産大臣 …) make a run certain;
- weak candidates — a lone surname, a lone unknown katakana word, a chain ending in a
  loanword — count only when their sentence speaks of a person: a verb of people (辞任,
  語った, によると …), a role word, or another name in the same sentence;
- Latin-script names count with a title or honorific after them (Kenan Sofuoglu選手).
Stretches without kanji or katakana (numbers, ASCII, long hiragana) are not analysed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...document import Document
from ...findings import Candidate
from ..roles import PARTY_WORDS, PERSON_NOUN_WORDS, ROLE_WORD, role_kind
from .analyser import KATAKANA_WORD, read_tokens, runs, tokenizer
from .cues import (
    PLACE_COLUMN,
    REGNAL,
    REGNAL_NAME,
    chat_speakers,
    cued,
    names_a_thing,
    self_named,
    surname_like,
    titled_names,
    with_kana_given,
    work_titles,
)
from .fields import is_furigana_of_a_name, names_in_field, table_name_cells
from .layout_names import (
    addressee_lines,
    capitals_with_evidence,
    dated_and_kin_names,
    named_by_role_in_layout,
    short_honoured,
    spaced_names_in_prose,
)
from .lists import cjk_names, list_mates, listed_beside, supported
from .prose import prose_name, unread_name
from .slots import slot_names
from .word_names import (
    diminutive_names,
    given_after_surname,
    given_before_birth,
    katakana_not_a_name,
)
from .words import (
    CERTAIN,
    FIELD_VALUE,
    FORM_LABEL,
    FURIGANA,
    HONORIFIC_AFTER,
    HONORIFICS,
    KANJI_CHAR,
    KATA_INITIAL,
    KEY_BAR,
    LABEL_RE,
    LABELS,
    LATIN_NAME,
    LATIN_TITLE_NAME,
    LISTED,
    NAME_BY_ENDING,
    NOBLE_NAME,
    NOBLE_TITLE_PRESENT,
    NOT_A_READ_NAME,
    ORG_AFTER,
    PERSON_NEXT,
    REGNAL_PRESENT,
    ROLE_THEN_NAME,
    TITLE_AFTER,
    WEAK,
)

# A name label alone on its line (a form pasted one field per line); group 1: the next line.
# (The line's opening spaces are read once, possessively: no label begins with one.)
LABEL_ABOVE = re.compile(r"(?m)^[ \t]*+[^\n:：、。]{0,8}?(?:"
                         + "|".join(sorted(LABELS, key=len, reverse=True))
                         + r")(?:\([^)\n]{0,10}\))?[ \t]*[:：]?[ \t]*\n"
                         r"[ \t]*(?=[^\s])(?![^\n]*[:：])([^\n]{1,30})$")
ROLE_ABOVE = re.compile(r"(?m)^[ \t]*[\u4e00-\u9fff]{0,6}?(" + ROLE_WORD.pattern + r")[ \t]*\n"
                        r"[ \t]*(?=[^\s])(?![^\n]*[:：])([^\n]{1,24})$")
# One kanji alone in a people column is a surname, unless it is one of the marks tables use.
ONE_KANJI_SURNAME = re.compile(r"(?![済有無可否要不同未了正副他計〃仝済休欠出在外内])[\u4e00-\u9fff々]")

# A role word and a colon, at the start of a field (not inside a longer word).
# (the lookahead first: most positions of a long text are no role word's first character, and
# saying so once is cheaper than trying every alternative there)
ROLE_LABEL = re.compile(r"(?=[\u4e00-\u9fff\u30a1-\u30fa \t|])"
                        r"(?:(?<![\u4e00-\u9fff々])(" + ROLE_WORD.pattern + r")(?:[ \t]*[:：=][ \t]*|\t|"
                        + KEY_BAR + ")"
                        r"|(?m:^[ \t|]*(" + ROLE_WORD.pattern + r")[ ]{2,})"
                        # 「申立人　柳澤　希望」: one space after a resident's role (…者, …人); a title
                        # (監査委員　土屋 和則) is an office holder's signature, read elsewhere
                        r"|(?m:^[ \t|]*([\u4e00-\u9fff]{1,6}(?:者|人)|" + PERSON_NOUN_WORDS
                        + r")[ ](?=[^\s]))"
                        # 「原告　中山 彩花　被告　新座 光」: a party of a suit, after the other's name
                        r"|(?<=[ ])(" + PARTY_WORDS + r")[ ](?=[^\s]))")

# 「要求者：議員」「要求者：会派（…）」: a role or a body given where the person would be.
ROLE_VALUE = re.compile(r"[\u4e00-\u9fff]{0,8}(?:者|人|員|派|会|団|隊|住民|市民|区民|町民|村民)(?:$|[（(])")


NEXT_KEY = re.compile(r"[ ]+[^\s=]{1,20}=")
NEXT_LABEL = re.compile(r"[ ]+[^\s]{1,8}$")
# 「原告　中山 彩花　被告　新座 光」: a form written on one line, the next party's label between
# spaces after the value
NEXT_PARTY = re.compile(r"[ ]+(?:" + PARTY_WORDS + "|" + "|".join(
    sorted((re.escape(w) for w in LABELS if w.endswith(("者", "人"))), key=len, reverse=True))
    + r")[ ]+(?=\S)")


# (the last word of a full name, John Smith氏, is the full name's: read above)
LATIN_GIVEN_HONOURED = re.compile(r"(?<![A-Za-z.@/_\-])(?<![A-Za-z] )([A-Z][a-z]{2,14})"
                                  r"(?=さん|様|先生|氏|くん|ちゃん)")
# 「ONO KIYO」「NGUYEN VAN NAM」: a name as passports write it, surname and given name in capitals
CAPS_NAME = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?:[ ][A-Z]{2,}){1,2}(?![A-Za-z])")
# A word spelt in Japanese syllables (ONO, KIYO, HATTORI, SHUN), which ABC or NPO are not.
ROMAJI_WORD = re.compile(r"(?:(?:[KGSZTDNHBPMRFJ]|SH|CH|TS|[KGNHBPMR]Y|J)?[AEIOU]|Y[AUO]|W[AO]|N"
                         r"|[KSTPC](?=[KSTPC]))+")


def _before_next_key(text: str, start: int, end: int) -> tuple[int, int]:
    """A log's 「emp_name=梅津由香 bank=0017」: the value ends where the next key begins; and
    「調査担当：吉田　作業員：東海林」: a colon right after the value makes its last word the next
    field's label."""
    m = NEXT_KEY.search(text, start, end) or NEXT_PARTY.search(text, start, end)
    if m and m.start() > start:
        return start, m.start()
    if text[end:end + 1] in (":", "："):
        label = NEXT_LABEL.search(text, start, end)
        if label and label.start() > start:
            return start, label.start()
    return start, end


# 「申請者：髙野空（代理人：…）」: a label opened in brackets after the value is the next field's,
# and the value before it is filled
BRACKETED_NEXT_LABEL = re.compile(
    r"[^\s(]\((?:" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + r")$")


def _another_label(text: str, value: re.Match[str]) -> bool:
    """「受給者　氏名：＿＿＿」: what follows a label is the next label — the form is blank."""
    word = value.group().strip()
    first = word.split(" ", 1)[0]
    if BRACKETED_NEXT_LABEL.search(word):
        return False
    return bool(LABEL_RE.match(word) or word.endswith(LABELS) or FORM_LABEL.fullmatch(first))


def _opens_with_a_name(value: str) -> bool:
    """The value's first word can be a name: a surname reading, kana or Latin letters, or a
    word that is not common nouns (健康診査, 投票 + 場所 are not)."""
    first = value.split(" ")[0]
    if not re.match(r"[\u4e00-\u9fff々]", first) or surname_like(first):
        return True
    morphemes = list(tokenizer().tokenize(first))
    nouns = all(m.part_of_speech()[1] == "普通名詞" for m in morphemes)
    return not (nouns and (len(morphemes) >= 2 or len(first) >= 3))


def _role_not_name(word: str) -> bool:
    """申立人, 被共済者, 通報者: a role word whose stem is an ordinary noun (申立, 共済) — not a
    given name ending in 人 (甲斐正人, 雅人), whose stem reads as a name."""
    if not ROLE_WORD.fullmatch(word) or role_kind(word) not in ("person", "staff") or len(word) < 3:
        return False
    stem = list(tokenizer().tokenize(word[:-1]))
    return bool(stem) and all(m.part_of_speech()[0] == "接頭辞" or m.part_of_speech()[1] == "普通名詞"
                              for m in stem)


def _table_header_cell(text: str, m: re.Match[str]) -> bool:
    """A label followed by a tab in a row of three or more cells is a table's column head
    (氏名⇥フリガナ⇥生年月日), not a form's 「label⇥value」 line."""
    if "\t" not in m.group():
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    return text.count("\t", line_start, len(text) if line_end < 0 else line_end) > 1


# Columns that hold a business: 購入店, 販売店, 事業者, 取扱店, 会社名 …
BUSINESS_COLUMN = re.compile(r"店|事業者|業者|会社|法人|団体|施設|メーカー|ブランド")
# 「株式会社ペイサポート」「(株)マルヤマ」: what follows a company's kind is the company's name.
CORPORATE_BEFORE = re.compile(r"(?:株式会社|有限会社|合同会社|合資会社|\(株\)|\(有\)|㈱|㈲)[ ]?$")
# 「じてんしゃのマルヤマ」「お花のやまだ」: a shop named by its trade in kana and a family name
# (a trade in hiragana only: ロシアのトルストイ is a writer of a country)
SHOP_OF = re.compile(r"(?:^|[\s\t、。「」()（）|,:：])[ぁ-ゖ]{3,8}の$")


def find(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    found: list[Candidate] = []
    cue_spans: list[tuple[int, int]] = []
    not_people: list[tuple[int, int]] = []

    for m in LABEL_RE.finditer(text):
        if m.start() > 0 and re.match(r"[\u4e00-\u9fff\u30a1-\u30fa]", text[m.start() - 1]):
            # 選挙人氏名, 会員氏名, 児童氏名, 妊婦氏名: 氏名 is a person's name whatever stands before it
            if text[m.start() - 1] not in "者方当人員" and not text.startswith("氏名", m.start()):
                continue
        if text.startswith("名前", m.start()) and text[m.start() - 1:m.start()] == "の":
            value = FIELD_VALUE.match(text, m.end())
            if value:
                not_people.append(value.span())
            continue  # 犬の名前, 事業の名前: the name of something else
        value = FIELD_VALUE.match(text, m.end())
        if value is None or _table_header_cell(text, m) or _another_label(text, value):
            continue
        cue_spans.append(_before_next_key(text, *value.span()))
    for m in LABEL_ABOVE.finditer(text):
        # 「候補者氏名⏎東正⏎ふりがな⏎あずま ただし」: the label alone on its line, the value below
        value = FIELD_VALUE.match(text, m.start(1))
        if value and not _another_label(text, value):
            cue_spans.append(value.span())
    for m in ROLE_ABOVE.finditer(text):
        # 「被害者⏎桑原⏎現住所⏎…」「救護担当看護師⏎林 さくら」: a vertical form, the role on its
        # own line and the person on the next
        value = FIELD_VALUE.match(text, m.start(2))
        if (value and role_kind(m.group(1)) in ("person", "staff") and not _another_label(text, value)
                and not ROLE_VALUE.match(value.group().strip())):
            cue_spans.append(value.span())
    labelled = {span for span in cue_spans}
    for m in ROLE_LABEL.finditer(text):
        # 照会者：…, 立会人：…, 調査員：…: a label whose head word is a person's role
        value = FIELD_VALUE.match(text, m.end())
        role = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if value and _another_label(text, value):
            continue
        if (m.group(3) or m.group(4)) and value and not _opens_with_a_name(value.group().strip()):
            continue  # 「後期高齢者 健康診査」: one space after a group of people, then a thing
        if (value and value.span() not in labelled and role_kind(role) in ("person", "staff")
                and not _table_header_cell(text, m)
                and not ROLE_VALUE.match(value.group().strip())):
            cue_spans.append(_before_next_key(text, *value.span()))
    for start, end in table_name_cells(doc):
        cell = text[start:end].strip()
        if FORM_LABEL.fullmatch(cell) or cell.endswith(LABELS):
            continue  # 「担当⇥…」「住所⇥…」「メール⇥…」: a form's labels down its first column
        if ONE_KANJI_SURNAME.fullmatch(cell):
            # | 南 | under 確認者: a surname alone in a people column (南, 光, 堀), not a mark (済, 有)
            lead = start + text[start:end].index(cell)
            found.append(Candidate(lead, lead + 1, "person_name", "person_name.field", 2.2))
            continue
        cue_spans.append((start, end))

    for start, end in cue_spans:
        found.extend(names_in_field(text, start, end))

    for m in LATIN_NAME.finditer(text):
        # Kenan Sofuoglu選手, John Smith氏: a name in Latin letters with a title or honorific
        after = text[m.end(): m.end() + 6]
        if after.startswith(HONORIFICS):
            found.append(Candidate(m.start(), m.end(), "person_name", "person_name.honorific",
                                   2.0))
        elif TITLE_AFTER.match(after):
            found.append(Candidate(m.start(), m.end(), "person_name", "person_name.latin", 1.2,
                                   lowered=True))

    for m in LATIN_GIVEN_HONOURED.finditer(text):
        # Joshua先生, Emilyさん: one Latin name with the honorific a person is addressed by
        found.append(Candidate(*m.span(1), "person_name", "person_name.honorific", 2.0))

    for m in CAPS_NAME.finditer(text):
        # ONO KIYOさん: a name in passport capitals with an honorific after it
        if text.startswith(HONORIFICS, m.end()) and all(
                ROMAJI_WORD.fullmatch(w) for w in m.group().split()):
            found.append(Candidate(m.start(), m.end(), "person_name", "person_name.honorific",
                                   2.0))

    for m in FURIGANA.finditer(text):
        if is_furigana_of_a_name(text, m):
            found.append(Candidate(m.start(1), m.end(1), "person_name", "person_name.furigana",
                                   2.0))

    private = any(not c.lowered for c in found)
    for start, end in titled_names(text):
        found.append(Candidate(start, end, "person_name", "person_name.titled", 1.5, lowered=True))
    strong: list[tuple[int, int]] = [(c.start, c.end) for c in found]
    weak: list[tuple[int, int]] = []
    listed: list[tuple[int, int]] = []
    roles_count: dict[tuple[int, int], bool] = {}
    honored: list[Candidate] = []
    fixed = len(strong)
    for start, end in chat_speakers(text) + self_named(text) + slot_names(text):
        honored.append(Candidate(start, end, "person_name", "person_name.speaker", 2.0))
        strong.append((start, end))
        private = True
    for run_start, run_end, run in runs(read_tokens(text, 0, len(text))):
        read_end = run_end
        run_end = with_kana_given(text, run, run_end)
        if run[-1].kind == "sei" and run_end > read_end:
            strong.append((run_start, run_end))  # 佐藤 トメ: surname and a kana given name
            continue
        given_end = given_after_surname(text, run_end) if run[-1].kind == "sei" else None
        if given_end is not None:
            # 野口 希望 様, 中野平和（大正14年…）: a given name the dictionary reads as a word
            honored.append(Candidate(run_start, given_end, "person_name",
                                     "person_name.honorific", 2.0))
            strong.append((run_start, given_end))
            private = True
            continue
        after = text[run_end: run_end + 6]
        honorific = HONORIFIC_AFTER.match(after) is not None and not after.startswith("氏名")
        if honorific or cued(text, run_start, run_end, run):
            honored.append(Candidate(run_start, run_end, "person_name", "person_name.honorific",
                                     2.0))
            strong.append((run_start, run_end))
            private = True
            continue
        decision = prose_name(text, run_start, run_end, run)
        if decision is not None:
            start, end, certainty = decision
            if certainty == CERTAIN:
                strong.append((start, end))
            elif certainty == LISTED:
                listed.append((start, end))
            else:
                weak.append((start, end))
                roles_count[(start, end)] = certainty == WEAK
    for start, end in [*given_before_birth(text), *addressee_lines(text),
                       *named_by_role_in_layout(text), *short_honoured(text),
                       *dated_and_kin_names(text), *capitals_with_evidence(text)]:
        # 大和（平成25年11月8日生）, 市民課 春日様: a name by where it stands
        honored.append(Candidate(start, end, "person_name", "person_name.position", 2.0))
        strong.append((start, end))
        private = True
    for start, end in spaced_names_in_prose(text):
        # 会長の九十九 勇の挨拶: a full name in prose, a judgement call like the analyser's
        found.append(Candidate(start, end, "person_name", "person_name.spaced", 1.6,
                               lowered=True))
    for start, end in diminutive_names(text):
        # 葵ちゃん, さくらちゃん（4歳）: ちゃん/くん follow a child's name (or a kin word)
        found.append(Candidate(start, end, "person_name", "person_name.diminutive", 1.8,
                               lowered=True))
    for m in KATA_INITIAL.finditer(text):
        strong.append(m.span())
    for m in LATIN_TITLE_NAME.finditer(text):
        strong.append(m.span())
    if NOBLE_TITLE_PRESENT.search(text):
        strong.extend(m.span() for m in NOBLE_NAME.finditer(text))
    for m in ROLE_THEN_NAME.finditer(text):
        if unread_name(m.group(1)):
            strong.append(m.span(1))
    if REGNAL_PRESENT.search(text):
        strong.extend(m.span() for m in REGNAL_NAME.finditer(text))
    for m in NAME_BY_ENDING.finditer(text):
        if not ORG_AFTER.match(text, m.end()):
            strong.append(m.span())
    taken_latin = {(c.start, c.end) for c in found}
    for m in LATIN_NAME.finditer(text):
        # Lester T. W. Hoと…: a Latin-script name as the subject or object of a sentence
        if PERSON_NEXT.match(text, m.end()) and m.span() not in taken_latin:
            weak.append(m.span())
            roles_count[m.span()] = False
    for start, end in cjk_names(text, strong):
        weak.append((start, end))
        roles_count[(start, end)] = True
    strong_sorted = sorted(strong)
    surnames = sorted(w for w in weak if KANJI_CHAR.match(text, w[0]))
    for start, end in weak:
        roles = roles_count[(start, end)]
        if supported(text, start, end, strong_sorted, roles) or (
            KANJI_CHAR.match(text, start) and supported(text, start, end, surnames, roles)
        ):
            strong.append((start, end))
    if listed:
        strong.extend(listed_beside(text, listed, strong))
    strong.extend(list_mates(text, strong))
    honored_spans = {(h.start, h.end) for h in honored}
    found.extend(honored)
    titles = work_titles(text)
    for start, end in strong[fixed:]:
        if (start, end) in honored_spans or names_a_thing(text, start, end, titles):
            continue
        if doc.in_table(start) and (PLACE_COLUMN.search(doc.column_header(start))
                                    or BUSINESS_COLUMN.search(doc.column_header(start))):
            continue  # | 岩瀬 | under 地区, | じてんしゃのマルヤマ | under 購入店: a place, a shop
        if CORPORATE_BEFORE.search(text, max(0, start - 6), start) or SHOP_OF.search(
                text, max(0, start - 12), start):
            continue  # 株式会社ペイサポート, じてんしゃのマルヤマ: a firm's name, not a person's
        if any(a <= start and end <= b for a, b in not_people):
            continue  # 犬の名前：コタロウ
        if NOT_A_READ_NAME.search(text[start:end]):
            continue  # 片山走友会 read as 片|山走友会: a club, an office, a number
        if _role_not_name(text[start:end]):
            continue  # 申立人, 被共済者: the role a person plays, not their name
        regnal = REGNAL.match(text, end)  # ルイ14世
        if regnal and KATAKANA_WORD.match(text, end - 1):
            end = regnal.end()
        found.append(Candidate(start, end, "person_name", "person_name.analyser", 1.2,
                               lowered=True))

    for c in found:
        if katakana_not_a_name(text[c.start:c.end]):
            continue  # ットワーク: an OCR'd company name cut apart
        if c.lowered and private:
            yield Candidate(c.start, c.end, c.category, c.rule_id, c.score)
        else:
            yield c
