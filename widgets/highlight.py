"""Show a text with its findings highlighted, each category in its own colour.

User and model text is untrusted: every piece of it passes through `html.escape` before it
joins the markup, so a `<script>` typed or returned shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from checks.catalog import SCREENING
from checks.output.texts import CATEGORY_LABELS as OUTPUT_LABELS
from checks.texts import CATEGORY_LABELS

# One colour per screening category (background of the highlight), readable on white.
CATEGORY_COLOURS: dict[str, str] = {
    **{c.id: c.colour for c in SCREENING},
    "copied_passage": "#f5d0a9",
    "trademark": "#d7c2f0",
    "personal_info_in_output": "#a9dcff",
    "defamation_risk": "#ff9e8a",
    "biased_wording": "#ffe08a",
}
DEFAULT_COLOUR = "#ffe08a"

TEXT_STYLE = ("white-space:pre-wrap;word-break:break-all;border:1px solid #cfd8e3;"
              "border-radius:4px;padding:8px;background:#fff;max-height:420px;overflow:auto;"
              "line-height:1.7")


def colour_of(category: str) -> str:
    return CATEGORY_COLOURS.get(category, DEFAULT_COLOUR)


def label_of(category: str, labels: Mapping[str, str] | None = None) -> str:
    if labels and category in labels:
        return labels[category]
    return CATEGORY_LABELS.get(category) or OUTPUT_LABELS.get(category, category)


def highlight_html(text: str, findings: Iterable[Any], css: str = "anshin-highlight",
                   labels: Mapping[str, str] | None = None) -> str:
    """`text` as escaped HTML with a `<mark>` around every finding (sorted, non-overlapping
    spans are assumed; an overlapping one is skipped rather than nested)."""
    parts: list[str] = []
    pos = 0
    for index, f in enumerate(sorted(findings, key=lambda f: (f.start, f.end))):
        if f.start < pos or f.end > len(text) or f.end <= f.start:
            continue
        parts.append(html.escape(text[pos:f.start]))
        title = f"{label_of(f.category, labels)}: {f.message_ja}"
        parts.append(
            f'<mark class="anshin-mark anshin-mark-{html.escape(f.category)} '
            f'anshin-mark-{html.escape(f.severity)}" data-finding="{index}" '
            f'title="{html.escape(title)}" style="background:{colour_of(f.category)};'
            f'padding:0 2px;border-radius:2px">{html.escape(text[f.start:f.end])}</mark>'
        )
        pos = f.end
    parts.append(html.escape(text[pos:]))
    return f'<div class="{css}" style="{TEXT_STYLE}">{"".join(parts)}</div>'


def reasons_html(text: str, findings: Iterable[Any], css: str = "anshin-reasons",
                 labels: Mapping[str, str] | None = None) -> str:
    """Every finding's reason as visible text beside the highlighted text (a hover title
    reaches no keyboard, touch or screen-reader user): the words found, what they are, why."""
    items = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        found = text[f.start:f.end] if 0 <= f.start < f.end <= len(text) else ""
        items.append(f'<li class="anshin-reason"><span style="background:{colour_of(f.category)};'
                     f'padding:0 2px;border-radius:2px">{html.escape(found)}</span> — '
                     f"<b>{html.escape(label_of(f.category, labels))}</b>: "
                     f"{html.escape(f.message_ja)}</li>")
    if not items:
        return ""
    return f'<ol class="{css}" style="margin:4px 0 8px;padding-left:1.6em">{"".join(items)}</ol>'


def plain_html(text: str, css: str = "anshin-text") -> str:
    """Untrusted text shown as inert, wrapped text."""
    return f'<div class="{css}" style="{TEXT_STYLE}">{html.escape(text)}</div>'
