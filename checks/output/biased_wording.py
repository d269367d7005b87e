"""§7(1) fairness: wording that Japanese public style guides advise against.

§7(1) asks reviewers to check output for fairness. Models trained on older text still write
看護婦, 父兄 or 痴呆; a city's notice should not. The list is data, `policy/biased_terms.csv`
(term, suggestion, reason, source), and every entry names its source there: renamed legal
terms (保健師助産師看護師法, 児童福祉法施行令, 学校教育法 …), the Cabinet Office's
「男女共同参画の視点からの公的広報の手引」, press style books (共同通信社『記者ハンドブック』)
and municipal 「人権に配慮した表現の手引き」-type guides. Terms whose use depends on the
city's own guide (障害者/障がい者) are deliberately left out.

A term inside a longer, different word is not a hit: `NOT_BEFORE` / `NOT_AFTER` below hold
the characters that make it another word (海外人材 is not 外人, 入籍届 is a form's name).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..findings import WARN, Finding
from . import texts
from .fold import fold_nfkc

CATEGORY = "biased_wording"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "policy" / "biased_terms.csv"
COLUMNS = ("term", "suggestion", "reason", "source")

NOT_BEFORE: dict[str, str] = {"外人": "海以場野屋郊内国域"}
NOT_AFTER: dict[str, str] = {"外人": "材口員数", "入籍": "届", "ご主人": "公"}


@dataclass(frozen=True)
class BiasedTerm:
    term: str
    suggestion: str
    reason: str
    source: str


@dataclass(frozen=True)
class BiasedTermList:
    """The terms and one compiled pattern over them (longest first)."""

    terms: tuple[BiasedTerm, ...]

    @classmethod
    def load(cls, path: str | Path) -> BiasedTermList:
        rows = csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig")))
        missing = [c for c in COLUMNS if c not in (rows.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        terms = tuple(BiasedTerm(*(row[c].strip() for c in COLUMNS)) for row in rows if row["term"].strip())
        return cls(terms)

    @classmethod
    def default(cls) -> BiasedTermList:
        """The list shipped in `policy/biased_terms.csv`."""
        return _default()

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return _compile(tuple(t.term for t in self.terms))

    def by_term(self) -> dict[str, BiasedTerm]:
        return {t.term: t for t in self.terms}


@cache
def _default() -> BiasedTermList:
    return BiasedTermList.load(DEFAULT_PATH) if DEFAULT_PATH.exists() else BiasedTermList(())


@cache
def _compile(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))


def find(output: str, terms: BiasedTermList) -> list[Finding]:
    pattern = terms.pattern
    if pattern is None or not output:
        return []
    folded = fold_nfkc(output)
    text = folded.text
    lookup = terms.by_term()
    findings = []
    for m in pattern.finditer(text):
        word = m.group()
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before and before in NOT_BEFORE.get(word, "")) or (after and after in NOT_AFTER.get(word, "")):
            continue
        entry = lookup[word]
        start, end = folded.to_original(m.start(), m.end())
        message = texts.BIASED.format(term=output[start:end], reason=entry.reason,
                                      suggestion=entry.suggestion, source=entry.source)
        findings.append(Finding(start, end, CATEGORY, WARN, f"biased_wording.{word}", message))
    return findings
