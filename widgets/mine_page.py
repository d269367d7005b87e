"""My sessions (issue 16.4): what staff see of their own work — each session's state, who
reviewed it with every verdict and comment, the decision and the adopted text — and what
waits for them as reviewers or deciders. Drafts continue on the session page or are
discarded (`abandon`, recorded); a returned session (要修正・不可) is revised here.

The page follows the store while it is open (widgets.live): a review, a decision or a new
request shows up by itself. Everything people and the model wrote is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin import oversight
from anshin.clock import japan_time
from anshin.identity import Person
from anshin.lifecycle import Kind, State
from anshin.session import SessionView
from anshin.texts import OUTCOME_LABELS, STATE_LABELS
from widgets import live, texts
from widgets.controls import button, show
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.highlight import plain_html
from widgets.nav import demo_mode, page_href
from widgets.session_detail import category_label, esc, heading, reviews_html

if TYPE_CHECKING:
    from anshin.app import Anshin
    from anshin.index import IndexRow

SHOWN_LIMIT = 30
ARRIVED_LIMIT = 5
CONTINUABLE = (State.DRAFT, State.DECLARED, State.BLOCKED, State.SCREENED, State.GENERATING,
               State.GENERATED)
FOLLOWED_KINDS = (*live.REVIEW_KINDS, Kind.TEXT_REVISED, Kind.ABANDONED)


class SessionCard:
    """One of the person's sessions: what happened to it, and what they can do next."""

    def __init__(self, page: MinePage, view: SessionView) -> None:
        self.page, self.view = page, view
        sid = view.session_id
        self.notice = Notice("anshin-mine-card-notice")
        guard = guarded(self.notice)
        parts: list[w.Widget] = [w.HTML(self._summary_html())]
        if view.state in CONTINUABLE:
            href = page_href("session", page.person, page.demo, session=sid)
            link = w.HTML(f'<a href="{html.escape(href)}" class="anshin-mine-continue" '
                          f'style="font-weight:bold">{esc(texts.MINE_CONTINUE.format(session_id=sid))}</a>')
            self.discard = button(texts.MINE_DISCARD.format(session_id=sid), "anshin-mine-discard")
            self.confirm_yes = button(texts.MINE_DISCARD_YES, "anshin-mine-discard-yes",
                                      style="danger")
            self.confirm_no = button(texts.MINE_DISCARD_NO, "anshin-mine-discard-no")
            self.confirm = w.VBox([
                w.HTML(f'<div role="alert" style="color:#8a1a0a">'
                       f'{esc(texts.MINE_DISCARD_CONFIRM.format(session_id=sid))}</div>'),
                w.HBox([self.confirm_yes, self.confirm_no])])
            show(self.confirm, False)
            self.discard.on_click(guard(lambda _b: show(self.confirm)))
            self.confirm_no.on_click(guard(lambda _b: show(self.confirm, False)))
            self.confirm_yes.on_click(guard(lambda _b: self._discard()))
            parts += [w.HBox([link, self.discard], layout=w.Layout(align_items="center",
                                                                   grid_gap="16px")),
                      self.confirm]
        if view.returned:
            parts.append(self._revise_box(guard))
        parts.append(self.notice)
        self.widget = w.VBox(parts, layout=w.Layout(border="1px solid #cfd8e3",
                                                    padding="4px 12px 8px", margin="6px 0"))
        self.widget.add_class("anshin-mine-card")
        self.widget.add_class(f"anshin-mine-{sid}")
        self.widget.add_class(f"anshin-mine-state-{view.state}")

    def _summary_html(self) -> str:
        view, policy = self.view, self.page.app.policy
        title = texts.MINE_CARD_TITLE.format(session_id=view.session_id,
                                             state=STATE_LABELS.get(str(view.state), view.state))
        meta = texts.MINE_CARD_META.format(created=japan_time(view.created_at),
                                           updated=japan_time(view.updated_at),
                                           category=category_label(policy, view.category))
        out = [f'<h3 style="margin:6px 0 2px;font-size:110%;color:#0b4f8a">{esc(title)}</h3>',
               f'<div style="color:#3d4b59">{esc(meta)}</div>']
        if view.purpose:
            out.append(f"<div>{esc(texts.PURPOSE_FIELD)}: {esc(view.purpose)}</div>")
        if view.state == State.IN_REVIEW:
            if view.returned:
                status = texts.MINE_RETURNED
            elif view.counted_reviews >= policy.min_reviewers:
                status = texts.MINE_READY_FOR_DECISION
            else:
                status = texts.MINE_WAITING_FOR_REVIEW.format(count=view.counted_reviews,
                                                              required=policy.min_reviewers)
            colour = "#8a1a0a" if view.returned else "#0b4f8a"
            out.append(f'<div class="anshin-mine-status" style="font-weight:bold;color:{colour}">'
                       f"{esc(status)}</div>")
        if view.reviews or view.state in (State.IN_REVIEW, State.DECIDED):
            out.append(reviews_html(view, policy))
        d = view.decision
        if d is not None:
            out.append('<div class="anshin-mine-decision" style="margin-top:6px"><b>'
                       + esc(texts.MINE_DECISION.format(
                           outcome=OUTCOME_LABELS.get(d.outcome, d.outcome),
                           name=d.decider_name or d.decider, at=japan_time(d.at)))
                       + f"</b><div>{esc(texts.MINE_DECISION_REASON.format(reason=d.reason))}</div>")
            if d.final_text is not None:
                out.append(f"<div><b>{esc(texts.MINE_ADOPTED_TEXT)}</b></div>"
                           f'<div class="anshin-mine-adopted">{plain_html(d.final_text)}</div>')
            out.append("</div>")
        if view.abandoned_at is not None:
            ended = texts.MINE_ABANDONED.format(at=japan_time(view.abandoned_at),
                                                reason=view.abandon_reason or texts.NO_TEXT)
            out.append(f'<div class="anshin-mine-abandoned">{esc(ended)}</div>')
        return "".join(out)

    def _revise_box(self, guard) -> w.VBox:  # noqa: ANN001 — widgets.guard's decorator
        sid = self.view.session_id
        self.revised = w.Textarea(value=self.view.text_under_review or "",
                                  description=texts.MINE_REVISE_LABEL.format(session_id=sid),
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="95%", height="160px"))
        self.revised.add_class("anshin-mine-revised")
        self.revised.add_class("anshin-stacked")
        submit = button(texts.MINE_REVISE_BUTTON.format(session_id=sid), "anshin-mine-revise",
                        style="primary")
        submit.on_click(guard(lambda _b: self._revise(None)))
        takes = []
        for r in self.view.reviews_of_current_text:
            if r.edited_text:
                take = button(texts.MINE_TAKE_SUGGESTION.format(name=r.reviewer_name or r.reviewer,
                                                                session_id=sid),
                              "anshin-mine-take-suggestion")
                take.on_click(guard(lambda _b, who=r.reviewer: self._revise(who)))
                takes.append(take)
        return w.VBox([self.revised, *takes, submit])

    def _discard(self) -> None:
        self.page.app.sessions.abandon(self.view.session_id, self.page.person,
                                       texts.MINE_DISCARD_REASON)
        self.page.notice.show(texts.MINE_DISCARDED.format(session_id=self.view.session_id), "ok")
        self.page.refresh()

    def _revise(self, from_reviewer: str | None) -> None:
        self.page.app.sessions.revise_text(self.view.session_id, self.page.person,
                                           text=self.revised.value, from_reviewer=from_reviewer)
        self.page.notice.show(texts.MINE_REVISED.format(session_id=self.view.session_id), "ok")
        self.page.refresh()


class MinePage:
    """The person's sessions, and the sessions waiting for them (review, decision)."""

    def __init__(self, app: Anshin, person: Person) -> None:
        self.app, self.person = app, person
        self.demo = demo_mode(app)
        self.notice = Notice("anshin-mine-notice")
        self.arrived = w.HTML()
        self.arrived.add_class("anshin-mine-arrived")
        self.lines: list[str] = []
        self.waiting = w.HTML()
        self.waiting.add_class("anshin-mine-waiting")
        self.cards = w.VBox()
        self.cards.add_class("anshin-mine-cards")
        self.count = w.HTML()
        self.count.add_class("anshin-mine-count")
        head = w.HTML(heading(texts.MINE_TITLE)
                      + f"<div style='color:#3d4b59'>{esc(texts.MINE_LEAD)}</div>")
        self.reviewer = app.policy.may(person.role, "review")
        self.queued: set[str] = set()
        self.queued_before: set[str] | None = None   # None: nothing counts as new yet
        self.widget = w.VBox([self.arrived, self.notice, self.waiting, head, self.count, self.cards])
        self.widget.add_class("anshin-mine-page")
        self.refresh()
        live.feed(app).on(FOLLOWED_KINDS, self._changed)

    def refresh(self) -> None:
        """Read everything shown again, through the engine."""
        self.waiting.value = self._waiting_html() if self.reviewer else ""
        if self.reviewer:
            for sid in sorted(self.queued - self.queued_before):
                self._add_line(texts.MINE_WAITING_ARRIVED.format(session_id=sid))
            self.queued_before = set(self.queued)
        views = self.app.sessions.sessions_of(self.person)
        shown = views[:SHOWN_LIMIT]
        self.cards.children = [SessionCard(self, v).widget for v in shown]
        if not views:
            self.count.value = f"<div>{esc(texts.MINE_EMPTY)}</div>"
        elif len(views) > len(shown):
            self.count.value = f"<div>{esc(texts.MINE_MORE.format(shown=len(shown), total=len(views)))}</div>"
        else:
            self.count.value = ""

    def _waiting_html(self) -> str:
        policy = self.app.policy
        queue = oversight.review_queue(self.app, self.person)
        self.queued = {row.session_id for row in queue}
        if self.queued_before is None:
            self.queued_before = set(self.queued)
        deciding = (oversight.decision_queue(self.app, self.person)
                    if policy.may(self.person.role, "decide") else [])
        out = [heading(texts.MINE_WAITING_TITLE),
               f"<div style='color:#3d4b59'>{esc(texts.MINE_WAITING_LEAD)}</div>",
               self._rows_html(queue, "anshin-mine-waiting-row")]
        if policy.may(self.person.role, "decide"):
            out += [heading(texts.MINE_DECIDING_TITLE),
                    self._rows_html(deciding, "anshin-mine-deciding-row")]
        return "".join(out)

    def _rows_html(self, rows: list[IndexRow], css: str) -> str:
        if not rows:
            return f"<div>{esc(texts.MINE_NOTHING_WAITING)}</div>"
        items = []
        for row in rows:
            author = row.author_name or row.author
            line = texts.MINE_WAITING_LINE.format(
                requested=japan_time(row.requested_at), author=author,
                category=category_label(self.app.policy, row.category), count=row.review_count,
                required=self.app.policy.min_reviewers)
            href = page_href("review", self.person, self.demo, session=row.session_id)
            link = texts.MINE_WAITING_LINK.format(author=author, session_id=row.session_id)
            items.append(f'<li class="{css}"><a href="{html.escape(href)}">{esc(link)}</a>'
                         f'<div style="color:#3d4b59">{esc(line)}</div></li>')
        return f'<ul style="margin:4px 0;padding-left:1.2em">{"".join(items)}</ul>'

    def _changed(self, changes: list[live.Change]) -> None:
        """Something happened to a session this page shows (or one waiting for review)."""
        mine = {v.session_id for v in self.app.sessions.sessions_of(self.person)}
        for change in changes:
            if change.session_id in mine and change.kind == Kind.REVIEW_SUBMITTED:
                view = self.app.sessions.get(change.session_id)
                r = view.reviews[-1]
                self._add_line(texts.LIVE_REVIEW_ARRIVED.format(
                    at=japan_time(r.at), session_id=view.session_id, reviewer=r.reviewer_name,
                    count=view.counted_reviews, required=self.app.policy.min_reviewers))
            elif change.session_id in mine and change.kind == Kind.DECIDED:
                view = self.app.sessions.get(change.session_id)
                d = view.decision
                if d is not None:
                    self._add_line(texts.LIVE_DECIDED.format(
                        at=japan_time(d.at), session_id=view.session_id,
                        outcome=OUTCOME_LABELS.get(d.outcome, d.outcome), decider=d.decider_name))
        self.refresh()

    def _add_line(self, line: str) -> None:
        self.lines = [line, *self.lines][:ARRIVED_LIMIT]
        items = "".join(f'<li class="anshin-mine-arrived-line">{esc(x)}</li>' for x in self.lines)
        self.arrived.value = (f'<div role="status" style="background:#eef3f8;border-left:4px '
                              f'solid #0b4f8a;padding:6px 12px;margin:6px 0">'
                              f"<b>{esc(texts.MINE_ARRIVED_TITLE)}</b>"
                              f'<ul style="margin:0;padding-left:1.2em">{items}</ul></div>')


def build(app: Anshin, person: Person, _banner: SuspensionBanner) -> w.Widget:
    """The My sessions page's body (the name every page module answers to)."""
    return MinePage(app, person).widget
