"""The staff session page end to end in Chromium: the happy path, blocked personal
information, suspension, untrusted text, a broken stream, and resuming."""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from ui_helpers import UI, check_text, confirm, declare, queue_faults, send

from anshin.app import Anshin
from anshin.model_server import RunningServer
from anshin.suspension import resume_use, suspend_use

pytestmark = pytest.mark.browser

PUBLIC_TEXT = (
    "新座市では、市民の健康づくりを応援するため、毎年秋に市民ウォーキング大会を開催しています。"
    "コースは市内の公園や雑木林を巡る約5キロメートルで、どなたでも参加できます。参加費は無料です。"
)
MY_NUMBER = "123456789018"
RESIDENT = "山田太郎"
ADDRESS = "埼玉県新座市野火止1-1-1"
BLOCKED_TEXT = (f"個人番号 {MY_NUMBER} の{RESIDENT}様（{ADDRESS}）から届いた相談の要点を"
                "まとめてください。")
XSS_PURPOSE = '<img src=x onerror="alert(\'purpose\')">'
XSS_INPUT = '<script>alert("input")</script><img src="http://evil.example/x.png" onerror="alert(3)">'
XSS_OUTPUT = ('<img src=x onerror="alert(\'output\')"><script>alert("out")</script>'
              '<a href="javascript:alert(5)">link</a><img src="http://evil.example/o.png">')
SEND_TIMEOUT_MS = 30_000


def archive_files(engine: Anshin) -> list[Path]:
    root = engine.settings.archive_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def store_bytes(engine: Anshin) -> bytes:
    db = Path(engine.settings.database_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def strings_in(node: object) -> list[str]:
    """Every string in a notebook's JSON, with multi-line sources and outputs joined."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        if node and all(isinstance(x, str) for x in node):
            return ["".join(node)]
        return [s for x in node for s in strings_in(x)]
    if isinstance(node, dict):
        return [s for x in node.values() for s in strings_in(x)]
    return []


def encodings(value: str) -> list[bytes]:
    """The ways a value could sit in a file: UTF-8, JSON-escaped, HTML-escaped digits."""
    return [value.encode(), json.dumps(value).strip('"').encode()]


def test_happy_path_streams_the_answer_and_requests_review(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    ui = open_ui("yamada")
    page = ui.open("/voila/render/session.ipynb")
    ui.shot("opened")
    declare(ui, category=1)
    page.locator(".anshin-template-0").click()
    template = page.locator(".anshin-input textarea")
    expect(template).to_have_value("次の公開文書を、市民向けに300字程度で要約してください。\n\n")
    text = template.input_value() + PUBLIC_TEXT
    check_text(ui, text)
    expect(page.locator(".anshin-input-notice")).to_contain_text("見つかりませんでした")
    ui.shot("checked")
    confirm(ui)
    expect(page.locator(".anshin-sent-user")).to_have_text(text)
    ui.shot("to-send")
    send(ui)
    page.locator(".anshin-progress").get_by_text("受信中").wait_for(timeout=SEND_TIMEOUT_MS)
    ui.shot("streaming")
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-progress")).to_contain_text("受信しました")
    shown = page.locator(".anshin-output-text").inner_text()
    assert "研修用の模擬応答" in shown
    expect(page.locator(".anshin-review-items li")).to_have_count(len(engine.policy.review_items))
    page.locator(".anshin-request-review").click()
    expect(page.locator(".anshin-session-id")).to_contain_text("セッションID")
    ui.shot("review-requested")
    session_id = page.locator(".anshin-session-id").inner_text().split(":")[-1].strip()

    assert sim.stats()["requests"] == 1
    sent = sim.stats()["last_messages"]
    assert sent[-1]["content"] == text
    view = engine.sessions.get(session_id)
    assert view.state == "in_review"
    assert view.text_sent == text
    assert view.output is not None and view.output.strip() == shown.strip()
    records = [p for p in archive_files(engine) if session_id in p.name]
    if records:  # anshin.records writes them once it is wired in
        notebook = next(p for p in records if p.suffix == ".ipynb")
        contents = strings_in(json.loads(notebook.read_text(encoding="utf-8")))
        assert any(text in s for s in contents)
        assert any(view.output in s for s in contents)
        html_record = next(p for p in records if p.suffix == ".html").read_text(encoding="utf-8")
        assert html.escape(PUBLIC_TEXT) in html_record
    assert ui.watch.dialogs == [] and ui.watch.outside == []


def test_blocked_input_never_reaches_the_model_server_and_is_not_stored(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    ui = open_ui("sato")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=1, purpose="相談内容の要点を整理するため")
    check_text(ui, BLOCKED_TEXT)
    marks = page.locator(".anshin-screening mark.anshin-mark-block")
    expect(marks).to_have_count(3)
    for category in ("my_number", "person_name", "address"):
        expect(page.locator(f".anshin-screening mark.anshin-mark-{category}")).to_have_count(1)
        expect(page.locator(f".anshin-finding-{category}")).to_contain_text("§6(2)")
    expect(page.locator(".anshin-input-notice")).to_contain_text("先へ進めません")
    page.locator(".anshin-attest input").check()
    expect(page.locator(".anshin-confirm")).to_be_disabled()
    ui.shot("blocked")
    assert sim.stats()["requests"] == 0

    page.locator(".anshin-redact-pick select").select_option(index=0)
    page.locator(".anshin-redact-one").click()
    expect(page.locator(".anshin-screening mark.anshin-mark-block")).to_have_count(2)
    page.locator(".anshin-redact-all").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("伏せ字にしました")
    redacted = page.locator(".anshin-input textarea").input_value()
    assert "［個人番号1］" in redacted and "［氏名1］" in redacted
    assert MY_NUMBER not in redacted and RESIDENT not in redacted
    ui.shot("redacted")
    confirm(ui)
    send(ui)
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    ui.shot("sent-redacted")
    assert sim.stats()["requests"] == 1
    assert sim.stats()["last_messages"][-1]["content"] == redacted

    stored = store_bytes(engine)
    archived = b"".join(p.read_bytes() for p in archive_files(engine))
    for value in (MY_NUMBER, RESIDENT, "野火止1-1-1"):
        for form in encodings(value):
            assert form not in stored, f"{value} is in the store"
            assert form not in archived, f"{value} is in the archive"


@pytest.fixture
def suspended_later(engine: Anshin) -> Iterator[Callable[[str], None]]:
    def suspend(notice: str) -> None:
        suspend_use(engine.store, None, notice)

    yield suspend
    if engine.suspension().suspended:
        resume_use(engine.store, None)


def test_suspension_shows_the_notice_and_nothing_is_sent(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
    suspended_later: Callable[[str], None],
) -> None:
    ui = open_ui("tanaka")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui)
    check_text(ui, PUBLIC_TEXT)
    confirm(ui)
    notice = "利用規約の変更を確認するため、生成AIの利用を一時停止します。（§8）"
    suspended_later(notice)
    send(ui)
    expect(page.locator(".anshin-generate-notice")).to_contain_text("停止中")
    expect(page.locator(".anshin-suspension")).to_contain_text(notice)
    expect(page.locator(".anshin-send")).to_be_disabled()
    ui.shot("suspended-at-click")

    page = ui.open("/voila/render/session.ipynb")
    expect(page.locator(".anshin-suspension")).to_contain_text("停止中です（§8）")
    expect(page.locator(".anshin-suspension")).to_contain_text(notice)
    page.locator(".anshin-resume-button").first.click()
    expect(page.locator(".anshin-send")).to_be_disabled()
    ui.shot("suspended-on-open")
    assert sim.stats()["requests"] == 0


LIVE_TIMEOUT_MS = 2_500  # issue 14: within 2 s, without a reload (and a little for the browser)


def test_suspension_and_resumption_reach_an_open_page_by_themselves(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
    suspended_later: Callable[[str], None],
) -> None:
    ui = open_ui("sato")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui)  # starts a new session if sato is offered unfinished ones
    check_text(ui, PUBLIC_TEXT)
    confirm(ui)
    expect(page.locator(".anshin-send")).to_be_enabled()
    expect(page.locator(".anshin-suspension")).to_contain_text("利用可能")
    notice = "点検のため、生成AIの利用を一時停止します。（§8）"
    suspended_later(notice)  # the Director, from another process, while this page is open
    expect(page.locator(".anshin-suspension")).to_contain_text(notice, timeout=LIVE_TIMEOUT_MS)
    expect(page.locator(".anshin-send")).to_be_disabled(timeout=LIVE_TIMEOUT_MS)
    expect(page.locator(".anshin-generate-notice")).to_contain_text("停止中")
    ui.shot("suspended-while-open")
    resume_use(engine.store, None)
    expect(page.locator(".anshin-suspension")).to_contain_text("利用可能", timeout=LIVE_TIMEOUT_MS)
    expect(page.locator(".anshin-send")).to_be_enabled(timeout=LIVE_TIMEOUT_MS)
    ui.shot("resumed-while-open")
    assert sim.stats()["requests"] == 0


def test_untrusted_text_shows_as_text_everywhere(
    open_ui: Callable[..., UI], sim: RunningServer,
) -> None:
    ui = open_ui("ito")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=3, purpose=XSS_PURPOSE, intended_use=XSS_PURPOSE)
    expect(page.locator(".anshin-declared")).to_contain_text(XSS_PURPOSE)
    check_text(ui, XSS_INPUT)
    expect(page.locator(".anshin-screening")).to_contain_text(XSS_INPUT)
    confirm(ui)
    expect(page.locator(".anshin-sent-user")).to_have_text(XSS_INPUT)
    queue_faults(sim, {"kind": "script", "text": XSS_OUTPUT})
    send(ui)
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-output-text")).to_have_text(XSS_OUTPUT)
    expect(page.locator(".anshin-output-highlight")).to_have_text(XSS_OUTPUT)
    page.wait_for_timeout(500)
    ui.shot("inert")
    assert page.locator("img[src='x'], img[src*='evil'], a[href^='javascript']").count() == 0
    assert ui.watch.dialogs == []
    assert ui.watch.outside == []


def test_cut_stream_shows_its_message_and_sending_again_succeeds(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    ui = open_ui("ito")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=1)
    check_text(ui, "次の公開文書を要約してください。\n\n" + PUBLIC_TEXT)
    confirm(ui)
    queue_faults(sim, {"kind": "cut_stream", "after_chunks": 3})
    send(ui)
    error = page.locator(".anshin-generate-notice .anshin-notice-error")
    error.wait_for(timeout=SEND_TIMEOUT_MS)
    assert "もう一度「送信する」" in error.inner_text()
    expect(page.locator(".anshin-send")).to_be_enabled()
    ui.shot("cut")
    send(ui)
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-progress")).to_contain_text("受信しました")
    ui.shot("resent")
    assert sim.stats()["requests"] == 2


def test_reopening_the_page_resumes_an_unfinished_session_at_its_step(
    open_ui: Callable[..., UI],
) -> None:
    ui = open_ui("watanabe")
    ui.open("/voila/render/session.ipynb")
    purpose = f"市民まつりの挨拶文の素案を作るため {uuid.uuid4().hex[:6]}"
    declare(ui, category=2, purpose=purpose)
    page = ui.open("/voila/render/session.ipynb")
    # Other tests may leave this user's sessions unfinished too: this one is offered once.
    row = page.locator(".anshin-resume-row", has_text=purpose)
    expect(row).to_have_count(1)
    ui.shot("resume-offered")
    row.locator(".anshin-resume-button").click()
    expect(page.locator(".anshin-step-input")).to_be_visible()
    expect(page.locator(".anshin-declared")).to_contain_text(purpose)
    ui.shot("resumed")
