"""Step 1: which approved service, which permitted use, why, and how the output will be
used — all before any text is entered. The session is started only when the user registers
a purpose the engine's rules accept, so neither opening the page nor a form with mistakes
leaves an empty draft behind; every mistake is shown at once, under its field."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from anshin.session import FormErrors, SessionView, declaration_errors
from widgets import live, texts
from widgets.controls import SessionContext, button, named, section, show
from widgets.guard import Notice, guarded


class PurposeStep:
    def __init__(self, ctx: SessionContext, on_declared: Callable[[SessionView], None]) -> None:
        self.ctx = ctx
        self.on_declared = on_declared
        policy = ctx.app.policy
        self.box, _ = section(texts.STEP1_TITLE, texts.STEP1_LEAD, "anshin-step-purpose")
        self.notice = Notice("anshin-purpose-notice")

        self.service = w.Dropdown(description=texts.SERVICE_LABEL,
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="auto"))
        self.service.add_class("anshin-service")
        self.no_service = w.HTML(
            f'<div style="color:#a8200d">{html.escape(texts.NO_SERVICE)}</div>')
        self.no_service.add_class("anshin-no-service")

        options = [(texts.CATEGORY_LINE.format(display=c.display, description=c.description,
                                               example=c.example), c.id)
                   for c in policy.categories]
        self.category = w.RadioButtons(options=options, value=None,
                                       layout=w.Layout(width="100%"))
        self.category.add_class("anshin-category")

        self.purpose = _area(texts.PURPOSE_PLACEHOLDER, "anshin-purpose")
        self.intended_use = _area(texts.INTENDED_USE_PLACEHOLDER, "anshin-intended-use")
        self.reason = _area(texts.REASON_PLACEHOLDER, "anshin-reason")
        self.errors = {key: _field_error(key)
                       for key in ("category", "purpose", "intended_use", "reason")}
        self.reason_row = _labelled(texts.REASON_LABEL, self.reason, self.errors["reason"])
        show(self.reason_row, False)
        self.declare = button(texts.DECLARE_BUTTON, "anshin-declare", style="primary")
        self.refresh_services()
        live.feed(ctx.app).on(live.SERVICE_KINDS, lambda _c: self.refresh_services())
        self.summary = w.HTML()
        self.summary.add_class("anshin-declared")

        self.category.observe(guarded(self.notice)(self._category_changed), names="value")
        self.declare.on_click(guarded(self.notice)(self._declare))
        self.form = w.VBox([
            self.service, self.no_service,
            named(self.category, texts.CATEGORY_LABEL), self.errors["category"],
            _labelled(texts.PURPOSE_LABEL, self.purpose, self.errors["purpose"]),
            _labelled(texts.INTENDED_USE_LABEL, self.intended_use, self.errors["intended_use"]),
            self.reason_row,
            self.declare,
        ])
        self.box.children = [*self.box.children, self.form, self.summary, self.notice]
        show(self.box)

    def refresh_services(self) -> None:
        """Offer the services approved now (the Director may approve or withdraw one while
        this page is open); a choice still approved stays chosen."""
        approved = self.ctx.app.registry.approved()
        chosen = self.service.value
        options = [(s.name, s.id) for s in approved]
        if options != list(self.service.options):
            self.service.options = options
            ids = [sid for _, sid in options]
            self.service.value = chosen if chosen in ids else (ids[0] if ids else None)
        show(self.service, bool(approved))
        show(self.no_service, not approved)
        self.declare.disabled = not approved

    # -- callbacks ---------------------------------------------------------------------
    def _category_changed(self, change: dict) -> None:
        cat = self.ctx.app.policy.category(change["new"]) if change["new"] else None
        show(self.reason_row, bool(cat and cat.reason_required))

    def _declare(self, _button: w.Button) -> None:
        ctx = self.ctx
        fields = {"category": self.category.value or "", "purpose": self.purpose.value,
                  "intended_use": self.intended_use.value, "reason": self.reason.value or None}
        if self._show_errors(declaration_errors(ctx.app.policy, **fields)):
            return
        if ctx.view is None:
            ctx.view = ctx.app.sessions.start_session(ctx.person)
        service_id = self.service.value if self.service.options else None
        try:
            view = ctx.app.sessions.declare_purpose(ctx.view.session_id, ctx.person,
                                                    service_id=service_id, **fields)
        except FormErrors as exc:
            self._show_errors(exc.fields)
            return
        ctx.view = view
        self.notice.show(texts.DECLARED.format(session_id=view.session_id), "ok")
        self.load(view)
        self.on_declared(view)

    def _show_errors(self, errors: dict[str, str]) -> bool:
        """Each message under its field, a count under the button; True when any."""
        for key, box in self.errors.items():
            message = errors.get(key)
            box.value = (f'<div role="alert" style="color:#a8200d;margin:2px 0 6px">'
                         f"{html.escape(message)}</div>") if message else ""
        if errors:
            self.notice.error(texts.FORM_ERRORS.format(count=len(errors)))
        else:
            self.notice.clear()
        return bool(errors)

    # -- display -------------------------------------------------------------------------
    def load(self, view: SessionView) -> None:
        """Show a declared session's purpose, read-only."""
        if view.category is None:
            return
        cat = self.ctx.app.policy.category(view.category)
        summary = texts.DECLARED_SUMMARY.format(
            category=html.escape(cat.display if cat else view.category),
            purpose=html.escape(view.purpose or ""),
            intended_use=html.escape(view.intended_use or ""),
        )
        if view.reason:
            summary += texts.REASON_SUMMARY.format(reason=html.escape(view.reason))
        self.summary.value = f'<div style="line-height:1.8">{summary}</div>'
        show(self.form, False)


def _area(placeholder: str, css: str) -> w.Textarea:
    area = w.Textarea(placeholder=placeholder, layout=w.Layout(width="100%", height="64px"))
    area.add_class(css)
    return area


def _labelled(label: str, widget: w.Widget, error: w.HTML) -> w.VBox:
    return w.VBox([named(widget, label), error])


def _field_error(key: str) -> w.HTML:
    """Where the engine's message for one field appears, right under it."""
    box = w.HTML()
    box.add_class("anshin-field-error")
    box.add_class(f"anshin-field-error-{key}")
    return box
