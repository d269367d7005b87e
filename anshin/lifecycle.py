"""The session lifecycle as data: states, event kinds, and which event may follow which state.

DESIGN.md: draft → declared → screened → generated → in_review → decided, plus blocked and
abandoned. After an answer the author may ask a follow-up (the next question is screened from
`declared` like the first) or have the answer made again (back to `screened`). While a reply
streams the session is `generating`: the text being answered cannot change under it, so a
record never shows one text beside the answer to another. The table below is the single
source; `anshin.session` enforces it.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    DECLARED = "declared"
    BLOCKED = "blocked"
    SCREENED = "screened"
    GENERATING = "generating"
    GENERATED = "generated"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    ABANDONED = "abandoned"


class Kind(StrEnum):
    """Event kinds. Session kinds move a session; the others are city-wide."""

    STARTED = "session.started"
    DECLARED = "session.declared"
    SOURCE_DECLARED = "input.source_declared"
    SOURCE_WITHDRAWN = "input.source_withdrawn"
    INPUT_CHECKED = "input.checked"
    INPUT_REDACTED = "input.redacted"
    INPUT_SCREENED = "input.screened"
    GENERATION_STARTED = "generation.started"
    GENERATION_COMPLETED = "generation.completed"
    GENERATION_FAILED = "generation.failed"
    OUTPUT_CHECKED = "output.checked"
    REVIEW_REQUESTED = "review.requested"
    REVIEW_SUBMITTED = "review.submitted"
    TEXT_REVISED = "review.text_revised"
    DECIDED = "decision.made"
    ABANDONED = "session.abandoned"
    FOLLOW_UP = "dialogue.follow_up"
    REGENERATE = "dialogue.regenerate"
    RECORD_EXPORTED = "record.exported"
    RECORD_COMMITTED = "record.committed"   # a record's content hash, a leaf its proof names
    USE_SUSPENDED = "use.suspended"
    USE_RESUMED = "use.resumed"
    SERVICE_REGISTERED = "service.registered"
    SERVICE_APPROVED = "service.approved"
    SERVICE_WITHDRAWN = "service.withdrawn"
    GATEWAY_REFUSED = "gateway.refused"
    ENGINE_REFUSED = "engine.refused"
    SIGNING_STARTED = "chain.signing_started"


# The record's own bookkeeping: not a step of the session (it never moves it or dates it).
RECORD_KINDS = frozenset({Kind.RECORD_EXPORTED, Kind.RECORD_COMMITTED})

# Japanese names of actions, for "現在の状態では「…」はできません".
ACTION_LABELS = {
    Kind.DECLARED: "利用目的の登録",
    Kind.SOURCE_DECLARED: "公開資料の申告",
    Kind.SOURCE_WITHDRAWN: "公開資料の申告の取り消し",
    Kind.INPUT_CHECKED: "入力の確認",
    Kind.INPUT_REDACTED: "伏せ字",
    Kind.INPUT_SCREENED: "入力の確定",
    Kind.GENERATION_STARTED: "生成",
    Kind.GENERATION_COMPLETED: "生成結果の記録",
    Kind.GENERATION_FAILED: "生成の中断の記録",
    Kind.OUTPUT_CHECKED: "出力の確認",
    Kind.REVIEW_REQUESTED: "レビューの依頼",
    Kind.REVIEW_SUBMITTED: "レビュー",
    Kind.TEXT_REVISED: "案文の変更",
    Kind.DECIDED: "決定",
    Kind.ABANDONED: "中止",
    Kind.FOLLOW_UP: "続けて質問する",
    Kind.REGENERATE: "回答を作り直す",
}

_EDITABLE = {State.DECLARED, State.BLOCKED, State.SCREENED, State.GENERATED}
# The published-material declaration belongs to the text being screened: it can change only
# while no text is confirmed (after confirmation it is part of what was sent).
_BEFORE_CONFIRMATION = frozenset({State.DECLARED, State.BLOCKED})

# kind → states it may be appended in.
ALLOWED_FROM: dict[Kind, frozenset[State]] = {
    Kind.DECLARED: frozenset({State.DRAFT, State.DECLARED, State.BLOCKED, State.SCREENED}),
    Kind.SOURCE_DECLARED: _BEFORE_CONFIRMATION,
    Kind.SOURCE_WITHDRAWN: _BEFORE_CONFIRMATION,
    Kind.INPUT_CHECKED: frozenset(_EDITABLE),
    Kind.INPUT_REDACTED: frozenset(_EDITABLE),
    Kind.INPUT_SCREENED: frozenset(_EDITABLE),
    Kind.GENERATION_STARTED: frozenset({State.SCREENED}),
    Kind.GENERATION_COMPLETED: frozenset({State.GENERATING}),
    Kind.GENERATION_FAILED: frozenset({State.SCREENED, State.GENERATING}),
    Kind.OUTPUT_CHECKED: frozenset({State.GENERATED}),
    Kind.REVIEW_REQUESTED: frozenset({State.GENERATED}),
    Kind.REVIEW_SUBMITTED: frozenset({State.IN_REVIEW}),
    Kind.TEXT_REVISED: frozenset({State.IN_REVIEW}),
    Kind.DECIDED: frozenset({State.IN_REVIEW}),
    Kind.ABANDONED: frozenset(_EDITABLE | {State.DRAFT}),
    Kind.FOLLOW_UP: frozenset({State.GENERATED}),
    Kind.REGENERATE: frozenset({State.GENERATED}),
}


def next_state(state: State, kind: Kind, payload: dict) -> State:
    """The state after an event of `kind` (already known to be allowed) is appended."""
    if kind == Kind.DECLARED:
        return State.DECLARED
    if kind == Kind.INPUT_CHECKED:
        return State.BLOCKED if payload.get("blocked") else State.DECLARED
    if kind == Kind.INPUT_SCREENED:
        return State.SCREENED
    if kind == Kind.GENERATION_STARTED:
        return State.GENERATING
    if kind == Kind.GENERATION_COMPLETED:
        return State.GENERATED
    if kind in (Kind.GENERATION_FAILED, Kind.REGENERATE):
        return State.SCREENED
    if kind == Kind.FOLLOW_UP:
        return State.DECLARED
    if kind == Kind.REVIEW_REQUESTED:
        return State.IN_REVIEW
    if kind == Kind.DECIDED:
        return State.DECIDED
    if kind == Kind.ABANDONED:
        return State.ABANDONED
    return state
