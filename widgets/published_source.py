"""Part of step 2 (§4(4), §6): the author may say the text is published material and name
its source (title, issuer, URL or 発行日). The declaration applies to the text being
screened, so it is sent to the engine just before each check; the engine validates it
(whatever this form let through) and screens a declared text with the published rules.

Most texts are not declared, so the page carries only the tick; the fields are built the
first time it is ticked (about fifty widget models fewer for every page load)."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from anshin.published import PublishedSource
from anshin.session import SessionView
from widgets import texts
from widgets.controls import SessionContext, named, show, tick
from widgets.guard import Notice, guarded


class SourceFields:
    """The four fields of a source, with the policy's note on how declared text is screened."""

    def __init__(self, screening_note: str, on_edit: Callable[[dict], None]) -> None:
        self.title = _field(texts.SOURCE_TITLE_PLACEHOLDER, "anshin-source-title")
        self.issuer = _field(texts.SOURCE_ISSUER_PLACEHOLDER, "anshin-source-issuer")
        self.url = _field(texts.SOURCE_URL_PLACEHOLDER, "anshin-source-url")
        self.issued_on = _field(texts.SOURCE_DATE_PLACEHOLDER, "anshin-source-date")
        labels = ((texts.SOURCE_TITLE_LABEL, self.title), (texts.SOURCE_ISSUER_LABEL, self.issuer),
                  (texts.SOURCE_URL_LABEL, self.url), (texts.SOURCE_DATE_LABEL, self.issued_on))
        note = f'<div style="color:#4a5a6a">{html.escape(screening_note)}</div>'
        rows: list[w.Widget] = []
        for n, (label, field) in enumerate(labels):
            if n == 0:
                rows.append(w.HTML(note))
            rows.append(named(field, label))
            field.observe(on_edit, names="value")
        self.widget = w.VBox(rows, layout=w.Layout(border_left="4px solid #1f5f99",
                                                   padding="2px 10px", margin="2px 0 6px"))
        self.widget.add_class("anshin-source-fields")

    def show(self, source: PublishedSource) -> None:
        self.title.value = source.title
        self.issuer.value = source.issuer or ""
        self.url.value = source.url or ""
        self.issued_on.value = source.issued_on or ""

    def lock(self) -> None:
        for field in (self.title, self.issuer, self.url, self.issued_on):
            field.disabled = True


class SourceForm:
    """The tick, the fields once needed, and what the engine holds. `on_change()` is called
    once the declaration the user sees differs from the one last sent, so the step can
    invalidate its check."""

    def __init__(self, ctx: SessionContext, notice: Notice,
                 on_change: Callable[[], None]) -> None:
        self.ctx = ctx
        self.on_change = on_change
        self.guard = guarded(notice)
        self.declared, tick_row = tick(ctx.app.policy.published_material.declare,
                                       "anshin-published")
        self.fields: SourceFields | None = None
        self.status = w.HTML()
        self.status.add_class("anshin-source-status")
        self.sent = True          # the engine holds what the form shows (nothing, at first)
        self.declared.observe(self.guard(self._toggled), names="value")
        self.widget = w.VBox([tick_row, self.status])
        self.widget.add_class("anshin-source")

    def _built(self) -> SourceFields:
        if self.fields is None:
            self.fields = SourceFields(self.ctx.app.policy.published_material.screening_note,
                                       self.guard(self._edited))
            tick_row, status = self.widget.children
            self.widget.children = [tick_row, self.fields.widget, status]
        return self.fields

    def _toggled(self, change: dict) -> None:
        if change["new"] or self.fields is not None:
            show(self._built().widget, bool(change["new"]))
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
            f = self._built()
            ctx.view = ctx.app.sessions.declare_published_source(
                ctx.view.session_id, ctx.person, title=f.title.value, issuer=f.issuer.value,
                url=f.url.value, issued_on=f.issued_on.value)
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
        source = view.published_source
        self.sent = False         # what follows restores the record, it is no edit
        self.declared.value = source is not None
        if source is not None:
            self._built().show(source)
        self.sent = True
        self._show_status(source)

    def lock(self) -> None:
        self.declared.disabled = True
        if self.fields is not None:
            self.fields.lock()


def _field(placeholder: str, css: str) -> w.Text:
    field = w.Text(placeholder=placeholder, layout=w.Layout(width="98%"))
    field.add_class(css)
    return field
