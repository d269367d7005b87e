"""Default severities, used when the caller passes none.

The policy file normally supplies `category → "block" | "warn"`; without one, everything §6
forbids is blocked. Names the analyser finds only in public-looking prose are lowered to warn
by the person-name rule itself (see `checks.findings.Finding`).
"""

from __future__ import annotations

from types import MappingProxyType

from .findings import BLOCK, CATEGORIES

DEFAULT_SEVERITIES = MappingProxyType(dict.fromkeys(CATEGORIES, BLOCK))
