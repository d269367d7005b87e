"""A session as reviewers, heads, the Director and auditors read it, and the paged list of
sessions they pick from. Shared by the review, admin and archive pages.

Everything people and the model wrote is untrusted: it only reaches the markup through
`html.escape` (directly or via `widgets.highlight`), so a `<script>` shows as text.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w

from anshin.clock import japan_time
from anshin.index import IndexRow
from anshin.policy import Policy
from anshin.session import SessionView
from anshin.texts import OUTCOME_LABELS, STATE_LABELS, VERDICT_LABELS
from widgets import texts
from widgets.controls import button
from widgets.dialogue import turns_html
from widgets.guard import Notice, guarded
from widgets.highlight import TEXT_STYLE, highlight_html, plain_html, reasons_html

PAGE_SIZE = 20
VERDICT_COLOURS = {"ok": "#1e6b34", "needs_fix": "#8a5a00", "unacceptable": "#a8200d"}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def heading(title: str) -> str:
    return f'<h3 style="margin:14px 0 4px;color:#1f5f99">{esc(title)}</h3>'


def category_label(policy: Policy, category: str | None) -> str:
    cat = policy.category(category) if category else None
    return cat.display if cat else texts.NO_TEXT


def finding_labels(policy: Policy) -> dict[str, str]:
    return {c: r.label for c, r in policy.screening.items()}


def session_html(view: SessionView, policy: Policy) -> str:
    """Declaration, the exact text sent, the output with findings, reviews and decision."""
    meta = texts.SESSION_META.format(
        created=japan_time(view.created_at), state=STATE_LABELS.get(str(view.state), view.state),
        category=category_label(policy, view.category), service=view.service_id or texts.NO_TEXT)
    title = texts.SESSION_HEADING.format(session_id=view.session_id, department=view.department,
                                         author=view.author_name or view.author)
    parts = [
        f'<div class="anshin-session-heading" style="font-weight:bold;font-size:110%">'
        f"{esc(title)}</div>",
        f'<div style="color:#4a5a6a">{esc(meta)}</div>',
        heading(texts.DECLARATION_TITLE),
        '<dl class="anshin-declaration" style="margin:0">',
    ]
    for label, value in ((texts.PURPOSE_FIELD, view.purpose),
                         (texts.INTENDED_USE_FIELD, view.intended_use),
                         (texts.REASON_FIELD, view.reason)):
        if value or label != texts.REASON_FIELD:
            parts.append(f"<dt style='font-weight:bold'>{esc(label)}</dt>"
                         f"<dd style='margin:0 0 4px 1em;white-space:pre-wrap'>"
                         f"{esc(value or texts.NO_TEXT)}</dd>")
    parts.append("</dl>")
    parts.append(published_source_html(view, policy))
    parts.append(conversation_html(view))
    parts.append(heading(texts.SENT_TITLE))
    parts.append(plain_html(view.text_sent or texts.NO_TEXT, css="anshin-detail-sent"))
    parts.append(heading(texts.OUTPUT_TITLE))
    parts.append(f"<div>{esc(texts.OUTPUT_FINDING_COUNT.format(count=len(view.output_findings)))}</div>")
    parts.append(highlight_html(view.output or texts.NO_TEXT, view.output_findings,
                                css="anshin-detail-output", labels=finding_labels(policy)))
    parts.append(reasons_html(view.output or "", view.output_findings,
                              css="anshin-detail-reasons", labels=finding_labels(policy)))
    if view.revisions:
        parts.append(heading(texts.REVISED_TITLE))
        parts.append(plain_html(view.text_under_review or "", css="anshin-detail-revised"))
    parts.append(reviews_html(view, policy))
    if view.decision:
        d = view.decision
        done = texts.DECISION_TITLE_DONE.format(outcome=OUTCOME_LABELS.get(d.outcome, d.outcome),
                                                name=d.decider_name or d.decider, at=japan_time(d.at))
        reason = texts.DECISION_REASON_LINE.format(reason=d.reason)
        final = ""
        if d.final_text is not None:
            final = (f"<div><b>{esc(texts.FINAL_TEXT_TITLE.format(sha=d.final_sha256))}</b></div>"
                     + plain_html(d.final_text, css="anshin-detail-final"))
        if d.override_reason:
            final += (f"<div style='white-space:pre-wrap'>"
                      f"{esc(texts.OVERRIDE_LINE.format(reason=d.override_reason))}</div>")
        parts.append(
            f'<div class="anshin-detail-decision" style="margin-top:10px;padding:8px;'
            f'border:2px solid #1f5f99;border-radius:4px"><b>{esc(done)}</b>'
            f"<div style='white-space:pre-wrap'>{esc(reason)}</div>{final}</div>")
    return f'<div class="anshin-session-detail">{"".join(parts)}</div>'


def conversation_html(view: SessionView) -> str:
    """The earlier turns of a dialogue, as sent and received (the last one follows as the
    text sent and the output under review). Empty for a one-question session."""
    if not view.turns:
        return ""
    return (f'<div class="anshin-conversation">'
            f"{heading(texts.CONVERSATION_TITLE.format(count=len(view.turns)))}"
            f"{turns_html(view.turns)}"
            f"<div style='margin-top:8px;font-weight:bold'>"
            f"{esc(texts.LAST_TURN.format(n=len(view.turns) + 1))}</div></div>")


def published_source_html(view: SessionView, policy: Policy) -> str:
    """The author's declaration that the text is published material, with its source, for
    reviewers to check (the URL is text to copy, never a link)."""
    source = view.published_source
    if source is None:
        return ""
    wording = policy.published_material
    rows = "".join(
        f"<dt style='font-weight:bold'>{esc(label)}</dt>"
        f"<dd style='margin:0 0 4px 1em;white-space:pre-wrap;overflow-wrap:anywhere'>"
        f"{esc(value or texts.NO_TEXT)}</dd>"
        for label, value in ((texts.SOURCE_TITLE, source.title),
                             (texts.SOURCE_ISSUER, source.issuer),
                             (texts.SOURCE_URL, source.url),
                             (texts.SOURCE_DATE, source.issued_on)))
    return (heading(texts.PUBLISHED_TITLE.format(clause=wording.clause))
            + f'<div class="anshin-published-source" style="border-left:4px solid #1f5f99;'
              f'padding:2px 10px;margin:4px 0"><dl style="margin:0">{rows}</dl>'
              f"<div style='color:#4a5a6a'>{esc(wording.screening_note)}</div></div>")


def _in_policy_order(answers: Mapping[str, Any], questions: Mapping[str, str]
                     ) -> list[tuple[str, Any]]:
    """Answers in the checklist's order (storage sorts keys), unknown items last."""
    order = {item: index for index, item in enumerate(questions)}
    return sorted(answers.items(), key=lambda kv: order.get(kv[0], len(order)))


def reviews_html(view: SessionView, policy: Policy) -> str:
    out = [heading(texts.REVIEWS_TITLE.format(count=view.counted_reviews,
                                              required=policy.min_reviewers))]
    if not view.reviews:
        out.append(f"<div>{esc(texts.NO_REVIEWS)}</div>")
    questions = {i.id: i.question for i in policy.review_items}
    for r in view.reviews:
        who = texts.REVIEW_BY.format(name=r.reviewer_name or r.reviewer, department=r.department,
                                     role=policy.role_labels.get(r.role, r.role), at=japan_time(r.at))
        rows = "".join(
            f"<tr><td style='padding:2px 8px'>{esc(questions.get(item, item))}</td>"
            f"<td style='padding:2px 8px;white-space:nowrap;"
            f"color:{VERDICT_COLOURS.get(a.get('verdict'), '#000')}'>"
            f"{esc(VERDICT_LABELS.get(a.get('verdict', ''), a.get('verdict')))}</td>"
            f"<td style='padding:2px 8px'>{esc(a.get('comment', ''))}</td></tr>"
            for item, a in _in_policy_order(r.answers, questions))
        extra = ""
        if r.comment:
            comment = texts.REVIEW_COMMENT.format(comment=r.comment)
            extra += f"<div style='white-space:pre-wrap'>{esc(comment)}</div>"
        if r.edited_text:
            extra += (f"<div><b>{esc(texts.REVIEW_EDITED)}</b></div>"
                      + diff_html(view.output or "", r.edited_text))
        extra += (f"<div style='color:#4a5a6a;font-size:90%'>"
                  f"{esc(texts.REVIEW_SIGNED_TEXT.format(sha=r.text_sha256))}</div>")
        if r in view.lapsed_reviews:
            extra += (f"<div class='anshin-review-lapsed' role='status' style='color:#8a1a0a'>"
                      f"{esc(texts.REVIEW_LAPSED)}</div>")
        out.append(f'<div class="anshin-review-entry" style="border:1px solid #dde5ee;'
                   f'padding:6px;margin:6px 0"><b>{esc(who)}</b>'
                   f"<table style='border-collapse:collapse'>{rows}</table>{extra}</div>")
    return f'<div class="anshin-reviews">{"".join(out)}</div>'


def diff_html(before: str, after: str) -> str:
    """Character-level difference, both sides escaped: deletions struck in red, additions
    underlined in green (inert markup only)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    parts: list[str] = []
    changed = False
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(esc(before[a0:a1]))
            continue
        changed = True
        if op in ("delete", "replace"):
            parts.append(f'<del style="background:#fbd3cf;color:#8a1a0a">{esc(before[a0:a1])}</del>')
        if op in ("insert", "replace"):
            parts.append(f'<ins style="background:#cdeccf;color:#14532d">{esc(after[b0:b1])}</ins>')
    if not changed:
        return f'<div class="anshin-diff">{esc(texts.DIFF_NONE)}</div>'
    return f'<div class="anshin-diff" style="{TEXT_STYLE}">{"".join(parts)}</div>'


def row_line(row: IndexRow, policy: Policy) -> str:
    purpose = (texts.PUBLISHED_TAG if row.published else "") + (row.purpose or "")[:40]
    return texts.ROW_LINE.format(
        created=japan_time(row.created_at), author=row.author_name or row.author,
        department=row.department, category=category_label(policy, row.category),
        state=STATE_LABELS.get(row.state, row.state)
        + (f"（{OUTCOME_LABELS.get(row.outcome, row.outcome)}）" if row.outcome else ""),
        purpose=purpose)


class SessionList:
    """A paged list of sessions with an 開く button each; `fetch(offset, limit)` returns
    (total, rows) and is called again for each page."""

    def __init__(self, policy: Policy, notice: Notice, css: str,
                 on_open: Callable[[str], None],
                 line: Callable[[IndexRow], str] | None = None) -> None:
        self.policy = policy
        self.on_open = on_open
        self.line = line or (lambda r: row_line(r, policy))
        self.fetch: Callable[[int, int], tuple[int, Sequence[IndexRow]]] | None = None
        self.offset = 0
        self.summary = w.HTML()
        self.summary.add_class(f"{css}-count")
        self.rows = w.VBox()
        self.prev = button(texts.PREV_PAGE, f"{css}-prev")
        self.next = button(texts.NEXT_PAGE, f"{css}-next")
        guard = guarded(notice)
        self.prev.on_click(guard(lambda _b: self._page(-PAGE_SIZE)))
        self.next.on_click(guard(lambda _b: self._page(PAGE_SIZE)))
        self.guard = guard
        self.widget = w.VBox([self.summary, self.rows, w.HBox([self.prev, self.next])])
        self.widget.add_class(css)

    def load(self, fetch: Callable[[int, int], tuple[int, Sequence[IndexRow]]]) -> None:
        self.fetch = fetch
        self.offset = 0
        self._show()

    def _page(self, delta: int) -> None:
        self.offset = max(0, self.offset + delta)
        self._show()

    def _show(self) -> None:
        assert self.fetch is not None
        total, rows = self.fetch(self.offset, PAGE_SIZE)
        if not rows:
            self.summary.value = f"<div>{esc(texts.EMPTY_LIST)}</div>"
        else:
            count = texts.RESULT_COUNT.format(total=total, start=self.offset + 1,
                                              end=self.offset + len(rows))
            self.summary.value = f"<div>{esc(count)}</div>"
        items = []
        for row in rows:
            b = button(texts.OPEN_BUTTON.format(author=row.author_name or row.author,
                                                created=japan_time(row.created_at)), "anshin-open")
            b.on_click(self.guard(lambda _b, sid=row.session_id: self.on_open(sid)))
            text = w.HTML(f"<span>{esc(self.line(row))}</span>")
            item = w.HBox([b, text], layout=w.Layout(align_items="center"))
            item.add_class("anshin-row")
            items.append(item)
        self.rows.children = items
        self.prev.disabled = self.offset == 0
        self.next.disabled = self.offset + len(rows) >= total
