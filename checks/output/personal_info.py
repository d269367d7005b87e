"""§7(2): personal information in the output — input screening, run again on what came back.

Models invent people, addresses and numbers, or repeat ones they were given; §7(2) puts
privacy first. Every finding of `checks.screen` on the output becomes a `warn` finding of
category personal_info_in_output, with the original category in `rule_id`
("personal_info.phone") and named in the message. Nothing here blocks: the output already
exists, and reviewers decide.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import WARN, Finding
from ..texts import CATEGORY_LABELS, PUBLIC_FIGURE_MESSAGE
from . import texts

CATEGORY = "personal_info_in_output"


def find(screened: Sequence[Finding]) -> list[Finding]:
    """Turn input-screening findings on the output into output findings."""
    findings = []
    for f in screened:
        if f.message_ja == PUBLIC_FIGURE_MESSAGE:
            message = texts.PUBLIC_FIGURE
        else:
            message = texts.PERSONAL_INFO.format(label=CATEGORY_LABELS.get(f.category, f.category))
        findings.append(Finding(f.start, f.end, CATEGORY, WARN, f"personal_info.{f.category}", message))
    return findings
