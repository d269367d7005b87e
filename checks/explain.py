"""Why a finding was made, in words a member of staff understands (「なぜ？」).

Every rule reports its own `rule_id` (`<family>.<decision>`); the decision part says what
evidence the rule used. The reasons are declared once here, by decision, so the session page
can answer 「なぜ？」 for any finding and an auditor can count which decision fired.
"""

from __future__ import annotations

from .texts import LOCAL_REASON, RULE_REASON_FALLBACK, RULE_REASONS


def reason(rule_id: str) -> str:
    """The Japanese reason for a finding's rule (`phone.format` → 「番号の形…」)."""
    if rule_id in RULE_REASONS:
        return RULE_REASONS[rule_id]
    if rule_id.startswith("local."):
        return LOCAL_REASON
    decision = rule_id.rsplit(".", 1)[-1]
    return RULE_REASONS.get(decision, RULE_REASON_FALLBACK)
