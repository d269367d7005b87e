"""Step 4 (§6(4), §7): the output with what the checks found on it, the checklist reviewers
will answer, and the request for review. Findings direct reviewers; they never approve."""

from __future__ import annotations

import html

import ipywidgets as w

from anshin.session import SessionView
from widgets import texts
from widgets.controls import SessionContext, button, section, show
from widgets.guard import Notice, guarded
from widgets.highlight import highlight_html, reasons_html


class OutputStep:
    def __init__(self, ctx: SessionContext) -> None:
        self.ctx = ctx
        self.box, _ = section(texts.STEP4_TITLE, texts.STEP4_LEAD, "anshin-step-output")
        self.notice = Notice("anshin-output-notice")
        self.findings = w.HTML()
        self.findings.add_class("anshin-output-findings")
        policy = ctx.app.policy
        items = "".join(
            f"<li>{html.escape(texts.REVIEW_ITEM_LINE.format(question=i.question, clause=i.clause))}</li>"
            for i in policy.review_items)
        self.checklist = w.HTML(
            f"<b>{html.escape(texts.REVIEW_ITEMS_TITLE)}</b><ol>{items}</ol>"
            f"<div>{html.escape(texts.REVIEW_MIN.format(count=policy.min_reviewers))}</div>")
        self.checklist.add_class("anshin-review-items")
        self.request = button(texts.REQUEST_REVIEW, "anshin-request-review", style="primary")
        self.session_id = w.HTML()
        self.session_id.add_class("anshin-session-id")
        self.request.on_click(guarded(self.notice)(self._request))
        self.box.children = [*self.box.children, self.findings, self.checklist, self.request,
                             self.session_id, self.notice]

    def _request(self, _button: w.Button) -> None:
        ctx = self.ctx
        view = ctx.app.sessions.request_review(ctx.view.session_id, ctx.person)
        ctx.view = view
        self.request.disabled = True
        self.session_id.value = (
            f'<div role="status" style="color:#1e6b34;font-weight:bold;margin-top:6px">'
            f"{html.escape(texts.REVIEW_REQUESTED.format(session_id=view.session_id))}</div>")

    def load(self, view: SessionView) -> None:
        show(self.box)
        count = len(view.output_findings)
        line = (texts.OUTPUT_FINDINGS.format(count=count) if count
                else texts.OUTPUT_NO_FINDINGS)
        labels = {c: r.label for c, r in self.ctx.app.policy.screening.items()}
        self.findings.value = (f"<div>{html.escape(line)}</div>"
                               + highlight_html(view.output or "", view.output_findings,
                                                css="anshin-output-highlight", labels=labels)
                               + reasons_html(view.output or "", view.output_findings,
                                              css="anshin-output-reasons", labels=labels))
