"""A dialogue on the session page in Chromium (issue 16, part 1): a follow-up whose personal
information is redacted before it goes, regenerate, the copy button with placeholders
restored on screen only, and the reviewer seeing every turn."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from test_oversight import open_in_queue
from ui_helpers import UI, check_text, confirm, declare, send

from anshin.app import Anshin
from anshin.model_server import RunningServer

pytestmark = pytest.mark.browser

FIRST = ("新座市では、毎年秋に市民ウォーキング大会を開催しています。コースは市内の公園を巡る"
         "約5キロメートルで、どなたでも参加できます。参加費は無料です。")
RESIDENT = "山田太郎"
PHONE = "090-1234-5678"
FOLLOW_UP = f"申込者の{RESIDENT}様（電話 {PHONE}）に送る案内文にしてください。"
SEND_TIMEOUT_MS = 30_000


def _until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.05)


def _answered(ui: UI) -> None:
    ui.page.locator(".anshin-dialogue").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(ui.page.locator(".anshin-progress")).to_contain_text("受信しました")


def _first_turn(ui: UI, purpose: str = "公開済みのお知らせを市民向けに要約するため") -> None:
    declare(ui, category=1, purpose=purpose)
    check_text(ui, FIRST)
    confirm(ui)
    send(ui)
    _answered(ui)


def test_a_follow_up_with_a_name_and_phone_is_redacted_before_the_whole_dialogue_is_sent(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    ui = open_ui("yamada")
    page = ui.open("/voila/render/session.ipynb")
    _first_turn(ui)
    first_answer = page.locator(".anshin-output-text").inner_text()
    ui.shot("first-answer")
    page.locator(".anshin-follow-up").click()
    expect(page.locator(".anshin-input textarea")).to_have_value("")
    expect(page.locator(".anshin-history .anshin-turn-question")).to_have_text(FIRST)
    expect(page.locator(".anshin-step-generate")).to_be_hidden()
    check_text(ui, FOLLOW_UP)
    expect(page.locator(".anshin-input-notice")).to_contain_text("先へ進めません")
    for category in ("person_name", "phone"):
        expect(page.locator(f".anshin-screening mark.anshin-mark-{category}")).to_have_count(1)
    page.locator(".anshin-attest input").check()
    expect(page.locator(".anshin-confirm")).to_be_disabled()
    ui.shot("follow-up-blocked")
    assert sim.stats()["requests"] == 1
    page.locator(".anshin-redact-all").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("伏せ字にしました")
    redacted = page.locator(".anshin-input textarea").input_value()
    assert RESIDENT not in redacted and PHONE not in redacted and "［氏名1］" in redacted
    confirm(ui)
    expect(page.locator(".anshin-sent-assistant")).to_have_count(1)
    ui.shot("follow-up-to-send")
    send(ui)
    _answered(ui)
    ui.shot("follow-up-answered")
    sent = sim.stats()["last_messages"]
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[1]["content"] == FIRST and sent[-1]["content"] == redacted
    assert sent[2]["content"].strip() == first_answer.strip()
    assert all(RESIDENT not in m["content"] and PHONE not in m["content"] for m in sent)


def test_regenerate_sends_the_same_question_again_and_copy_restores_placeholders_on_screen(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin, server_url: str,
) -> None:
    ui = open_ui("tanaka")
    ui.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=1)
    check_text(ui, FOLLOW_UP)
    page.locator(".anshin-redact-all").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("伏せ字にしました")
    confirm(ui)
    send(ui)
    _answered(ui)
    first = sim.stats()["last_messages"]
    page.locator(".anshin-regenerate").click()
    _until(lambda: sim.stats()["requests"] == 2)
    _answered(ui)
    assert sim.stats()["last_messages"] == first
    ui.shot("regenerated")
    page.locator(".anshin-copy").click()
    expect(page.locator(".anshin-copy-status")).to_contain_text("コピーしました")
    copied = page.evaluate("navigator.clipboard.readText()")
    answer = page.locator(".anshin-output-text").inner_text()
    ui.shot("copied")
    assert copied.strip()
    session_id = engine.sessions.sessions_of(engine.directory.get("tanaka"))[0].session_id
    view = engine.sessions.get(session_id)
    assert len(view.set_aside) == 1 and view.output is not None
    if "［氏名1］" in view.output:  # the simulator echoes placeholders it was sent
        assert RESIDENT in copied and "［氏名1］" not in copied
    assert copied.replace(RESIDENT, "［氏名1］").replace(PHONE, "［電話番号1］").strip() in (
        view.output.strip(), answer.strip())


def test_the_reviewer_sees_every_turn_of_the_dialogue(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    author = open_ui("yamada")
    page = author.open("/voila/render/session.ipynb")
    purpose = "対話のレビュー確認用のウォーキング大会の要約"
    _first_turn(author, purpose)
    page.locator(".anshin-follow-up").click()
    second = "この要約を3行にしてください。"
    check_text(author, second)
    confirm(author)
    send(author)
    _answered(author)
    page.locator(".anshin-request-review").click()
    expect(page.locator(".anshin-session-id")).to_contain_text("セッションID")
    session_id = page.locator(".anshin-session-id").inner_text().split(":")[-1].strip()
    view = engine.sessions.get(session_id)

    reviewer = open_ui("sato")
    reviewer.open("/voila/render/review.ipynb")
    open_in_queue(reviewer, "anshin-review-queue", purpose)
    detail = reviewer.widget("anshin-review-detail")
    expect(detail.locator(".anshin-turn-question")).to_have_text(FIRST)
    expect(detail.locator(".anshin-turn-answer")).to_have_text(view.turns[0].output or "")
    expect(detail.locator(".anshin-detail-sent")).to_have_text(second)
    reviewer.shot("reviewer-sees-all-turns")
