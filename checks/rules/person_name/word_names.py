"""Given names that are also ordinary words, found from the place they stand in.

The analyser reads 希望, 平和, 光, 朝霞, 大和, 葵 or さくら as nouns or places, so 「野口　希望　様」
gives it the surname alone and redaction would send 「野口 ［氏名1］」's other half. A person
reading the line knows where the given name is:

- after a surname, the word up to an honorific, or up to the person's age or birth date in
  brackets, is the given name (「野口 希望 様」「松田 平和さん（81歳）」「中野平和（大正14年12月2日）」),
  unless it is a post (課長), a line of business (建設, 歯科) or an office (市民課);
- ちゃん and くん follow a child's name, a kin word or a pet word — nothing else
  (「葵ちゃん」「さくらちゃん（4歳）」, not お姉ちゃん, 赤ちゃん, ワンちゃん);
- a name field's value whose head is a surname (or a place read as one) and whose rest is a
  short given name is a name, however the rest reads (「請求者氏名　横山心春」).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..roles import KIN, role_kind
from .analyser import pos_kind, tokenizer
from .cues import MEMBER_TITLES, PERSON_TITLES
from .words import BUSINESS_WORDS, LABELS, NOT_A_NAME, NOUN_SUFFIX, ORG_AFTER

_KANJI = r"[\u4e00-\u9fff々ヶ]"

# What ends a post or a body rather than a given name (課長, 主任, 委員, 消防団, 市民課).
_POST_END = set("長員者師士官係課家科団班") | NOUN_SUFFIX

_CUE_AFTER = (r"(?=[ ]?(?:(?:様|さま|殿|氏)(?![\u4e00-\u9fff])|さん|くん|ちゃん)"
              r"|[ ]?[（(](?:[0-9]{1,3}歳|(?:明治|大正|昭和|平成|令和|[MTSHR])\.?[ ]?[0-9元]"
              r"|[0-9]{4}[/.\-年])"
              r"|[ ](?:(?:明治|大正|昭和|平成|令和|[MTSHR]|[明大昭平令])\.?[0-9元]{1,2}[./年]))")
# After a surname: a space and a given name, or a given name glued to it.
GIVEN_SPACED = re.compile(r"[ ](" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,4})" + _CUE_AFTER)
GIVEN_GLUED = re.compile(r"(" + _KANJI + r"{1,2})" + _CUE_AFTER)


def _ordinary_given(word: str, glued: bool) -> bool:
    """`word` can stand as a given name after a surname: not a post, a body, a business."""
    if NOT_A_NAME.search(word) or word[-1] in _POST_END or word in PERSON_TITLES \
            or word in MEMBER_TITLES:
        return False
    return not (glued and any(word.startswith(b) for b in BUSINESS_WORDS))


# 「履 行 場 所 仕 様」: a heading written with a space between its letters, no name
LETTER_SPACED = re.compile(_KANJI + r"[ ]" + _KANJI + r"$")


def given_after_surname(text: str, end: int) -> int | None:
    """The end of the given name after a surname that ends at `end`, when an honorific or the
    person's age or birth date follows it; None when nothing name-shaped stands there."""
    spaced = GIVEN_SPACED.match(text, end)
    if spaced and _ordinary_given(spaced.group(1), glued=False) and not LETTER_SPACED.search(
            text, max(0, end - 4), end):
        return spaced.end(1)
    glued = GIVEN_GLUED.match(text, end)
    if glued and _ordinary_given(glued.group(1), glued=True) and not ORG_AFTER.match(text, end):
        return glued.end(1)
    return None


# Words before ちゃん/くん that are no one's name: kin and age words, pets, everyone.
NOT_DIMINUTIVE = (
    "お姉", "姉", "お兄", "兄", "お母", "母", "お父", "父", "お爺", "爺", "お婆", "婆", "赤", "坊", "嬢",
    "孫", "娘", "息子", "皆", "猫", "犬", "子", "彼", "俺", "僕", "お前", "奥", "叔母", "叔父", "伯母",
    "伯父", "おばあ", "ばあ", "おじい", "じい", "おねえ", "ねえ", "おにい", "にい", "おかあ", "かあ",
    "おとう", "とう", "おば", "おじ", "ねこ", "わん", "あか", "ぼっ", "みな", "みんな", "ワン", "ネコ",
    "ニャン", "ぼく", "わたし", "あたし", "おれ", "ちび", "チビ",
)
DIMINUTIVE = re.compile(r"ちゃん|くん")
# 「龍ちゃんのカッパ館」「名称：まるちゃん食堂」: the word names a shop, a place or a mascot's thing
THING_AFTER = re.compile(r"の?[^\s、。,]{0,8}?(?:館|店|屋|堂|亭|園|号|丸|祭|まつり|ランド|ハウス|ショップ"
                         r"|食堂|ラーメン|商店|広場|劇場|人形|グッズ|シール|体操|音頭)(?![\u4e00-\u9fff])")
THING_LABEL = re.compile(r"(?:名称|施設名|店名|店舗名|商品名|愛称|キャラクター)[ ]?[:：]?[ ]?$")
_WORD_BEFORE = re.compile(r"(?:" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,6}|[ァ-ヺー]{2,6})$")


def diminutive_names(text: str) -> Iterator[tuple[int, int]]:
    """Children's names before ちゃん/くん: the word the analyser reads just before it."""
    for m in DIMINUTIVE.finditer(text):
        stretch = _WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
        if stretch is None:
            continue
        start = stretch.start()
        if re.match(r"[ぁ-ゖ]", stretch.group()):
            # はさくら|ちゃん: a particle glued before a hiragana name is cut off by the reader
            morphemes = list(tokenizer().tokenize(stretch.group()))
            if not morphemes:
                continue
            last = morphemes[-1]
            if last.part_of_speech()[0] not in ("名詞", "形状詞") or len(last.surface()) < 2:
                continue
            start = m.start() - len(last.surface())
        word = text[start:m.start()]
        if THING_AFTER.match(text, m.end()) or THING_LABEL.search(text, max(0, start - 8), start):
            continue
        if word in NOT_DIMINUTIVE or NOT_A_NAME.search(word) or word[-1] in _POST_END:
            continue
        yield start, m.start()


def surname_headed(value: str) -> bool:
    """A name field's value of 3-5 kanji whose head the dictionary reads as a surname (or as a
    place, as 横山 and 中野 are both) and whose rest is 1-3 kanji: 横山心春, 和田希望."""
    if not re.fullmatch(_KANJI + r"{3,5}", value) or NOT_A_NAME.search(value):
        return False
    morphemes = list(tokenizer().tokenize(value))
    head = morphemes[0]
    rest = len(value) - len(head.surface())
    if not 1 <= rest <= 3 or len(head.surface()) < 2:
        return False
    kind = pos_kind(head.part_of_speech_id())
    if kind not in ("sei", "L"):
        return False
    return _ordinary_given(value[len(head.surface()):], glued=True)



# 「・大和（平成25年11月8日生）」「・子　悠真（平成18年10月20日）」「芽衣（H22.10.20）」: a word
# with a full date in brackets after it, in a list item or a row, is a person and their birth
# date — unless the word is an event (開館, 市制施行) or an office or a place (新座市).
_BRACKET_DATE = (r"[(（](?:" + r"(?:明治|大正|昭和|平成|令和|[MTSHR]|[明大昭平令])\.?[ ]?[0-9元]{1,2}"
                 r"|(?:19|20)[0-9]{2})(?:年|[./\-])[ ]?[0-9]{1,2}(?:月|[./\-])[ ]?[0-9]{1,2}日?"
                 r"(?P<born>生まれ|生)?[)）、,]")
GIVEN_THEN_BIRTH = re.compile(
    r"(?:^|(?<=[\s:：・,|\t]))(" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6})[ ]?"
    r"(?=" + _BRACKET_DATE + ")", re.M)
_ITEM_START = re.compile(r"[ ]*(?:[・\-*●○■]|[0-9]{1,2}[.)]|[(（][0-9]{1,2}[)）]|[^\n]{0,12}[:：])[ ]*"
                         r"(?:[\u4e00-\u9fff]{1,3}[ ]+)?")
_TITLE_GOES_ON = re.compile(r"[^)）\n]*[)）][\u4e00-\u9fff\u30a1-\u30fa]")


def given_before_birth(text: str) -> Iterator[tuple[int, int]]:
    """Given names written alone before their birth date in brackets."""
    for m in GIVEN_THEN_BIRTH.finditer(text):
        word = m.group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        born = re.match(_BRACKET_DATE, text[m.end(1):].lstrip(" "))
        in_row = "  " in before or "\t" in before or "|" in before
        if not (born and born.group("born")) and not (_ITEM_START.fullmatch(before) or in_row):
            continue
        if _TITLE_GOES_ON.match(text, m.end(1)):
            continue  # 庁議（令和8年10月19日）議事メモ: a meeting and its date head a title
        if NOT_A_NAME.search(word) or word[-1] in _POST_END or _event_word(word):
            continue
        yield m.span(1)


def _event_word(word: str) -> bool:
    """開館, 施行, 設立: a verbal noun names what happened on the date, not who was born."""
    morphemes = list(tokenizer().tokenize(word))
    return bool(morphemes) and morphemes[-1].part_of_speech()[2] == "サ変可能"


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
        if word in NOT_ADDRESSEE or NOT_A_NAME.search(word) or word[-1] in _POST_END \
                or word.endswith(("主", "方", "民", "人", "中", "生", "先")):
            continue
        yield m.span(1)


# 「会長の九十九 勇の挨拶」「提供会員の東　真由美は」「近隣住民である岡田　光と大和 聡の」: in running
# prose a space between two short kanji words is how a full name is written; a surname first,
# then a given name, then a particle.
SPACED_IN_PROSE = re.compile(r"(?:(?<=[のはが、。])|(?<=である)|^)(" + _KANJI + r"{1,3})[ ](" + _KANJI
                             + r"{1,3}?)(?=(?:氏|様|殿|君|さん)?(?:[はがのとにをも・、。]|ご夫妻|夫妻))",
                             re.M)


def spaced_names_in_prose(text: str) -> Iterator[tuple[int, int]]:
    for m in SPACED_IN_PROSE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if "。" not in line and "、" not in line:
            continue  # a heading or a form line, not a sentence
        surname, given = m.group(1), m.group(2)
        if NOT_A_NAME.search(surname + " " + given) or given[-1] in _POST_END \
                or surname[-1] in _POST_END or _event_word(given):
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


WEEKDAYS = frozenset(("月", "火", "水", "木", "金", "土", "日", "祝", "祝日", "休"))


def named_by_role_in_layout(text: str) -> Iterator[tuple[int, int]]:
    """Names a mail header, an approval row or a task's bracket puts in place."""
    for m in MAIL_HEADER.finditer(text):
        if not NOT_A_NAME.search(m.group(1)) and m.group(1)[-1] not in _POST_END:
            yield m.span(1)
    for m in POST_THEN_SURNAME.finditer(text):
        word = m.group(1)
        if not (NOT_A_NAME.search(word) or word[-1] in _POST_END or _event_word(word)
                or word in NOT_ADDRESSEE or word == "御中"):
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
        if (word in NOT_ADDRESSEE or word[-1] in _POST_END or word[-1] in "民主族体客社子女男"
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
        if not NOT_A_NAME.search(m.group(1)) and m.group(1)[-1] not in _POST_END:
            yield m.span(1)
    for m in KIN_BRACKET.finditer(text):
        word = m.group(1)
        if re.match(_KANJI, word):
            if not _one_word_of(word, ("mei", "sei", "person")):
                continue
        elif word in NOT_DIMINUTIVE or re.search(r"[ーァィゥェォヴ]", word):
            continue  # 母（パート）: a loanword's sounds, not a name's
        yield m.span(1)
