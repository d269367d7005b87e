"""A city's own identifiers and confidentiality markings, given as plain data.

Like Presidio's `PatternRecognizer` (and its YAML recognizers): a city writes, in its policy
folder, a name, the category, a regular expression, the context words that must stand near a
match (none: the shape alone is enough), how near (characters either side), an optional
checksum from the fixed list `CHECKSUMS`, and the severity. The policy validates them at
start-up; this module only runs them. Patterns are matched against the normalised copy of
the text (NFKC: full-width digits and letters are half-width, every dash is 「-」), so a
pattern is written once for every width and spelling; offsets map back as for every rule.

Marking words (「庁内限り」 for one city, 「部外秘扱」 for another) are found the way the
built-in markings are: standing on their own, not talked about (`rules.markings`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .document import Document
from .findings import Candidate
from .normalize import luhn_valid
from .rules import markings
from .rules.context import digits
from .rules.my_number import is_valid as my_number_valid


def _mod11_corporate(value: str) -> bool:
    """法人番号 (13 digits): the leading check digit over the 12 that follow (国税庁)."""
    d = digits(value)
    if len(d) != 13:
        return False
    body = d[1:]
    total = sum(int(ch) * (1 if i % 2 == 0 else 2) for i, ch in enumerate(reversed(body)))
    return int(d[0]) == 9 - total % 9


def _mod10_weighted(value: str) -> bool:
    """The last digit is the check digit of the others, weights 2,1,2,1… from the right
    (modulus 10, as many local member and account numbers use)."""
    d = digits(value)
    if len(d) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(d[:-1])):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return (10 - total % 10) % 10 == int(d[-1])


# The fixed list a policy may name. A city cannot add code, only choose.
CHECKSUMS: dict[str, Callable[[str], bool]] = {
    "luhn": lambda v: luhn_valid(digits(v)),
    "my_number": my_number_valid,
    "corporate_number": _mod11_corporate,
    "mod10_weighted": _mod10_weighted,
}


@dataclass(frozen=True)
class LocalPattern:
    """One city identifier. `rule_id` is `local.<name>`, shown and counted like any rule."""

    name: str
    category: str
    pattern: str
    context: tuple[str, ...] = ()
    window: int = 20
    checksum: str | None = None
    severity: str = "block"

    @property
    def rule_id(self) -> str:
        return f"local.{self.name}"


@dataclass(frozen=True)
class LocalRules:
    """Everything a city adds to screening; empty by default."""

    patterns: tuple[LocalPattern, ...] = ()
    markings: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.patterns or self.markings)

    @property
    def severities(self) -> dict[str, str]:
        """rule id → the severity the city gave that pattern."""
        return {p.rule_id: p.severity for p in self.patterns}

    def find(self, doc: Document) -> Iterator[Candidate]:
        for p in self.patterns:
            yield from _find_pattern(doc, p)
        if self.markings:
            yield from markings.find_words(doc, tuple(_normal(w) for w in self.markings))


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _find_pattern(doc: Document, p: LocalPattern) -> Iterator[Candidate]:
    context = tuple(_normal(c) for c in p.context)
    for m in _compiled(p.pattern).finditer(doc.text):
        if m.end() <= m.start():
            continue
        if context:
            around = doc.text[max(0, m.start() - p.window):m.end() + p.window]
            if not any(c in around for c in context):
                continue
        if p.checksum is not None and not CHECKSUMS[p.checksum](m.group(0)):
            continue
        yield Candidate(m.start(), m.end(), p.category, p.rule_id, score=3.0 if context else 2.5)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    compiled = _CACHE.get(pattern)
    if compiled is None:
        compiled = _CACHE[pattern] = re.compile(pattern)
    return compiled
