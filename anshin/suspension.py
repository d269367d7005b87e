"""§8: the Director's city-wide switch. Stored as events, read at call time — never cached —
so a suspension set from any process stops the next call in every running kernel.

Read against the signed checkpoint each time: if the newest events were deleted (a
`use.suspended` among them, perhaps) or an allowed-state event was changed, use counts as
suspended, with a notice that says why — never as silently resumed."""

from __future__ import annotations

from dataclasses import dataclass

from anshin import integrity_texts, texts
from anshin.errors import AnshinError
from anshin.identity import Person
from anshin.lifecycle import Kind
from anshin.store import EventNotAuthentic, EventStore, NewEvent
from anshin.wording import current as current_wording


@dataclass(frozen=True)
class SuspensionStatus:
    suspended: bool
    notice: str = ""
    by: str = ""
    since: str = ""


class NotDirector(AnshinError):
    """Only the Director may switch use on and off (§8)."""


def current_status(store: EventStore) -> SuspensionStatus:
    problem = store.check_history()
    if problem is not None:
        return SuspensionStatus(True, integrity_texts.HISTORY_SUSPENDED_NOTICE.format(
            detail=f"{problem.where}: {problem.expected} / {problem.found}"),
            integrity_texts.HISTORY_SUSPENDED_BY)
    try:
        last = store.last([Kind.USE_SUSPENDED.value, Kind.USE_RESUMED.value])
    except EventNotAuthentic as exc:  # a forged `use.resumed` resumes nothing
        return SuspensionStatus(True, exc.message_ja, integrity_texts.HISTORY_SUSPENDED_BY)
    if last is None or last.kind == Kind.USE_RESUMED:
        return SuspensionStatus(False)
    return SuspensionStatus(True, last.payload.get("notice", ""), last.payload.get("by_name", ""),
                            last.at)


def _require_director(actor: Person | None) -> None:
    """Where identity is known, only the Director may switch; the CLI on the server itself
    (actor None, an operator with shell access) is allowed and recorded as such."""
    wording = current_wording()
    if actor is not None and not wording.policy.may(actor.role, "suspend"):
        raise NotDirector(texts.ROLE_FORBIDDEN.format(
            roles=wording.who_may("suspend"), role=actor.role_label))


def suspend_use(store: EventStore, actor: Person | None, notice: str) -> SuspensionStatus:
    _require_director(actor)
    store.append(NewEvent(Kind.USE_SUSPENDED.value, actor.id if actor else "server-operator",
                          None, {"notice": notice, "by_name": actor.name if actor else ""}))
    return current_status(store)


def resume_use(store: EventStore, actor: Person | None) -> SuspensionStatus:
    _require_director(actor)
    store.append(NewEvent(Kind.USE_RESUMED.value, actor.id if actor else "server-operator",
                          None, {"by_name": actor.name if actor else ""}))
    return current_status(store)
