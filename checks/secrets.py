"""Key-like strings — API keys, tokens, private keys — in fields that are stored for good.

The chain is append-only: a key typed into an admin or free-text field (the key variable's
name, a reason, a comment) could never be removed again. The engine asks `find_secret`
before it appends such a field and refuses the value (issue 15, part 4). The patterns follow
the published formats: OpenAI keys (`sk-…`, `sk-proj-…`), JSON Web Tokens (RFC 7519: three
base64url parts, the header starting `eyJ`), C2SP note private keys (`PRIVATE+KEY+…`), AWS
access key ids (`AKIA…`), and long runs of hex (Azure OpenAI keys are 32 hex characters) or
of base64 mixing upper case, lower case and digits (as random keys do, and words do not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_B64 = r"A-Za-z0-9+/_\-"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private_key", re.compile(r"PRIVATE\+KEY\+|-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("openai_key", re.compile(r"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-]{16,}")),
    ("jwt", re.compile(r"eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),
    ("aws_key", re.compile(r"(?<![A-Z0-9])AKIA[0-9A-Z]{16}(?![A-Z0-9])")),
    ("hex", re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])")),
    ("base64", re.compile(rf"(?<![{_B64}])[{_B64}]{{32,}}={{0,2}}")),
)
_CLASSES = (re.compile(r"[A-Z]"), re.compile(r"[a-z]"), re.compile(r"[0-9]"))


@dataclass(frozen=True)
class SecretMatch:
    """Which kind of key a text seems to hold, and where (offsets into the text)."""

    kind: str
    start: int
    end: int


def find_secret(text: str | None) -> SecretMatch | None:
    """The first key-like string in `text`, or None."""
    if not text:
        return None
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "base64" and not all(c.search(match.group()) for c in _CLASSES):
                continue
            return SecretMatch(kind, match.start(), match.end())
    return None
