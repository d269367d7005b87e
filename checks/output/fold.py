"""Folded copies of a text for matching, each with a map back to the original offsets.

Output checks compare words and passages, not layout, so they match on a copy with the
differences that do not matter removed: NFKC (width, ㈱, ﾃﾞ), case, whitespace, control and
format characters, and punctuation. Trademark matching folds further: katakana → hiragana,
the long mark ー and the middle dot ・ dropped (セロテープ, ｾﾛﾃｰﾌﾟ, せろ・てーぷ all fold to
せろてぷ). `checks.normalize` keeps punctuation and rewrites numbers for screening, so these
checks fold on their own, one character at a time, keeping the origin of every folded char.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

DROPPED_CATEGORIES = ("Z", "C", "P")
LONG_MARKS = "ー〜～"
COMBINING_SOUND_MARKS = ("\u3099", "\u309a")
_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

_NFKC_CACHE: dict[str, str] = {}
_PASSAGE_CACHE: dict[str, str] = {}
_WORD_CACHE: dict[str, str] = {}


def _nfkc_form(ch: str) -> str:
    form = _NFKC_CACHE.get(ch)
    if form is None:
        form = unicodedata.normalize("NFKC", ch)
        _NFKC_CACHE[ch] = form
    return form


def _passage_form(ch: str) -> str:
    form = _PASSAGE_CACHE.get(ch)
    if form is None:
        nfkc = unicodedata.normalize("NFKC", ch).casefold()
        form = "".join(c for c in nfkc
                       if c in COMBINING_SOUND_MARKS
                       or unicodedata.category(c)[0] not in DROPPED_CATEGORIES)
        _PASSAGE_CACHE[ch] = form
    return form


def _word_form(ch: str) -> str:
    form = _WORD_CACHE.get(ch)
    if form is None:
        form = "".join(c for c in _passage_form(ch) if c not in LONG_MARKS)
        form = "".join(chr(_KATA_TO_HIRA.get(ord(c), ord(c))) for c in form)
        _WORD_CACHE[ch] = form
    return form


@dataclass(frozen=True)
class Folded:
    """`text` is the folded copy; `text[i]` came from `original[starts[i]:ends[i]]`."""

    original: str
    text: str
    starts: list[int]
    ends: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span of the folded copy to the original span it came from."""
        return self.starts[start], self.ends[end - 1]


def _fold(text: str, form_of) -> Folded:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        form = form_of(ch)
        if not form:
            continue
        if form[0] in COMBINING_SOUND_MARKS:
            if parts and len(parts[-1]) == 1:
                composed = unicodedata.normalize("NFC", parts[-1] + form[0])
                if len(composed) == 1:
                    parts[-1] = composed
                    ends[-1] = i + 1
                    form = form[1:]
            form = "".join(c for c in form if c not in COMBINING_SOUND_MARKS)
            if not form:
                continue
        parts.append(form)
        if len(form) == 1:
            starts.append(i)
            ends.append(i + 1)
        else:
            starts.extend([i] * len(form))
            ends.extend([i + 1] * len(form))
    return Folded(text, "".join(parts), starts, ends)


def fold_nfkc(text: str) -> Folded:
    """NFKC only (width, ㈱, ﾃﾞ); punctuation stays, so words never join across it."""
    return _fold(text, _nfkc_form)


def fold_passage(text: str) -> Folded:
    """NFKC, casefold; whitespace, control, format and punctuation characters removed."""
    return _fold(text, _passage_form)


def fold_word(text: str) -> Folded:
    """`fold_passage` plus katakana → hiragana and the long marks ー/〜 removed."""
    return _fold(text, _word_form)


def fold_word_string(text: str) -> str:
    """The folded form alone, for list entries."""
    return fold_word(text).text
