"""Compiling a rule's pattern so that scanning a long text stays cheap.

Python's `re` skips ahead quickly only when every alternative of a pattern begins with a plain
character. A vocabulary pattern with a lookbehind, an optional first part or a class of
characters in front (「(?<=\\S)(?:課|係|室)」, 「問い?合わ?せ」) is instead tried in full at
every position of the text: on a 1 MB text that is tens of microseconds per window read. A
lookahead on the set of characters a match can begin with, computed from the pattern itself,
makes each position a single class test. The matches are the same: the lookahead only states
what the pattern already requires.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 — the parser's op codes, as the standard library names them
import re._parser as parser

FirstChars = tuple[set[int], bool]  # characters a match can begin with; whether it can be empty


def guarded(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, led by a lookahead on the characters a match begins with
    when those are a known, finite set (otherwise the pattern is compiled as it is)."""
    first = first_characters(source, flags)
    if not first:
        return re.compile(source, flags)
    chars = "".join(re.escape(chr(c)) for c in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{source})", flags)


def first_characters(source: str, flags: int = 0) -> set[int] | None:
    """The code points a match of `source` can begin with, or None when that is open-ended
    (a negated class, \\S, ., a pattern that can match the empty string)."""
    try:
        parsed = parser.parse(source, flags)
        flags |= parsed.state.flags
        chars, empty = _first(parsed.data, flags)
    except _Open:
        return None
    if empty or not chars:
        return None
    if flags & re.IGNORECASE:
        chars |= {ord(chr(c).swapcase()) for c in chars if chr(c).isascii()}
    return chars


class _Open(Exception):
    """The first character of a match is not one of a finite set."""


def _first(items: list, flags: int) -> FirstChars:
    chars: set[int] = set()
    for op, av in items:
        got, empty = _first_of(op, av, flags)
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: object, av: object, flags: int) -> FirstChars:
    if op is C.LITERAL:
        return {av}, False
    if op is C.IN:
        chars: set[int] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(value)
            elif kind is C.RANGE and value[1] - value[0] < 4096:
                chars.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\d, \s …), wide ranges
                raise _Open
        return chars, False
    if op is C.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            got, can_be_empty = _first(alternative.data, flags)
            chars |= got
            empty = empty or can_be_empty
        return chars, empty
    if op is C.SUBPATTERN:
        return _first(av[3].data, flags)
    if op is C.ATOMIC_GROUP:
        return _first(av.data, flags)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        chars, empty = _first(body.data, flags)
        return chars, empty or low == 0
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return set(), True  # zero width: the next item begins the match
    raise _Open
