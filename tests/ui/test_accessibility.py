"""Pages everyone can use (issue 16.5), in real Chromium: axe-core finds no serious or
critical WCAG 2.1 AA violation on any page or state the tests reach; the whole staff flow
(declare → input → screen → generate → request review) works by keyboard alone with a
focus you can see at every stop; controls have the names shown beside them; the words of a
checkbox tick it; each 「問題なし」 is announced with its question; chart numbers are a table."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from a11y import assert_accessible
from browser import LOCALE
from playwright.sync_api import expect
from ui_helpers import SHOTS, UI, check_text, declare, start_fresh

from anshin.app import Anshin
from widgets import texts

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "oversight"))
from oversight_helpers import PUBLIC_TEXT, answers, in_review, person  # noqa: E402

pytestmark = pytest.mark.browser

SEND_TIMEOUT_MS = 30_000
TAB_LIMIT = 250
BLOCKED_TEXT = "問い合わせは市民課 山田花子（電話 048-477-1111、yamada@example.jp）まで。"

# Every page with someone who may open it, and one the gate turns away.
PAGES = [
    ("session", "yamada"), ("mine", "yamada"), ("review", "kato"), ("dashboard", "kato"),
    ("admin", "kobayashi"), ("archive", "nakamura"), ("training", "yamada"),
    ("admin", "yamada"),
]


@pytest.mark.parametrize(("name", "user"), PAGES)
def test_every_page_has_no_serious_wcag_violation(
        open_ui: Callable[..., UI], engine: Anshin, name: str, user: str) -> None:
    in_review(engine, person(engine, "sato"), purpose="ダッシュボードとレビューに出るセッション")
    ui = open_ui(user)
    page = ui.open(f"/voila/render/{name}.ipynb")
    ui.widget("anshin-footer").wait_for()
    page.wait_for_timeout(500)  # the service probe and the live feed settle
    ui.shot(name)
    assert_accessible(page, f"{name} as {user}")


def test_the_landing_page_the_guideline_and_help_have_no_serious_wcag_violation(
        open_ui: Callable[..., UI], browser: Any, server_url: str) -> None:
    ui = open_ui("yamada")
    assert_accessible(ui.open("/"), "landing page")
    # The two text pages forbid every script (CSP default-src 'none'): axe goes in only
    # because this context is told to ignore that policy.
    context = browser.new_context(locale=LOCALE, bypass_csp=True)
    try:
        page = context.new_page()
        for path in ("/anshin/guideline", "/anshin/help"):
            page.goto(f"{server_url}{path}")
            assert page.locator("html").get_attribute("lang") == "ja"
            page.screenshot(path=str(SHOTS / f"accessibility-{path.rsplit('/', 1)[-1]}.png"),
                            full_page=True)
            assert_accessible(page, path)
    finally:
        context.close()


def test_states_of_the_session_and_review_pages_have_no_serious_wcag_violation(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    ui = open_ui("tanaka")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui)
    assert_accessible(page, "session page, step 2")
    check_text(ui, BLOCKED_TEXT)
    expect(page.locator(".anshin-input-notice")).to_contain_text("入力できない情報")
    ui.shot("blocked")
    assert_accessible(page, "session page with blocked findings")

    view = in_review(engine, person(engine, "yamada"), purpose="レビュー画面の状態")
    engine.sessions.submit_review(view.session_id, person(engine, "sato"),
                                  answers=answers(engine, "needs_fix"), comment="要確認")
    head = open_ui("kato")
    review = head.open(f"/voila/render/review.ipynb?session={view.session_id}")
    expect(head.widget("anshin-review-detail")).to_contain_text(view.session_id)
    head.shot("review-open")
    assert_accessible(review, "review page with a session, its form and the decision form")


def _focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!(document.activeElement && document.activeElement.closest(s))",
                         selector)


def _focus_is_visible(page) -> bool:
    """The focused control shows an outline of at least 2 px (WCAG 2.4.7), or a ring."""
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return outline || (s.boxShadow && s.boxShadow !== 'none');
    }""")


def tab_to(page, selector: str) -> None:
    """Press Tab until the focus is on `selector` (nothing else: no mouse), checking on the
    way that every focused control shows where the focus is."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        tag = page.evaluate("() => document.activeElement.tagName")
        if tag in ("INPUT", "TEXTAREA", "BUTTON", "SELECT", "A"):
            shown = page.evaluate("() => document.activeElement.outerHTML")[:200]
            assert _focus_is_visible(page), f"no visible focus on {shown}"
        if _focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_whole_staff_flow_works_by_keyboard_alone(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    ui = open_ui("sato")
    page = ui.open("/voila/render/session.ipynb")
    page.locator(".anshin-category input[type=radio]:visible, .anshin-new-session:visible"
                 ).first.wait_for()
    if page.locator(".anshin-new-session:visible").count():
        tab_to(page, ".anshin-new-session")
        page.keyboard.press("Enter")
    tab_to(page, ".anshin-category input[type=radio]")
    page.keyboard.press("Space")
    expect(page.locator(".anshin-category input[type=radio]").first).to_be_checked()
    tab_to(page, ".anshin-purpose textarea")
    ui.shot("focus-on-purpose")
    page.keyboard.type("公開済みのお知らせを市民向けに要約するため")
    tab_to(page, ".anshin-intended-use textarea")
    page.keyboard.type("要約を下書きとして、担当者が確認してから掲載する")
    tab_to(page, ".anshin-declare")
    page.keyboard.press("Enter")
    page.locator(".anshin-step-input").wait_for(state="visible")

    tab_to(page, ".anshin-input textarea")
    page.keyboard.type(PUBLIC_TEXT)
    expect(page.locator(".anshin-input textarea")).to_have_value(PUBLIC_TEXT)
    tab_to(page, ".anshin-check")
    ui.shot("focus-on-check")
    page.keyboard.press("Enter")
    # The first check in a fresh kernel loads the dictionary: on a loaded machine that can
    # take longer than a click's usual wait. What the page said is in the failure if not.
    try:
        page.locator(".anshin-screening .anshin-highlight").wait_for(timeout=SEND_TIMEOUT_MS)
    except Exception as err:
        ui.shot("check-not-shown")
        notice = page.locator(".anshin-input-notice").inner_text()
        raise AssertionError(f"no screening result after Enter on 確認する; notice: {notice!r}"
                             ) from err
    tab_to(page, ".anshin-attest input")
    page.keyboard.press("Space")
    expect(page.locator(".anshin-attest input")).to_be_checked()
    tab_to(page, ".anshin-confirm")
    ui.shot("focus-on-confirm")
    page.keyboard.press("Enter")
    page.locator(".anshin-sent-user").wait_for()

    tab_to(page, ".anshin-send")
    page.keyboard.press("Enter")
    page.locator(".anshin-step-output").wait_for(state="visible", timeout=SEND_TIMEOUT_MS)
    tab_to(page, ".anshin-request-review")
    page.keyboard.press("Enter")
    expect(page.locator(".anshin-session-id")).to_contain_text("セッションID")
    ui.shot("requested-by-keyboard")
    session_id = page.locator(".anshin-session-id").inner_text().split(":")[-1].strip()
    assert engine.sessions.get(session_id).state == "in_review"


def test_controls_carry_the_names_shown_beside_them(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    ui = open_ui("yamada")
    page = ui.open("/voila/render/session.ipynb")
    declare(ui, purpose="名前の確認")
    expect(page.get_by_label(texts.INPUT_LABEL)).to_be_visible()
    page.get_by_text(texts.ATTEST).click()  # the words, not the box
    expect(page.locator(".anshin-attest input")).to_be_checked()

    again = open_ui("tanaka")
    fresh = again.open("/voila/render/session.ipynb")
    start_fresh(again)
    for label in (texts.PURPOSE_LABEL, texts.INTENDED_USE_LABEL):
        expect(fresh.get_by_label(label)).to_be_visible()
    expect(fresh.get_by_role("radiogroup", name=texts.CATEGORY_LABEL)).to_be_visible()

    view = in_review(engine, person(engine, "yamada"), purpose="問いごとの選択肢")
    head = open_ui("kato")
    review = head.open(f"/voila/render/review.ipynb?session={view.session_id}")
    review.locator(".anshin-review-item").first.wait_for()
    head.shot("review-form")
    for item in engine.policy.review_items:
        question = texts.REVIEW_ITEM_LINE.format(question=item.question, clause=item.clause)
        group = review.get_by_role("radiogroup", name=question)
        expect(group.get_by_role("radio")).to_have_count(3, timeout=10_000)
        expect(group).to_contain_text("問題なし")
    expect(review.get_by_role("button", name="山田 花子 さんのセッション").first).to_be_visible()


def test_chart_numbers_are_a_table_beside_each_chart(
        open_ui: Callable[..., UI], engine: Anshin) -> None:
    in_review(engine, person(engine, "yamada"), purpose="グラフの表")
    ui = open_ui("kato")
    page = ui.open("/voila/render/dashboard.ipynb")
    for chart, title in (("anshin-chart-month", texts.CHART_MONTH),
                         ("anshin-chart-blocked", texts.CHART_BLOCKED),
                         ("anshin-chart-pending", texts.CHART_PENDING)):
        figure = ui.widget(chart)
        expect(figure.locator("img")).to_have_attribute("alt", texts.CHART_ALT.format(title=title))
        expect(figure.locator("table caption")).to_have_text(title)
        expect(figure.locator("table th[scope=col]").first).to_be_visible()
    month = ui.widget("anshin-chart-month").locator("table")
    expect(month.locator("tbody tr").first).to_be_visible()
    assert "ms" not in ui.widget("anshin-dashboard-summary").inner_text()
    ui.shot("tables")
    assert_accessible(page, "dashboard with tables")
