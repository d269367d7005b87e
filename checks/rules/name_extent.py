"""No half names: a name finding covers the surname as well as the given name.

The analyser reads a surname that is also a place or a word (新座, 朝霞, 志木, 和光) as that
place, and finds only the given name: redaction would then send 「新座 ［氏名1］ 様」 and half
the name leaves the city. A person reading 「新座 太郎 様」 sees one name: a short run of kanji
standing right before a given name — after a space or glued to it, itself starting at a
boundary (start of line, a space, a label's colon, a bracket) — is the surname, unless it is a
title or a label (課長 太郎, 担当 太郎).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Document
from ..findings import Candidate
from .birth_date import DATE
from .person_name.analyser import tokenizer
from .person_name.cues import surname_like
from .person_name.fields import member_of_org
from .person_name.words import BUSINESS_END, FORM_LABEL, LABELS, NOT_A_NAME
from .roles import role_kind

# A list's bullet (・) and a quoted mail's > are boundaries too.
SURNAME_BEFORE = re.compile(r"(?:^|(?<=[\s:：、。「『（(\[【|,\t・>]))([\u4e00-\u9fff々ヶ]{1,3})([ 　]?)$")
# In running prose the surname follows a particle or a verb (受け取った本田　大輔様, 母親の志木　葵さん),
# or a role word glued before it (保護者林 和子); either way the kanji before the given name
# start after a word that is not part of the name.
SURNAME_IN_PROSE = re.compile(r"(?<=[ぁ-ゖ者人員])([\u4e00-\u9fff々ヶ]{1,3})([ 　]?)$")
GIVEN_NAME = re.compile(r"[\u4e00-\u9fff々]{1,3}|[ぁ-ゖァ-ヺー]{2,4}|[\u4e00-\u9fff々]{1,2}[ぁ-ゖ]{1,2}")
NOT_SURNAME = re.compile(
    r"(?:課長|部長|係長|室長|所長|局長|次長|主任|主査|主事|担当|係|課|氏名|名前|本人|世帯主|申請者|相談者|委員|議員"
    r"|市長|区長|町長|村長|知事|先生|教諭|保護者|父|母|妻|夫|長男|長女|次男|次女|祖父|祖母|様|殿|宛|各位|受付|対応"
    r"|記入者|確認者|職員|窓口|電話|連絡|住所|生年月日|児童|生徒|利用者|患者|被保険者|代理人|市|区|町|村|県|都|府|日|月"
    r"|年|時|分)$"
)
# A field or a cell holds one name: kanji that open it, a space, then the given name found, up to
# the field's end, are the surname whatever else they could read as (四月一日 進, 小鳥遊 薫).
FIELD_SURNAME = re.compile(r"(?:^|(?<=[:：|,\t>\"]))[ 　]*([\u4e00-\u9fff々ヶ]{1,4})[ 　]$", re.M)
OFFICE_END = re.compile(r"(?:課|係|室|部|局|所|館|院|校|会|店|社|団|園|署|庁|市|区|町|村|県|都|府)$")
FIELD_END = re.compile(r"[ 　]*(?:$|[,|\t\"<]|様|さん|氏|殿|[(（])", re.M)
HONORIFIC_AFTER = re.compile(r"[ 　]*(?:様|さま|さん|殿|君|くん|ちゃん|氏)")


def _reads_as_surname(value: str) -> bool:
    """A surname (山田) or a whole name (黒須翼): nothing is missing before it. A given name the
    dictionary splits as a one-kanji surname and a name (陽 + 翔) is not one."""
    morphemes = list(tokenizer().tokenize(value))
    if not morphemes or morphemes[0].part_of_speech()[2:4] != ("人名", "姓"):
        return False
    return len(morphemes[0].surface()) >= 2 or len(value) >= 3 or not any(
        m.part_of_speech()[2:4] == ("人名", "名") for m in morphemes[1:])


# 「工事部　坂本　勝利」「濵田 千尋、松本 ひとみほか6名」: a surname found alone, then a space and
# a given name up to where the name ends — the given name is the same person's.
# (a kana given name is read whole first: さくら is not さく + ら, 'and others')
GIVEN_AFTER = re.compile(r"[ 　](?![ 　])((?:[\u4e00-\u9fff々]{1,3}?|[ぁ-ゖ]{2,4}(?![ぁ-ゖ])|[ぁ-ゖ]{2,4}?"
                         r"|[ァ-ヺー]{2,5}))"
                         r"(?=$|[、。,，)）（(\t\n]|[ 　]|さん|様|氏|君|ほか|他|ら|等|の)", re.M)


def _with_given_name(doc: Document, c: Candidate) -> Candidate:
    text = doc.text
    m = GIVEN_AFTER.match(text, c.end)
    if m is None or not _reads_as_surname(text[c.start:c.end]):
        return c
    gap_start, gap_end = doc.to_original(c.end, m.start(1))
    if gap_end - gap_start != 1:
        return c  # a letter-spaced list (新 藤 加 菜   野 本) joined by normalisation: the next name
    given = m.group(1)
    if (NOT_SURNAME.search(given) or given.endswith(LABELS) or FORM_LABEL.fullmatch(given)
            or role_kind(given) is not None or NOT_A_NAME.search(given) or OFFICE_END.search(given)):
        return c  # 田中 課長, 佐藤 担当, 鈴木 電話: a post or a label after the surname
    morphemes = list(tokenizer().tokenize(given))
    if not all(mm.part_of_speech()[2] == "人名" or mm.part_of_speech()[1] in ("普通名詞", "固有名詞")
               for mm in morphemes) or any(mm.part_of_speech()[0] in ("助詞", "助動詞", "動詞")
                                            for mm in morphemes):
        return c
    return replace(c, end=m.end(1))


def whole_name(doc: Document, c: Candidate) -> Candidate:
    """The candidate widened over a surname the analyser read as a place or a word."""
    if c.category != "person_name":
        return c
    text = doc.text
    value = text[c.start:c.end]
    if re.search(r"[ 　]", value.strip()):
        return c
    if not GIVEN_NAME.fullmatch(value):
        return _with_given_name(doc, c)
    widened = _with_given_name(doc, c)
    if widened is not c:
        return widened
    line_start = text.rfind("\n", 0, c.start) + 1
    m = SURNAME_BEFORE.search(text, max(line_start, c.start - 5), c.start)
    if m is None:
        m = SURNAME_IN_PROSE.search(text, max(line_start, c.start - 5), c.start)
        if m is not None and not (m.group(2) or HONORIFIC_AFTER.match(text, c.end)):
            m = None  # 書いた文太郎: prose kanji glued to a name need an honorific to be its surname
    field = FIELD_SURNAME.search(text, max(line_start, c.start - 7), c.start)
    if (field and FIELD_END.match(text, c.end) and not field.group(1).endswith(LABELS)
            and not OFFICE_END.search(field.group(1))  # 会計課 浦和: the writer's section
            and role_kind(field.group(1)) is None and not FORM_LABEL.fullmatch(field.group(1))
            and not _reads_as_surname(value)):
        return replace(c, start=field.start(1))  # 「1,四月一日 進,」: the field holds one name
    if (m is None or NOT_SURNAME.search(m.group(1)) or m.group(1).endswith(LABELS)
            or role_kind(m.group(1)) is not None):  # 隊員 大門: a role, not a surname
        return c
    if _reads_as_surname(value):
        return c  # 届出人 山田: the name found is itself a surname; nothing is missing before it
    if not m.group(2) and not HONORIFIC_AFTER.match(text, c.end):
        return c  # glued kanji (市民太郎) are one word unless an honorific says it is a name
    return replace(c, start=m.start(1))


# 「新座太郎様」: kanji before 様/さん that the analyser reads as a place and a common noun.
HONOURED_RUN = re.compile(r"(?:^|(?<=[\s:：、。「『（(\[【|,\t]))([\u4e00-\u9fff々ヶ]{3,5})"
                          r"(?=[ 　]?(?:様(?![式々子相態書])|さま|さん|殿(?!堂)|ちゃん|くん))")
NOT_A_PERSON_END = re.compile(r"(?:者|員|民|客|方|様|人|家|課|係|室|局|部|会|社|所|館|園|校|院|組|団|庁|市|区"
                              r"|町|村|県|府|都|御中|各位|殿|中|皆|生|長|師|士|官|主|先|宛|同|仕|模|多|各|店|業"
                              r"|書|式)$")


def honoured_runs(doc: Document) -> list[Candidate]:
    """Kanji runs addressed with an honorific that no other rule read as a name."""
    found = []
    for m in HONOURED_RUN.finditer(doc.text):
        if not NOT_A_PERSON_END.search(m.group(1)) and not BUSINESS_END.search(m.group(1)):
            found.append(Candidate(*m.span(1), "person_name", "person_name.honoured_run", 1.8))
    return found


# 「佐々木 彩花 SASAKI AYAKA」: the passport spelling right after a name is the same person's.
ROMAJI_AFTER = re.compile(r"(?:[ 　\t,]+\(?|\()([A-Z][A-Z'\-]{1,14} [A-Z][A-Z'\-]{1,14})\)?(?![A-Za-z])")
# 「佐藤 恵子　さとう けいこ」「藤原碧（ふじわら あお）」: the reading written after a name found is
# the same person's name in kana (surname and given name, a space between).
READING_AFTER = re.compile(r"[（(]([ぁ-ゖァ-ヺー]{1,8}[ 　][ぁ-ゖァ-ヺー]{1,8})[)）]"
                           r"|[ 　]{1,2}([ぁ-ゖ]{1,8}[ 　][ぁ-ゖ]{1,8})(?=[ 　]*(?:$|\n|[,\t|]))", re.M)
# A cell shaped like a name — 1–3 kanji, a space, 1–3 kanji or kana — in a row that also holds a
# person's telephone, birth date or address (谷 明美 03-1904-5084): the row is about that person.
NAME_CELL = re.compile(r"(?:^|(?<=[\t,|\"])|(?<=  )|(?<=[ \t]\d )|(?<=[ \t]\d\d ))"
                       r"([\u4e00-\u9fff々ヶ]{1,3}[ 　][\u4e00-\u9fff々ぁ-ゖァ-ヺ]{1,3})"
                       r"(?=[\"]?(?:[\t,|]|  |[ ](?=[\d(]|[\u4e00-\u9fff]{2,}[市区町村都道府県])|$))", re.M)
NOT_NAME_CELL_END = re.compile(r"[市区町村県都府課係館所院校会局室店社駅線部団園内外日月年時分]$")
# 「Olivia Grant, olivia.grant@example.org」「Kenji Sugawara <k.sugawara@…>」: a Latin-letter name
# whose words make up the e-mail address next to it.
LATIN_BEFORE_MAIL = re.compile(r"([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){1,2})[ ]*[,<(（:]?[ ]*$")
# 「10月9日(火) 渡邊 空 <watanabe@…>」「From: 嶋﨑勇気 <…>」: the display name of an address in a
# mail header is its owner's (an office's display name ends in its kind: 広報課, 株式会社…).
NAME_BEFORE_ANGLE = re.compile(r"(?:^|(?<=[\s:：)）]))"
                               r"([\u4e00-\u9fff々ヶ]{1,4}[ 　]?[\u4e00-\u9fff々ぁ-ゖァ-ヺ]{1,4})[ ]*<$")
ROW_EVIDENCE = frozenset({"phone", "birth_date", "address", "email", "postal_code"})


def names_beside(doc: Document, candidates: list[Candidate]) -> list[Candidate]:
    """Romaji after a found name, and name-shaped cells in rows with a person's details."""
    text = doc.text
    found: list[Candidate] = []
    for c in candidates:
        if c.category == "person_name":
            m = ROMAJI_AFTER.match(text, c.end)
            if m:
                found.append(Candidate(*m.span(1), "person_name", "person_name.romaji_after", 2.4))
            m = READING_AFTER.match(text, c.end)
            if m and c.end - c.start >= 2:
                span = m.span(1) if m.group(1) else m.span(2)
                found.append(Candidate(*span, "person_name", "person_name.reading_after", 2.4))
        if c.category == "email":
            m = LATIN_BEFORE_MAIL.search(text, max(0, c.start - 40), c.start)
            local = text[c.start:c.end].split("@")[0].lower()
            if m and any(len(w) > 1 and w.lower() in local for w in m.group(1).split(" ")):
                found.append(Candidate(*m.span(1), "person_name", "person_name.mail_owner", 2.4))
            m = NAME_BEFORE_ANGLE.search(text, max(0, c.start - 12), c.start)
            if m and not NOT_NAME_CELL_END.search(m.group(1)) and not BUSINESS_END.search(m.group(1)):
                found.append(Candidate(*m.span(1), "person_name", "person_name.mail_owner", 2.4))
    rows = {doc.line_index(c.start) for c in candidates if c.category in ROW_EVIDENCE}
    for index in rows:
        start = doc.line_starts[index]
        end = doc.line_starts[index + 1] - 1 if index + 1 < len(doc.line_starts) else len(text)
        for m in NAME_CELL.finditer(text, start, end):
            # 「学務課　電話 048-…」: an office and a label, not a surname and a given name
            first, _, second = m.group(1).replace("　", " ").partition(" ")
            office = NOT_NAME_CELL_END.search(first) and not surname_like(first)  # 長谷部 is a name
            spaced_label = FORM_LABEL.fullmatch(first + second) or (first + second).endswith(LABELS)
            # 「電 話」「氏 名」: a label written letter-spaced; 申立人 林: a role, then the name
            if not (NOT_NAME_CELL_END.search(m.group(1)) or office or FORM_LABEL.fullmatch(second)
                    or spaced_label or role_kind(first) is not None):
                found.append(Candidate(*m.span(1), "person_name", "person_name.row_cell", 1.6))
    return found


# 「Rosa PEREIRA」「Catherine MILLER」「PEREIRA Rosa」: a given name and a surname in capitals, the
# way passports and foreign residents' forms write a name.
LATIN_GIVEN_SURNAME = re.compile(r"(?<![A-Za-z][ ])(?<![A-Za-z])[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)?"
                                 r" [A-Z]{2,}(?:[ \-][A-Z]{2,})?(?![A-Za-z]|[ ][A-Za-z])")
# 「白鳥、角」「桜井・西」: more names listed right after a name.
LISTED_NEXT = re.compile(r"[、・]([\u4e00-\u9fff々ヶ]{1,3}(?:[ 　][\u4e00-\u9fff々]{1,3})?)"
                         r"(?=$|\n|[、・ 　(（])")
GIVEN_AFTER_LISTED = re.compile(r"[ 　]([\u4e00-\u9fff々]{1,3}|[ぁ-ゖ]{2,4})(?=$|\n|[、・ 　(（])")
# What a list of staff writes before each name: their duty or post (入力 橋本、確認 工藤).
DUTY_OR_POST = re.compile(r"入力|確認|作成|承認|決裁|起案|担当|受付|点検|照合|記録|立会"
                          r"|主査|主任|主事|主幹|係長|課長|部長|室長|所長|次長|委員|職員")
NOT_STAFF_NAME = re.compile(r"(?:長|員|係|課|部|局|室|事務|担当|窓口|職員|市|区|町|村|県|都|府|分|年|月|日|等"
                            r"|外|内|中|側)$")


# 「・ソン ハユン（H30.7.9）」「児童1：原口 蒼空（H29.4.11、小学1年）」: a list item that opens
# with a name-shaped word and a date in brackets — the person and when they were born. (The
# spaces before and after the bullet are read once, possessively: two `[ ]*` side by side split
# a line of spaces every possible way, quadratic in its length.)
NAME_THEN_BIRTH = re.compile(
    r"(?m)(?:^|(?<=[:：\t]))[ ]*+(?:(?:[・\-*●○■]|\d{1,2}[.)]|[\u4e00-\u9fff]{0,4}\d{1,2}[:：])[ ]*+)?"
    r"([\u4e00-\u9fff々ヶ]{1,4}[ ](?:(?!くん|ちゃん|さん|さま)[\u4e00-\u9fff々ぁ-ゖ]){1,4}"
    r"|[\u30a1-\u30faー]{2,8}[ ・][\u30a1-\u30faー]{2,8})"
    r"[ ]?(?:様|さん|さま|くん|ちゃん|君)?[(（](?=" + DATE.pattern + r")")


KATAKANA_PAIR = re.compile(r"[\u30a1-\u30faー]{2,8}[ ・][\u30a1-\u30faー]{2,8}")


def names_in_layout(doc: Document, candidates: list[Candidate]) -> list[Candidate]:
    """Latin given-SURNAME names, and names listed after one (staff named after their section
    are `person_name.cues.SECTION_NAMED`'s)."""
    text = doc.text
    found = [Candidate(*m.span(), "person_name", "person_name.latin_shape", 1.9)
             for m in LATIN_GIVEN_SURNAME.finditer(text)]
    found += [Candidate(*m.span(1), "person_name", "person_name.before_birth", 2.0)
              for m in NAME_THEN_BIRTH.finditer(text)
              if not NOT_NAME_CELL_END.search(m.group(1))
              and (KATAKANA_PAIR.fullmatch(m.group(1)) or surname_like(m.group(1)))]
    for c in [*candidates, *found]:
        if c.category != "person_name":
            continue
        end = c.end
        while ((m := LISTED_NEXT.match(text, end)) is not None
               and not NOT_STAFF_NAME.search(m.group(1)) and not FORM_LABEL.fullmatch(m.group(1))
               and not NOT_A_NAME.search(m.group(1))
               and not member_of_org(text, *m.span(1))):
            first, _, rest = m.group(1).replace("　", " ").partition(" ")
            if not rest and DUTY_OR_POST.fullmatch(first):
                break  # 「、確認 工藤）」 read as far as 確認: a duty, not a name
            start, stop = m.start(1), m.end(1)
            if rest and (DUTY_OR_POST.fullmatch(first) or role_kind(first) is not None):
                # 「、主査 池田美穂」「、次男 石神 光」: the post or the relation, then the name
                start = m.start(1) + len(first) + 1
                given = GIVEN_AFTER_LISTED.match(text, stop)
                stop = given.end(1) if given else stop
            found.append(Candidate(start, stop, "person_name", "person_name.listed_next", 1.7))
            end = max(m.end(), stop)
    return found
