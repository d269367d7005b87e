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
  short given name is a name, however the rest reads (「請求者氏名　横山心春」);
- a word alone before a full birth date in brackets, in a list item or a row, is a given name
  (「・大和（平成25年11月8日生）」), unless it names an event (開館, 施行).
Names the layout puts in place (addressees, headers, approval rows) are `layout_names`'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .analyser import pos_kind, tokenizer
from .cues import MEMBER_TITLES, PERSON_TITLES
from .words import BUSINESS_WORDS, NOT_A_NAME, NOUN_SUFFIX, ORG_AFTER

_KANJI = r"[\u4e00-\u9fff々ヶ]"

# What ends a post or a body rather than a given name (課長, 主任, 委員, 消防団, 市民課).
POST_END = set("長員者師士官係課家科団班") | NOUN_SUFFIX

_CUE_AFTER = (r"(?=[ ]?(?:(?:様|さま|殿|氏)(?![\u4e00-\u9fff])|さん|くん|ちゃん)"
              r"|[ ]?[（(](?:[0-9]{1,3}歳|(?:明治|大正|昭和|平成|令和|[MTSHR])\.?[ ]?[0-9元]"
              r"|[0-9]{4}[/.\-年])"
              r"|[ ](?:(?:明治|大正|昭和|平成|令和|[MTSHR]|[明大昭平令])\.?[0-9元]{1,2}[./年]))")
# After a surname: a space and a given name, or a given name glued to it.
GIVEN_SPACED = re.compile(r"[ ](" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,4})" + _CUE_AFTER)
GIVEN_GLUED = re.compile(r"(" + _KANJI + r"{1,2})" + _CUE_AFTER)


def _ordinary_given(word: str, glued: bool) -> bool:
    """`word` can stand as a given name after a surname: not a post, a body, a business."""
    if NOT_A_NAME.search(word) or word[-1] in POST_END or word in PERSON_TITLES \
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
        if word in NOT_DIMINUTIVE or NOT_A_NAME.search(word) or word[-1] in POST_END:
            continue
        yield start, m.start()


KANA_GIVEN = re.compile("(" + _KANJI + r"{2,3})(?:[ァ-ヺ]{2,3}|[ぁ-ゖ]{2,3})")


def surname_headed(value: str) -> bool:
    """A name field's value of 3-5 kanji whose head the dictionary reads as a surname (or as a
    place, as 横山 and 中野 are both) and whose rest is 1-3 kanji: 横山心春, 和田希望 — or a given
    name in kana glued to it, as older records write one: 八木トメ, 岡野はる."""
    kana = KANA_GIVEN.fullmatch(value)
    if kana:
        head = list(tokenizer().tokenize(kana.group(1)))
        return len(head) == 1 and pos_kind(head[0].part_of_speech_id()) in ("sei", "L")
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
BRACKET_DATE = re.compile(_BRACKET_DATE)
GIVEN_THEN_BIRTH = re.compile(
    r"(?:^|(?<=[\s:：・,|\t]))(" + _KANJI + r"{1,3}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6})[ ]?"
    r"(?=" + _BRACKET_DATE + ")", re.M)
_ITEM_START = re.compile(r"[ ]*(?:[・\-*●○■]|[0-9]{1,2}[.)]|[(（][0-9]{1,2}[)）]|[^\n]{0,12}[:：])[ ]*"
                         r"(?:[\u4e00-\u9fff]{1,3}[ ]+)?")
_TITLE_GOES_ON = re.compile(r"[^)）\n]{0,40}[)）][\u4e00-\u9fff\u30a1-\u30fa]")
# How far back a list item's start is looked for: a bullet, a number or a label is near.
ITEM_LOOK_BACK = 40


def given_before_birth(text: str) -> Iterator[tuple[int, int]]:
    """Given names written alone before their birth date in brackets."""
    for m in GIVEN_THEN_BIRTH.finditer(text):
        word = m.group(1)
        # (bounded: on one endless line of such words each is read in constant time)
        line_start = max(text.rfind("\n", max(0, m.start() - ITEM_LOOK_BACK), m.start()) + 1,
                         m.start() - ITEM_LOOK_BACK)
        before = text[line_start:m.start()]
        born = BRACKET_DATE.match(text, m.end(1) + text.startswith(" ", m.end(1)))
        in_row = "  " in before or "\t" in before or "|" in before
        if not (born and born.group("born")) and not (_ITEM_START.fullmatch(before) or in_row):
            continue
        if _TITLE_GOES_ON.match(text, m.end(1)):
            continue  # 庁議（令和8年10月19日）議事メモ: a meeting and its date head a title
        if NOT_A_NAME.search(word) or word[-1] in POST_END or event_word(word):
            continue
        yield m.span(1)


def event_word(word: str) -> bool:
    """開館, 施行, 設立: a verbal noun names what happened on the date, not who was born."""
    morphemes = list(tokenizer().tokenize(word))
    return bool(morphemes) and morphemes[-1].part_of_speech()[2] == "サ変可能"


# A katakana word no name can start so: a small kana or a long mark (ットワーク, ーション — a word
# cut apart by OCR spacing, 「ニ ッポンモバイルネ ットワーク」).
CUT_START = re.compile(r"[ッャュョァィゥェォヮーヵヶ][\u30a1-\u30faー]*(?:[ ・=][\u30a1-\u30faー]+)*")


def katakana_not_a_name(value: str) -> bool:
    return CUT_START.fullmatch(value) is not None
