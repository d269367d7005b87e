"""The turns of a dialogue inside one session (issue 16, part 1), as typed values.

A session answers one question at a time. After an answer its author may ask a follow-up
(`dialogue.follow_up`: the answered turn becomes history and the next input is screened
exactly like the first) or have the same turn answered again (`dialogue.regenerate`: the
answer is set aside, kept in the record, and the same messages are sent once more). Each
event kind has its one decoder here; `anshin.conversation` builds what is sent from the turns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Turn:
    """One question as sent (screened, possibly with placeholders) and its answer.

    `seq` is the `input.screened` event of the question; `set_aside` are earlier answers to
    the same question that the author had made again (regenerate)."""

    n: int
    seq: int
    text_sent: str
    findings: list[Any] = field(default_factory=list)      # StoredFinding of the input
    acknowledged: list[str] = field(default_factory=list)
    output: str | None = None
    output_findings: list[Any] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUp:
    """`dialogue.follow_up`: the author asks a further question after turn `after_seq`."""

    after_seq: int
    output_sha256: str

    def to_payload(self) -> dict[str, Any]:
        return {"after_seq": self.after_seq, "output_sha256": self.output_sha256}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> FollowUp:
        """The one decoder of a `dialogue.follow_up` event's payload."""
        return cls(int(payload["after_seq"]), str(payload["output_sha256"]))


@dataclass(frozen=True)
class Regeneration:
    """`dialogue.regenerate`: the answer to turn `turn_seq` is set aside to be made again."""

    turn_seq: int
    output_sha256: str

    def to_payload(self) -> dict[str, Any]:
        return {"turn_seq": self.turn_seq, "output_sha256": self.output_sha256}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Regeneration:
        """The one decoder of a `dialogue.regenerate` event's payload."""
        return cls(int(payload["turn_seq"]), str(payload["output_sha256"]))
