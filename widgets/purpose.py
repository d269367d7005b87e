"""Step 1 (§4, §5): which approved service, which permitted use, why, and how the output
will be used — all before any text is entered. The session is started only when the user
registers the purpose, so opening the page leaves no empty sessions behind."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from anshin.session import SessionView
from widgets import live, texts
from widgets.controls import SessionContext, button, section, show
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
        self.reason_row = _labelled(texts.REASON_LABEL, self.reason)
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
            w.HTML(f"<b>{html.escape(texts.CATEGORY_LABEL)}</b>"),
            self.category,
            _labelled(texts.PURPOSE_LABEL, self.purpose),
            _labelled(texts.INTENDED_USE_LABEL, self.intended_use),
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
        if ctx.view is None:
            ctx.view = ctx.app.sessions.start_session(ctx.person)
        service_id = self.service.value if self.service.options else None
        view = ctx.app.sessions.declare_purpose(
            ctx.view.session_id, ctx.person, category=self.category.value or "",
            purpose=self.purpose.value, intended_use=self.intended_use.value,
            reason=self.reason.value or None, service_id=service_id,
        )
        ctx.view = view
        self.notice.show(texts.DECLARED.format(session_id=view.session_id), "ok")
        self.load(view)
        self.on_declared(view)

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


def _labelled(label: str, widget: w.Widget) -> w.VBox:
    return w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), widget])
