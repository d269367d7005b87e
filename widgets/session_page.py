"""The staff session page: the four steps of a guided session, and resuming an unfinished
one at the step it reached (every step is already in the store when the user sees it)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.identity import Person
from anshin.lifecycle import State
from anshin.session import SessionView
from anshin.texts import STATE_LABELS
from widgets import texts
from widgets.controls import SessionContext, button, show
from widgets.frame import SuspensionBanner
from widgets.generation import GenerateStep
from widgets.guard import Notice, guarded
from widgets.output_check import OutputStep
from widgets.purpose import PurposeStep
from widgets.screening import InputStep

if TYPE_CHECKING:
    from anshin.app import Anshin

RESUME_LIMIT = 5


class SessionPage:
    def __init__(self, app: Anshin, person: Person, banner: SuspensionBanner) -> None:
        self.ctx = SessionContext(app, person, banner)
        self.notice = Notice("anshin-session-notice")
        self.output = OutputStep(self.ctx)
        self.generate = GenerateStep(self.ctx, on_generated=self.output.load)
        self.input = InputStep(self.ctx, on_confirmed=self.generate.load)
        self.purpose = PurposeStep(self.ctx, on_declared=self.input.load)
        self.steps = w.VBox([self.purpose.box, self.input.box, self.generate.box,
                             self.output.box])
        self.resume = self._resume_panel(app.sessions.sessions_of(person, unfinished=True))
        self.widget = w.VBox([self.resume, self.notice, self.steps])
        self.widget.add_class("anshin-session")
        show(self.steps, not self.resume.children)

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
                updated=view.updated_at[:16].replace("T", " "), state=STATE_LABELS[view.state],
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
            self.output.load(view)
