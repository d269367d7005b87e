"""A normalised copy of the user's text, with a way back to the original offsets.

Rules match against one predictable form of Japanese text: NFKC (full-width digits and
letters, half-width katakana, full-width ＠), every dash and hyphen variant as "-", the
katakana long mark ー as "-" between digits, single spaces inside grouped numbers removed
("4457 3903 3430" → "445739033430"), and kanji numerals that stand for digits
(七丁目, 十二月, 二〇二五年) as ASCII digits. Each step records its edits so that a span of
the copy maps back to the span of the original string that produced it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}

_CHAR_CACHE: dict[str, str] = {}

_STAGE2 = re.compile(
    r"(?P<kana>[\u3040-\u30ff][\u3099\u309a])"
    r"|(?P<space>(?<![\d.])\d{2,5}(?: \d{2,5})+(?!\d|\.\d)|(?<![\d. ])\d(?: \d){6,15}(?![\d.]| \d))"
    r"|(?P<dash>(?<=\d)ー(?=\d))"
    r"|(?P<kanji>[〇一二三四五六七八九十百千]+(?=丁目|番地|番(?!町)|号|年|月|日|歳|階))"
)
# Numbers written digit by digit in kanji (〇四八-四七九-五五二〇, 〇九〇一二三四…): phone numbers
# start with 0, so only a text with 〇 is searched for them.
_KANJI_DIGITS = re.compile(
    r"(?<![\u4e00-\u9fff])[〇一二三四五六七八九]{2,5}(?:[-()]{1,2}[〇一二三四五六七八九]{2,5}){1,3}"
    r"(?![\u4e00-\u9fff])|[〇一二三四五六七八九]{7,}"
)
# Variant kanji common in names and place names (髙橋, 山﨑), read as their usual form so
# the analyser knows them; one character for one, so offsets do not move.
VARIANTS = dict({"髙": "高", "﨑": "崎", "德": "徳", "濵": "浜", "邉": "辺", "邊": "辺",
                          "齋": "斎", "齊": "斉", "櫻": "桜", "廣": "広", "瀨": "瀬", "槇": "槙"})


def _char_form(ch: str) -> str:
    form = _CHAR_CACHE.get(ch)
    if form is None:
        form = "-" if ch in DASHES else VARIANTS.get(ch) or unicodedata.normalize("NFKC", ch)
        if form == "":
            form = ch
        _CHAR_CACHE[ch] = form
    return form


_THOUSANDS_BEFORE = re.compile(r"(?:^|[^\d/.\-:])\d{1,3}(?:,\d{3})+,$")
_THOUSANDS_AFTER = re.compile(r",\d{3}(?!\d)")


def _in_thousands(text: str, start: int, end: int) -> bool:
    """True when a digit group is part of 1,234,567-style grouping, not a spaced number."""
    return bool(_THOUSANDS_BEFORE.search(text[max(0, start - 24):start])) or bool(
        _THOUSANDS_AFTER.match(text, end) and text[end - 4] == " "
    )


def kanji_number(word: str) -> str:
    """`二〇二五` → `2025`, `三十一` → `31`, `十` → `10`."""
    if not any(c in KANJI_UNITS for c in word):
        return "".join(str(KANJI_DIGITS[c]) for c in word)
    total, digit = 0, 0
    for c in word:
        if c in KANJI_UNITS:
            total += (digit or 1) * KANJI_UNITS[c]
            digit = 0
        else:
            digit = KANJI_DIGITS[c]
    return str(total + digit)


@dataclass
class _Edits:
    """Replacements applied to a base string; maps positions of the result back to it."""

    new_starts: list[int] = field(default_factory=list)
    new_ends: list[int] = field(default_factory=list)
    old_starts: list[int] = field(default_factory=list)
    old_ends: list[int] = field(default_factory=list)

    def start(self, pos: int) -> int:
        i = bisect_right(self.new_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.new_ends[i]:
            return self.old_starts[i]
        return pos - self.new_ends[i] + self.old_ends[i]

    def end(self, pos: int) -> int:
        if pos <= 0:
            return pos
        i = bisect_right(self.new_starts, pos - 1) - 1
        if i < 0:
            return pos
        if pos - 1 < self.new_ends[i]:
            return self.old_ends[i]
        return pos - self.new_ends[i] + self.old_ends[i]


def _apply(base: str, edits: list[tuple[int, int, str]]) -> tuple[str, _Edits]:
    parts: list[str] = []
    mapping = _Edits()
    last = 0
    length = 0
    for old_start, old_end, new in edits:
        parts.append(base[last:old_start])
        length += old_start - last
        mapping.new_starts.append(length)
        mapping.new_ends.append(length + len(new))
        mapping.old_starts.append(old_start)
        mapping.old_ends.append(old_end)
        parts.append(new)
        length += len(new)
        last = old_end
    parts.append(base[last:])
    return "".join(parts), mapping


def _stage1(text: str) -> tuple[str, _Edits | None]:
    table: dict[int, str] = {}
    multi: dict[str, str] = {}
    for ch in set(text):
        form = _char_form(ch)
        if form != ch:
            if len(form) == 1:
                table[ord(ch)] = form
            else:
                multi[ch] = form
    out = text.translate(table) if table else text
    if not multi:
        return out, None
    pattern = re.compile("[" + "".join(re.escape(c) for c in multi) + "]")
    edits = [(m.start(), m.end(), multi[m.group()]) for m in pattern.finditer(out)]
    return _apply(out, edits)


def _stage2(text: str) -> tuple[str, _Edits | None]:
    edits: list[tuple[int, int, str]] = []
    matches: list[tuple[int, int, str | None, str]] = [
        (m.start(), m.end(), m.lastgroup, m.group()) for m in _STAGE2.finditer(text)]
    if "〇" in text:
        spelled = [(m.start(), m.end(), "kdigits", m.group()) for m in _KANJI_DIGITS.finditer(text)]
        if spelled:
            matches = _merge_spans(matches, spelled)
    for start, end, kind, value in matches:
        if kind == "kana":
            new = unicodedata.normalize("NFC", value)
        elif kind == "space":
            new = value.replace(" ", "")
            if len(new) < 7 or _in_thousands(text, start, end):
                continue
        elif kind == "dash":
            new = "-"
        elif kind == "kdigits":  # 〇四八-四七九-五五二〇: digits written in kanji, one for one
            new = "".join(str(KANJI_DIGITS[c]) if c in KANJI_DIGITS else c for c in value)
        else:
            new = kanji_number(value)
        if new != value:
            edits.append((start, end, new))
    if not edits:
        return text, None
    return _apply(text, edits)


def _merge_spans(first: list[tuple[int, int, str | None, str]],
                 second: list[tuple[int, int, str | None, str]]) -> list[tuple[int, int, str | None, str]]:
    """Both lists in order of start; where spans overlap, the earlier-starting one is kept."""
    out: list[tuple[int, int, str | None, str]] = []
    for item in sorted(first + second):
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


class Normalized:
    """The normalised copy (`text`) of `original` and the offset map back to it."""

    def __init__(self, original: str) -> None:
        self.original = original
        first, self._first = _stage1(original)
        self.text, self._second = _stage2(first)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original it came from."""
        s, e = start, end
        for edits in (self._second, self._first):
            if edits is not None:
                s, e = edits.start(s), edits.end(e)
        if e < s:
            e = s
        return s, e
