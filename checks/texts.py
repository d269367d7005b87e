"""Every Japanese string that screening shows to a user: messages, labels, placeholders.

Each category's own label, placeholder and message are declared in `checks.catalog`;
this module derives the lookup tables and holds the messages that are not per category.
"""

from __future__ import annotations

from .catalog import SCREENING

CATEGORY_LABELS: dict[str, str] = {c.id: c.label for c in SCREENING}
PLACEHOLDER_LABELS: dict[str, str] = {c.id: c.placeholder for c in SCREENING}
MESSAGES: dict[str, str] = {c.id: c.message for c in SCREENING}

PUBLIC_FIGURE_MESSAGE = (
    "人名と思われます。公人・著名人の公開情報であれば入力できますが、"
    "個人の氏名であれば §6(2) により入力できません。確認してください。"
)

DISGUISED_MESSAGE = (
    "番号を崩して書いた可能性があります（{label}）。文字や別の数字で書いてあっても、"
    "個人の情報であれば §6(2) により入力できません。確認してください。"
)

PLACEHOLDER_FORMAT = "［{label}{number}］"
