"""Input screening for Japanese text (§6 of the guideline): find, redact and restore.

`checks` imports nothing from `anshin` or `widgets`; the policy reaches it as a plain
mapping of category id → "block"/"warn".
"""

from .findings import CATEGORIES, Finding
from .screening import screen

__all__ = ["CATEGORIES", "Finding", "screen"]
