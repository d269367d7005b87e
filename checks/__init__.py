"""Input screening for Japanese text (§6 of the guideline): find, redact and restore.

`checks` imports nothing from `anshin` or `widgets`; the policy reaches it as a plain
mapping of category id → "block"/"warn" (`screen(text, severities)`).
"""

from .explain import reason
from .findings import BLOCK, CATEGORIES, SEVERITIES, WARN, Finding
from .redaction import Redaction, redact, restore
from .screening import screen
from .severity import DEFAULT_SEVERITIES

__all__ = [
    "BLOCK",
    "CATEGORIES",
    "DEFAULT_SEVERITIES",
    "SEVERITIES",
    "WARN",
    "Finding",
    "Redaction",
    "reason",
    "redact",
    "restore",
    "screen",
]

from .output import OUTPUT_CATEGORIES, TrademarkList, check_output

__all__ += ["OUTPUT_CATEGORIES", "TrademarkList", "check_output"]
