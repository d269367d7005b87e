"""The one entry point of input screening: `screen(text, severities)` → sorted findings."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from .catalog import PRIVATE_CATEGORIES, category
from .document import Document
from .findings import BLOCK, SEVERITIES, WARN, Candidate, Finding
from .published import as_published, published_form
from .registry import RULES
from .rules import birth_date
from .severity import DEFAULT_SEVERITIES
from .texts import CATEGORY_LABELS, DISGUISED_MESSAGE, MESSAGES, PUBLIC_FIGURE_MESSAGE


def screen(text: str, severities: Mapping[str, str] | None = None, *,
           published: bool = False) -> list[Finding]:
    """Find what §6 forbids in `text`; offsets are into `text` itself.

    `severities` maps category id → "block"/"warn" (the policy); a missing category uses
    the default ("block"). Findings are sorted by (start, end), lie inside the text, and
    do not overlap: where two rules claim the same characters the better-supported one
    (context over bare shape) wins, and touching spans of one category are merged.

    `published`: the user declared the text published material (§4(4)); text whose form
    shows it (minutes, ordinances, facility lists, notices) is treated the same way, see
    `checks.published`.
    """
    policy = dict(DEFAULT_SEVERITIES)
    if severities:
        policy.update({k: v for k, v in severities.items() if v in SEVERITIES})
    doc = Document(text)
    candidates: list[Candidate] = []
    for family in RULES:
        candidates.extend(c for c in family.find(doc) if c.end > c.start and not _not_a_value(doc, c))
    names = sorted((c.start, c.end) for c in candidates if c.category == "person_name")
    candidates.extend(birth_date.after_names(doc, names))
    chosen = _resolve(candidates)
    if published or published_form(doc):
        chosen = [as_published(doc, c) for c in chosen]
    # A name beside someone's address, birth date or identity numbers is not a public figure
    # in public text: the "public prose" lowering only applies where nothing private is found.
    private = any(c.category in PRIVATE_CATEGORIES and not c.lowered and not c.public for c in chosen) or any(
        c.category == "person_name" and not c.lowered for c in chosen)
    findings = []
    for c in chosen:
        if c.public and not private:
            continue
        start, end = doc.to_original(c.start, c.end)
        if end <= start:
            continue
        severity = policy.get(c.category, BLOCK)
        message = MESSAGES[c.category]
        if c.lowered and not private:
            severity = WARN
            message = PUBLIC_FIGURE_MESSAGE
        if doc.norm.suspect(start, end):  # O9O-…, ٠٩٠-…: a disguise is reported, not folded away
            severity = WARN
            message = DISGUISED_MESSAGE.format(label=CATEGORY_LABELS[c.category])
        findings.append(Finding(start, end, c.category, severity, c.rule_id, message))
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


NUMBERED = frozenset({"my_number", "phone", "postal_code", "bank_account", "health_insurance",
                      "drivers_license", "resident_code", "pension_number", "credit_card"})
# 「8桁の数字」「「39」から始まる8桁」: a number that describes a format is not a value.
FORMAT_AFTER = re.compile(r"[」』\"]?[ ]?(?:桁|文字|から始ま|で始ま|番台|以上|以下|未満)")


def _not_a_value(doc: Document, c: Candidate) -> bool:
    """A placeholder (00000000, 000-0000-0000) or a number describing a format."""
    if c.category not in NUMBERED:
        return False
    digits = [ch for ch in doc.text[c.start:c.end] if ch.isdigit()]
    if len(digits) >= 4 and len(set(digits)) == 1:
        return True
    return bool(FORMAT_AFTER.match(doc.text, c.end))


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, best score first, then merge same-category ones."""
    ranked = sorted(candidates, key=lambda c: (-c.score, c.start, -(c.end - c.start)))
    starts: list[int] = []
    taken: list[Candidate] = []
    for c in ranked:
        category(c.category)  # a rule that emits an undeclared category fails loudly
        i = bisect_left(starts, c.end)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken
