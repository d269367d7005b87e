"""The header of every page (issue 16.5, 16.7): who you are and whether that is proven, the
pages your role may open (from the one roles table), the guideline's own text and help
served by this server; and, on a trainers' demo server only, a labelled switch of whom the
page shows — which a server behind a proxy ignores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from a11y import assert_accessible
from playwright.sync_api import expect
from support import stop_group
from ui_helpers import PAGE_READY, SHOTS, UI, free_port, page_opener, start_serve

from anshin.model_server import RunningServer
from widgets import texts
from widgets.page_roles import PAGE_ACTIONS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("user", "pages"), [
    ("yamada", ["session", "mine", "review", "training"]),
    ("kato", ["session", "mine", "review", "dashboard", "training"]),
    ("kobayashi", list(PAGE_ACTIONS)),
    ("nakamura", ["archive", "training"]),
])
def test_the_header_lists_exactly_the_pages_the_role_may_open(
        open_ui: Callable[..., UI], user: str, pages: list[str]) -> None:
    ui = open_ui(user)
    page = ui.open("/voila/render/training.ipynb")
    nav = page.get_by_role("navigation", name=texts.NAV_LABEL)
    titles = [texts.PAGE_TITLES[p] for p in pages]
    expect(nav.get_by_role("link")).to_have_text([*titles, texts.GUIDELINE_LINK, texts.HELP_LINK])
    expect(nav.locator("[aria-current=page]")).to_have_text(texts.PAGE_TITLES["training"])
    expect(ui.widget("anshin-identity")).to_contain_text("本人確認: 認証済み")
    ui.shot("header")


def test_the_guideline_and_help_links_open_local_pages_without_scripts(
        open_ui: Callable[..., UI]) -> None:
    ui = open_ui("yamada")
    page = ui.open("/voila/render/mine.ipynb")
    nav = page.get_by_role("navigation", name=texts.NAV_LABEL)
    for name, expected in ((texts.GUIDELINE_LINK, "1 目的"), (texts.HELP_LINK, texts.HELP_TITLE)):
        href = nav.get_by_role("link", name=name).get_attribute("href")
        with page.context.expect_page() as opened:
            nav.get_by_role("link", name=name).click()
        shown = opened.value
        shown.wait_for_load_state()
        expect(shown.locator("main")).to_contain_text(expected)
        response = httpx.get(shown.url, timeout=10)
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        assert "<script" not in response.text
        assert href.startswith("../../anshin/")
        shown.screenshot(path=str(SHOTS / f"header-{href.rsplit('/', 1)[-1]}.png"), full_page=True)
        shown.close()
    assert ui.watch.outside == []


def test_a_server_behind_a_proxy_ignores_a_demo_choice_in_the_address(
        open_ui: Callable[..., UI]) -> None:
    ui = open_ui("yamada")
    page = ui.open("/voila/render/session.ipynb?as=kobayashi")
    expect(ui.widget("anshin-identity")).to_contain_text("山田 花子")
    assert page.locator(".anshin-demo-switch").count() == 0


@pytest.fixture(scope="module")
def demo_server(ui_env: dict[str, str], model_server: RunningServer,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A trainers' demo server: no identity proxy, ANSHIN_DEMO_ROLES=1, its own store."""
    home = tmp_path_factory.mktemp("anshin-demo")
    var = home / "var"
    var.mkdir()
    env = {k: v for k, v in ui_env.items()
           if k not in ("ANSHIN_IDENTITY_HEADER", "ANSHIN_PROXY_SECRET")}
    env.update(ANSHIN_HOME=str(home), ANSHIN_VAR=str(var),
               ANSHIN_DATABASE_URL=f"sqlite:///{var / 'anshin.db'}",
               ANSHIN_ARCHIVE=str(home / "archive"), ANSHIN_CHAIN_HEAD=str(var / "chain-head.json"),
               ANSHIN_DEMO_ROLES="1")
    port = free_port()
    with open(SHOTS / "serve-demo.log", "w") as log:
        proc = start_serve(env, port, model_server.port, log)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_group(proc)


def test_trainers_switch_roles_from_the_header_without_a_restart(
        browser: Any, demo_server: str) -> None:
    make, close_all = page_opener(browser, demo_server, "demo_role_switch")
    try:
        ui = make()
        page = ui.open("/voila/render/session.ipynb")
        expect(ui.widget("anshin-identity")).to_contain_text("デモ 職員")
        expect(ui.widget("anshin-identity")).to_contain_text("未認証")
        switch = page.get_by_label(texts.DEMO_SWITCH_LABEL)
        expect(switch).to_be_visible()
        ui.shot("demo-staff")
        assert_accessible(page, "session page with the demo switch")
        switch.select_option("kato")
        page.get_by_role("button", name=texts.DEMO_SWITCH_BUTTON).click()
        page.wait_for_url("**/session.ipynb?as=kato")
        page.locator(PAGE_READY).wait_for()
        expect(ui.widget("anshin-identity")).to_contain_text("加藤 恵子（市民課・所属長）")
        expect(ui.widget("anshin-identity")).to_contain_text("未認証")
        expect(ui.widget("anshin-identity-note")).to_contain_text("研修用デモ")
        nav = page.get_by_role("navigation", name=texts.NAV_LABEL)
        nav.get_by_role("link", name=texts.PAGE_TITLES["dashboard"]).click()
        page.wait_for_url("**/dashboard.ipynb?as=kato")
        page.locator(PAGE_READY).wait_for()
        expect(ui.widget("anshin-dashboard")).to_be_visible()   # the head's page, not a gate
        expect(page.get_by_label(texts.DEMO_SWITCH_LABEL)).to_have_value("kato")
        ui.shot("demo-head-dashboard")
    finally:
        close_all()
