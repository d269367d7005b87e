"""The session engine: every guideline rule that a page relies on is enforced here.

Widgets call this API; it validates, applies the policy (§4–§7) and the screening, talks to
the gateway, and appends typed events to the store. A crafted widget message can click a
disabled button, so nothing here trusts the caller: roles, states and fields are checked
again on every call.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from anshin import texts
from anshin.conversation import messages_for
from anshin.dialogue import FollowUp, Regeneration, Turn
from anshin.errors import AnshinError
from anshin.identity import Person
from anshin.lifecycle import ACTION_LABELS, ALLOWED_FROM, RECORD_KINDS, Kind, State, next_state
from anshin.output_checking import OutputChecker
from anshin.policy import Policy
from anshin.published import (
    DATE_LIMIT,
    ISSUER_LIMIT,
    TITLE_LIMIT,
    URL_LIMIT,
    PublishedSource,
    read_date,
    today_in_japan,
    web_address,
)
from anshin.store import Event, EventStore, NewEvent
from anshin.wording import install as install_wording
from checks.secrets import find_secret

log = logging.getLogger(__name__)

FIELD_LIMIT = 2_000          # purpose, intended use, reasons, comments
TEXT_LIMIT = 100_000         # the text sent to a model
VERDICTS = ("ok", "needs_fix", "unacceptable")
OBJECTIONS = ("needs_fix", "unacceptable")
OUTCOMES = ("adopted", "adopted_with_edits", "rejected")
# A generation whose start is older than the policy's deadline plus this can no longer be
# streaming (the gateway ends every call by the deadline): its kernel died or was culled.
STALE_GENERATION_GRACE_S = 30.0


# -- errors ---------------------------------------------------------------------------------
class SessionError(AnshinError):
    """A rule of the guideline or the lifecycle refused the action; `message_ja` says why."""


class IllegalTransition(SessionError):
    """The action is not possible in the session's current state."""


class SessionSealed(IllegalTransition):
    """The session is decided; its record is read-only."""


class SessionNotFound(SessionError):
    pass


class ValidationError(SessionError):
    """A field is missing, too long, or contains characters we cannot keep."""


class FormErrors(ValidationError):
    """Several fields of one form are wrong: field id → Japanese message, all at once.
    `message_ja` holds every message, one a line, for callers that show only one line."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        super().__init__("\n".join(fields.values()))
        self.fields = dict(fields)


class RuleViolation(SessionError):
    """A guideline rule (screening, reviewers, roles) refuses the action."""


class Forbidden(RuleViolation):
    """The person's role or relation to the session does not allow the action."""


# -- the views pages read ---------------------------------------------------------------------
@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored: position and rule, never the matched value itself."""

    start: int
    end: int
    category: str
    severity: str
    rule_id: str
    message_ja: str = ""

    @property
    def key(self) -> str:
        return f"{self.start}:{self.end}:{self.category}"

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "category": self.category,
                "severity": self.severity, "rule_id": self.rule_id, "message_ja": self.message_ja}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoredFinding:
        return cls(int(data["start"]), int(data["end"]), str(data["category"]),
                   str(data["severity"]), str(data["rule_id"]), str(data.get("message_ja", "")))


def text_sha256(text: str) -> str:
    """The SHA-256 (hex) of a text's UTF-8 bytes: what reviews and decisions bind to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Review:
    """One signed review. `counts` is the department rule; whether it still counts also
    depends on the text: see `SessionView.review_counts`."""

    reviewer: str
    reviewer_name: str
    department: str
    role: str
    answers: Mapping[str, Mapping[str, str]]
    comment: str
    edited_text: str | None
    at: str
    counts: bool
    text_sha256: str = ""           # the exact text the reviewer saw and signed
    authenticated: bool = False
    seq: int = 0

    @property
    def objections(self) -> list[str]:
        """The item ids answered 要修正 or 不可."""
        return [i for i, a in self.answers.items() if a.get("verdict") in OBJECTIONS]


@dataclass(frozen=True)
class Revision:
    """The text under review replaced during review (by its author): earlier reviews lapse."""

    text: str
    text_sha256: str
    source: str                     # "edited" | "suggestion"
    from_reviewer: str | None
    by: str
    at: str


@dataclass(frozen=True)
class Decision:
    decider: str
    decider_name: str
    outcome: str
    reason: str
    at: str
    final_text: str | None = None          # the adopted text (None when rejected)
    final_sha256: str | None = None
    reviewed_sha256: str | None = None     # the text the counted reviews signed
    override_reason: str | None = None     # why adopted over 要修正/不可
    overridden: tuple[str, ...] = ()       # reviewer ids whose objections were overridden
    authenticated: bool = False
    source: str | None = None              # "as_reviewed" | "suggestion" | "edited"


@dataclass
class SessionView:
    """Everything known about one session, folded from its events."""

    session_id: str
    author: str
    author_name: str
    department: str
    state: State
    policy_version: str
    training: bool
    created_at: str
    updated_at: str
    category: str | None = None
    purpose: str | None = None
    intended_use: str | None = None
    reason: str | None = None
    service_id: str | None = None
    published_source: PublishedSource | None = None   # the text is declared published
    input_findings: list[StoredFinding] = field(default_factory=list)
    blocked_attempts: int = 0
    blocked_text: str | None = None          # the redacted form of the last blocked input
    text_sent: str | None = None
    turn: int | None = None                  # the seq of the input.screened event being answered
    acknowledged: list[str] = field(default_factory=list)
    third_party_material: bool = False
    sent_messages: list[dict[str, str]] | None = None
    generation_started_at: str | None = None
    model: str | None = None
    output: str | None = None
    partial_output: str | None = None
    last_error: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None
    output_findings: list[StoredFinding] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    decision: Decision | None = None
    abandoned_at: str | None = None          # discarded or stopped by its author
    abandon_reason: str | None = None
    author_authenticated: bool = False
    demo: bool = False                       # made by `anshin demo` (training data)
    turns: list[Turn] = field(default_factory=list)   # earlier turns of the dialogue
    set_aside: list[str] = field(default_factory=list)  # answers to this turn made again
    events: list[Event] = field(default_factory=list)

    @property
    def sealed(self) -> bool:
        return self.state == State.DECIDED

    @property
    def text_under_review(self) -> str | None:
        """The text reviewers sign: the output, or the author's revision of it."""
        return self.revisions[-1].text if self.revisions else self.output

    @property
    def text_under_review_sha256(self) -> str | None:
        text = self.text_under_review
        return text_sha256(text) if text is not None else None

    def review_counts(self, review: Review) -> bool:
        """A review counts if its reviewer counts (department) and it signed the text that
        is under review now: a change of the text after a review voids that review."""
        return review.counts and review.text_sha256 == self.text_under_review_sha256

    @property
    def current_reviews(self) -> list[Review]:
        return [r for r in self.reviews if self.review_counts(r)]

    @property
    def lapsed_reviews(self) -> list[Review]:
        """Reviews of an earlier text (they stay in the record but no longer count)."""
        current = self.text_under_review_sha256
        return [r for r in self.reviews if r.text_sha256 != current]

    @property
    def counted_reviews(self) -> int:
        return len(self.current_reviews)

    @property
    def reviews_of_current_text(self) -> list[Review]:
        """Every review of the text under review now, counted for §7(1) or not."""
        current = self.text_under_review_sha256
        return [r for r in self.reviews if r.text_sha256 == current]

    @property
    def returned(self) -> bool:
        """In review, and a review of the current text asks for changes (要修正・不可), even
        one that does not count toward §7(1): the author is to revise the text (issue 16.4
        "a returned session")."""
        return self.state == State.IN_REVIEW and any(
            r.objections for r in self.reviews_of_current_text)

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq if self.events else 0

    @property
    def current_turn(self) -> Turn | None:
        """The question being answered now (None before one is confirmed)."""
        if self.text_sent is None or self.turn is None:
            return None
        return Turn(len(self.turns) + 1, self.turn, self.text_sent, list(self.input_findings),
                    list(self.acknowledged), self.output, list(self.output_findings),
                    list(self.set_aside))

    @property
    def all_turns(self) -> list[Turn]:
        """The whole dialogue as sent: the earlier turns, then the current one."""
        current = self.current_turn
        return [*self.turns, current] if current is not None else list(self.turns)


def fold(events: Sequence[Event]) -> SessionView:
    """Replay a session's events into its view."""
    if not events or events[0].kind != Kind.STARTED:
        raise SessionNotFound(texts.SESSION_NOT_FOUND.format(
            session_id=events[0].session_id if events else "?"))
    start = events[0]
    p = start.payload
    view = SessionView(
        session_id=start.session_id or "", author=start.actor, author_name=p.get("author_name", ""),
        department=p.get("department", ""), state=State.DRAFT,
        policy_version=p.get("policy_version", ""), training=bool(p.get("training")),
        created_at=start.at, updated_at=start.at, events=list(events),
        author_authenticated=bool(p.get("authenticated")), demo=bool(p.get("demo")),
    )
    for ev in events[1:]:
        _apply(view, ev)
    return view


def _apply(view: SessionView, ev: Event) -> None:
    p = ev.payload
    try:
        kind = Kind(ev.kind)
    except ValueError:
        return
    if kind in RECORD_KINDS:
        return
    view.updated_at = ev.at
    if kind == Kind.DECLARED:
        view.category, view.purpose = p["category"], p["purpose"]
        view.intended_use, view.reason = p["intended_use"], p.get("reason")
        view.service_id = p.get("service_id")
    elif kind == Kind.SOURCE_DECLARED:
        view.published_source = PublishedSource.from_payload(p)
    elif kind == Kind.SOURCE_WITHDRAWN:
        view.published_source = None
    elif kind == Kind.INPUT_CHECKED:
        view.input_findings = [StoredFinding.from_json(f) for f in p["findings"]]
        view.text_sent = None
        if p.get("blocked"):
            view.blocked_attempts += 1
            view.blocked_text = p.get("redacted_text")
    elif kind == Kind.INPUT_SCREENED:
        view.text_sent = p["text"]
        view.turn = ev.seq
        view.input_findings = [StoredFinding.from_json(f) for f in p["findings"]]
        view.acknowledged = list(p.get("acknowledged", []))
        view.third_party_material = bool(p.get("third_party_material"))
        view.output, view.partial_output, view.last_error = None, None, None
        view.output_findings, view.set_aside = [], []
    elif kind == Kind.FOLLOW_UP:
        FollowUp.from_payload(p)
        answered = view.current_turn
        if answered is not None:
            view.turns.append(answered)
        view.text_sent, view.turn, view.input_findings, view.acknowledged = None, None, [], []
        view.output, view.output_findings, view.set_aside = None, [], []
        view.partial_output, view.last_error, view.usage = None, None, None
        view.sent_messages, view.blocked_text, view.third_party_material = None, None, False
    elif kind == Kind.REGENERATE:
        Regeneration.from_payload(p)
        if view.output is not None:
            view.set_aside.append(view.output)
        view.output, view.output_findings, view.usage = None, [], None
    elif kind == Kind.GENERATION_STARTED:
        view.sent_messages = p.get("messages")
        view.generation_started_at = ev.at
        view.model = p.get("model")
        view.service_id = p.get("service_id", view.service_id)
    elif kind == Kind.GENERATION_COMPLETED:
        view.output, view.usage = p["output"], p.get("usage")
        view.partial_output, view.last_error = None, None
        view.generation_started_at = None
    elif kind == Kind.GENERATION_FAILED:
        view.generation_started_at = None
        view.partial_output = p.get("partial_output")
        view.last_error = {"kind": p.get("error_kind"), "message_ja": p.get("message_ja")}
    elif kind == Kind.OUTPUT_CHECKED:
        view.output_findings = [StoredFinding.from_json(f) for f in p["findings"]]
    elif kind == Kind.REVIEW_SUBMITTED:
        # Reviews recorded before texts were hashed signed the output as it then was.
        signed = p.get("text_sha256") or view.text_under_review_sha256 or ""
        view.reviews.append(Review(
            reviewer=ev.actor, reviewer_name=p.get("reviewer_name", ""),
            department=p.get("department", ""), role=p.get("role", ""),
            answers=p["answers"], comment=p.get("comment", ""),
            edited_text=p.get("edited_text"), at=ev.at, counts=bool(p.get("counts", True)),
            text_sha256=signed, authenticated=bool(p.get("authenticated")), seq=ev.seq,
        ))
    elif kind == Kind.TEXT_REVISED:
        view.revisions.append(Revision(p["text"], p["text_sha256"], p.get("source", "edited"),
                                       p.get("from_reviewer"), ev.actor, ev.at))
    elif kind == Kind.DECIDED:
        view.decision = Decision(
            ev.actor, p.get("decider_name", ""), p["outcome"], p["reason"], ev.at,
            final_text=p.get("final_text"), final_sha256=p.get("final_sha256"),
            reviewed_sha256=p.get("reviewed_sha256"), override_reason=p.get("override_reason"),
            overridden=tuple(p.get("overridden", ())),
            authenticated=bool(p.get("authenticated")), source=p.get("source"))
    elif kind == Kind.ABANDONED:
        view.abandoned_at, view.abandon_reason = ev.at, p.get("reason") or ""
    view.state = next_state(view.state, kind, p)


# -- collaborators --------------------------------------------------------------------------
class Screener(Protocol):
    """What the engine needs from `checks`: findings. `published=True` is passed (and only
    then) when the author declared the text published material with its source."""

    def __call__(self, text: str, severities: Mapping[str, str], **options: bool
                 ) -> list[Any]: ...


class Gateway(Protocol):
    """The one door out (anshin.gateway). Streams the reply; raises GatewayError subclasses."""

    def prepare(self, *, service_id: str | None) -> Any: ...

    def generate(
        self, *, prepared: Any, session: Any, turn: int | None,
        on_token: Callable[[str], None] | None, cancel: threading.Event | None,
    ) -> Any: ...


Recorder = Callable[[SessionView], None]
Observer = Callable[[SessionView], None]   # e.g. the derived session index (anshin.index)


def declaration_errors(policy: Policy, *, category: object, purpose: object,
                       intended_use: object, reason: object) -> dict[str, str]:
    """Every problem of the purpose form (field id → message naming the field as the page
    does and the city's clause), without touching a session: pages check before a draft
    is created, and `declare_purpose` checks again."""
    errors: dict[str, str] = {}
    cat = policy.category(category) if isinstance(category, str) and category else None
    if not category:
        errors["category"] = texts.CATEGORY_REQUIRED
    elif cat is None:
        errors["category"] = texts.UNKNOWN_CATEGORY.format(category=category)
    fields = (("purpose", texts.FIELD_PURPOSE, purpose, True),
              ("intended_use", texts.FIELD_INTENDED_USE, intended_use, True),
              ("reason", texts.FIELD_REASON, reason, False))
    for key, label, value, required in fields:
        try:
            clean_text(label, value, FIELD_LIMIT, required=required)
        except ValidationError as exc:
            errors[key] = exc.message_ja
    if cat is not None and cat.reason_required and not (isinstance(reason, str) and reason.strip()):
        errors.setdefault("reason", texts.REASON_REQUIRED.format(category=cat.label,
                                                                 clause=cat.clause))
    return errors


def clean_text(label: str, value: object, limit: int, *, required: bool = True,
               document: bool = False) -> str:
    """Validate free text from a user: a string, within `limit`, no control characters, and
    — unless it is a `document` (the text screened, sent or adopted) — nothing that looks
    like a key or token: the chain keeps every field for good (issue 15, part 4)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(texts.FIELD_INVALID_CHARS.format(field=label))
    if required and not value.strip():
        raise ValidationError(texts.FIELD_REQUIRED.format(field=label))
    if len(value) > limit:
        raise ValidationError(texts.FIELD_TOO_LONG.format(field=label, length=len(value),
                                                          limit=limit))
    for ch in value:
        if ch in "\t\n\r":
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc" or cat == "Cs":
            raise ValidationError(texts.FIELD_INVALID_CHARS.format(field=label))
    if not document:
        refuse_secret(label, value)
    return value


def refuse_secret(label: str, value: str) -> None:
    """Raise a clear Japanese message when `value` holds a key-like string."""
    found = find_secret(value)
    if found is not None:
        raise ValidationError(texts.FIELD_LOOKS_LIKE_KEY.format(
            field=label, kind=texts.SECRET_KINDS.get(found.kind, found.kind)))


class SessionService:
    """The engine API. One per process; safe to share between widget callbacks."""

    def __init__(
        self,
        store: EventStore,
        policy: Policy,
        *,
        screener: Screener | None = None,
        gateway: Gateway | None = None,
        recorder: Recorder | None = None,
        observers: Sequence[Observer] = (),
        output_checker: Callable[[str, str | None], list[Any]] | None = None,
        training: bool = False,
        demo: bool = False,
    ) -> None:
        self.store = store
        self.policy = policy
        self.wording = install_wording(policy)
        self.screener = screener or _default_screener
        self.output_checker = output_checker or OutputChecker(policy)
        self.gateway = gateway
        self.recorder = recorder
        self.observers = list(observers)
        self.training = training or demo
        self.demo = demo

    # -- reading ---------------------------------------------------------------------------
    def get(self, session_id: str) -> SessionView:
        events = self.store.read(session_id=session_id)
        if not events:
            raise SessionNotFound(texts.SESSION_NOT_FOUND.format(session_id=session_id))
        return fold(events)

    def sessions_of(self, person: Person, *, unfinished: bool = False) -> list[SessionView]:
        """The person's own sessions, newest first (for 'resume where you left off')."""
        started = self.store.read(kinds=[Kind.STARTED])
        views = [self.get(e.session_id) for e in started if e.actor == person.id and e.session_id]
        if unfinished:
            done = {State.DECIDED, State.ABANDONED, State.IN_REVIEW}
            views = [v for v in views if v.state not in done]
        return sorted(views, key=lambda v: v.updated_at, reverse=True)

    # -- writing ---------------------------------------------------------------------------
    def _append(self, view: SessionView, kind: Kind, actor: Person,
                payload: dict[str, Any]) -> SessionView:
        if view.sealed:
            raise SessionSealed(texts.SESSION_SEALED)
        if view.state not in ALLOWED_FROM[kind]:
            raise IllegalTransition(texts.ILLEGAL_TRANSITION.format(
                state=texts.STATE_LABELS[view.state], action=ACTION_LABELS[kind]))
        ev = self.store.append(NewEvent(kind.value, actor.id, view.session_id, payload))
        view.events.append(ev)
        _apply(view, ev)
        self._record(view)
        return view

    def _record(self, view: SessionView) -> None:
        if self.recorder is not None:
            try:
                self.recorder(view)
            except Exception:  # the event is committed; a failed export is reported by verify
                log.exception("record export failed for session %s", view.session_id)
        for observer in self.observers:
            try:
                observer(view)
            except Exception:  # observers keep derived caches; `anshin reindex` rebuilds them
                log.exception("session observer failed for session %s", view.session_id)

    def _own(self, session_id: str, actor: Person) -> SessionView:
        view = self.get(session_id)
        if view.sealed:
            raise SessionSealed(texts.SESSION_SEALED)
        if actor.id != view.author:
            raise Forbidden(texts.NOT_AUTHOR.format(author=view.author_name or view.author))
        return self._settle_dead_generation(view, actor)

    def _settle_dead_generation(self, view: SessionView, actor: Person) -> SessionView:
        """A session left `generating` past any possible end of its call is recorded as
        interrupted, so its author can send again or change the text."""
        if view.state != State.GENERATING or view.generation_started_at is None:
            return view
        started = dt.datetime.fromisoformat(view.generation_started_at)
        age = (dt.datetime.now(dt.UTC) - started).total_seconds()
        if age <= self.policy.model.deadline_s + STALE_GENERATION_GRACE_S:
            return view
        return self._append(view, Kind.GENERATION_FAILED, actor, {
            "error_kind": "interrupted", "message_ja": texts.GENERATION_INTERRUPTED,
            "partial_output": "", "incomplete": True, "attempts": 0,
        })

    def start_session(self, author: Person) -> SessionView:
        """A new draft session for `author` (§5: the purpose comes next)."""
        if not self.policy.may(author.role, "use"):
            raise Forbidden(texts.ROLE_FORBIDDEN.format(
                roles=self.wording.who_may("use"), role=author.role_label))
        session_id = uuid.uuid4().hex[:12]
        ev = self.store.append(NewEvent(Kind.STARTED.value, author.id, session_id, {
            "author_name": author.name, "department": author.department, "role": author.role,
            "authenticated": author.authenticated, "policy_id": self.policy.id,
            "policy_version": self.policy.version, "policy_sha256": self.policy.sha256,
            "training": self.training, "demo": self.demo,
        }))
        view = fold([ev])
        self._record(view)
        return view

    def declare_purpose(
        self, session_id: str, actor: Person, *, category: str, purpose: str,
        intended_use: str, reason: str | None = None, service_id: str | None = None,
    ) -> SessionView:
        """The permitted use, the purpose and how the output will be used. Every problem of
        the form is reported at once (`FormErrors`), each under its field."""
        view = self._own(session_id, actor)
        errors = declaration_errors(self.policy, category=category, purpose=purpose,
                                    intended_use=intended_use, reason=reason)
        if errors:
            raise FormErrors(errors)
        cat = self.policy.category(category)
        assert cat is not None
        purpose = clean_text(texts.FIELD_PURPOSE, purpose, FIELD_LIMIT)
        intended_use = clean_text(texts.FIELD_INTENDED_USE, intended_use, FIELD_LIMIT)
        reason = clean_text(texts.FIELD_REASON, reason, FIELD_LIMIT, required=False) or None
        return self._append(view, Kind.DECLARED, actor, {
            "category": cat.id, "purpose": purpose, "intended_use": intended_use,
            "reason": reason, "service_id": service_id,
        })

    def declare_published_source(
        self, session_id: str, actor: Person, *, title: str, issuer: str | None = None,
        url: str | None = None, issued_on: str | None = None,
    ) -> SessionView:
        """The text to be screened is published material (§4(4), or any use) and this is
        its source: a title, the issuer, and a web address (http/https) or the date of
        issue (a real date, not in the future) — at least one of the two. Until the text is
        confirmed it may be declared again or withdrawn; screening follows the latest."""
        view = self._own(session_id, actor)
        title = clean_text(texts.SOURCE_FIELD_TITLE, title, TITLE_LIMIT, required=False).strip()
        if not title:
            raise ValidationError(texts.SOURCE_TITLE_REQUIRED)
        issuer = clean_text(texts.SOURCE_FIELD_ISSUER, issuer, ISSUER_LIMIT,
                            required=False).strip() or None
        url = clean_text(texts.SOURCE_FIELD_URL, url, URL_LIMIT, required=False).strip() or None
        date = clean_text(texts.SOURCE_FIELD_DATE, issued_on, DATE_LIMIT,
                          required=False).strip() or None
        if url is None and date is None:
            raise ValidationError(texts.SOURCE_URL_OR_DATE)
        if url is not None and web_address(url) is None:
            raise ValidationError(texts.SOURCE_URL_INVALID)
        if date is not None:
            day = read_date(date)
            if day is None:
                raise ValidationError(texts.SOURCE_DATE_INVALID.format(value=date))
            if day > today_in_japan():
                raise ValidationError(texts.SOURCE_DATE_FUTURE.format(value=date))
            date = day.isoformat()
        source = PublishedSource(title, issuer, url, date)
        return self._append(view, Kind.SOURCE_DECLARED, actor, source.to_payload())

    def withdraw_published_source(self, session_id: str, actor: Person) -> SessionView:
        """The text is no longer declared published: screening goes back to the usual rules."""
        view = self._own(session_id, actor)
        if view.published_source is None:
            return view
        return self._append(view, Kind.SOURCE_WITHDRAWN, actor, {})

    def _screen(self, view: SessionView, text: str,
                progress: Callable[[float], None] | None = None) -> list[Any]:
        """Screen with the rules for published material only when the session declares it;
        `progress` (fraction done) is handed to the screener when given."""
        options: dict[str, Any] = {}
        if progress is not None:
            options["progress"] = progress
        if self.policy.local_rules:
            options["local"] = self.policy.local_rules
        if view.published_source is not None:
            options["published"] = True
        return self.screener(text, self.policy.severities, **options)

    def check_input(self, session_id: str, actor: Person, text: str, *,
                    progress: Callable[[float], None] | None = None) -> tuple[SessionView, list]:
        """§6: screen `text`. Blocked findings are stored with the redacted text only.
        `progress` is called with the fraction of screening done (for a page to show)."""
        view = self._own(session_id, actor)
        text = clean_text("入力する文章", text, TEXT_LIMIT, document=True)
        findings = self._screen(view, text, progress)
        blocked = [f for f in findings if f.severity == "block"]
        payload: dict[str, Any] = {
            "findings": [_finding_json(f) for f in findings],
            "blocked": bool(blocked),
            "length": len(text),
            "text_sha256": text_sha256(text),
            "published": view.published_source is not None,
        }
        if blocked:
            payload["redacted_text"] = _redact(text, findings)
        view = self._append(view, Kind.INPUT_CHECKED, actor, payload)
        return view, findings

    def redact_input(
        self, session_id: str, actor: Person, text: str, keys: Iterable[str],
        mapping: Mapping[str, str] | None = None,
    ) -> tuple[SessionView, list, Any]:
        """§6: replace the chosen findings of the last checked text by placeholders, record
        which (position, category, rule, placeholder — never the value), and check the
        redacted text. The mapping back to the values stays with the caller, in memory."""
        from checks import redact

        view = self._own(session_id, actor)
        text = clean_text("入力する文章", text, TEXT_LIMIT, document=True)
        check = _last_kind(view.events, Kind.INPUT_CHECKED)
        if check is None or check.payload.get("text_sha256") != text_sha256(text):
            raise RuleViolation(texts.REDACT_NEEDS_CHECK)
        wanted = set(keys)
        chosen = [f for f in self._screen(view, text) if _key(f) in wanted]
        if not chosen:
            raise RuleViolation(texts.REDACT_NOTHING)
        red = redact(text, chosen, mapping=mapping)
        by_value = {value: placeholder for placeholder, value in red.mapping.items()}
        view = self._append(view, Kind.INPUT_REDACTED, actor, {
            "check_seq": check.seq,
            "redacted": [{**_finding_json(f), "placeholder": by_value.get(text[f.start:f.end], "")}
                         for f in chosen],
        })
        view, findings = self.check_input(session_id, actor, red.text)
        return view, findings, red

    def confirm_input(
        self, session_id: str, actor: Person, text: str, *, acknowledged: Iterable[str],
        attest_publishable: bool, third_party_material: bool = False,
    ) -> SessionView:
        """§6(1)–(3): fix the text to be sent. Screening runs again here, whatever the page
        showed: no block finding may remain, every warn finding must be acknowledged, and
        the user attests the text may be disclosed to third parties."""
        view = self._own(session_id, actor)
        text = clean_text("入力する文章", text, TEXT_LIMIT, document=True)
        findings = self._screen(view, text)
        published = view.published_source is not None
        blocked = [f for f in findings if f.severity == "block"]
        if blocked:
            self._append(view, Kind.INPUT_CHECKED, actor, {
                "findings": [_finding_json(f) for f in findings], "blocked": True,
                "length": len(text), "text_sha256": text_sha256(text),
                "redacted_text": _redact(text, findings), "published": published,
            })
            raise RuleViolation(texts.INPUT_BLOCKED.format(count=len(blocked)))
        acknowledged = set(acknowledged)
        warn_keys = [_key(f) for f in findings if f.severity == "warn"]
        missing = [k for k in warn_keys if k not in acknowledged]
        if missing:
            raise RuleViolation(texts.WARNINGS_UNCONFIRMED.format(count=len(missing)))
        if attest_publishable is not True:
            raise RuleViolation(texts.ATTESTATION_REQUIRED)
        sha = text_sha256(text)
        check = _last_kind(view.events, Kind.INPUT_CHECKED)
        return self._append(view, Kind.INPUT_SCREENED, actor, {
            "text": text, "text_sha256": sha,
            "check_seq": check.seq if check and check.payload.get("text_sha256") == sha else None,
            "findings": [_finding_json(f) for f in findings],
            "acknowledged": sorted(warn_keys), "attest_publishable": True,
            "third_party_material": bool(third_party_material), "published": published,
        })

    def messages_for(self, view: SessionView) -> list[dict[str, str]]:
        """Exactly what will be sent: the policy's system prompt and the screened text."""
        return messages_for(self.policy, view)

    def generate(
        self, session_id: str, actor: Person, *,
        on_token: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SessionView:
        """§3: send the screened text through the gateway and record the reply.

        While the reply streams the session is `generating`, so its text cannot change under
        the answer. A failure (refused, suspended, cut stream, cancelled, deadline …) is
        recorded with any partial output, the session returns to `screened` so the user can
        send again, and the gateway's error is re-raised for the page to show its message.
        """
        from anshin.gateway import GatewayError, NoGatewayConfigured

        view = self._own(session_id, actor)
        if view.state != State.SCREENED:
            raise IllegalTransition(texts.ILLEGAL_TRANSITION.format(
                state=texts.STATE_LABELS[view.state], action=ACTION_LABELS[Kind.GENERATION_STARTED]))
        if self.gateway is None:
            raise NoGatewayConfigured()
        messages = self.messages_for(view)
        try:
            prepared = self.gateway.prepare(service_id=view.service_id)
        except GatewayError as exc:  # refused before any I/O; the attempt is still recorded
            self._append(view, Kind.GENERATION_FAILED, actor, {
                "error_kind": exc.kind, "message_ja": exc.message_ja, "partial_output": "",
                "incomplete": False, "attempts": 0,
            })
            raise
        view = self._append(view, Kind.GENERATION_STARTED, actor, {
            "service_id": prepared.service_id, "model": prepared.model, "messages": messages,
        })
        try:
            result = self.gateway.generate(prepared=prepared, session=view, turn=view.turn,
                                           on_token=on_token, cancel=cancel)
        except GatewayError as exc:
            self._append(view, Kind.GENERATION_FAILED, actor, {
                "error_kind": exc.kind, "message_ja": exc.message_ja,
                "partial_output": exc.partial_output, "incomplete": True,
                "attempts": exc.attempts,
            })
            raise
        view = self._append(view, Kind.GENERATION_COMPLETED, actor, {
            "output": result.text, "usage": result.usage, "finish_reason": result.finish_reason,
            "attempts": result.attempts, "duration_ms": result.duration_ms,
        })
        return self.check_output(session_id, actor)

    def check_output(self, session_id: str, actor: Person) -> SessionView:
        """§6(4), §7(2): findings on the output, for reviewers' attention (never a verdict).
        Copied passages are looked for in the input when the user said it holds third-party
        material."""
        view = self.get(session_id)
        pasted = view.text_sent if view.third_party_material else None
        findings = self.output_checker(view.output or "", pasted) if view.output else []
        return self._append(view, Kind.OUTPUT_CHECKED, actor,
                            {"findings": [_finding_json(f) for f in findings]})

    def follow_up(self, session_id: str, actor: Person) -> SessionView:
        """§2 「対話形式」: after an answer, ask a further question in the same session. The
        answered turn becomes part of the conversation sent with the next question, which is
        screened, redacted and confirmed exactly like the first."""
        view = self._own(session_id, actor)
        self._answered(view, Kind.FOLLOW_UP)
        return self._append(view, Kind.FOLLOW_UP, actor, FollowUp(
            view.turn or 0, text_sha256(view.output or "")).to_payload())

    def regenerate(self, session_id: str, actor: Person) -> SessionView:
        """Have the current question answered again: the answer is set aside (it stays in
        the record) and the session is ready to send the same messages once more."""
        view = self._own(session_id, actor)
        self._answered(view, Kind.REGENERATE)
        return self._append(view, Kind.REGENERATE, actor, Regeneration(
            view.turn or 0, text_sha256(view.output or "")).to_payload())

    def _answered(self, view: SessionView, kind: Kind) -> None:
        if view.state != State.GENERATED or view.output is None:
            raise IllegalTransition(texts.ILLEGAL_TRANSITION.format(
                state=texts.STATE_LABELS[view.state], action=ACTION_LABELS[kind]))
        if len(view.turns) + 1 >= self.policy.model.max_turns and kind == Kind.FOLLOW_UP:
            raise RuleViolation(texts.TOO_MANY_TURNS.format(limit=self.policy.model.max_turns))

    def request_review(self, session_id: str, actor: Person) -> SessionView:
        """§7(1): hand the output to colleagues."""
        view = self._own(session_id, actor)
        return self._append(view, Kind.REVIEW_REQUESTED, actor, {})

    def submit_review(
        self, session_id: str, reviewer: Person, *, answers: Mapping[str, Mapping[str, str]],
        comment: str = "", edited_text: str | None = None, seen_sha256: str | None = None,
    ) -> SessionView:
        """§7(1)(2): one signed review per person and text, every checklist item answered,
        bound to the SHA-256 of the text under review. `seen_sha256` is the hash of the
        text the page showed: if the text changed since, the review is refused."""
        view = self.get(session_id)
        if view.sealed:
            raise SessionSealed(texts.SESSION_SEALED)
        if not self.policy.may(reviewer.role, "review"):
            raise Forbidden(texts.REVIEWER_ROLE.format(role=reviewer.role_label))
        current = view.text_under_review_sha256 or ""
        if seen_sha256 is not None and seen_sha256 != current:
            raise RuleViolation(texts.TEXT_CHANGED_SINCE_SHOWN)
        if any(r.reviewer == reviewer.id and r.text_sha256 == current for r in view.reviews):
            raise RuleViolation(texts.REVIEW_TWICE.format(name=reviewer.name))
        is_author = reviewer.id == view.author
        if is_author and not self.policy.author_counts:
            raise RuleViolation(texts.AUTHOR_CANNOT_REVIEW)
        # §7(1)(3): the department answers for the output, so with `same_department` only
        # reviewers of the author's 所属 count; others may still comment, and are recorded.
        counts = (not self.policy.reviewers_same_department
                  or reviewer.department == view.department)
        clean: dict[str, dict[str, str]] = {}
        for item in self.policy.review_items:
            answer = answers.get(item.id) if isinstance(answers, Mapping) else None
            if not isinstance(answer, Mapping) or answer.get("verdict") is None:
                raise ValidationError(texts.REVIEW_ITEM_MISSING.format(item=item.question))
            if answer.get("verdict") not in VERDICTS:
                raise ValidationError(texts.REVIEW_VERDICT_INVALID.format(item=item.question))
            clean[item.id] = {
                "verdict": str(answer["verdict"]),
                "comment": clean_text("コメント", answer.get("comment", ""), FIELD_LIMIT,
                                      required=False),
            }
        comment = clean_text("コメント", comment, FIELD_LIMIT, required=False)
        if edited_text is not None:
            edited_text = clean_text("修正案", edited_text, TEXT_LIMIT, required=False,
                                     document=True) or None
        return self._append(view, Kind.REVIEW_SUBMITTED, reviewer, {
            "reviewer_name": reviewer.name, "department": reviewer.department,
            "role": reviewer.role, "authenticated": reviewer.authenticated,
            "answers": clean, "comment": comment, "edited_text": edited_text, "counts": counts,
            "text_sha256": current,
        })

    def revise_text(
        self, session_id: str, actor: Person, *, text: str, from_reviewer: str | None = None,
    ) -> SessionView:
        """§7(1): the author replaces the text under review (their edit, or a reviewer's
        suggestion taken in whole). Every earlier review signed another text and no longer
        counts; reviewers sign the new text."""
        view = self.get(session_id)
        if view.sealed:
            raise SessionSealed(texts.SESSION_SEALED)
        if actor.id != view.author:
            raise Forbidden(texts.NOT_AUTHOR.format(author=view.author_name or view.author))
        if from_reviewer is not None:
            suggestion = next((r.edited_text for r in reversed(view.reviews)
                               if r.reviewer == from_reviewer and r.edited_text), None)
            if suggestion is None:
                raise ValidationError(texts.NO_SUGGESTION)
            text = suggestion
        text = clean_text("案文", text, TEXT_LIMIT, document=True)
        if text == view.text_under_review:
            raise ValidationError(texts.TEXT_UNCHANGED)
        return self._append(view, Kind.TEXT_REVISED, actor, {
            "text": text, "text_sha256": text_sha256(text),
            "source": "suggestion" if from_reviewer else "edited",
            "from_reviewer": from_reviewer,
        })

    def decide(
        self, session_id: str, decider: Person, *, outcome: str, reason: str,
        final_text: str | None = None, override_reason: str | None = None,
        seen_sha256: str | None = None,
    ) -> SessionView:
        """§7(3): the department decides whether the output is used; the record is sealed.

        「採用」 adopts the text the reviews signed; 「修正して採用」 adopts `final_text`
        (a reviewer's suggestion or the decider's edit), which must differ from it. The
        decision carries both SHA-256s. Adopting over a 要修正 or 不可 of a counted review
        needs `override_reason`. `seen_sha256` is the hash of the text the page asked the
        decider to confirm: if the text under review changed since, nothing is sealed."""
        view = self.get(session_id)
        if view.sealed:
            raise SessionSealed(texts.SESSION_SEALED)
        if not self.policy.may(decider.role, "decide"):
            raise Forbidden(texts.DECIDER_ROLE.format(roles=self.wording.who_may("decide")))
        if (self.policy.decision_same_department
                and not self.policy.may(decider.role, "oversee_all")
                and decider.department != view.department):
            raise Forbidden(texts.DECIDER_DEPARTMENT)
        if decider.id == view.author:
            raise Forbidden(texts.DECIDER_IS_AUTHOR)
        if view.state != State.IN_REVIEW:
            raise IllegalTransition(texts.ILLEGAL_TRANSITION.format(
                state=texts.STATE_LABELS[view.state], action=ACTION_LABELS[Kind.DECIDED]))
        if view.counted_reviews < self.policy.min_reviewers:
            raise RuleViolation(texts.NOT_ENOUGH_REVIEWS.format(
                required=self.policy.min_reviewers, count=view.counted_reviews))
        if outcome not in OUTCOMES:
            raise ValidationError(texts.OUTCOME_INVALID)
        reviewed = view.text_under_review or ""
        reviewed_sha = text_sha256(reviewed)
        if seen_sha256 is not None and seen_sha256 != reviewed_sha:
            raise RuleViolation(texts.TEXT_CHANGED_SINCE_SHOWN)
        reason = clean_text("決定の理由", reason, FIELD_LIMIT)
        final: str | None = None
        source: str | None = None
        if outcome == "adopted":
            final, source = reviewed, "as_reviewed"
        elif outcome == "adopted_with_edits":
            final = clean_text("採用する文章", final_text, TEXT_LIMIT, document=True)
            if final == reviewed:
                raise ValidationError(texts.FINAL_TEXT_UNCHANGED)
            suggestions = {r.edited_text for r in view.reviews if r.edited_text}
            source = "suggestion" if final in suggestions else "edited"
        objectors = [r.reviewer for r in view.current_reviews if r.objections]
        override = clean_text("反対意見を退ける理由", override_reason, FIELD_LIMIT,
                              required=False).strip() or None
        if final is not None and objectors and override is None:
            raise RuleViolation(texts.OVERRIDE_REASON_REQUIRED.format(count=len(objectors)))
        payload: dict[str, Any] = {
            "decider_name": decider.name, "department": decider.department,
            "role": decider.role, "authenticated": decider.authenticated,
            "outcome": outcome, "reason": reason, "reviewed_sha256": reviewed_sha,
            "reviews_counted": [r.seq for r in view.current_reviews],
            "final_text": final, "final_sha256": text_sha256(final) if final is not None else None,
            "source": source,
        }
        if final is not None and objectors:
            payload |= {"override_reason": override, "overridden": objectors}
        return self._append(view, Kind.DECIDED, decider, payload)

    def abandon(self, session_id: str, actor: Person, reason: str = "") -> SessionView:
        view = self._own(session_id, actor)
        reason = clean_text("理由", reason, FIELD_LIMIT, required=False)
        return self._append(view, Kind.ABANDONED, actor, {"reason": reason})


def _last_kind(events: Sequence[Event], kind: Kind) -> Event | None:
    return next((ev for ev in reversed(events) if ev.kind == kind), None)


def _key(f: Any) -> str:
    return f"{f.start}:{f.end}:{f.category}"


def _finding_json(f: Any) -> dict[str, Any]:
    return {"start": f.start, "end": f.end, "category": f.category, "severity": f.severity,
            "rule_id": f.rule_id, "message_ja": f.message_ja}


def _default_screener(text: str, severities: Mapping[str, str], **options: Any) -> list[Any]:
    from checks import screen

    return list(screen(text, severities, **options))


def _redact(text: str, findings: Sequence[Any]) -> str:
    from checks import redact

    return redact(text, list(findings)).text
