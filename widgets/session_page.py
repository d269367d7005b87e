"""The staff session page: the four steps of a guided session, and resuming an unfinished
one at the step it reached (every step is already in the store when the user sees it)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.clock import japan_time
from anshin.identity import Person
from anshin.lifecycle import Kind, State
from anshin.session import SessionView
from anshin.texts import OUTCOME_LABELS, STATE_LABELS
from widgets import live, texts
from widgets.controls import SessionContext, button, show
from widgets.dialogue import DialogueBar
from widgets.frame import SuspensionBanner
from widgets.generation import GenerateStep
from widgets.guard import Notice, guarded
from widgets.nav import requested
from widgets.output_check import OutputStep
from widgets.purpose import PurposeStep
from widgets.screening import InputStep, warm_up_screening

if TYPE_CHECKING:
    from anshin.app import Anshin

RESUME_LIMIT = 5


class SessionPage:
    """Built in two halves: the steps need no person, so a preheated kernel builds them
    (some 180 widgets) before anyone asks; `open_for(person)` adds what is theirs."""

    def __init__(self, app: Anshin, banner: SuspensionBanner) -> None:
        self.ctx = SessionContext(app, None, banner)
        self.notice = Notice("anshin-session-notice")
        self.output = OutputStep(self.ctx)
        self.dialogue = DialogueBar(self.ctx, on_follow_up=self._follow_up,
                                    on_regenerate=self._regenerate)
        self.generate = GenerateStep(self.ctx, on_generated=self._answered)
        self.input = InputStep(self.ctx, on_confirmed=self.generate.load)
        self.purpose = PurposeStep(self.ctx, on_declared=self.input.load)
        self.steps = w.VBox([self.purpose.box, self.input.box, self.generate.box,
                             self.dialogue.box, self.output.box])
        self.arrived = w.HTML()
        self.arrived.add_class("anshin-arrived")
        self.lines: list[str] = []

    def open_for(self, person: Person) -> w.Widget:
        """The page for `person`: their unfinished sessions, and news of their reviews."""
        app = self.ctx.app
        self.ctx.person = person
        self.resume = self._resume_panel(app.sessions.sessions_of(person, unfinished=True))
        self.widget = w.VBox([self.arrived, self.resume, self.notice, self.steps])
        self.widget.add_class("anshin-session")
        show(self.steps, not self.resume.children)
        live.feed(app).on((Kind.REVIEW_SUBMITTED, Kind.DECIDED), self._arrived)
        asked = requested("session")  # "続ける" on the My sessions page
        if asked:
            guarded(self.notice)(self._resume_asked)(asked)
        return self.widget

    def _answered(self, view: SessionView) -> None:
        """An answer arrived: the dialogue's actions, then the output check and review."""
        self.dialogue.load(view)
        self.output.load(view)

    def _follow_up(self, view: SessionView) -> None:
        """The next question: the input step opens again; what follows waits for it."""
        show(self.generate.box, False)
        show(self.output.box, False)
        self.input.start_follow_up(view)

    def _regenerate(self, view: SessionView) -> None:
        """The same question again: the answer is set aside and sent for at once."""
        show(self.output.box, False)
        self.generate.load(view)
        self.generate.start()

    def _resume_asked(self, session_id: str) -> None:
        view = self.ctx.app.sessions.get(session_id)
        if view.author != self.ctx.person.id or view.state in (State.IN_REVIEW, State.DECIDED,
                                                               State.ABANDONED):
            self.notice.error(texts.CANNOT_CONTINUE.format(
                session_id=session_id, state=STATE_LABELS[view.state]))
            return
        self._resume(session_id)

    def _arrived(self, changes: list[live.Change]) -> None:
        """A review or a decision on one of this person's sessions: say so on the page."""
        app, person = self.ctx.app, self.ctx.person
        assert person is not None  # listening starts in open_for
        for change in changes:
            if change.session_id is None:
                continue
            view = app.sessions.get(change.session_id)
            if view.author != person.id:
                continue
            if change.kind == Kind.DECIDED and view.decision is not None:
                d = view.decision
                line = texts.LIVE_DECIDED.format(
                    at=japan_time(d.at), session_id=view.session_id,
                    outcome=OUTCOME_LABELS.get(d.outcome, d.outcome), decider=d.decider_name)
            elif change.kind == Kind.REVIEW_SUBMITTED and view.reviews:
                r = view.reviews[-1]
                line = texts.LIVE_REVIEW_ARRIVED.format(
                    at=japan_time(r.at), session_id=view.session_id, reviewer=r.reviewer_name,
                    count=view.counted_reviews, required=app.policy.min_reviewers)
            else:
                continue
            self.lines = [line, *self.lines][:RESUME_LIMIT]
        if self.lines:
            items = "".join(f'<li class="anshin-arrived-line">{html.escape(x)}</li>'
                            for x in self.lines)
            self.arrived.value = (f'<div role="status" style="background:#eef3f8;border-left:4px '
                                  f'solid #1f5f99;padding:6px 12px;margin:6px 0">'
                                  f'<ul style="margin:0;padding-left:1.2em">{items}</ul></div>')

    def _resume_panel(self, unfinished: list[SessionView]) -> w.VBox:
        panel = w.VBox()
        panel.add_class("anshin-resume")
        if not unfinished:
            return panel
        guard = guarded(self.notice)
        rows: list[w.Widget] = [w.HTML(f"<b>{html.escape(texts.RESUME_TITLE)}</b>")]
        for view in unfinished[:RESUME_LIMIT]:
            cat = self.ctx.app.policy.category(view.category) if view.category else None
            line = texts.RESUME_LINE.format(
                updated=japan_time(view.updated_at), state=STATE_LABELS[view.state],
                category=cat.display if cat else texts.NO_CATEGORY)
            purpose = f"　{view.purpose[:40]}" if view.purpose else ""
            b = button(texts.RESUME_BUTTON, "anshin-resume-button")
            b.on_click(guard(lambda _b, sid=view.session_id: self._resume(sid)))
            row = w.HBox([b, w.HTML(html.escape(line + purpose))],
                         layout=w.Layout(align_items="center"))
            row.add_class("anshin-resume-row")
            rows.append(row)
        new = button(texts.NEW_SESSION, "anshin-new-session", style="primary")
        new.on_click(guard(lambda _b: self._start_fresh()))
        panel.children = [*rows, new]
        return panel

    def _start_fresh(self) -> None:
        show(self.resume, False)
        show(self.steps)

    def _resume(self, session_id: str) -> None:
        view = self.ctx.app.sessions.get(session_id)
        self.ctx.view = view
        show(self.resume, False)
        show(self.steps)
        self.notice.show(texts.RESUMED.format(session_id=view.session_id,
                                              state=STATE_LABELS[view.state]), "ok")
        self.purpose.load(view)
        if view.state == State.DRAFT:
            return
        self.input.load(view)
        if view.state in (State.SCREENED, State.GENERATING, State.GENERATED):
            self.generate.load(view)
        if view.state == State.GENERATED:
            self._answered(view)


prepare = warm_up_screening  # run before the request (widgets.pages)


def prebuild(app: Anshin, banner: SuspensionBanner) -> Callable[[Person], w.Widget]:
    """Before the request (widgets.pages): the steps; the person's part waits."""
    return SessionPage(app, banner).open_for


def build(app: Anshin, person: Person, banner: SuspensionBanner) -> w.Widget:
    """The session page's body (the name every page module answers to)."""
    return SessionPage(app, banner).open_for(person)
