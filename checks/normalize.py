"""A normalised copy of the user's text, with a way back to the original offsets.

Rules match against one predictable form of Japanese text. Three passes, each recording its
edits so that a span of the copy maps back to the span of the original that produced it:

1. characters: NFKC (full-width digits and letters, half-width katakana, ＠, every Unicode
   space as " "), every dash and hyphen variant as "-", variant kanji read as their usual
   form (髙 → 高), invisible format characters (ZWSP, ZWJ, WJ, SHY, BOM, LRM …) removed, and
   digits of other scripts (٠١٢, ०१२ …) read as ASCII digits — the last is *suspect*;
2. numbers written in words: kana with a separate voicing mark composed, the long mark ー
   between digits as "-", kanji numerals that stand for digits (七丁目, 二〇二五年, a run of
   seven or more kanji digits such as 〇九〇 一二三四 …), and, as *suspect*, the letter O
   between digits (O9O-…) and digits spelled in kana (ゼロキュウゼロ…);
3. values broken by the paste: whitespace (spaces, tabs, one line break) inside a grouped
   number is removed only where the pieces together make the shape of one value (4-4-4,
   a 10/11-digit phone number starting with 0, a Luhn-valid card …), so two numbers side by
   side stay two numbers (`090-1234-5678 080-1111-2222`); spaces around @ in an e-mail
   address and the (at)/(dot) spellings are folded, and so are spaces between an address's
   parts where a street number follows (新座市 野火止 5 丁目 2 番 9 号).
Between passes 1 and 2, pasted markup becomes layout (`checks.markup`) and letter-spaced
lines of scanned forms are read as words (`checks.letter_spacing`).

A *suspect* edit is a deliberate-looking disguise: `Normalized.suspect(start, end)` tells
screening that a finding rests on one, so it can say 「番号を崩して書いた可能性」.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from .letter_spacing import letter_spacing_edits
from .markup import markup_edits

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Variant kanji common in names and place names (髙橋, 山﨑), read as their usual form so
# the analyser knows them; one character for one, so offsets do not move.
VARIANTS = {"髙": "高", "﨑": "崎", "德": "徳", "濵": "浜", "邉": "辺", "邊": "辺",
            "齋": "斎", "齊": "斉", "櫻": "桜", "廣": "広", "瀨": "瀬", "槇": "槙",
            # outside the basic plane: つちよし and はしご高's kin, typed from a 人名 font
            "𠮷": "吉", "𡈽": "土", "𣘺": "橋", "𥔎": "崎", "𦚰": "脇", "𠀋": "丈"}
# Characters that are there but not seen: format characters (Unicode category Cf: ZWSP,
# ZWNJ, ZWJ, WJ, LRM/RLM, the bidi embeddings, BOM, SHY …) and the variation selectors.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
# Kept as they are: ㊙ is a marking, NFKC would make it the plain word 秘.
KEPT = frozenset("㊙")
_LINE_SEPARATORS = {"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\r": "\n"}

_CHAR_CACHE: dict[str, tuple[str, bool]] = {}


def _char_form(ch: str) -> tuple[str, bool]:
    """(normal form of one character, True when the fold is a suspect one)."""
    cached = _CHAR_CACHE.get(ch)
    if cached is not None:
        return cached
    suspect = False
    if ch in DASHES:
        form = "-"
    elif ch in VARIANTS:
        form = VARIANTS[ch]
    elif ch in KEPT:
        form = ch
    elif 0xD800 <= ord(ch) <= 0xDFFF:
        form = "\ufffd"  # a lone surrogate (a broken paste) cannot be encoded for the analyser
    elif ch in _LINE_SEPARATORS:
        form = _LINE_SEPARATORS[ch]
    elif ch in _INVISIBLE_EXTRA or unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F:
        form = ""
    elif ch.isspace() and ch not in "\n\t":
        form = " "
    else:
        form = unicodedata.normalize("NFKC", ch)
        if len(form) == 1 and form.isdigit() and not form.isascii():
            value = unicodedata.digit(form, None)
            if value is not None:  # Arabic-Indic, Devanagari … digits: a disguise
                form, suspect = str(value), True
        elif form == "":
            form = ch
    _CHAR_CACHE[ch] = (form, suspect)
    return form, suspect


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


Edit = tuple[int, int, str]


def _apply(base: str, edits: list[Edit]) -> tuple[str, _Edits]:
    """Apply non-overlapping edits (sorted by start); adjacent deletions become one edit."""
    merged: list[Edit] = []
    for edit in edits:
        if merged and merged[-1][1] == edit[0] and merged[-1][2] == "" and edit[2] == "":
            merged[-1] = (merged[-1][0], edit[1], "")
        else:
            merged.append(edit)
    parts: list[str] = []
    mapping = _Edits()
    last = 0
    length = 0
    for old_start, old_end, new in merged:
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


def _characters(text: str) -> tuple[str, _Edits | None, list[tuple[int, int]]]:
    table: dict[int, str] = {}
    multi: dict[str, str] = {}
    suspect_chars: set[str] = set()
    for ch in set(text):
        form, suspect = _char_form(ch)
        if suspect:
            suspect_chars.add(ch)
        if form != ch:
            if len(form) == 1:
                table[ord(ch)] = form
            else:
                multi[ch] = form
    suspects = [(i, i + 1) for i, ch in enumerate(text) if ch in suspect_chars] if suspect_chars else []
    out = text.translate(table) if table else text
    if not multi:
        return out, None, suspects
    pattern = re.compile("[" + "".join(re.escape(c) for c in multi) + "]")
    edits = [(m.start(), m.end(), multi[m.group()]) for m in pattern.finditer(out)]
    new, mapping = _apply(out, edits)
    return new, mapping, suspects


_KDIGIT = "〇零一二三四五六七八九"
# The alternatives of pass 2, each a pattern that starts with a character class (so the regex
# engine skips ahead to where it can match: a megabyte scans in milliseconds) and the
# characters that must be in the text for it to apply at all.
_WORD_ALTERNATIVES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("kana", re.compile(r"[\u3040-\u30ff][\u3099\u309a]"), "\u3099\u309a"),
    ("dash", re.compile(r"ー(?:(?<=\dー)|(?<=\d[ \t]ー))(?=[ \t]?\d)"), "ー"),
    # digits written one by one in kanji: 〇四八-四七九-五五二〇, 一二三四 五六七八 九〇一二
    # (a number that starts with 〇 may follow its label glued: 携帯〇七〇-…, 固定〇四八-…)
    ("kdigits", re.compile(rf"(?:〇|[{_KDIGIT}](?<![\u4e00-\u9fff][{_KDIGIT}]))[{_KDIGIT}]{{1,4}}"
                           rf"(?:[-ー() \t\n]{{1,3}}[{_KDIGIT}]{{1,5}}){{1,4}}(?![\u4e00-\u9fff])"), _KDIGIT),
    ("kdigits", re.compile(rf"[{_KDIGIT}]{{7,}}"), _KDIGIT),
    # (not the words and names that hold such kanji: 一番 ("most", 風間 一番), 四日市, 十日町, 廿日市)
    # (only from the start of a run: the words after it are no numerals, so a run either matches
    # whole or not at all, and trying every numeral of a long run again was quadratic)
    ("kanji", re.compile(r"(?<![〇一二三四五六七八九十百千])[〇一二三四五六七八九十百千]+(?=丁目|番地"
                         r"|番(?=号|[\d〇一二三四五六七八九十]|の[\d〇一二三四五六七八九])"
                         r"|号|年|歳|階)"),
     "〇一二三四五六七八九十百千"),
    # a month and a day after a year (昭和四十五年三月二日); without the year 四月一日 may be a
    # surname (四月一日 進, read わたぬき) and is left as written
    ("kdate", re.compile(r"(?<=年)[ 　]?[〇一二三四五六七八九十]{1,3}月"
                         r"(?:[ 　]?[〇一二三四五六七八九十]{1,3}日(?![町市村]))?"),
     "〇一二三四五六七八九十"),
    # the letter O (or o) standing for a zero among digits: O9O-1234-5678 (checked in _words:
    # an O in it and six digits)
    ("letter_o", re.compile(r"[\dOo](?<![A-Za-z][\dOo])[\dOo\-]{5,}(?![A-Za-z])"), "Oo"),
)


_KANJI_RUN = re.compile(r"[〇一二三四五六七八九十]+")


def _word_matches(text: str) -> list[tuple[int, int, str, str]]:
    """Every pass-2 match, in order; where two overlap the earlier-starting one is kept."""
    found: list[tuple[int, int, str, str]] = []
    for name, pattern, chars in _WORD_ALTERNATIVES:
        if not any(c in text for c in chars):
            continue
        for m in pattern.finditer(text):
            value = m.group()
            if name == "letter_o" and (("O" not in value and "o" not in value)
                                       or sum(c.isdigit() for c in value) < 6):
                continue
            found.append((m.start(), m.end(), name, value))
    return _merge_spans(found, [])


# Digits spelled in kana (ゼロキュウゼロ イチニサンヨン …): only a run of seven or more.
_KANA_DIGIT_WORDS = {
    "ゼロ": 0, "レイ": 0, "マル": 0, "イチ": 1, "ニ": 2, "サン": 3, "ヨン": 4, "シ": 4, "ゴ": 5,
    "ロク": 6, "ナナ": 7, "シチ": 7, "ハチ": 8, "キュウ": 9, "キュー": 9, "ク": 9,
}
_KANA_WORD = "|".join(sorted(
    list(_KANA_DIGIT_WORDS) + ["".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in w)
                               for w in _KANA_DIGIT_WORDS], key=len, reverse=True))
_KANA_DIGITS = re.compile(rf"(?<![\u3040-\u30ff])(?:(?:{_KANA_WORD})[ \-・]?){{7,}}(?![\u3040-\u30ff])")
_KANA_TOKEN = re.compile(_KANA_WORD)


def _kana_value(word: str) -> int:
    katakana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in word)
    return _KANA_DIGIT_WORDS[katakana]


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


def _words(text: str) -> tuple[str, _Edits | None, list[tuple[int, int]]]:
    edits: list[Edit] = []
    suspects: list[tuple[int, int]] = []
    matches = _word_matches(text)
    if _has_kana_digits(text):
        spelled = [(m.start(), m.end(), "kana_digits", m.group()) for m in _KANA_DIGITS.finditer(text)]
        matches = _merge_spans(matches, spelled)
    for start, end, kind, value in matches:
        if kind == "kana":
            new = unicodedata.normalize("NFC", value)
        elif kind == "dash":
            new = "-"
        elif kind == "kdigits":
            if sum(c in KANJI_DIGITS for c in value) < 7 and "〇" not in value and "零" not in value:
                continue  # 一二 三四: words, not a number written digit by digit
            new = "".join(str(KANJI_DIGITS[c]) if c in KANJI_DIGITS else "-" if c == "ー" else c
                          for c in value)
        elif kind == "letter_o":
            new = value.replace("O", "0").replace("o", "0")
            suspects.append((start, end))
        elif kind == "kana_digits":
            new = "".join(str(_kana_value(t)) for t in _KANA_TOKEN.findall(value))
            suspects.append((start, end))
        elif kind == "kdate":
            new = _KANJI_RUN.sub(lambda m: kanji_number(m.group()), value)
        else:
            new = kanji_number(value)
        if new != value:
            edits.append((start, end, new))
    if not edits:
        return text, None, suspects
    new_text, mapping = _apply(text, edits)
    return new_text, mapping, suspects


def _has_kana_digits(text: str) -> bool:
    return ("ゼロ" in text or "ぜろ" in text or "キュ" in text or "きゅ" in text or "ハチ" in text
            or "はち" in text or "イチ" in text or "いち" in text)


def _merge_spans(first: list[tuple[int, int, str, str]],
                 second: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Both lists in order of start; where spans overlap, the earlier-starting one is kept."""
    out: list[tuple[int, int, str, str]] = []
    for item in sorted(first + second):
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


# --- pass 3: values broken by the paste -------------------------------------------------------

_UNIT = r"\d+(?:-\d+)*"
_GAP = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_SEP = rf"(?:{_GAP}-?[ \t]*(?:\n[ \t]*)?|-{_GAP})"
_CHAIN = re.compile(rf"(?<![\d.])(?:\+[ \t]?)?{_UNIT}(?:{_SEP}{_UNIT})+(?!\d)")
_UNIT_OR_SEP = re.compile(rf"{_UNIT}|{_SEP}")
_EMAIL_AT = re.compile(
    r"(?<=[A-Za-z0-9._%+\-])(?:[ \t]*@[ \t]*|[ \t]*[(\[<](?:at|AT)[)\]>][ \t]*)"
    r"(?=[A-Za-z0-9][A-Za-z0-9\-]*(?:[ \t]*(?:\.|[(\[<](?:dot|DOT)[)\]>])[ \t]*[A-Za-z0-9\-]+)+)")
_EMAIL_DOT = re.compile(r"(?<=[A-Za-z0-9])[ \t]*[(\[<](?:dot|DOT)[)\]>][ \t]*(?=[A-Za-z0-9])")
MAX_UNITS = 16
# 「新座市 野火止 5 丁目 2 番 9 号」「日高市 大字 清流 218 番地」: an address typed or scanned with
# spaces between its parts is one address; the spaces go where a street number follows.
_STREET_UNIT = r"\d{1,4} ?(?:丁目|番地|番|号)"
_ADDRESS_GAPS = (
    re.compile(r"(?<=[市区町村郡字]) (?=(?:[\u4e00-\u9fff々ヶ]{1,8} ?){1,3}" + _STREET_UNIT + ")"),
    re.compile(r"(?<=[\u4e00-\u9fff々ヶ]) (?=" + _STREET_UNIT + ")"),
    re.compile(r"(?<=\d) (?=丁目|番地|番|号)"),
    re.compile(r"(?<=丁目) (?=\d)|(?<=番地) (?=\d)|(?<=番) (?=\d{1,4} ?号)"),
)


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check of payment card numbers (ISO/IEC 7812-1)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _one_value(groups: list[str], plus: bool) -> bool:
    """True when digit groups read together make the shape of one identifier."""
    n = sum(len(g) for g in groups)
    lengths = [len(g) for g in groups]
    if len(groups) >= 7 and all(x == 1 for x in lengths):
        return 7 <= n <= 16  # 0 9 0 1 2 3 4 …: one digit at a time
    if min(lengths) == 0:
        return False
    joined = "".join(groups)
    if plus:
        return joined.startswith("81") and n in (11, 12)  # +81 90 1234 5678
    if n == 16:
        return lengths == [4, 4, 4, 4] and luhn_valid(joined)
    if n == 12:
        return lengths in ([4, 4, 4], [6, 6])  # 個人番号, 運転免許証
    if n in (10, 11) and joined.startswith("0"):
        return len(groups) <= 4 and lengths[-1] >= 3
    if n == 11:
        return len(groups) <= 3 and min(lengths) >= 3
    if n == 10:
        return lengths == [4, 6]  # 基礎年金番号 1234 567890
    if n == 13:
        return lengths == [5, 8]  # ゆうちょ 記号・番号 12340 12345671
    if n == 8:
        return lengths == [4, 4]  # 後期高齢者医療 被保険者番号 1208 7731
    if n == 7:
        return lengths == [3, 4]
    return False


def _years(groups: list[str]) -> bool:
    """2019 2020 2021: a list of years is not one number."""
    return len(groups) > 1 and all(len(g) == 4 and g[:2] in ("19", "20") for g in groups)


def _table_tabs(text: str, start: int, end: int) -> bool:
    """True when the line has tabs outside the chain [start, end): they are a table's cells."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return "\t" in text[line_start:start] or "\t" in text[end:line_end]


# A gap between two digits: chains are only looked for around one, which keeps long texts cheap.
_DIGIT_GAP = re.compile(r"\d(?:[ \t]+-?|[ \t]*\n[ \t]*-?|-[ \t]*\n?[ \t]+|-[ \t]*\n)[ \t]*(?:\n[ \t]*)?\d")


def _breaks(text: str) -> tuple[str, _Edits | None]:
    edits: list[Edit] = []
    done = 0
    for gap in _DIGIT_GAP.finditer(text):
        if gap.start() < done:
            continue
        start = gap.start()
        while start > done and (text[start - 1].isdigit() or text[start - 1] == "-"):
            start -= 1
        if start > 0 and text[start - 1] == "+":
            start -= 1
        elif start > 1 and text[start - 1] in " \t" and text[start - 2] == "+":
            start -= 2
        m = _CHAIN.match(text, start)
        while m is None and start < gap.start():
            start += 1
            m = _CHAIN.match(text, start)
        if m is None:
            continue
        edits.extend(_join_chain(text, m))
        done = m.end()
    for pattern in _ADDRESS_GAPS:
        edits.extend((m.start(), m.end(), "") for m in pattern.finditer(text))
    for pattern in (_EMAIL_AT, _EMAIL_DOT):
        for m in pattern.finditer(text):
            new = "@" if pattern is _EMAIL_AT else "."
            if m.group() != new:
                edits.append((m.start(), m.end(), new))
    if not edits:
        return text, None
    edits.sort()
    kept: list[Edit] = []
    for e in edits:
        if not kept or e[0] >= kept[-1][1]:
            kept.append(e)
    return _apply(text, kept)


MAX_DIGITS = 16  # a payment card; no identifier joined here is longer


def _join_chain(text: str, m: re.Match[str]) -> list[Edit]:
    """Edits that close the gaps of one chain of digit units where they make one value."""
    plus = m.group().startswith("+")
    first_digit = m.start() + next(i for i, c in enumerate(m.group()) if c.isdigit())
    pieces = [(p.start(), p.end(), p.group()) for p in _UNIT_OR_SEP.finditer(text, first_digit, m.end())]
    units = [p for p in pieces if p[2][0].isdigit()]
    seps = [p for p in pieces if not p[2][0].isdigit()]
    if (re.search(r"(?<![\d,])\d{1,3}(?:,\d{3})*,$", text[max(0, m.start() - 24):m.start()])
            and re.fullmatch(r"\d{3}", units[0][2])):
        units, seps = units[1:], seps[1:]  # 1,234 567: the 234 closes a thousands grouping
    if re.search(r"\d[/:]$", text[max(0, m.start() - 2):m.start()]):
        units, seps = units[1:], seps[1:]  # 2016/04/03 …: the 03 ends a date
    if re.match(r"[/:.]\d", text[m.end():m.end() + 2]):
        units, seps = units[:-1], seps[:-1]  # … 2016/04/03: the 2016 starts a date
    edits: list[Edit] = []
    if (re.search(r"第[ \t]*$", text[max(0, m.start() - 3):m.start()])
            and re.match(r"[ \t]*号", text[m.end():m.end() + 3])):
        return [(s[0], s[1], "") for s in seps]  # 第 301 2 784410 5 0 号: one number between 第 and 号
    # Each gap is judged once, and a window never grows past a closed gap or past the 16
    # digits of the longest identifier: a chain of any length costs linear time.
    allowed = [_gap_allowed(text, units[k], seps[k], m.span()) for k in range(min(len(seps), len(units) - 1))]
    digits = [sum(c.isdigit() for c in u[2]) for u in units]
    i = 0
    while i < len(units) - 1:
        joined = False
        last, total = i, digits[i]
        while (last + 1 < len(units) and last + 1 - i < MAX_UNITS and last < len(allowed)
               and allowed[last] and total + digits[last + 1] <= MAX_DIGITS):
            last += 1
            total += digits[last]
        for j in range(last, i, -1):
            gaps = seps[i:j]
            groups = [g for u in units[i:j + 1] for g in u[2].split("-")]
            if _one_value(groups, plus and i == 0) and not _years(groups):
                # 090-1234⏎5678 keeps its hyphens: a gap in a hyphenated value becomes one
                hyphenated = any("-" in u[2] for u in units[i:j + 1]) or any("-" in s[2] for s in gaps)
                edits.extend((s[0], s[1], "-" if hyphenated else "") for s in gaps)
                i = j + 1
                joined = True
                break
        if not joined:
            i += 1
    return edits


def _gap_allowed(text: str, before: tuple[int, int, str], gap: tuple[int, int, str],
                 chain: tuple[int, int]) -> bool:
    """A gap may be closed unless it is a table's tab or a line break between list items."""
    sep = gap[2]
    if "\t" in sep and "-" not in sep and _table_tabs(text, *chain):
        return False
    if "\n" in sep and "-" not in sep:
        line_start = text.rfind("\n", 0, before[0]) + 1
        if not text[line_start:before[0]].strip():
            return False  # 2019⏎2020⏎2021: one number per line is a list
        next_end = text.find("\n", gap[1])
        lines = text[line_start:len(text) if next_end < 0 else next_end]
        if any(d in lines for d in ",\t|"):
            return False  # rows of a table: the next row starts with its own number
    return True


# Characters, markup, letter spacing, numbers in words, values broken by the paste.
PASSES = 5


class Normalized:
    """The normalised copy (`text`) of `original` and the offset map back to it.

    `progress`, when given, is called with the fraction of the passes done after each one, so
    that a caller can show a long text's progress before normalising has finished."""

    def __init__(self, original: str, progress: Callable[[float], None] | None = None) -> None:
        def passed(count: int) -> None:
            if progress:
                progress(count / PASSES)

        self.original = original
        first, self._first, suspects1 = _characters(original)
        passed(1)
        layout = markup_edits(first)
        self._markup: _Edits | None = None
        if layout:
            first, self._markup = _apply(first, layout)
        passed(2)
        spacing = letter_spacing_edits(first)
        self._spacing: _Edits | None = None
        if spacing:
            first, self._spacing = _apply(first, spacing)
        passed(3)
        second, self._second, suspects2 = _words(first)
        passed(4)
        self.text, self._third = _breaks(second)
        passed(5)
        spans = list(suspects1)
        for s, e in suspects2:
            for edits in (self._spacing, self._markup, self._first):
                if edits is not None:
                    s, e = edits.start(s), edits.end(e)
            spans.append((s, e))
        self._suspects = sorted(spans)
        # for `suspect`: the starts in order, and the furthest end among the spans up to each
        self._suspect_starts = [s for s, _ in self._suspects]
        self._suspect_reach = list(accumulate((e for _, e in self._suspects), max))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original it came from."""
        s, e = start, end
        for edits in (self._third, self._second, self._spacing, self._markup, self._first):
            if edits is not None:
                s, e = edits.start(s), edits.end(e)
        if e < s:
            e = s
        return s, e

    def suspect(self, start: int, end: int) -> bool:
        """True when the original span [start, end) contains a disguised digit (O for 0 …).
        (A bisection: a megabyte of O9O-… has 70,000 findings and as many suspect spans.)"""
        before_end = bisect_left(self._suspect_starts, end)  # the spans with s < end
        return before_end > 0 and self._suspect_reach[before_end - 1] > start
