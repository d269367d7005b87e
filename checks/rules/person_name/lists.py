"""Names beside names: list mates (A、B、C), Chinese/Korean three-kanji names, and weak
candidates supported by a strong name in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .analyser import JOINERS, pos_kind, read_tokens, tokenizer
from .words import (
    ADMIN_CHARS,
    CJK_NAME,
    CJK_NOT_NAME_END,
    CJK_SURNAMES,
    KANJI_CHAR,
    KATA_ORG_END,
    KATA_PLACE_START,
    LIST_LINK,
    NOUN_SUFFIX,
    PERSON_ROLE,
    PERSON_VERB,
    SENTENCE_LIMIT,
)


def cjk_names(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Three-kanji Chinese/Korean names the analyser does not know (see CJK_NAME)."""
    if not any(c in text for c in CJK_SURNAMES):
        return
    spans = sorted(taken)
    for m in CJK_NAME.finditer(text):
        start, end = m.span()
        if text[end - 1] in CJK_NOT_NAME_END:
            continue
        i = bisect_left(spans, (start, -1))
        if (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end):
            continue
        morphemes = list(tokenizer().tokenize(m.group()))
        if len(morphemes) < 2 or any(pos_kind(x.part_of_speech_id()) in ("L", "N")
                                     or x.part_of_speech()[0] in ("接尾辞", "動詞", "助詞")
                                     for x in morphemes):
            continue
        if len(morphemes[0].surface()) > 1 and not morphemes[-1].is_oov():
            continue  # 陳列|棚: a word and a suffix, unlike 金斗|鎔 with its unknown last kanji
        yield start, end


def listed_beside(text: str, listed: list[tuple[int, int]],
                   names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `listed` words that stand in an enumeration next to one of `names`
    (「アメンとゴッサードは」), or next to such a word in turn."""
    ends = {e: s for s, e in names}
    starts = {s: e for s, e in names}
    out: list[tuple[int, int]] = []
    done: set[tuple[int, int]] = set()
    pending = sorted(listed)
    for order in (pending, pending[::-1]):  # left to right, then right to left along a list
        for span in order:
            s, e = span
            if span in done:
                continue
            link_after = LIST_LINK.match(text, e)
            if (link_after and link_after.end() in starts) or any(
                    e2 in ends and LIST_LINK.fullmatch(text, e2, s) for e2 in range(max(0, s - 2), s)):
                out.append(span)
                done.add(span)
                ends[e] = s
                starts[s] = e
    return out

LIST_ITEM = (r"(?<![\u4e00-\u9fff々ヶ\u30a1-\u30faー・=])"
             r"(?:[\u4e00-\u9fff々ヶ]{2,5}|[\u30a1-\u30faー]{2,}(?:[・=][\u30a1-\u30faー]{1,}){0,4})"
             r"(?![\u4e00-\u9fff々ヶ\u30a1-\u30faー・=])")

NAME_LIST = re.compile(LIST_ITEM + r"(?:、" + LIST_ITEM + r"){2,}")

NOT_NAME_LAST = CJK_NOT_NAME_END | NOUN_SUFFIX | set(ADMIN_CHARS)


def list_mates(text: str, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items of a 、-list of at least three in which most items are already names
    (「横山大観、菊池契月、安田靫彦、前田青邨」): the others are names too, when they look
    like one on their own (a kanji item of 3–5 characters that is not one dictionary word
    and does not end like an institution, a two-kanji surname, a katakana name chain)."""
    if "、" not in text or len(names) < 2:
        return []
    spans = sorted(names)
    out: list[tuple[int, int]] = []
    for m in NAME_LIST.finditer(text):
        items: list[tuple[int, int]] = []
        pos = m.start()
        for part in m.group().split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        i = bisect_left(spans, (m.start(), -1))
        inside = []
        while i < len(spans) and spans[i][0] < m.end():
            inside.append(spans[i])
            i += 1
        starts = [a for a, _ in inside]
        reach = max((b - a for a, b in inside), default=0)
        named = [it for it in items if any(
            min(e, it[1]) - max(s, it[0]) >= (it[1] - it[0]) / 2
            for s, e in _near(inside, starts, reach, *it))]
        if len(named) < 2 or 2 * len(named) < len(items):
            continue
        kanji_list = sum(KANJI_CHAR.match(text, s) is not None for s, _ in named) * 2 > len(named)
        named_set = set(named)
        for s, e in items:
            if (s, e) in named_set or (KANJI_CHAR.match(text, s) is not None) != kanji_list:
                continue
            if any(min(e, b) > max(s, a) for a, b in _near(inside, starts, reach, s, e)):
                continue
            if _looks_like_a_name_alone(text, s, e):
                out.append((s, e))
    return out


def _near(spans: list[tuple[int, int]], starts: list[int], reach: int, start: int,
          end: int) -> list[tuple[int, int]]:
    """The spans (sorted, none longer than `reach`) that can overlap [start, end): a window
    found by bisection, so a list of thousands of names stays linear."""
    return spans[bisect_left(starts, start - reach):bisect_left(starts, end)]


def _looks_like_a_name_alone(text: str, start: int, end: int) -> bool:
    item = text[start:end]
    if KANJI_CHAR.match(item):
        if item[-1] in NOT_NAME_LAST:
            return False
        morphemes = list(tokenizer().tokenize(item))
        kinds = [pos_kind(x.part_of_speech_id()) for x in morphemes]
        if len(item) == 2:
            return kinds[0] == "sei"
        return len(morphemes) > 1 and not any(
            x.part_of_speech()[0] in ("動詞", "助詞", "接尾辞") for x in morphemes)
    if KATA_ORG_END.search(item) or KATA_PLACE_START.match(item):
        return False
    if any(j in item for j in JOINERS):
        return True
    tokens = read_tokens(text, start, end)
    return len(tokens) == 1 and tokens[0].tag in ("P", "U")


def supported(text: str, start: int, end: int, names: list[tuple[int, int]],
               roles: bool = True) -> bool:
    """A weak name counts when its sentence speaks of a person: a verb of people (辞任,
    語った, によると …), a role word (選手, 作家 …) when `roles`, or another name (from the
    sorted `names`) in the same sentence."""
    window = max(0, start - SENTENCE_LIMIT)
    lo = max(text.rfind("。", window, start), text.rfind("\n", window, start), window - 1) + 1
    hi = min(len(text), end + SENTENCE_LIMIT)
    for stop in ("。", "\n"):
        i = text.find(stop, end, hi)
        if i >= 0:
            hi = i
    if PERSON_VERB.search(text, lo, hi) or (roles and PERSON_ROLE.search(text, lo, hi)):
        return True
    i = bisect_left(names, (lo, -1))
    while i < len(names) and names[i][0] < hi:
        s, e = names[i]
        if e <= hi and (s, e) != (start, end):
            return True
        i += 1
    return False
