"""The review page (§7): a reviewer's queue, the session as sent and received, the policy's
checklist signed item by item with an optional edited text (its difference shown), and —
for heads and the Director — the department's decision that seals the record.

The page offers; `SessionService.submit_review` and `decide` rule (distinct reviewers, one
signature per person, the author rule, roles, departments, sealing) and their Japanese
errors are shown as they are.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin import oversight
from anshin.clock import japan_time
from anshin.identity import Person
from anshin.lifecycle import State
from anshin.session import SessionView, text_sha256
from anshin.texts import OUTCOME_LABELS, STATE_LABELS
from widgets import live, texts
from widgets.controls import button, named, show, tick
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.nav import requested
from widgets.session_detail import SessionList, category_label, diff_html, esc, heading, session_html

if TYPE_CHECKING:
    from anshin.app import Anshin
    from anshin.index import IndexRow


class ReviewForm:
    """One reviewer's answers: a verdict and a comment per checklist item, an overall
    comment, and optionally an edited text."""

    def __init__(self, page: ReviewPage) -> None:
        self.page = page
        policy = page.app.policy
        self.notice = Notice("anshin-review-notice")
        self.verdicts: dict[str, w.RadioButtons] = {}
        self.comments: dict[str, w.Text] = {}
        rows: list[w.Widget] = [w.HTML(heading(texts.REVIEW_FORM_TITLE)
                                       + f"<div style='color:#4a5a6a'>{esc(texts.REVIEW_FORM_LEAD)}</div>")]
        for item in policy.review_items:
            question = texts.REVIEW_ITEM_LINE.format(question=item.question, clause=item.clause)
            radio = w.RadioButtons(options=list(texts.VERDICT_OPTIONS), index=None,
                                   orientation="horizontal", layout=w.Layout(width="auto"))
            named(radio, question)
            radio.add_class("anshin-verdict")
            radio.add_class(f"anshin-verdict-{item.id}")
            comment = w.Text(placeholder=texts.ITEM_COMMENT_PLACEHOLDER,
                             layout=w.Layout(width="95%"))
            named(comment, texts.ITEM_COMMENT_LABEL.format(question=item.question))
            comment.add_class(f"anshin-item-comment-{item.id}")
            self.verdicts[item.id], self.comments[item.id] = radio, comment
            box = w.VBox([radio, comment], layout=w.Layout(margin="4px 0 8px"))
            box.add_class("anshin-review-item")
            rows.append(box)
        self.comment = w.Textarea(placeholder=texts.OVERALL_COMMENT, layout=w.Layout(width="95%"))
        self.comment.add_class("anshin-review-comment")
        named(self.comment, texts.OVERALL_COMMENT)
        self.edit_on, edit_row = tick(texts.EDIT_TOGGLE, "anshin-edit-toggle")
        self.edited = w.Textarea(layout=w.Layout(width="95%", height="140px"))
        self.edited.add_class("anshin-review-edited")
        named(self.edited, texts.EDIT_LABEL)
        self.diff = w.HTML()
        self.diff.add_class("anshin-review-diff")
        self.edit_box = w.VBox([self.edited,
                                w.HTML(f"<b>{esc(texts.DIFF_TITLE)}</b>"), self.diff])
        show(self.edit_box, False)
        guard = guarded(self.notice)
        self.edit_on.observe(guard(lambda ch: self._toggle_edit(ch["new"])), names="value")
        self.edited.observe(guard(lambda _ch: self._show_diff()), names="value")
        self.submit = button(texts.SUBMIT_REVIEW, "anshin-submit-review", style="primary")
        self.submit.on_click(guard(self._submit))
        self.status = w.HTML()
        self.status.add_class("anshin-review-status")
        self.inputs = w.VBox([*rows, self.comment, edit_row, self.edit_box, self.submit])
        self.widget = w.VBox([self.inputs, self.status, self.notice])
        self.widget.add_class("anshin-review-form")

    def load(self, view: SessionView) -> None:
        for radio in self.verdicts.values():
            radio.index = None
        for text in self.comments.values():
            text.value = ""
        self.comment.value = ""
        self.edit_on.value = False
        self.edited.value = view.text_under_review or ""
        self.notice.clear()
        person = self.page.person
        reason = ""
        if view.state != State.IN_REVIEW:
            reason = texts.NOT_IN_REVIEW_NOW.format(state=STATE_LABELS.get(str(view.state), view.state))
        elif any(r.reviewer == person.id and r.text_sha256 == view.text_under_review_sha256
                 for r in view.reviews):
            reason = texts.ALREADY_SIGNED
        elif view.author == person.id:
            reason = texts.OWN_SESSION
        self.status.value = f"<div style='color:#8a5a00'>{esc(reason)}</div>" if reason else ""
        show(self.inputs, not reason)  # nothing to sign: no form (the engine refuses anyway)

    def _toggle_edit(self, on: bool) -> None:
        show(self.edit_box, on)
        if on:
            self._show_diff()

    def _show_diff(self) -> None:
        view = self.page.view
        if view is not None and self.edit_on.value:
            self.diff.value = diff_html(view.text_under_review or "", self.edited.value)

    def _submit(self, _b: w.Button) -> None:
        view = self.page.view
        assert view is not None
        answers = {item_id: {"verdict": radio.value, "comment": self.comments[item_id].value}
                   for item_id, radio in self.verdicts.items()}
        edited = self.edited.value if self.edit_on.value else None
        view = self.page.app.sessions.submit_review(
            view.session_id, self.page.person, answers=answers, comment=self.comment.value,
            edited_text=edited, seen_sha256=view.text_under_review_sha256)
        self.page.show_session(view)
        self.notice.show(texts.REVIEW_SUBMITTED.format(
            count=view.counted_reviews, required=self.page.app.policy.min_reviewers), "ok")
        self.page.refresh_queues()


class DecisionForm:
    """§7(3): the head (or the Director) reads every review and decides. 「修正して採用」
    takes the final text from a reviewer's suggestion (one click) or the head's own edit;
    adopting over 要修正/不可 asks for its reason; sealing asks for confirmation first."""

    def __init__(self, page: ReviewPage) -> None:
        self.page = page
        self.notice = Notice("anshin-decision-notice")
        self._objections = False
        guard = guarded(self.notice)
        self.outcome = w.RadioButtons(options=list(texts.OUTCOME_OPTIONS), index=None,
                                      orientation="horizontal", layout=w.Layout(width="auto"))
        self.outcome.add_class("anshin-outcome")
        named(self.outcome, texts.OUTCOME_LABEL)
        self.outcome.observe(guard(lambda _c: self._update()), names="value")
        self.suggestions = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.suggestions.add_class("anshin-suggestions")
        self.final_text = w.Textarea(layout=w.Layout(width="95%", height="140px"))
        self.final_text.add_class("anshin-final-text")
        named(self.final_text, texts.FINAL_TEXT_LABEL)
        self.final_text.observe(guard(lambda _c: self._update()), names="value")
        self.final_diff = w.HTML()
        self.final_diff.add_class("anshin-final-diff")
        self.final_box = w.VBox([self.suggestions,
                                 self.final_text, w.HTML(f"<div>{esc(texts.FINAL_TEXT_DIFF)}</div>"),
                                 self.final_diff])
        self.override_label = w.HTML()
        self.override = w.Textarea(placeholder=texts.OVERRIDE_PLACEHOLDER,
                                   layout=w.Layout(width="95%"))
        self.override.add_class("anshin-override-reason")
        named(self.override, texts.OVERRIDE_NAME)
        self.override_box = w.VBox([self.override_label, self.override])
        self.reason = w.Textarea(placeholder=texts.DECISION_REASON, layout=w.Layout(width="95%"))
        self.reason.add_class("anshin-decision-reason")
        named(self.reason, texts.DECISION_REASON)
        self.decide = button(texts.DECIDE_BUTTON, "anshin-decide", style="danger")
        self.decide.on_click(guard(self._ask))
        self.confirm_text = w.HTML()
        self.seal = button(texts.CONFIRM_SEAL_BUTTON, "anshin-confirm-seal", style="danger")
        self.seal.on_click(guard(self._seal))
        self.cancel = button(texts.CANCEL_SEAL_BUTTON, "anshin-cancel-seal")
        self.cancel.on_click(guard(lambda _b: self._show_confirm(False)))
        self.confirm_box = w.VBox([self.confirm_text, w.HBox([self.seal, self.cancel])],
                                  layout=w.Layout(border="2px solid #a51d2d", padding="6px"))
        self.confirm_box.add_class("anshin-seal-confirm")
        self.widget = w.VBox([
            w.HTML(heading(texts.DECISION_FORM_TITLE)
                   + f"<div style='color:#4a5a6a'>{esc(texts.DECISION_FORM_LEAD)}</div>"),
            self.outcome, self.final_box, self.override_box, self.reason, self.decide,
            self.confirm_box, self.notice])
        self.widget.add_class("anshin-decision-form")
        self._show_confirm(False)

    def load(self, view: SessionView) -> None:
        self.outcome.index = None
        self.reason.value = ""
        self.override.value = ""
        self.final_text.value = view.text_under_review or ""
        guard = guarded(self.notice)
        buttons = []
        for r in view.reviews:
            if r.edited_text:
                b = button(texts.TAKE_SUGGESTION.format(name=r.reviewer_name or r.reviewer),
                           "anshin-take-suggestion")
                b.on_click(guard(lambda _b, text=r.edited_text: self._take(text)))
                buttons.append(b)
        self.suggestions.children = buttons
        objectors = [r for r in view.current_reviews if r.objections]
        self.override_label.value = f"<b>{esc(texts.OVERRIDE_LABEL.format(count=len(objectors)))}</b>"
        self._objections = bool(objectors)
        self.notice.clear()
        self._show_confirm(False)
        self._update()

    def _take(self, text: str) -> None:
        """A reviewer's suggestion becomes the final text in one action."""
        self.outcome.value = "adopted_with_edits"
        self.final_text.value = text

    def _update(self) -> None:
        view = self.page.view
        editing = self.outcome.value == "adopted_with_edits"
        show(self.final_box, editing)
        show(self.override_box, self._objections and self.outcome.value in
             ("adopted", "adopted_with_edits"))
        if editing and view is not None:
            self.final_diff.value = diff_html(view.text_under_review or "", self.final_text.value)
        self._show_confirm(False)

    def _final(self) -> str | None:
        view = self.page.view
        if self.outcome.value == "adopted" and view is not None:
            return view.text_under_review
        if self.outcome.value == "adopted_with_edits":
            return self.final_text.value
        return None

    def _show_confirm(self, on: bool) -> None:
        show(self.confirm_box, on)
        show(self.decide, not on)

    def _ask(self, _b: w.Button) -> None:
        if not self.outcome.value:
            self.notice.show(texts.NO_OUTCOME, "warn")
            return
        final = self._final()
        sha = text_sha256(final) if final is not None else "—"
        line = texts.CONFIRM_SEAL_LINE.format(outcome=OUTCOME_LABELS[self.outcome.value], sha=sha)
        self.confirm_text.value = (f"<b>{esc(texts.CONFIRM_SEAL_TITLE)}</b><div>{esc(line)}</div>")
        self._show_confirm(True)

    def _seal(self, _b: w.Button) -> None:
        view = self.page.view
        assert view is not None
        try:
            view = self.page.app.sessions.decide(
                view.session_id, self.page.person, outcome=self.outcome.value or "",
                reason=self.reason.value,
                final_text=self.final_text.value if self.outcome.value == "adopted_with_edits"
                else None,
                override_reason=self.override.value or None,
                seen_sha256=view.text_under_review_sha256)
        finally:
            self._show_confirm(False)
        assert view.decision is not None
        self.page.show_session(view)
        self.page.notice.show(texts.DECIDED_SEALED.format(
            outcome=OUTCOME_LABELS[view.decision.outcome]), "ok")
        self.page.refresh_queues()


class ReviewPage:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.view: SessionView | None = None
        self.notice = Notice("anshin-review-page-notice")
        policy = app.policy
        scope = texts.SCOPE_ALL if policy.may(person.role, "oversee_all") else person.department
        self.queue_title = w.HTML(heading(texts.REVIEW_QUEUE_TITLE.format(scope=scope))
                                  + f"<div style='color:#4a5a6a'>{esc(texts.REVIEW_QUEUE_LEAD)}</div>")
        self.queue = SessionList(policy, self.notice, "anshin-review-queue", self.open,
                                 line=self._queue_line)
        self.decider = policy.may(person.role, "decide")
        self.decisions = SessionList(policy, self.notice, "anshin-decision-queue", self.open,
                                     line=self._queue_line)
        decision_box = w.VBox([w.HTML(heading(texts.DECISION_QUEUE_TITLE.format(
            required=policy.min_reviewers))), self.decisions.widget])
        show(decision_box, self.decider)
        self.detail = w.HTML()
        self.detail.add_class("anshin-review-detail")
        self.sealed = w.HTML()
        self.sealed.add_class("anshin-sealed")
        # The two forms (about 150 widgets) are built when a session is first opened, not
        # with the page: the queue shows sooner, and most visits open one session at most.
        self._forms: tuple[ReviewForm, DecisionForm] | None = None
        self.session_box = w.VBox([self.detail, self.sealed],
                                  layout=w.Layout(border="1px solid #dde5ee", padding="4px 14px 12px",
                                                  margin="8px 0"))
        show(self.session_box, False)
        self.widget = w.VBox([self.notice, self.queue_title, self.queue.widget, decision_box,
                              self.session_box])
        self.widget.add_class("anshin-review-page")
        self.refresh_queues()
        live.feed(app).on(live.REVIEW_KINDS, lambda _c: self.refresh_queues())

    def _queue_line(self, row: IndexRow) -> str:
        return texts.REVIEW_QUEUE_LINE.format(
            requested=japan_time(row.requested_at), author=row.author_name or row.author,
            category=category_label(self.app.policy, row.category), count=row.review_count,
            required=self.app.policy.min_reviewers,
            purpose=(texts.PUBLISHED_TAG if row.published else "") + (row.purpose or "")[:40])

    def refresh_queues(self) -> None:
        queue = oversight.review_queue(self.app, self.person)
        self.queue.load(lambda off, lim: (len(queue), queue[off:off + lim]))
        if self.decider:
            ready = oversight.decision_queue(self.app, self.person)
            self.decisions.load(lambda off, lim: (len(ready), ready[off:off + lim]))

    def open(self, session_id: str) -> None:
        self.notice.clear()
        self.show_session(oversight.open_for_review(self.app, self.person, session_id))

    def show_session(self, view: SessionView) -> None:
        self.view = view
        form, decision = self.forms()  # built before the box shows, so the detail and the
        show(self.session_box)         # checklist arrive together
        self.detail.value = session_html(view, self.app.policy)
        if view.sealed:
            self.sealed.value = (f'<div role="status" style="background:#eef3f8;padding:8px;'
                                 f'border-left:4px solid #1f5f99;margin:8px 0">'
                                 f"{html.escape(texts.SEALED_NOTE)}</div>")
        else:
            self.sealed.value = ""
        form.load(view)
        show(form.widget, not view.sealed)
        decision.load(view)
        show(decision.widget, self.decider and not view.sealed)

    def forms(self) -> tuple[ReviewForm, DecisionForm]:
        """The review and decision forms, built the first time a session is shown."""
        if self._forms is None:
            self._forms = (ReviewForm(self), DecisionForm(self))
            self.session_box.children = (*self.session_box.children,
                                         *(f.widget for f in self._forms))
        return self._forms


def build(app: Anshin, person: Person, _banner: SuspensionBanner) -> w.Widget:
    page = ReviewPage(app, person)
    asked = requested("session")  # a link from the My sessions page
    if asked:
        guarded(page.notice)(page.open)(asked)
    return page.widget
