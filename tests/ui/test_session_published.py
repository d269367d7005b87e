"""Published material in Chromium (issue 12 §3): the author declares the text's source in
step 2 (a missing URL and date is refused with its Japanese message), the text is screened
as published, a colleague sees the source on the review page, and the Director finds the
session by the filter 「公開資料として申告あり」 and by the source's title."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from ui_helpers import UI, check_text, declare, send

from anshin.app import Anshin
from anshin.lifecycle import RECORD_KINDS
from anshin.model_server import RunningServer

pytestmark = pytest.mark.browser

# A text declared published whose form alone does not say so (undeclared, the office's
# address and phone and the library director's name would block).
KOHO = ("次の文章の要点を、表に整理してください。\n\n"
        "春日部年金事務所は埼玉県春日部市中央1-52-1にあります。電話 048-737-7112\n"
        "新座市立中央図書館（埼玉県新座市東北2-3-4）では、秋の読書週間にあわせて講演会を開きます。"
        "講師は館長の田中一郎です。")
SEND_TIMEOUT_MS = 30_000


def test_a_declared_source_is_screened_as_published_shown_to_reviewers_and_searchable(
    open_ui: Callable[..., UI], sim: RunningServer, engine: Anshin,
) -> None:
    title = f"広報にいざ 令和7年4月号 {uuid.uuid4().hex[:6]}"
    ui = open_ui("ito")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, category=4, purpose="公開済みの広報記事の問い合わせ先を整理するため")
    page.locator(".anshin-input textarea").fill(KOHO)
    page.locator(".anshin-published input").check()
    fields = ui.widget("anshin-source-fields")
    expect(fields).to_be_visible()
    expect(fields).to_contain_text(engine.policy.published_material.screening_note)
    page.locator(".anshin-source-title input").fill(title)
    page.locator(".anshin-source-issuer input").fill("新座市 広報広聴課")
    page.locator(".anshin-check").click()                   # neither URL nor date yet
    expect(ui.widget("anshin-input-notice")).to_contain_text("URL")
    expect(ui.widget("anshin-input-notice")).to_contain_text("どちらか")
    ui.shot("source-refused")
    page.locator(".anshin-source-url input").fill("javascript:alert(1)")
    page.locator(".anshin-check").click()
    expect(ui.widget("anshin-input-notice")).to_contain_text("https://")
    page.locator(".anshin-source-url input").fill("https://www.city.niiza.lg.jp/koho/2025-04.html")
    page.locator(".anshin-source-date input").fill("令和7年4月1日")
    check_text(ui, KOHO)
    expect(ui.widget("anshin-source-status")).to_contain_text("公開資料として申告済み")
    expect(page.locator(".anshin-screening mark.anshin-mark-block")).to_have_count(0)
    expect(page.locator(".anshin-finding-warn.anshin-finding-person_name")).to_have_count(1)
    ui.shot("source-declared-and-checked")

    sid = engine.sessions.sessions_of(engine.directory.get("ito"))[0].session_id
    view = engine.sessions.get(sid)
    assert view.published_source is not None and view.published_source.title == title
    assert view.published_source.issued_on == "2025-04-01"
    checked = [e for e in view.events if e.kind == "input.checked"]
    assert checked[-1].payload["published"] is True
    assert not [f for f in view.input_findings if f.severity == "block"]
    for box in page.locator(".anshin-warn-ack input").all():
        box.check()
    page.locator(".anshin-attest input").check()
    expect(page.locator(".anshin-confirm")).to_be_enabled()
    page.locator(".anshin-confirm").click()
    page.locator(".anshin-sent-user").wait_for()
    expect(page.locator(".anshin-published input")).to_be_disabled()
    send(ui)
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    page.locator(".anshin-request-review").click()
    expect(page.locator(".anshin-session-id")).to_contain_text(sid)

    reviewer = open_ui("watanabe")               # the head of 広報広聴課 reviews too
    review = reviewer.open("/voila/render/review.ipynb")
    row = review.locator(".anshin-review-queue .anshin-row", has_text="公開済みの広報記事")
    expect(row.first).to_contain_text("［公開資料］")
    row.first.locator(".anshin-open").click()
    source = reviewer.widget("anshin-review-detail").locator(".anshin-published-source")
    expect(reviewer.widget("anshin-review-detail")).to_contain_text("公開資料としての申告（§4(4)）")
    for shown in (title, "新座市 広報広聴課", "https://www.city.niiza.lg.jp/koho/2025-04.html",
                  "2025-04-01"):
        expect(source).to_contain_text(shown)
    source.scroll_into_view_if_needed()
    reviewer.shot("review-shows-source")

    director = open_ui("kobayashi")
    admin = director.open("/voila/render/admin.ipynb")
    admin.locator(".anshin-search-published select").select_option(label="公開資料として申告あり")
    admin.locator(".anshin-search-text input").fill(title.split()[-1])
    admin.locator(".anshin-search").click()
    results = director.widget("anshin-search-results")
    expect(results).to_contain_text("1 件中")
    expect(results).to_contain_text("［公開資料］")
    results.locator(".anshin-open").first.click()
    expect(director.widget("anshin-record-view").locator(".anshin-published-source")
           ).to_contain_text(title)
    director.widget("anshin-search-results").scroll_into_view_if_needed()
    director.shot("director-finds-declared")
    director.widget("anshin-record-view").locator(".anshin-published-source"
                                                  ).scroll_into_view_if_needed()
    director.shot("director-opens-record")
    admin.locator(".anshin-search-published select").select_option(label="申告なし")
    admin.locator(".anshin-search").click()
    expect(results).to_contain_text("該当するセッションはありません")
    for u in (ui, reviewer, director):
        assert u.watch.dialogs == [] and u.watch.outside == []


def test_resuming_a_session_shows_its_recorded_declaration(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    head = engine.directory.get("watanabe", authenticated=True)
    purpose = f"例規の条文の整理 {uuid.uuid4().hex[:6]}"
    sid = engine.sessions.start_session(head).session_id
    engine.sessions.declare_purpose(sid, head, category="organize_public", purpose=purpose,
                                    intended_use="職員向け資料の下書き", service_id="training-sim")
    engine.sessions.declare_published_source(sid, head, title="新座市例規集 第1編",
                                             url="https://www.city.niiza.lg.jp/reiki/1.html")
    try:
        ui = open_ui("watanabe")
        page = ui.open("/voila/render/session.ipynb")
        page.locator(".anshin-resume-row", has_text=purpose).locator(
            ".anshin-resume-button").click()
        expect(page.locator(".anshin-published input")).to_be_checked()
        expect(page.locator(".anshin-source-title input")).to_have_value("新座市例規集 第1編")
        expect(page.locator(".anshin-source-url input")).to_have_value(
            "https://www.city.niiza.lg.jp/reiki/1.html")
        expect(ui.widget("anshin-source-status")).to_contain_text("公開資料として申告済み")
        expect(ui.widget("anshin-input-notice")).not_to_contain_text("もう一度")
        ui.shot("resumed-with-source")
        kinds = [e.kind for e in engine.sessions.get(sid).events if e.kind not in RECORD_KINDS]
        assert kinds[-1] == "input.source_declared"          # resuming declared nothing new
    finally:   # other tests count watanabe's unfinished sessions
        engine.sessions.abandon(sid, head, "テスト終了")
