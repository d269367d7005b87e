"""The second municipality in Chromium: `anshin serve` started on policy/wakabadani renders
every page in the town's own words — its clauses (第N条第M項), categories, office, role names,
its own identifier and marking words — and no word of Niiza's, for every role that opens it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from second_city import FOLDER, GUIDELINE, foreign
from support import sim_services_toml, stop_group
from ui_helpers import (
    IDENTITY_HEADER,
    PROXY_SECRET,
    SHOTS,
    UI,
    check_text,
    confirm,
    free_port,
    page_opener,
    send,
    start_serve,
)

from anshin import wording
from anshin.app import Anshin
from anshin.model_server import RunningServer
from anshin.policy import Policy, load_policy
from anshin.settings import Settings

pytestmark = pytest.mark.browser
SEND_TIMEOUT_MS = 30_000
TOWN_TEXT = ("町民カード番号 WK-12345674 の方への案内です。\n町外秘\n"
             "秋の収穫祭は10月12日に中央公園で開きます。")


@pytest.fixture(scope="module")
def town_env(tmp_path_factory: pytest.TempPathFactory, model_server: RunningServer
             ) -> dict[str, str]:
    home = tmp_path_factory.mktemp("anshin-town")
    var = home / "var"
    var.mkdir()
    services = home / "services.toml"
    services.write_text(sim_services_toml(model_server.url, training_only=True), encoding="utf-8")
    return {
        "ANSHIN_HOME": str(home), "ANSHIN_VAR": str(var),
        "ANSHIN_DATABASE_URL": f"sqlite:///{var / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(home / "archive"), "ANSHIN_CHAIN_HEAD": str(var / "chain-head.json"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_POLICY": str(GUIDELINE),
        "ANSHIN_STAFF": str(FOLDER / "staff.csv"), "ANSHIN_USER": "demo",
        "ANSHIN_IDENTITY_HEADER": IDENTITY_HEADER, "ANSHIN_PROXY_SECRET": PROXY_SECRET,
    }


@pytest.fixture(scope="module")
def town_url(town_env: dict[str, str], model_server: RunningServer
             ) -> Iterator[str]:
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / "serve-town.log", "w")
    proc: subprocess.Popen = start_serve(town_env, port, model_server.port, log)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_group(proc)
        log.close()


@pytest.fixture(scope="module")
def town_engine(town_env: dict[str, str], town_url: str) -> Iterator[Anshin]:
    """The town's engine from the test process; Niiza's wording is put back after."""
    previous = wording.current().policy
    app = Anshin.from_settings(Settings.from_env(town_env))
    yield app
    app.store.dispose()
    wording.install(previous)


@pytest.fixture
def open_town(browser: Any, town_url: str, request: pytest.FixtureRequest
              ) -> Iterator[Callable[..., UI]]:
    make, close_all = page_opener(browser, town_url, "town-" + request.node.name.removeprefix("test_"))
    yield make
    close_all()


@pytest.fixture(scope="module")
def town() -> Policy:
    return load_policy(GUIDELINE)


def shown(ui: UI, town: Policy, step: str) -> str:
    """The page's visible text, after a screenshot; it must hold nothing of Niiza's."""
    ui.shot(step)
    text = ui.page.locator("body").inner_text()
    assert foreign(text, town) == [], (step, foreign(text, town))
    return text


def test_the_session_page_speaks_the_town_s_guideline_from_purpose_to_review(
        open_town: Callable[..., UI], town: Policy, town_engine: Anshin) -> None:
    ui = open_town("aoki")
    page = ui.open("/voila/render/session.ipynb")
    text = shown(ui, town, "opened")
    for words in ("第5条", "第6条", "担当職員", "町民向け案内文の下書き", "企画情報課"):
        assert words in text, words
    assert page.locator(".anshin-category input[type=radio]").count() == 5
    page.locator(".anshin-category input[type=radio]").nth(3).check()   # 第5条第4号: a reason
    page.locator(".anshin-purpose textarea").fill("空き家の活用策の論点を挙げるため")
    page.locator(".anshin-intended-use textarea").fill("検討会の資料の下書きにする")
    expect(page.locator(".anshin-reason")).to_be_visible()
    expect(page.locator(".anshin-step-purpose")).to_contain_text(
        "理由（第5条第4号・第5条第5号を選んだ場合は必須）")
    page.locator(".anshin-declare").click()
    expect(page.locator(".anshin-step-purpose")).to_contain_text("第5条第4号")
    shown(ui, town, "reason-missing")
    page.locator(".anshin-reason textarea").fill("検討会の準備のため")
    page.locator(".anshin-declare").click()
    page.locator(".anshin-step-input").wait_for(state="visible")
    check_text(ui, TOWN_TEXT)
    expect(page.locator(".anshin-finding-resident_code")).to_contain_text(
        "住民票コード・町民カード番号（第7条第2項）")
    expect(page.locator(".anshin-finding-confidential_marking")).to_contain_text("秘密の表示（第7条第2項）")
    shown(ui, town, "blocked")
    page.locator(".anshin-redact-all").click()
    expect(page.locator(".anshin-input-notice")).to_contain_text("伏せ字にしました")
    redacted = page.locator(".anshin-input textarea").input_value()
    assert "WK-12345674" not in redacted and "町外秘" not in redacted
    check_text(ui, redacted)
    confirm(ui)
    send(ui)
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    expect(page.locator(".anshin-review-items li")).to_have_count(len(town.review_items))
    text = shown(ui, town, "output")
    assert "事実・数字・日付に誤りはないか（第9条第1項）" in text
    assert "3 人以上" in text
    page.locator(".anshin-request-review").click()
    expect(page.locator(".anshin-session-id")).to_contain_text("セッションID")
    shown(ui, town, "review-requested")
    assert ui.watch.dialogs == [] and ui.watch.outside == []


def test_every_mistake_of_the_purpose_form_shows_at_once_under_its_field_and_no_draft_is_left(
        open_town: Callable[..., UI], town: Policy, town_engine: Anshin) -> None:
    hayashi = town_engine.directory.get("hayashi", authenticated=True)
    before = len(town_engine.sessions.sessions_of(hayashi))
    ui = open_town("hayashi")
    page = ui.open("/voila/render/session.ipynb")
    page.locator(".anshin-declare").click()
    expect(page.locator(".anshin-field-error-category")).to_contain_text("「利用区分」を一覧から選んでください。（第5条）")
    expect(page.locator(".anshin-field-error-purpose")).to_contain_text("「利用目的」を入力してください。（第6条）")
    expect(page.locator(".anshin-field-error-intended_use")).to_contain_text("「生成結果の活用方法」")
    expect(page.locator(".anshin-purpose-notice")).to_contain_text("3 件の誤り")
    page.locator(".anshin-category input[type=radio]").nth(4).check()    # 第5条第5号: a reason
    page.locator(".anshin-purpose textarea").fill("窓口の想定問答を作るため")
    page.locator(".anshin-declare").click()
    expect(page.locator(".anshin-field-error-reason")).to_contain_text(
        "利用区分「町長が特に認める業務」（第5条第5号）を選んだ場合は、その理由を記入してください。")
    expect(page.locator(".anshin-field-error-category")).to_have_text("")
    expect(page.locator(".anshin-field-error-purpose")).to_have_text("")
    expect(page.locator(".anshin-purpose-notice")).to_contain_text("2 件の誤り")
    shown(ui, town, "form-errors")
    assert len(town_engine.sessions.sessions_of(hayashi)) == before   # no orphan draft


PAGES_BY_ROLE = (
    ("kimura", "review.ipynb", ("レビュー 0/3 人", "施策の検討材料づくり")),
    ("ishii", "review.ipynb", ("第10条",)),
    ("ishii", "dashboard.ipynb", ("課長等",)),
    ("noguchi", "dashboard.ipynb", ("監査委員事務局職員",)),   # the town lets auditors see usage
    ("fujita", "admin.ipynb", ("第4条", "第11条", "企画情報課長")),
    ("noguchi", "archive.ipynb", ("監査委員事務局職員",)),
    ("aoki", "training.ipynb", ("第5条", "文書の要約とやさしい言い換え")),
)


@pytest.mark.parametrize(("user", "path", "words"), PAGES_BY_ROLE,
                         ids=[f"{u}-{p.removesuffix('.ipynb')}" for u, p, _ in PAGES_BY_ROLE])
def test_every_page_shows_the_town_s_words_to_the_roles_that_open_it(
        open_town: Callable[..., UI], town: Policy, user: str, path: str, words: tuple[str, ...],
        town_engine: Anshin) -> None:
    ui = open_town(user)
    ui.open(f"/voila/render/{path}")
    ui.widget("anshin-footer").wait_for()
    ui.page.wait_for_timeout(1500)  # lists and charts fill in after the frame
    text = shown(ui, town, path.removesuffix(".ipynb"))
    assert "（第12条）" in ui.widget("anshin-footer").inner_text()
    assert ui.page.locator(".anshin-role-gate").count() == 0, text[:300]
    for word in words:
        assert word in text, word
    assert [u for u in ui.watch.outside if not u.startswith(f"blob:{ui.base}/")] == []


def test_a_reviewer_answers_the_town_s_checklist_with_its_clauses(
        open_town: Callable[..., UI], town: Policy, town_engine: Anshin) -> None:
    ui = open_town("kimura")
    page = ui.open("/voila/render/review.ipynb")
    page.locator(".anshin-review-queue .anshin-row .anshin-open").first.click()
    page.locator(".anshin-review-detail .anshin-session-detail").wait_for()
    expect(page.locator(".anshin-review-item")).to_have_count(len(town.review_items))
    text = shown(ui, town, "review-detail")
    for item in town.review_items:
        assert f"{item.question}（{item.clause}）" in text
    for words in ("第5条第4号", "第9条第1項", "検討会の準備のため"):
        assert words in text, words


def test_the_town_s_table_of_roles_gates_its_pages(open_town: Callable[..., UI],
                                                    town: Policy, town_engine: Anshin) -> None:
    director = open_town("fujita")
    director.open("/voila/render/archive.ipynb")
    gate = director.widget("anshin-role-gate")
    expect(gate).to_contain_text("監査委員事務局職員")        # only auditors read this town's archive
    expect(gate).to_contain_text("企画情報課長")
    shown(director, town, "director-archive-gate")
    training = open_town("aoki")
    training.open("/voila/render/training.ipynb")
    options = training.page.locator(".anshin-training-category select option").all_inner_texts()
    assert [o.replace("\xa0", " ") for o in options] == [c.display for c in town.categories]


def test_the_town_s_landing_page_and_records_carry_nothing_of_niiza(
        open_town: Callable[..., UI], town: Policy, town_engine: Anshin) -> None:
    ui = open_town()
    ui.open("/")
    shown(ui, town, "landing")
    records = sorted(Path(town_engine.settings.archive_dir).rglob("*.html"))
    assert records, "the session test leaves a record"
    record = open_town()
    record.page.goto(records[-1].as_uri())
    text = shown(record, town, "record")
    assert "第7条" in text and "施策の検討材料づくり" in text
    for path in Path(town_engine.settings.archive_dir).rglob("*.ipynb"):
        assert foreign(path.read_text(encoding="utf-8"), town) == [], path.name
