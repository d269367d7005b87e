"""Every screening of a session's input, and what became of each finding (§6).

The session view keeps only the latest findings; the record must say all of them. This
folds the input events into attempts: each `input.checked` (and an `input.screened` that
was not preceded by a check of the same text) with its findings, and for each finding what
was done — replaced by a placeholder (`input.redacted`), acknowledged and sent (the text of
that check was confirmed), removed from the text (no later check finds that category), or
found again after an edit. Only positions, categories and rules are used, never values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from anshin.events import decode
from anshin.lifecycle import Kind
from anshin.session import StoredFinding
from anshin.store import Event

# What was done with a finding.
REDACTED = "redacted"            # replaced by a placeholder before sending
ACKNOWLEDGED = "acknowledged"    # a warning the author confirmed; the text was sent
REMOVED = "removed"              # the text was edited and no later check finds the category
RECHECKED = "rechecked"          # the text was edited; later checks find the category again
NOT_SENT = "not_sent"            # the session ended (abandoned) with this text unsent
OPEN = "open"                    # the latest check: nothing done yet
OUTCOMES = (REDACTED, ACKNOWLEDGED, REMOVED, RECHECKED, NOT_SENT, OPEN)


@dataclass(frozen=True)
class FindingOutcome:
    finding: StoredFinding
    outcome: str
    placeholder: str | None = None


@dataclass(frozen=True)
class InputAttempt:
    """One screening of one text: a check, or a confirmation without a check before it."""

    n: int
    seq: int
    at: str
    length: int | None
    blocked: bool
    published: bool
    confirmed: bool                  # this text became the text sent
    redacted_text: str | None        # blocked attempts: the text with placeholders only
    findings: tuple[FindingOutcome, ...]


def input_attempts(events: Sequence[Event]) -> list[InputAttempt]:
    """The attempts of one session's events, oldest first."""
    checks = [ev for ev in events if ev.kind in (Kind.INPUT_CHECKED, Kind.INPUT_SCREENED)]
    redactions: dict[int, dict[str, str]] = {}
    for ev in events:
        if ev.kind == Kind.INPUT_REDACTED:
            redacted = decode(ev)
            done = redactions.setdefault(redacted.check_seq, {})
            for f in redacted.redacted:
                done[StoredFinding.from_json(f).key] = str(f.get("placeholder", ""))
    confirmed_by: dict[int, Event] = {}
    attempts_events: list[Event] = []
    last_check: Event | None = None
    for ev in checks:
        if ev.kind == Kind.INPUT_CHECKED:
            attempts_events.append(ev)
            last_check = ev
            continue
        linked = _linked_check(ev, last_check)
        if linked is None:
            attempts_events.append(ev)
            confirmed_by[ev.seq] = ev
        else:
            confirmed_by[linked.seq] = ev
    abandoned = any(ev.kind == Kind.ABANDONED for ev in events)
    attempts: list[InputAttempt] = []
    for n, ev in enumerate(attempts_events, start=1):
        later = attempts_events[n:]
        later_categories = {f["category"] for e in later for f in decode(e).findings}
        screened = confirmed_by.get(ev.seq)
        acknowledged = set(decode(screened).acknowledged) if screened else set()
        outcomes = []
        check = decode(ev)
        for raw in check.findings:
            f = StoredFinding.from_json(raw)
            placeholder = redactions.get(ev.seq, {}).get(f.key)
            if placeholder is not None:
                outcomes.append(FindingOutcome(f, REDACTED, placeholder or None))
            elif screened is not None:
                outcomes.append(FindingOutcome(f, ACKNOWLEDGED if f.key in acknowledged else OPEN))
            elif later:
                outcomes.append(FindingOutcome(
                    f, RECHECKED if f.category in later_categories else REMOVED))
            else:
                outcomes.append(FindingOutcome(f, NOT_SENT if abandoned else OPEN))
        length = check.length if ev.kind == Kind.INPUT_CHECKED else len(check.text)
        attempts.append(InputAttempt(
            n=n, seq=ev.seq, at=ev.at, length=length,
            blocked=ev.kind == Kind.INPUT_CHECKED and check.blocked, published=check.published,
            confirmed=screened is not None,
            redacted_text=check.redacted_text if ev.kind == Kind.INPUT_CHECKED else None,
            findings=tuple(outcomes)))
    return attempts


def _linked_check(screened: Event, check: Event | None) -> Event | None:
    """The check whose text `screened` confirmed: named by `check_seq`, or (events written
    before it was recorded) the latest check with the same findings and length."""
    confirmed = decode(screened)
    if confirmed.has_check_seq:
        return check if check is not None and check.seq == confirmed.check_seq else None
    if check is None:
        return None
    checked = decode(check)
    if checked.blocked:
        return None
    same = checked.findings == confirmed.findings and checked.length == len(confirmed.text)
    return check if same else None
