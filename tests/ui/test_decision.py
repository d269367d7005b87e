"""The decision binds to what was decided, in Chromium: a review of a text that changed no
longer counts and the page says so; adopting over 不可 asks for a reason; sealing asks for
confirmation and 「戻る」 seals nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_oversight import new_session, open_in_queue
from ui_helpers import UI

from anshin.app import Anshin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "oversight"))
from oversight_helpers import person

pytestmark = pytest.mark.browser


def _answers(engine: Anshin, verdict: str) -> dict:
    return {i.id: {"verdict": verdict, "comment": "日付が誤り"} for i in engine.policy.review_items}


def test_a_review_of_a_changed_text_no_longer_counts_and_the_page_says_so(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine)
    sessions = engine.sessions
    sessions.submit_review(sid, person(engine, "sato"), answers=_answers(engine, "ok"),
                           edited_text="修正した案文です。")
    sessions.revise_text(sid, person(engine, "yamada"), text="", from_reviewer="sato")
    tanaka = open_ui("tanaka")
    tanaka.open("/voila/render/review.ipynb")
    open_in_queue(tanaka, "anshin-review-queue", purpose)
    detail = tanaka.widget("anshin-review-detail")
    expect(detail.locator(".anshin-review-lapsed")).to_have_text(
        "このレビューの後に案文が変更されたため、このレビューは数えません。")
    expect(detail.locator(".anshin-detail-revised")).to_contain_text("修正した案文です。")
    expect(detail).to_contain_text("0/2 人")
    tanaka.shot("lapsed-review")
    assert tanaka.watch.dialogs == [] and tanaka.watch.outside == []


def test_adopting_over_an_objection_needs_a_reason_and_sealing_is_confirmed(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine)
    sessions = engine.sessions
    sessions.submit_review(sid, person(engine, "sato"), answers=_answers(engine, "unacceptable"))
    sessions.submit_review(sid, person(engine, "tanaka"), answers=_answers(engine, "ok"))
    kato = open_ui("kato")
    page = kato.open("/voila/render/review.ipynb")
    open_in_queue(kato, "anshin-decision-queue", purpose)
    override = kato.widget("anshin-override-reason")
    expect(override).to_be_hidden()
    page.locator(".anshin-outcome input[type=radio]").nth(0).check()       # 採用
    expect(override).to_be_visible()
    expect(kato.widget("anshin-decision-form")).to_contain_text("「要修正」「不可」の意見があります（1人）")
    page.locator(".anshin-decision-reason textarea").fill("期限が迫っているため")
    page.locator(".anshin-decide").click()
    expect(kato.widget("anshin-seal-confirm")).to_contain_text("封印しますか")
    page.locator(".anshin-cancel-seal").click()                            # 戻る
    expect(kato.widget("anshin-seal-confirm")).to_be_hidden()
    assert not sessions.get(sid).sealed
    page.locator(".anshin-decide").click()
    page.locator(".anshin-confirm-seal").click()
    expect(kato.widget("anshin-decision-notice")).to_contain_text("理由を記入してください")
    assert not sessions.get(sid).sealed
    kato.shot("override-required")
    page.locator(".anshin-override-reason textarea").fill("指摘の日付は担当課で確認済み")
    page.locator(".anshin-decide").click()
    kato.shot("confirm-seal")
    page.locator(".anshin-confirm-seal").click()
    expect(kato.widget("anshin-sealed")).to_contain_text("封印")
    detail = kato.widget("anshin-review-detail")
    expect(detail.locator(".anshin-detail-final")).to_be_visible()
    expect(detail).to_contain_text("指摘の日付は担当課で確認済み")
    kato.shot("sealed-with-override")
    d = sessions.get(sid).decision
    assert d.outcome == "adopted" and d.overridden == ("sato",)
    assert d.final_text == sessions.get(sid).output
    assert kato.watch.dialogs == [] and kato.watch.outside == []
