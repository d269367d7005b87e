"""Replace findings with stable placeholders (［氏名1］) and put the values back locally.

The mapping placeholder → original value exists only in memory: it is never stored or
logged (its repr is hidden), and `restore` is for the user's own view of the model's answer.
The same value always gets the same placeholder, and redacting again with the previous
mapping (one finding at a time, or text already partly redacted) continues its numbering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .findings import Finding
from .texts import PLACEHOLDER_FORMAT, PLACEHOLDER_LABELS

_NUMBERED = re.compile(r"［(.+?)(\d+)］")


@dataclass(frozen=True)
class Redaction:
    """Redacted `text` and the in-memory `mapping` placeholder → original value."""

    text: str
    mapping: dict[str, str] = field(repr=False)


def redact(
    text: str, findings: Iterable[Finding], mapping: Mapping[str, str] | None = None
) -> Redaction:
    """Replace each finding's span of `text` by its placeholder.

    Only the findings passed are redacted; overlapping ones after the first are skipped.
    Pass the mapping of an earlier call to keep its placeholders and numbering.
    """
    result: dict[str, str] = dict(mapping or {})
    by_value = {(_label_of(p), v): p for p, v in result.items()}
    used = {p for p in result} | set(_placeholders_in(text))
    counters: dict[str, int] = {}
    for placeholder in used:
        m = _NUMBERED.fullmatch(placeholder)
        if m:
            counters[m.group(1)] = max(counters.get(m.group(1), 0), int(m.group(2)))
    parts: list[str] = []
    last = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < last or f.end > len(text) or f.end <= f.start:
            continue
        value = text[f.start:f.end]
        label = PLACEHOLDER_LABELS.get(f.category, f.category)
        placeholder = by_value.get((label, value))
        if placeholder is None:
            counters[label] = counters.get(label, 0) + 1
            placeholder = PLACEHOLDER_FORMAT.format(label=label, number=counters[label])
            by_value[(label, value)] = placeholder
            result[placeholder] = value
        parts.append(text[last:f.start])
        parts.append(placeholder)
        last = f.end
    parts.append(text[last:])
    return Redaction("".join(parts), result)


def restore(output: str, mapping: Mapping[str, str]) -> str:
    """Put the original values back into `output` (the model's answer) for local display."""
    if not mapping:
        return output
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], output)


def _label_of(placeholder: str) -> str:
    m = _NUMBERED.fullmatch(placeholder)
    return m.group(1) if m else placeholder


def _placeholders_in(text: str) -> list[str]:
    return [m.group() for m in _NUMBERED.finditer(text)]
