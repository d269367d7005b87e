"""Part of step 2 (§4(4), §6): the author may say the text is published material and name
its source (title, issuer, URL or 発行日). The declaration applies to the text being
screened, so it is sent to the engine just before each check; the engine validates it
(whatever this form let through) and screens a declared text with the published rules."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from anshin.published import PublishedSource
from anshin.session import SessionView
from widgets import texts
from widgets.controls import SessionContext, show, tick
from widgets.guard import Notice, guarded


class SourceForm:
    """The tick and the four fields. `on_change()` is called once the declaration the user
    sees differs from the one last sent, so the step can invalidate its check."""

    def __init__(self, ctx: SessionContext, notice: Notice,
                 on_change: Callable[[], None]) -> None:
        self.ctx = ctx
        self.on_change = on_change
        wording = ctx.app.policy.published_material
        self.declared, tick_row = tick(wording.declare, "anshin-published")
        self.title = _field(texts.SOURCE_TITLE_PLACEHOLDER, "anshin-source-title")
        self.issuer = _field(texts.SOURCE_ISSUER_PLACEHOLDER, "anshin-source-issuer")
        self.url = _field(texts.SOURCE_URL_PLACEHOLDER, "anshin-source-url")
        self.issued_on = _field(texts.SOURCE_DATE_PLACEHOLDER, "anshin-source-date")
        note = w.HTML(f'<div style="color:#4a5a6a">{html.escape(wording.screening_note)}</div>')
        self.fields = w.VBox([
            note,
            _labelled(texts.SOURCE_TITLE_LABEL, self.title),
            _labelled(texts.SOURCE_ISSUER_LABEL, self.issuer),
            _labelled(texts.SOURCE_URL_LABEL, self.url),
            _labelled(texts.SOURCE_DATE_LABEL, self.issued_on),
        ], layout=w.Layout(border_left="4px solid #1f5f99", padding="2px 10px", margin="2px 0 6px"))
        self.fields.add_class("anshin-source-fields")
        show(self.fields, False)
        self.status = w.HTML()
        self.status.add_class("anshin-source-status")
        self.sent = True          # the engine holds what the form shows (nothing, at first)
        guard = guarded(notice)
        self.declared.observe(guard(self._toggled), names="value")
        for widget in (self.title, self.issuer, self.url, self.issued_on):
            widget.observe(guard(self._edited), names="value")
        self.widget = w.VBox([tick_row, self.fields, self.status])
        self.widget.add_class("anshin-source")

    def _toggled(self, change: dict) -> None:
        show(self.fields, bool(change["new"]))
        self._edited(change)

    def _edited(self, _change: dict) -> None:
        if self.sent:
            self.sent = False
            self.on_change()

    def send(self) -> None:
        """Bring the engine's declaration up to the form (declare, or withdraw). The engine's
        refusal (a missing title, a bad URL or date …) propagates: the check does not run."""
        ctx = self.ctx
        assert ctx.view is not None
        if self.sent:
            return
        if self.declared.value:
            ctx.view = ctx.app.sessions.declare_published_source(
                ctx.view.session_id, ctx.person, title=self.title.value,
                issuer=self.issuer.value, url=self.url.value, issued_on=self.issued_on.value)
        else:
            ctx.view = ctx.app.sessions.withdraw_published_source(ctx.view.session_id, ctx.person)
        self.sent = True
        self._show_status(ctx.view.published_source)

    def _show_status(self, source: PublishedSource | None) -> None:
        if source is None:
            self.status.value = ""
            return
        line = texts.SOURCE_DECLARED.format(title=source.title)
        self.status.value = f'<div style="color:#1e6b34;margin:2px 0">{html.escape(line)}</div>'

    def load(self, view: SessionView) -> None:
        """Show the session's declaration as recorded (resuming)."""
        source: PublishedSource | None = view.published_source
        self.sent = False         # what follows restores the record, it is no edit
        self.declared.value = source is not None
        if source is not None:
            self.title.value = source.title
            self.issuer.value = source.issuer or ""
            self.url.value = source.url or ""
            self.issued_on.value = source.issued_on or ""
        self.sent = True
        self._show_status(source)

    def lock(self) -> None:
        for widget in (self.declared, self.title, self.issuer, self.url, self.issued_on):
            widget.disabled = True


def _field(placeholder: str, css: str) -> w.Text:
    field = w.Text(placeholder=placeholder, layout=w.Layout(width="98%"))
    field.add_class(css)
    return field


def _labelled(label: str, widget: w.Widget) -> w.VBox:
    return w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), widget])
