"""Names in running prose without a cue: when a surname alone, an unread pair or a place-like
surname is a person (the sentence speaks of people, a given name follows).
"""

from __future__ import annotations

import re

from .analyser import JOINERS, NAME_KINDS, Token, pos_kind, tokenizer
from .lists import NOT_NAME_LAST
from .words import (
    ADMIN_CHARS,
    BOUNDARY,
    CERTAIN,
    COMPANY_END,
    COMPOUND,
    COMPOUND_HEAD_END,
    DEFINED_AS_PERSON,
    EVENT_AFTER,
    FAMILY_AFTER,
    FOLLOW_OK,
    GIVEN_NAME_ENDING,
    HONORIFIC_CHARS,
    KANJI_CHAR,
    KATA_ORG_END,
    KATA_PLACE_START,
    LIFE_YEARS,
    LISTED,
    NOT_HIRAGANA_NAME,
    NOUN_SUFFIX,
    ORG_AFTER,
    PERSON_NEXT,
    PLACE_END,
    QUOTED,
    ROLE_OF_BEFORE,
    STREET_AFTER,
    TITLE_AFTER,
    TITLE_BEFORE,
    TITLE_COMPOUND,
    VERB_ONLY,
    WEAK,
)

ONE_KANJI_GIVEN_NEXT = re.compile(r"(?:と|は|が|も|、|や)(?![\u4e00-\u9fff]{0,1}(?:市|町|村|区))")

NOT_ONE_KANJI_GIVEN = set(HONORIFIC_CHARS + ADMIN_CHARS) | NOUN_SUFFIX | set(
    "邸宅側組班隊軍勢方達等ら王公侯伯卿帝后妃姫兄弟姉妹父母夫妻子孫君様殿氏先生長官将")

SPACED_SURNAME = re.compile(r"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff々]{2,3}[ ]$")


def _unknown_pair(word: str) -> bool:
    """Two kanji the analyser does not read as one ordinary word."""
    morphemes = list(tokenizer().tokenize(word))
    return len(morphemes) > 1 or morphemes[0].is_oov() or pos_kind(
        morphemes[0].part_of_speech_id()) in NAME_KINDS


def _unread_surname(text: str, start: int) -> int | None:
    """Where a surname of two or three kanji the analyser did not read starts, before the given
    name at `start`, when a role stands right before it (プロデューサーの稲船|敬二)."""
    for k in (2, 3):
        s = start - k
        if s < 0 or not all(KANJI_CHAR.match(text, i) for i in range(s, start)):
            continue
        if s > 0 and KANJI_CHAR.match(text, s - 1):
            continue
        if ROLE_OF_BEFORE.search(text, max(0, s - 12), s) or TITLE_BEFORE.search(text, max(0, s - 8), s):
            return s
    return None


def unread_name(word: str) -> bool:
    """A word after a role that is a name the dictionary lacks (譚盾, あいみょん), not a word."""
    if KANJI_CHAR.match(word):
        return _unknown_pair(word) and not (set(word) & NOT_NAME_LAST)
    return not NOT_HIRAGANA_NAME.search(word)


def _place_like_surname(text: str, start: int) -> int | None:
    """Where a two- or three-kanji surname starts, when it stands with a space before the given
    name at `start` and the analyser reads it as a place or proper noun (大橋, 有田)."""
    m = SPACED_SURNAME.search(text, max(0, start - 4), start)
    if m is None:
        return None
    morphemes = list(tokenizer().tokenize(text[m.start():start - 1]))
    if len(morphemes) == 1 and pos_kind(morphemes[0].part_of_speech_id()) in ("L", "N", "sei", "C"):
        return m.start()
    return None


def prose_name(text: str, start: int, end: int,
                run: list[Token]) -> tuple[int, int, int] | None:
    """The span of a name in running prose and whether it is certain without more support
    from its sentence (see `supported`), or None when the run is not a person's name."""
    if run[-1].kind == "mei" and len(run) > 1 and not run[-1].tag:
        # a given name the analyser cut short: 松平 正|質, 兪 啓|威
        if (KANJI_CHAR.match(text, end) and not KANJI_CHAR.match(text, end + 1)
                and text[end] not in HONORIFIC_CHARS and end - run[-1].start <= 2
                and not ORG_AFTER.match(text[end:end + 1])):
            end += 1
    if run[-1].kind == "sei" and not run[-1].tag:
        given = GIVEN_NAME_ENDING.match(text, end)  # 林|右衛門, 坂本|竜馬之助
        if given and not KANJI_CHAR.match(text, given.end()):
            return start, given.end(), CERTAIN
        if (len(run) == 1 and KANJI_CHAR.match(text, end) and ONE_KANJI_GIVEN_NEXT.match(text, end + 1)
                and text[end] not in NOT_ONE_KANJI_GIVEN and not ORG_AFTER.match(text[end:end + 1])):
            return start, end + 1, WEAK  # 井深|大と盛田昭夫は: a one-kanji given name left unread
        if (len(run) == 1 and KANJI_CHAR.match(text, end) and KANJI_CHAR.match(text, end + 1)
                and ONE_KANJI_GIVEN_NEXT.match(text, end + 2)
                and not (set(text[end:end + 2]) & NOT_ONE_KANJI_GIVEN)
                and not ORG_AFTER.match(text[end:end + 2]) and _unknown_pair(text[end:end + 2])):
            return start, end + 2, WEAK  # 松平|乗薀は: a given name the dictionary does not know
    after = text[end: end + 8]
    before = text[max(0, start - 5): start]
    titled = bool(TITLE_AFTER.match(after) or TITLE_COMPOUND.match(after))
    if EVENT_AFTER.match(after) or STREET_AFTER.match(after):
        return None  # 鳥羽・伏見の戦い, 新堀2丁目
    if FAMILY_AFTER.match(after) and (run[-1].kind == "sei" or run[-1].tag in ("P", "U")):
        # 志水家, ゲティ家: a family, named by its surname
        lone_in_compound = len(run) == 1 and COMPOUND.match(text[max(0, start - 1): start])
        return start, end, WEAK if run[-1].tag == "U" or lone_in_compound else CERTAIN
    full = (len(run) > 1 and run[0].kind == "sei" and run[-1].kind == "mei"
            and not run[-1].tag)  # 姓 + 名: a whole name stands even before a kanji word
    if ORG_AFTER.match(after) or not (titled or FOLLOW_OK.match(after)
                                      or (full and KANJI_CHAR.match(after))):
        return None
    titled = (titled or bool(TITLE_BEFORE.search(before)) or bool(LIFE_YEARS.match(text, end))
              or bool(ROLE_OF_BEFORE.search(text, max(0, start - 12), start))
              or bool(DEFINED_AS_PERSON.match(text, end)))
    if COMPANY_END.search(text, start, end):
        return None  # ヤマト運輸: a company the dictionary files as a name
    tags = [t.tag for t in run if t.kind != "joiner"]
    if any(tags) and run[0].kind == "sei" and len(run) > 1:
        return start, end, CERTAIN  # 佐藤 トメ: a surname and a katakana given name
    if any(tags):  # a katakana name (or a katakana word that may be one)
        if text[end:end + 1] in JOINERS and COMPOUND.match(text, end + 1):
            return None  # ジョージ・ワシントン大学: the chain goes on into a word that is no name
        if not titled and KATA_PLACE_START.match(text, start):
            return None  # サン・パウロ, ロス・アンジェルス
        if "L" in tags and not (
                len(tags) > 1 and "L" not in tags[:-1] and tags[0] == "P"
                and (titled or tags.count("P") >= 2) and not QUOTED.search(before)):
            return None  # a place, unless a place-like surname closes a name (ホセ・…・サントス)
        if titled:
            return start, end, CERTAIN
        quoted = bool(QUOTED.search(before))
        if before[-1:].isascii() and before[-1:].isalpha():
            return None  # SCバスティア, SEIBUプリンスラビッツ: a team or brand name
        if len(tags) == 1:
            if tags[0] == "U" and PERSON_NEXT.match(after) and not quoted:
                return start, end, WEAK
            if tags[0] == "N" and PERSON_NEXT.match(after) and not quoted:
                return start, end, LISTED
            if tags[0] == "P":
                if start and not titled and text[start - 1] in COMPOUND_HEAD_END:
                    return None  # 受診者リスト: a loanword in a compound noun, not リスト the composer
                return start, end, CERTAIN
            return None
        if quoted:
            return None
        if not ("P" in tags or "U" in tags):
            if (PERSON_NEXT.match(after) and not KATA_ORG_END.search(text, start, end)
                    and not text.startswith("ザ・", start)):
                return start, end, LISTED  # リンゴ・スター: ordinary words, a name beside a name
            return None
        if KATA_ORG_END.search(text, start, end):
            return None  # ハンナ・バーベラ・プロダクション: a company named after people
        return start, end, VERB_ONLY if tags[-1] == "C" else CERTAIN
    surface = text[start:end]
    if len(run) == 1 and end - start == 1 and run[0].kind in ("mei", "person") and not titled:
        return None  # 確認：済, 対応：了: a one-kanji given name alone is most often a word
    if PLACE_END.search(surface) and not (surface[-1] == "長" and (
            (full and end - run[-1].start >= 2)
            or all(t.kind in ("person", "mei") for t in run))):  # 織田信長, 信長: the dictionary's own
        return None  # 東大寺, 中島: but 藤原道長 is a name
    prev = text[max(0, start - 1): start]
    if prev and COMPOUND.match(prev) and surface[0] in ADMIN_CHARS:
        return None  # 伊那|市六道原: a place name the analyser read as a surname
    if len(run) == 1 and run[0].kind == "mei":
        unread = _unread_surname(text, start)
        if unread is not None and not KANJI_CHAR.match(text, end):
            return unread, end, CERTAIN  # プロデューサーの稲船敬二: a surname the dictionary lacks
        surname = _place_like_surname(text, start) if end - start >= 2 else None
        if surname is not None and not KANJI_CHAR.match(text, end):
            return surname, end, CERTAIN  # 大橋 賢治, 有田 康平: a surname the analyser read as a place
        if (start >= 1 and KANJI_CHAR.match(prev) and (start == 1 or BOUNDARY.match(text, start - 2))
                and PERSON_NEXT.match(after)):
            return start - 1, end, CERTAIN  # a one-kanji surname the analyser missed: 水 夏希
        if not titled and COMPOUND.match(prev):
            return None
        if titled or PERSON_NEXT.match(after):
            return start, end, CERTAIN if titled else WEAK
        return None
    if len(run) == 1 and not titled and COMPOUND.match(prev):
        return None
    if len(run) == 1 and run[0].kind == "sei" and not titled:
        return start, end, WEAK
    return start, end, CERTAIN
