"""Review, decision and oversight pages in Chromium, each user on their own identity header:
two colleagues review and the head decides (sealed, verify green); one signature per person;
the Director's admin page and nobody else's; the auditor reads and verifies but changes
nothing; the head's dashboard with local charts and a CSV."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from ui_helpers import UI

from anshin.app import Anshin
from anshin.session import RuleViolation
from anshin.verify import verify_all

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "oversight"))
from oversight_helpers import in_review, person

pytestmark = pytest.mark.browser
XSS = '<img src=x onerror="alert(\'purpose\')">'


def new_session(engine: Anshin, author: str = "yamada") -> tuple[str, str]:
    """A session in review, with a purpose unique to this test (and an attack string)."""
    purpose = f"広報記事の要約 {uuid.uuid4().hex[:6]} {XSS}"
    view = in_review(engine, person(engine, author), purpose=purpose)
    return view.session_id, purpose


def open_in_queue(ui: UI, queue: str, purpose: str) -> None:
    page = ui.page
    row = page.locator(f".{queue} .anshin-row", has_text=purpose[:20])
    row.locator(".anshin-open").click()
    page.locator(".anshin-review-detail .anshin-session-detail").wait_for()


def sign(ui: UI, engine: Anshin, verdict: int = 0, edited: str | None = None) -> None:
    page = ui.page
    for item in engine.policy.review_items:
        page.locator(f".anshin-verdict-{item.id} input[type=radio]").nth(verdict).check()
    page.locator(".anshin-review-comment textarea").fill("事実関係を確認しました。")
    if edited is not None:
        page.locator(".anshin-edit-toggle input").check()
        page.locator(".anshin-review-edited textarea").fill(edited)
        page.locator(".anshin-review-diff ins").first.wait_for()
    page.locator(".anshin-submit-review").click()


def test_two_colleagues_review_and_the_head_decides_and_seals(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine)
    output = engine.sessions.get(sid).output or ""

    sato = open_ui("sato")
    sato.open("/voila/render/review.ipynb")
    open_in_queue(sato, "anshin-review-queue", purpose)
    detail = sato.widget("anshin-review-detail")
    expect(detail).to_contain_text(XSS)              # shown as text, not markup
    expect(detail.locator(".anshin-detail-sent")).to_have_text(engine.sessions.get(sid).text_sent)
    sato.shot("opened")
    sign(sato, engine)
    expect(sato.widget("anshin-review-notice")).to_contain_text("1/2 人")
    sato.shot("signed")

    tanaka = open_ui("tanaka")
    tanaka.open("/voila/render/review.ipynb")
    open_in_queue(tanaka, "anshin-review-queue", purpose)
    sign(tanaka, engine, edited=output[:20] + "（担当課で確認済み）")
    expect(tanaka.widget("anshin-review-notice")).to_contain_text("2/2 人")
    expect(tanaka.widget("anshin-reviews").locator(".anshin-review-entry")).to_have_count(2)
    tanaka.shot("signed-with-edit")

    kato = open_ui("kato")
    page = kato.open("/voila/render/review.ipynb")
    open_in_queue(kato, "anshin-decision-queue", purpose)
    expect(kato.widget("anshin-reviews").locator(".anshin-review-entry")).to_have_count(2)
    page.locator(".anshin-outcome input[type=radio]").nth(1).check()
    page.locator(".anshin-take-suggestion").click()          # the suggestion, in one action
    expect(page.locator(".anshin-final-text textarea")).to_have_value(
        output[:20] + "（担当課で確認済み）")
    page.locator(".anshin-decision-reason textarea").fill("修正案のとおり掲載する。")
    kato.shot("deciding")
    page.locator(".anshin-decide").click()
    expect(kato.widget("anshin-seal-confirm")).to_contain_text("封印しますか")
    assert not engine.sessions.get(sid).sealed, "nothing is sealed before the confirmation"
    kato.shot("confirm-seal")
    page.locator(".anshin-confirm-seal").click()
    expect(kato.widget("anshin-sealed")).to_contain_text("封印")
    expect(kato.widget("anshin-review-page-notice")).to_contain_text("修正して採用")
    expect(kato.widget("anshin-decision-form")).to_be_hidden()
    expect(kato.widget("anshin-review-form")).to_be_hidden()
    kato.shot("decided")

    view = engine.sessions.get(sid)
    assert view.sealed and view.decision.outcome == "adopted_with_edits"
    assert [r.reviewer for r in view.reviews] == ["sato", "tanaka"]
    assert view.reviews[1].edited_text.endswith("（担当課で確認済み）")
    assert view.decision.final_text == view.reviews[1].edited_text
    report = verify_all(engine.store, engine.settings.archive_dir)
    assert report.ok, report.render()
    for ui in (sato, tanaka, kato):
        assert ui.watch.dialogs == [] and ui.watch.outside == []


def test_a_reviewer_signs_once_and_the_author_never_sees_their_own_session(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine)
    sato = open_ui("sato")
    page = sato.open("/voila/render/review.ipynb")
    open_in_queue(sato, "anshin-review-queue", purpose)
    sign(sato, engine)
    expect(sato.widget("anshin-review-notice")).to_contain_text("1/2 人")
    expect(sato.widget("anshin-review-status")).to_contain_text("すでに署名")
    expect(sato.widget("anshin-submit-review")).to_be_hidden()   # nothing left to sign
    sato.shot("second-signature-refused")
    with pytest.raises(RuleViolation, match="レビューは1人1回です"):  # a crafted click
        engine.sessions.submit_review(sid, person(engine, "sato"), answers={
            i.id: {"verdict": "ok", "comment": ""} for i in engine.policy.review_items})
    assert len(engine.sessions.get(sid).reviews) == 1

    author = open_ui("yamada")
    author.open("/voila/render/review.ipynb")
    expect(author.widget("anshin-review-queue")).not_to_contain_text(purpose[:20])
    author.shot("author-queue")
    page.close()


@pytest.mark.parametrize("user", ["yamada", "kato", "nakamura"])
def test_only_the_director_can_open_admin(open_ui: Callable[..., UI], user: str) -> None:
    ui = open_ui(user)
    ui.open("/voila/render/admin.ipynb")
    expect(ui.widget("anshin-role-gate")).to_contain_text("あなたの役割は")
    assert ui.widget("anshin-admin").count() == 0
    assert ui.widget("anshin-suspend").count() == 0
    ui.shot("gate")


def test_the_director_suspends_and_resumes_use_from_admin(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    ui = open_ui("kobayashi")
    page = ui.open("/voila/render/admin.ipynb")
    expect(ui.widget("anshin-registry-table")).to_contain_text("training-sim")
    page.locator(".anshin-suspend-text textarea").fill("規約改定の確認のため、本日から停止します。")
    page.locator(".anshin-suspend").click()
    expect(ui.widget("anshin-suspension")).to_contain_text("規約改定の確認のため")
    ui.shot("suspended")
    assert engine.suspension().suspended
    staff = open_ui("yamada")
    staff.open("/voila/render/session.ipynb")
    expect(staff.widget("anshin-suspension")).to_contain_text("規約改定の確認のため")
    page.locator(".anshin-resume").click()
    expect(ui.widget("anshin-suspension")).to_contain_text("利用可能")
    assert not engine.suspension().suspended


def test_the_director_registers_approves_and_investigates(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine, author="ito")
    ui = open_ui("kobayashi")
    page = ui.open("/voila/render/admin.ipynb")
    service_id = f"city-{uuid.uuid4().hex[:6]}"
    page.locator(".anshin-service-id input").fill(service_id)
    page.locator(".anshin-service-name input").fill("市契約サービス")
    page.locator(".anshin-service-url input").fill("https://example.invalid/v1")
    page.locator(".anshin-service-model input").fill("gpt-city")
    page.locator(".anshin-register-service").click()
    try:
        expect(ui.widget("anshin-registry-table")).to_contain_text("登録のみ（未承認）")
        page.locator(".anshin-approve-service").click()           # no basis: refused
        expect(ui.widget("anshin-registry-notice")).to_contain_text("根拠")
        page.locator(".anshin-approve-basis textarea").fill("契約書第8条: 入力データを学習に利用しない")
        page.locator(".anshin-approve-service").click()
        expect(ui.widget("anshin-registry-notice")).to_contain_text("承認しました")
        assert engine.registry.get(service_id).approved
        ui.shot("registry")
        page.locator(".anshin-search-text input").fill(purpose.split()[1])
        page.locator(".anshin-search").click()
        results = ui.widget("anshin-search-results")
        expect(results).to_contain_text("1 件中")
        results.locator(".anshin-open").first.click()
        expect(ui.widget("anshin-record-view")).to_contain_text(sid)
        ui.shot("investigation")
    finally:
        # Other tests' sessions use the training model: an unreachable approved service
        # left behind would be offered to them.
        if service_id in engine.registry.all():
            engine.registry.withdraw("kobayashi", service_id, "テスト終了")


def test_the_director_is_asked_before_a_service_is_replaced_and_a_key_is_refused(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    # A service of this test's own: replacing the shared training model would leave every
    # later test's session without an approved service.
    service_id = f"replace-{uuid.uuid4().hex[:6]}"
    engine.registry.register("kobayashi", {
        "id": service_id, "name": "置き換え前の名前", "kind": "openai_compatible",
        "base_url": "http://127.0.0.1:9/v1", "model": "m", "api_key_env": "ANSHIN_SIM_KEY"})
    engine.registry.approve("kobayashi", "小林", service_id, "契約書第8条: 学習に利用しない")
    try:
        ui = open_ui("kobayashi")
        page = ui.open("/voila/render/admin.ipynb")
        before = engine.store.head()
        page.locator(".anshin-service-id input").fill(service_id)
        page.locator(".anshin-service-name input").fill("置き換え後の名前")
        page.locator(".anshin-service-url input").fill("https://example.invalid/v1")
        page.locator(".anshin-service-model input").fill("gpt-city")
        page.locator(".anshin-service-key-env input").fill("sk-proj-Q3x9TfLm2Vb8Kc1Zr7Hw4Ny6Pd0Sa5Ue")
        page.locator(".anshin-register-service").click()
        expect(ui.widget("anshin-replace-confirm")).to_contain_text("すでに登録されています")
        ui.shot("replace-question")
        page.locator(".anshin-keep-service").click()
        expect(ui.widget("anshin-replace-confirm")).to_be_hidden()
        assert engine.store.head() == before and engine.registry.get(service_id).approved
        page.locator(".anshin-register-service").click()
        page.locator(".anshin-replace-service").click()      # the key in the variable field: refused
        expect(ui.widget("anshin-registry-notice")).to_contain_text("鍵やトークンのような文字列")
        ui.shot("key-refused")
        assert engine.store.head() == before and engine.registry.get(service_id).approved
        page.locator(".anshin-service-key-env input").fill("ANSHIN_SIM_KEY")
        page.locator(".anshin-register-service").click()
        page.locator(".anshin-replace-service").click()
        expect(ui.widget("anshin-registry-notice")).to_contain_text("登録しました")
        replaced = engine.registry.get(service_id)
        assert replaced.name == "置き換え後の名前" and not replaced.approved
        assert engine.registry.get("training-sim").approved
    finally:
        engine.registry.withdraw("kobayashi", service_id, "テスト終了")


def test_the_auditor_reads_and_verifies_but_cannot_change(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    sid, purpose = new_session(engine)
    ui = open_ui("nakamura")
    page = ui.open("/voila/render/archive.ipynb")
    page.locator(".anshin-archive-text input").fill(purpose.split()[1])
    page.locator(".anshin-archive-search").click()
    ui.widget("anshin-archive-list").locator(".anshin-open").first.click()
    expect(ui.widget("anshin-record-view")).to_contain_text(sid)
    frame = page.locator("iframe.anshin-record-iframe")
    assert frame.get_attribute("sandbox") == ""
    expect(page.frame_locator("iframe.anshin-record-iframe").locator("body")).to_contain_text(sid)
    page.locator(".anshin-verify").click()
    expect(ui.widget("anshin-verify-result")).to_contain_text("正常")
    ui.shot("record-and-verify")
    assert page.locator(".anshin-submit-review, .anshin-decide, .anshin-suspend").count() == 0
    assert ui.watch.dialogs == [] and ui.watch.outside == []
    review = open_ui("nakamura")
    review.open("/voila/render/review.ipynb")
    expect(review.widget("anshin-role-gate")).to_contain_text("あなたの役割は")


def test_the_head_sees_the_department_dashboard_with_local_charts_and_csv(
    open_ui: Callable[..., UI], engine: Anshin,
) -> None:
    new_session(engine)
    new_session(engine, author="ito")
    ui = open_ui("kato")
    page = ui.open("/voila/render/dashboard.ipynb")
    summary = ui.widget("anshin-dashboard-summary")
    expect(summary).to_contain_text("市民課")
    assert ui.widget("anshin-dashboard-scope").count() == 0
    for chart in ("anshin-chart-month", "anshin-chart-blocked", "anshin-chart-pending"):
        expect(ui.widget(chart)).to_be_visible()
    link = page.locator(".anshin-csv-link")
    assert link.get_attribute("href").startswith("data:text/csv;charset=utf-8;base64,77u/")
    expect(ui.widget("anshin-dashboard-people")).not_to_contain_text("伊藤")
    ui.shot("dashboard")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "anshin-dashboard.csv"
    # the Image widgets show their PNG bytes through blob: URLs of our own origin
    assert [u for u in ui.watch.outside if not u.startswith(f"blob:{ui.base}/")] == []
