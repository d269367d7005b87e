"""Typed session events: one small record per kind that readers outside the engine use, and
one decoder each (`decode`), so records, the index and the input history read an event the
same way (as Datasette's `events.py`). Older events lack fields added later: each decoder
says what such an event meant, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anshin.lifecycle import Kind
from anshin.store import Event


@dataclass(frozen=True)
class Started:
    policy_id: str | None       # None: a session started before the policy was recorded
    policy_sha256: str
    training: bool
    demo: bool

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Started:
        return cls(p.get("policy_id"), p.get("policy_sha256", ""), bool(p.get("training")),
                   bool(p.get("demo")))


@dataclass(frozen=True)
class InputChecked:
    """One check of the input: its findings (as stored), and for a blocked text only the
    redacted form (the raw text of a blocked input is never stored)."""

    findings: tuple[Mapping[str, Any], ...]
    blocked: bool
    published: bool
    length: int | None
    redacted_text: str | None
    text_sha256: str | None

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> InputChecked:
        length = p.get("length", len(p["text"]) if "text" in p else None)
        return cls(tuple(p.get("findings", [])), bool(p.get("blocked")), bool(p.get("published")),
                   length, p.get("redacted_text"), p.get("text_sha256"))

    @property
    def blocked_categories(self) -> list[str]:
        return [str(f["category"]) for f in self.findings if f.get("severity") == "block"]


@dataclass(frozen=True)
class InputRedacted:
    check_seq: int
    redacted: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> InputRedacted:
        return cls(int(p.get("check_seq", 0)), tuple(p.get("redacted", [])))


@dataclass(frozen=True)
class InputScreened:
    """The text confirmed for sending. `check_seq` names its check (absent before it was
    recorded: then the check is recognised by the same findings and length)."""

    text: str
    findings: tuple[Mapping[str, Any], ...]
    acknowledged: tuple[str, ...]
    attest_publishable: bool
    third_party_material: bool
    published: bool
    check_seq: int | None
    has_check_seq: bool

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> InputScreened:
        return cls(str(p.get("text", "")), tuple(p.get("findings", [])),
                   tuple(p.get("acknowledged", [])), bool(p.get("attest_publishable")),
                   bool(p.get("third_party_material")), bool(p.get("published")),
                   p.get("check_seq"), "check_seq" in p)


@dataclass(frozen=True)
class GenerationStarted:
    service_id: str
    model: str
    messages: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> GenerationStarted:
        return cls(p.get("service_id") or "", p.get("model") or "", tuple(p.get("messages") or []))


@dataclass(frozen=True)
class GenerationCompleted:
    output: str
    finish_reason: str
    usage: Mapping[str, Any]

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> GenerationCompleted:
        return cls(str(p.get("output", "")), p.get("finish_reason") or "", p.get("usage") or {})


@dataclass(frozen=True)
class GenerationFailed:
    """A call given up: what the user was told, and the part of the answer received."""

    message_ja: str
    error_kind: str
    partial_output: str
    incomplete: bool

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> GenerationFailed:
        return cls(p.get("message_ja") or "", p.get("error_kind", ""),
                   p.get("partial_output") or "", bool(p.get("incomplete")))


@dataclass(frozen=True)
class TextRevised:
    text: str
    source: str
    from_reviewer: str

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> TextRevised:
        return cls(str(p.get("text", "")), p.get("source", "edited"), p.get("from_reviewer") or "")


@dataclass(frozen=True)
class Decided:
    reviews_counted: tuple[int, ...]

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Decided:
        return cls(tuple(p.get("reviews_counted") or []))


@dataclass(frozen=True)
class Abandoned:
    reason: str

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Abandoned:
        return cls(p.get("reason") or "")


DECODERS: dict[str, Any] = {
    Kind.STARTED: Started,
    Kind.INPUT_CHECKED: InputChecked,
    Kind.INPUT_REDACTED: InputRedacted,
    Kind.INPUT_SCREENED: InputScreened,
    Kind.GENERATION_STARTED: GenerationStarted,
    Kind.GENERATION_COMPLETED: GenerationCompleted,
    Kind.GENERATION_FAILED: GenerationFailed,
    Kind.TEXT_REVISED: TextRevised,
    Kind.DECIDED: Decided,
    Kind.ABANDONED: Abandoned,
}


def decode(event: Event) -> Any:
    """The typed record of `event`, by its kind's one decoder."""
    return DECODERS[event.kind].from_payload(event.payload)
