"""The vocabulary of screening: severities and the Finding record; the category ids come
from `checks.catalog`.

Category ids are shared with the benchmarks and the policy file, so they are plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import CATEGORY_IDS

CATEGORIES: tuple[str, ...] = CATEGORY_IDS

BLOCK = "block"
WARN = "warn"
SEVERITIES: tuple[str, ...] = (BLOCK, WARN)


@dataclass(frozen=True, order=True)
class Finding:
    """One span of the user's text that §6 forbids or asks the user to check.

    `start`/`end` are offsets into the original Python `str` (end exclusive). `severity`
    is the policy's severity for the category, except that a rule may *lower* it to
    "warn" for a judgement call (a public figure named in public prose); a rule never
    raises it above the policy.
    """

    start: int
    end: int
    category: str
    severity: str
    rule_id: str
    message_ja: str


@dataclass(frozen=True)
class Candidate:
    """What a rule reports, in offsets of the normalised copy, before policy is applied.

    `score` orders overlapping candidates of different categories (context beats shape);
    `lowered` asks for "warn" whatever the policy says (see Finding); `public` marks what
    is an institution's own published detail (a city office's phone number in a notice),
    dropped unless the text turns out to be about a private person.
    """

    start: int
    end: int
    category: str
    rule_id: str
    score: float = 1.0
    lowered: bool = False
    public: bool = False
