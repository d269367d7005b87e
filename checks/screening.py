"""The one entry point of input screening: `screen(text, severities)` → sorted findings."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping

from .catalog import PRIVATE_CATEGORIES, category
from .document import Document
from .findings import BLOCK, SEVERITIES, WARN, Candidate, Finding
from .local import LocalRules
from .published import as_published, published_form
from .registry import RULES
from .rules import birth_date, name_extent
from .rules.person_name.words import HISTORICAL_BRACKET
from .samples import EXAMPLE_BEFORE, sample_lines
from .severity import DEFAULT_SEVERITIES
from .texts import CATEGORY_LABELS, DISGUISED_MESSAGE, MESSAGES, PUBLIC_FIGURE_MESSAGE


def screen(text: str, severities: Mapping[str, str] | None = None, *,
           published: bool = False, local: LocalRules | None = None,
           progress: Callable[[float], None] | None = None) -> list[Finding]:
    """Find what the guideline forbids entering in `text`; offsets are into `text` itself.

    `severities` maps category id → "block"/"warn" (the policy); a missing category uses
    the default ("block"). Findings are sorted by (start, end), lie inside the text, and
    do not overlap: where two rules claim the same characters the better-supported one
    (context over bare shape) wins, and touching spans of one category are merged.

    `published`: the user declared the text published material (§4(4)); text whose form
    shows it (minutes, ordinances, facility lists, notices) is treated the same way, see
    `checks.published`.

    `local`: the city's own identifiers and marking words (`checks.local`), as plain data;
    a finding of one of its patterns has the severity the city gave that pattern.

    `progress`: called with the fraction done (0–1) after each pass of normalisation, each
    rule family and each later pass, last with 1.0, so a caller can show how far a long text
    has got.
    """
    policy = dict(DEFAULT_SEVERITIES)
    if severities:
        policy.update({k: v for k, v in severities.items() if v in SEVERITIES})
    stages = len(RULES) + LATER_PASSES + 1  # the first stage: normalising and sampling
    # normalising a megabyte can take a second: its passes report within the first stage
    doc = Document(text, (lambda f: progress(f / stages)) if progress else None)
    candidates: list[Candidate] = []
    done = 1
    if progress:
        progress(done / stages)
    samples = sample_lines(doc)
    for family in RULES:
        candidates.extend(c for c in family.find(doc)
                          if c.end > c.start and not _not_a_value(doc, c, samples))
        done += 1
        if progress:
            progress(done / stages)
    local_severities: dict[str, str] = {}
    if local:
        candidates.extend(c for c in local.find(doc) if c.end > c.start)
        local_severities = local.severities
    candidates = [name_extent.whole_name(doc, c) for c in candidates]
    candidates.extend(name_extent.honoured_runs(doc))
    candidates.extend(name_extent.names_beside(doc, candidates))
    candidates.extend(name_extent.names_in_layout(doc, candidates))
    if progress:
        progress((done + 1) / stages)
    names = sorted((c.start, c.end) for c in candidates if c.category == "person_name")
    candidates.extend(birth_date.after_names(doc, names))
    chosen = _resolve(candidates)
    if progress:
        progress((done + 2) / stages)
    form = published_form(doc)
    if published or form:
        chosen = [as_published(doc, c, form) for c in chosen]
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
        severity = local_severities.get(c.rule_id) or policy.get(c.category, BLOCK)
        message = MESSAGES[c.category]
        if c.lowered and not private:
            severity = WARN
            message = PUBLIC_FIGURE_MESSAGE
        if doc.norm.suspect(start, end):  # O9O-…, ٠٩٠-…: a disguise is reported, not folded away
            severity = WARN
            message = DISGUISED_MESSAGE.format(label=CATEGORY_LABELS[c.category])
        findings.append(Finding(start, end, c.category, severity, c.rule_id, message))
    findings.sort(key=lambda f: (f.start, f.end))
    if progress:
        progress(1.0)
    return findings


# After the rule families: the name passes, then birth dates after names and resolving, then
# the findings themselves (reported as 1.0).
LATER_PASSES = 3


NUMBERED = frozenset({"my_number", "phone", "postal_code", "bank_account", "health_insurance",
                      "drivers_license", "resident_code", "pension_number", "credit_card"})
# 「8桁の数字」「「39」から始まる8桁」: a number that describes a format is not a value.
FORMAT_AFTER = re.compile(r"[」』\"]?[ ]?(?:桁|文字|から始ま|で始ま|番台|以上|以下|未満)")


# 「口座番号 1234567」は記入例です, 「3520011」のように: a sample, not a value (記入例： before it: samples).
EXAMPLE_AFTER = re.compile(r"[」』]?(?:のように|のような|という形式|の形式|形式で|などと|等と"
                           r"|[ ]?[（(]例[）)])")
# xxxx@xxxx.jp, xxxx@example.invalid; Aさん, ○○様: placeholders and anonymised references.
PLACEHOLDER_EMAIL = re.compile(r"(?i)^(?:x+|sample|example|dummy|hoge|foo)@|@x+\.|\.invalid$")
# The eras are words of dates (生年月日：昭和・平成　年　月　日), never a name.
ERA = re.compile(r"明治|大正|昭和|平成|令和")
PLACEHOLDER_NAME = re.compile(r"[A-Z]|[○△□×＊*◯〇]+(?: ?[○△□×＊*◯〇]+)?")


def _not_a_value(doc: Document, c: Candidate, samples: set[int]) -> bool:
    """A placeholder (00000000, xxxx@xxxx.jp, Aさん), a sample (記入例：…) or a number
    describing a format (8桁, 「39」から始まる)."""
    value = doc.text[c.start:c.end]
    if c.category not in ("confidential_marking", "contract_secret", "application_derived"):
        if samples and doc.line_index(c.start) in samples:
            return True
    if c.category in NUMBERED or c.category in ("email", "residence_card", "passport"):
        if EXAMPLE_AFTER.match(doc.text, c.end):  # 「3520011」のように: the format, shown by example
            return True
        if EXAMPLE_BEFORE.search(doc.text, max(0, c.start - 6), c.start):
            return True  # 番号の例：AB 1234 5678 CD
    if c.category == "email":
        return bool(PLACEHOLDER_EMAIL.search(value))
    if c.category == "person_name":
        return bool(PLACEHOLDER_NAME.fullmatch(value.strip()) or ERA.fullmatch(value.strip())
                    or HISTORICAL_BRACKET.match(doc.text, c.end))
    if c.category not in NUMBERED:
        return False
    digits = [ch for ch in value if ch.isdigit()]
    if len(digits) >= 4 and len(set(digits)) == 1:
        return True
    if c.category == "phone" and re.search(r"-0{3,4}(?:-|$)", value):
        return True  # 048-000-1234: no exchange is 000, the number is a sample
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
            held = taken[i - 1]
            if (c.category == held.category == "person_name" and c.start <= held.start
                    and held.end <= c.end and (i < 2 or taken[i - 2].end <= c.start)):
                # メアリー・K・スミス around スミス様: the finding covers the whole name
                # (built directly: dataclasses.replace costs several µs, a name list has thousands)
                taken[i - 1] = Candidate(c.start, c.end, held.category, held.rule_id, held.score,
                                         held.lowered, held.public)
                starts[i - 1] = c.start
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken
