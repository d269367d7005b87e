"""Names a document's layout puts in place, whatever the words read as.

A person reading a letter, a mail header, an approval slip or a memo's title knows where the
names stand: the addressee line after the section (「市民課 春日様」), From: and To:, the surname
after each post in an approval row (「課長 林　係長 関」), who does a task in brackets after it
(「面談（太田）」), one or two kanji addressed with 様 (「林様宅前」), a memo's dated writer
(「審査メモ（令和6年1月5日 佐藤）」), a kin word's bracketed given name (「母（由紀）」), and a full
name written with a space in running prose (「会長の九十九 勇の挨拶」).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..roles import KIN, role_kind
from .analyser import pos_kind, tokenizer
from .word_names import NOT_DIMINUTIVE, POST_END, event_word
from .words import LABELS, NOT_A_NAME

_KANJI = r"[\u4e00-\u9fff々ヶ]"

# 「清瀬市 市民課　春日様」「岡 様」: a letter's addressee line — a short word and 様 or 殿 ending
# the line, after the body or section it belongs to if any.
ADDRESSEE_LINE = re.compile(r"(?m)^(?:[^\n]{0,30}(?:課|係|室|部|局|所|センター|会社|御中)[ ]+)?"
                            r"(" + _KANJI + r"{1,4}(?:[ ]" + _KANJI + r"{1,3})?)[ ]?(?:様|殿)[ ]*$")
NOT_ADDRESSEE = ("神", "王", "奥", "仏", "皆", "各位", "貴社", "御社", "先方", "貴殿", "殿", "若", "姫", "客")


def addressee_lines(text: str) -> Iterator[tuple[int, int]]:
    for m in ADDRESSEE_LINE.finditer(text):
        word = m.group(1)
        if " " in word and word.split(" ")[0].endswith(LABELS):
            continue  # 患者氏名 谷光 様: the label's rule has the name
        if word in NOT_ADDRESSEE or NOT_A_NAME.search(word) or word[-1] in POST_END \
                or word.endswith(("主", "方", "民", "人", "中", "生", "先")):
            continue
        yield m.span(1)


# 「会長の九十九 勇の挨拶」「提供会員の東　真由美は」「近隣住民である岡田　光と大和 聡の」: in running
# prose a space between two short kanji words is how a full name is written; a surname first,
# then a given name, then a particle.
SPACED_IN_PROSE = re.compile(r"(?:(?<=[のはが、。])|(?<=である)|^)(" + _KANJI + r"{1,3})[ ](" + _KANJI
                             + r"{1,3}?)(?=(?:氏|様|殿|君|さん)?(?:[はがのとにをも・、。]|ご夫妻|夫妻))",
                             re.M)


# How much of the line around a spaced name is read to see a sentence (bounded, so that one
# endless line costs linear time).
SENTENCE_WINDOW = 80


def spaced_names_in_prose(text: str) -> Iterator[tuple[int, int]]:
    for m in SPACED_IN_PROSE.finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - SENTENCE_WINDOW), m.start()) + 1
        line_end = text.find("\n", m.end(), m.end() + SENTENCE_WINDOW)
        around = text[max(line_start, m.start() - SENTENCE_WINDOW):
                      line_end if line_end >= 0 else m.end() + SENTENCE_WINDOW]
        if "。" not in around and "、" not in around:
            continue  # a heading or a form line, not a sentence
        surname, given = m.group(1), m.group(2)
        if NOT_A_NAME.search(surname + " " + given) or given[-1] in POST_END \
                or surname[-1] in POST_END or event_word(given):
            continue
        if _one_word_of(surname, ("sei", "L", "person")) or _one_word_of(given, ("mei", "person")):
            yield m.start(1), m.end(2)


def _one_word_of(word: str, kinds: tuple[str, ...]) -> bool:
    morphemes = list(tokenizer().tokenize(word))
    return len(morphemes) == 1 and pos_kind(morphemes[0].part_of_speech_id()) in kinds


# 「To: 岡本希望 <okamoto-n@…>」「> From: 佐藤　希望」: a mail header's sender or recipient.
MAIL_HEADER = re.compile(r"(?m)^[> \t]*(?:From|To|Cc|CC|差出人|宛先|送信者|受信者)[ \t]*[:：][ \t]*"
                         r"(" + _KANJI + r"{1,4}(?:[ ](?:" + _KANJI + r"{1,4}|[ぁ-ゖ]{2,4}))?"
                         r"|[ァ-ヺー]{2,8}(?:[ ・][ァ-ヺー]{2,8})?)(?=[ \t]*(?:<|\(|$))")
# 「決裁　課長 林　係長 関」: a post, then the surname of who holds it, as an approval row writes
# them (two spaces or the line's end after each).
POST_THEN_SURNAME = re.compile(r"(?:課長|係長|部長|次長|室長|所長|主幹|主査|主任|主事|副課長|課長補佐|担当)"
                               r"[ ]+(" + _KANJI + r"{1,3})(?=[ ]{2,}|[ ]*$|[ ]*[(（])", re.M)
# 「次女への面談（太田）、」「聞き取り（濵田）。」: who does the task, in brackets after it.
DOER_IN_BRACKETS = re.compile(r"(?<=[\u4e00-\u9fffぁ-ゖ])[(（](" + _KANJI + r"{1,3})[)）](?=[。、,\n]|$)")


# 「牛島　08025177035」「> 熊本 0778-78-4281」「佐野（携帯 090.8616.1008）」: a line that opens with a
# word and then a telephone number is how a signature or a contact note gives a person's surname
# (and given name) and number; an office's line names the office (代表, 窓口, 市民課 — not names).
CONTACT_LINE = re.compile(r"(?m)^(?:>[ ]?)*[ \t]*(" + _KANJI + r"{1,4}(?:[ ]" + _KANJI + r"{1,3})?)"
                          r"(?:[ ]+|[ ]?[(（](?:携帯|電話|TEL|Tel|tel)[ ]?[:：]?[ ]?)"
                          r"(?=\+81[ \-]?\d|\(?0\d[\d\-(). ]{8,14}\d(?![\d\-]))")
NOT_A_CONTACT = frozenset(("代表", "窓口", "本庁", "夜間", "休日", "自宅", "実家", "緊急", "勤務先", "携帯",
                           "直通", "受付", "予約", "事務局", "本部", "当番", "平日", "土日", "相談"))


WEEKDAYS = frozenset(("月", "火", "水", "木", "金", "土", "日", "祝", "祝日", "休"))


def named_by_role_in_layout(text: str) -> Iterator[tuple[int, int]]:
    """Names a mail header, an approval row or a task's bracket puts in place."""
    for m in MAIL_HEADER.finditer(text):
        if not NOT_A_NAME.search(m.group(1)) and m.group(1)[-1] not in POST_END:
            yield m.span(1)
    for m in POST_THEN_SURNAME.finditer(text):
        word = m.group(1)
        if not (NOT_A_NAME.search(word) or word[-1] in POST_END or event_word(word)
                or word in NOT_ADDRESSEE or word == "御中"):
            yield m.span(1)
    for m in CONTACT_LINE.finditer(text):
        word = m.group(1)
        head = word.split(" ")[0]
        if (head in NOT_A_CONTACT or NOT_A_NAME.search(word) or word[-1] in POST_END
                or role_kind(head) is not None or head in WEEKDAYS):
            continue
        if _one_word_of(head, ("sei", "L", "person")):
            yield m.span(1)
    for m in DOER_IN_BRACKETS.finditer(text):
        if m.group(1) not in WEEKDAYS and _one_word_of(m.group(1), ("sei", "person")):
            yield m.span(1)


# 「林様宅前」「石神様の土地」: one or two kanji with 様 read by the dictionary as a suffix, not as
# part of a word (同様, 仕様, 模様, 多様) — a person addressed, whatever the kanji read as.
SHORT_HONOURED = re.compile(r"(?:^|(?<=[\s、。「『（(\[【・,:：]))(" + _KANJI + r"{1,2})様"
                            r"(?=宅|方|[^\u4e00-\u9fff々]|$)")


def short_honoured(text: str) -> Iterator[tuple[int, int]]:
    for m in SHORT_HONOURED.finditer(text):
        word = m.group(1)
        if (word in NOT_ADDRESSEE or word[-1] in POST_END or word[-1] in "民主族体客社子女男"
                or NOT_A_NAME.search(word) or role_kind(word) is not None or word in KIN):
            continue  # 団体様, 施主様, お子様, ご長女様: whom a notice addresses, not a name
        morphemes = list(tokenizer().tokenize(word + "様"))
        last = morphemes[-1]
        if last.surface() == "様" and last.part_of_speech()[0] == "接尾辞":
            yield m.span(1)


# 「審査メモ（令和6年1月5日　佐藤）」: a memo's date and its writer, in the title's bracket.
DATED_AUTHOR = re.compile(r"[(（](?:令和|平成|R|H|(?:19|20)[0-9]{2})[^()（）\n]{1,14}?日[ ]+(" + _KANJI
                          + r"{1,4}(?:[ ]" + _KANJI + r"{1,3})?)[)）]")
# 「家族（ウメ）には」「実家の母（由紀）の連絡先」「長男（昭、静岡県…）」: a kin word and the name in its
# bracket, read as a given name by the dictionary or written in kana.
KIN_BRACKET = re.compile(r"(?:家族|" + "|".join(sorted((re.escape(k) for k in KIN if k != "本人"), key=len,
                                                       reverse=True))
                         + r")[(（](" + _KANJI + r"{1,3}|[ァ-ヺー]{2,4}|[ぁ-ゖ]{2,4})(?=[)）、,])")


def dated_and_kin_names(text: str) -> Iterator[tuple[int, int]]:
    for m in DATED_AUTHOR.finditer(text):
        if not NOT_A_NAME.search(m.group(1)) and m.group(1)[-1] not in POST_END:
            yield m.span(1)
    for m in KIN_BRACKET.finditer(text):
        word = m.group(1)
        if re.match(_KANJI, word):
            if not _one_word_of(word, ("mei", "sei", "person")):
                continue
        elif word in NOT_DIMINUTIVE or re.search(r"[ーァィゥェォヴ]", word):
            continue  # 母（パート）: a loanword's sounds, not a name's
        yield m.span(1)


# 「名義 HORI HIROSHI なので」「SANTOS MARIA CRISTINA です」「KUROKI KAZUMA、番号 RR1276430」: a name in
# passport capitals, read as one by what stands around it — a name label or a passport just before
# it, a self-introduction or an honorific after it, or the number of an identity document after it.
CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,}(?:[ ][A-Z]{2,}(?![A-Za-z0-9])){1,3}(?![A-Za-z0-9])")
# Capitals that name an organisation, a place or a thing, never a person.
NOT_CAPITALS_NAME = frozenset((
    "NPO", "JAPAN", "CITY", "OFFICE", "CENTER", "CENTRE", "TEAM", "INC", "LTD", "CORP", "COMPANY", "GROUP",
    "CLUB", "SCHOOL", "INTERNATIONAL", "ASSOCIATION", "BANK", "HOTEL", "SHOP", "STORE", "SERVICE",
    "SERVICES", "PROJECT", "NEWS", "AED", "ID", "DX", "IT", "AI", "PDF", "CSV", "OK", "NG", "THE", "OF",
    "AND", "FOR", "NO", "TEL", "FAX", "URL", "CARD", "VISA", "JCB", "AMEX", "PASSPORT", "NAME", "HALL",
    "PARK", "STATION", "UNIVERSITY", "COLLEGE", "HOSPITAL", "CLINIC", "MUSEUM", "LIBRARY",
))
CAPITALS_LABEL = re.compile(r"(?:氏名|名義|名前|Name|NAME|name|holder|Holder|HOLDER|パスポート|旅券)"
                            r"[^\n]{0,12}$")
CAPITALS_AFTER = re.compile(r"[ ]*(?:です|と申します|様|さん|氏)|[ ]*[、,]?[ ]*(?:番号[ ]?[:：]?[ ]?)?"
                            r"[A-Z]{1,2}[ ]?\d{7,8}(?:[A-Z]{2})?(?![\dA-Za-z])"
                            # 「BUI THI THU（旅券 C8811021）」「OLIVEIRA LUCAS（ブラジル、旅券番号 …）」: the
                            # person's papers in the bracket after the name
                            r"|[ ]?[（(][^)）\n]{0,8}(?:旅券|パスポート|在留カード|国籍|生)"
                            # 「NOTICE 11 OLIVEIRA LUCAS 1991-09-14 技能実習」: a date right after
                            r"|[ \t,]+(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)")
# 「対象: WANG LIHUA / 通知側 …」: after a label naming who the record is about
CAPITALS_SUBJECT = re.compile(r"(?:対象|本人|当事者|届出人|申請者|相手)[者]?[ ]?[:：][ ]?$")


def capitals_with_evidence(text: str) -> Iterator[tuple[int, int]]:
    for m in CAPITALS.finditer(text):
        if any(word in NOT_CAPITALS_NAME for word in m.group().split(" ")):
            continue
        if (CAPITALS_LABEL.search(text, max(0, m.start() - 16), m.start())
                or CAPITALS_SUBJECT.search(text, max(0, m.start() - 8), m.start())
                or CAPITALS_AFTER.match(text, m.end())):
            yield m.span()
