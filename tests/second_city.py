"""The second municipality of the repository (policy/wakabadani): where it lives, the words
that are Niiza's and must never show on its pages, records or commands, and the clauses it
may cite."""

from __future__ import annotations

import re
from pathlib import Path

from anshin.policy import Policy, load_policy

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "policy" / "wakabadani"
GUIDELINE = FOLDER / "guideline.toml"
NIIZA = ROOT / "policy" / "niiza.toml"

# Clause references of the two citation styles: Niiza's 「§6(2)」, this town's 「第7条第2項」.
SECTION_SIGN = re.compile(r"§[0-9()]*")
ARTICLE = re.compile(r"第\d+条(?:第\d+項)?(?:第\d+号)?(?:ただし書)?")


def niiza_words() -> set[str]:
    """Everything Niiza's policy names that the other town's does not: city, office, titles,
    role names, category labels, review questions, and its citation mark."""
    niiza, town = load_policy(NIIZA), load_policy(GUIDELINE)
    words = {niiza.city, niiza.city.removesuffix("市"), niiza.office, niiza.director_title,
             niiza.title, "推進室", "§"}
    words |= {label for label in niiza.role_labels.values() if len(label) > 2}
    words |= {c.label for c in niiza.categories} | {i.question for i in niiza.review_items}
    words -= {town.city, town.office, town.director_title, *town.role_labels.values()}
    return words


def town_clauses(policy: Policy) -> set[str]:
    """Every clause the town's policy cites, in its own words."""
    cited = set(policy.clauses.values()) | {policy.published_material.clause}
    cited |= {c.clause for c in policy.categories} | {i.clause for i in policy.review_items}
    cited |= {r.clause for r in policy.screening.values()}
    return cited


def foreign(text: str, policy: Policy) -> list[str]:
    """Niiza's words in `text`, and clause references that are not the town's."""
    found = sorted(w for w in niiza_words() if w in text)
    found += SECTION_SIGN.findall(text)
    allowed = town_clauses(policy)
    found += [c for c in ARTICLE.findall(text) if c not in allowed]
    return found
