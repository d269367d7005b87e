"""What is sent to a model for a session, built in one place from what the session recorded.

The session records this list when a generation starts; the gateway (standalone or the Hub's
service) builds it again from the store and sends only what it built, so no caller can add a
message, replace the system prompt or send a text that was not screened (§3, §6). A dialogue
(issue 16) is sent whole: every earlier question as it was screened and its answer, then the
question being answered now.
"""

from __future__ import annotations

from typing import Any

from anshin.policy import Policy


def messages_for(policy: Policy, session: Any) -> list[dict[str, str]]:
    """The policy's system prompt, the earlier turns (question, answer), the current question."""
    messages = []
    if policy.model.system_prompt:
        messages.append({"role": "system", "content": policy.model.system_prompt})
    for turn in getattr(session, "turns", ()):
        messages.append({"role": "user", "content": turn.text_sent})
        messages.append({"role": "assistant", "content": turn.output or ""})
    messages.append({"role": "user", "content": session.text_sent or ""})
    return messages
