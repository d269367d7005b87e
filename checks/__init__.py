"""Input screening for Japanese text (what a guideline forbids entering): find, redact, restore.

`checks` imports nothing from `anshin` or `widgets`; the policy reaches it as a plain
mapping of category id → "block"/"warn" (`screen(text, severities)`).
"""

from .explain import reason
from .findings import BLOCK, CATEGORIES, SEVERITIES, WARN, Finding
from .local import CHECKSUMS, LocalPattern, LocalRules
from .redaction import Redaction, redact, restore
from .screening import screen
from .severity import DEFAULT_SEVERITIES

__all__ = [
    "BLOCK",
    "CATEGORIES",
    "CHECKSUMS",
    "DEFAULT_SEVERITIES",
    "SEVERITIES",
    "WARN",
    "Finding",
    "LocalPattern",
    "LocalRules",
    "Redaction",
    "reason",
    "redact",
    "restore",
    "screen",
]

from .output import OUTPUT_CATEGORIES, TrademarkList, check_output

__all__ += ["OUTPUT_CATEGORIES", "TrademarkList", "check_output"]
