"""My sessions (issue 16.4) in a real browser: the author sees each session's state, the
reviewers with every verdict and comment, the decision and the adopted text; continues a
draft on the session page, discards one (recorded), revises a returned text; a review that
arrives while the page is open shows up by itself; a reviewer sees what waits for them and
opens it on the review page. Every state reached is checked with axe-core."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from a11y import assert_accessible
from playwright.sync_api import expect
from ui_helpers import PAGE_READY, UI

from anshin.app import Anshin
from anshin.lifecycle import State
from widgets import texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "oversight"))
from oversight_helpers import answers, in_review, person  # noqa: E402

pytestmark = pytest.mark.browser

LIVE_TIMEOUT_MS = 4_000
MINE = "/voila/render/mine.ipynb"


def _draft(engine: Anshin, author_id: str, purpose: str) -> str:
    author = person(engine, author_id)
    sid = engine.sessions.start_session(author).session_id
    engine.sessions.declare_purpose(sid, author, category="summarize", purpose=purpose,
                                    intended_use="下書き", service_id="training-sim")
    return sid


def _returned(engine: Anshin, author_id: str) -> tuple[str, str]:
    """A session in review with a 要修正 review that carries a suggestion: (id, suggestion)."""
    view = in_review(engine, person(engine, author_id), purpose="<b>太字</b>のお知らせを要約")
    suggestion = "自然観察会は毎月第2土曜日に開きます。参加費は無料です。"
    engine.sessions.submit_review(view.session_id, person(engine, "sato"),
                                  answers=answers(engine, "needs_fix"),
                                  comment="<script>alert(1)</script>日付を確かめてください",
                                  edited_text=suggestion)
    return view.session_id, suggestion


def test_the_author_sees_reviews_comments_and_the_decision_of_each_session(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    author = person(engine, "yamada")
    decided = in_review(engine, author, purpose="決定まで進んだセッション")
    engine.sessions.submit_review(decided.session_id, person(engine, "sato"),
                                  answers=answers(engine), comment="問題ありません")
    engine.sessions.submit_review(decided.session_id, person(engine, "tanaka"),
                                  answers=answers(engine))
    engine.sessions.decide(decided.session_id, person(engine, "kato"), outcome="adopted",
                           reason="内容に誤りがないため")
    returned, _ = _returned(engine, "yamada")

    ui = open_ui("yamada")
    page = ui.open(MINE)
    card = ui.widget(f"anshin-mine-{decided.session_id}")
    expect(card).to_contain_text("決定済み")
    expect(card).to_contain_text("佐藤 次郎")
    expect(card).to_contain_text("問題ありません")
    expect(card).to_contain_text("採用 — 加藤 恵子")
    expect(card).to_contain_text("内容に誤りがないため")
    adopted = engine.sessions.get(decided.session_id).decision.final_text
    expect(card.locator(".anshin-mine-adopted")).to_contain_text(adopted[:30])
    back = ui.widget(f"anshin-mine-{returned}")
    expect(back).to_contain_text("差し戻し")
    expect(back).to_contain_text("要修正")
    expect(back).to_contain_text("<script>alert(1)</script>日付を確かめてください")  # inert text
    expect(back).to_contain_text("<b>太字</b>")
    assert ui.watch.dialogs == []
    ui.shot("sessions")
    assert_accessible(page, "My sessions with a decided and a returned session")


def test_a_draft_continues_on_the_session_page_and_another_is_discarded_on_record(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    keep = _draft(engine, "tanaka", "続きから再開する下書き")
    drop = _draft(engine, "tanaka", "破棄する下書き")
    ui = open_ui("tanaka")
    page = ui.open(MINE)
    card = ui.widget(f"anshin-mine-{drop}")
    card.locator(".anshin-mine-discard").click()
    expect(card).to_contain_text("元に戻せません")
    ui.shot("confirm-discard")
    assert_accessible(page, "discard confirmation")
    card.locator(".anshin-mine-discard-yes").click()
    expect(ui.widget("anshin-mine-notice")).to_contain_text(f"下書き {drop} を破棄しました")
    expect(ui.widget(f"anshin-mine-{drop}")).to_contain_text("中止")
    view = engine.sessions.get(drop)
    assert view.state == State.ABANDONED and "破棄" in (view.abandon_reason or "")
    assert any(e.kind == "session.abandoned" and e.actor == "tanaka" for e in view.events)
    ui.shot("discarded")

    ui.widget(f"anshin-mine-{keep}").locator(".anshin-mine-continue").click()
    page.wait_for_url(f"**/session.ipynb?session={keep}")
    page.locator(PAGE_READY).wait_for()
    expect(ui.widget("anshin-session-notice")).to_contain_text(f"セッション {keep} を再開しました")
    expect(page.locator(".anshin-input textarea")).to_be_visible()
    ui.shot("continued")


def test_a_returned_text_is_revised_with_the_reviewers_suggestion(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    sid, suggestion = _returned(engine, "ito")
    ui = open_ui("ito")
    page = ui.open(MINE)
    card = ui.widget(f"anshin-mine-{sid}")
    expect(card.locator(".anshin-mine-revised textarea")).to_be_visible()
    ui.shot("returned")
    assert_accessible(page, "a returned session with its revision box")
    card.locator(".anshin-mine-take-suggestion").click()
    expect(ui.widget("anshin-mine-notice")).to_contain_text(f"案文を直しました（セッション {sid}）")
    view = engine.sessions.get(sid)
    assert view.text_under_review == suggestion and view.counted_reviews == 0
    expect(ui.widget(f"anshin-mine-{sid}")).to_contain_text("レビュー待ち")


def test_a_review_arriving_while_the_page_is_open_shows_up_by_itself(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    view = in_review(engine, person(engine, "yamada"), purpose="開いている間に届くレビュー")
    ui = open_ui("yamada")
    ui.open(MINE)
    card = ui.widget(f"anshin-mine-{view.session_id}")
    waiting = texts.MINE_WAITING_FOR_REVIEW.format(count=0, required=engine.policy.min_reviewers)
    expect(card).to_contain_text(waiting)
    engine.sessions.submit_review(view.session_id, person(engine, "kato"),
                                  answers=answers(engine), comment="届いたコメント")
    expect(ui.widget("anshin-mine-arrived")).to_contain_text("加藤 恵子",
                                                              timeout=LIVE_TIMEOUT_MS)
    expect(ui.widget(f"anshin-mine-{view.session_id}")).to_contain_text("届いたコメント")
    ui.shot("arrived")


def test_a_reviewer_sees_what_waits_and_opens_it_on_the_review_page(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    view = in_review(engine, person(engine, "yamada"), purpose="待っているレビュー")
    ui = open_ui("kato")
    page = ui.open(MINE)
    waiting = ui.widget("anshin-mine-waiting")
    name = f"山田 花子 さんのセッション {view.session_id} をレビュー画面で開く"
    link = waiting.get_by_role("link", name=name)
    expect(link).to_be_visible()
    expect(waiting).to_contain_text("あなたの決定を待っているセッション")
    ui.shot("waiting")
    assert_accessible(page, "a head's waiting list")
    link.click()
    page.wait_for_url(f"**/review.ipynb?session={view.session_id}")
    expect(ui.widget("anshin-review-detail")).to_contain_text(view.session_id)
    ui.shot("opened-for-review")
