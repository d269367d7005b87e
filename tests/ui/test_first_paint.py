"""No white screen (issue 14, part 2): the server writes the frame with the user's name into
the page's HTML before the page's cell has run, resolving the person exactly as the page
does — the proxy's header counts only with the proxy's secret."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect
from ui_helpers import IDENTITY_HEADER, PROXY_SECRET, PROXY_SECRET_HEADER, UI

pytestmark = pytest.mark.browser

CELL_OUTPUT = "application/vnd.voila.cell-output+json"


def page_html(server_url: str, name: str, headers: dict[str, str]) -> str:
    with httpx.stream("GET", f"{server_url}/voila/render/{name}.ipynb", headers=headers,
                      timeout=60) as response:
        response.raise_for_status()
        return "".join(response.iter_text())


@pytest.mark.parametrize("name", ["session", "review", "training"])
def test_the_frame_with_the_users_name_comes_before_the_pages_cell_output(
    server_url: str, name: str,
) -> None:
    body = page_html(server_url, name, {IDENTITY_HEADER: "sato", PROXY_SECRET_HEADER: PROXY_SECRET})
    frame = body.index('class="anshin-early-person"')
    assert "佐藤 次郎（市民課・職員）" in body[frame:frame + 200]
    assert "本人確認: 認証済み" in body[frame:frame + 600]
    assert frame < body.index(CELL_OUTPUT)


def test_a_header_without_the_proxys_secret_gets_the_unauthenticated_demo_frame(
    server_url: str,
) -> None:
    body = page_html(server_url, "session", {IDENTITY_HEADER: "kobayashi"})
    frame = body[body.index('class="anshin-early-person"'):][:600]
    assert "小林" not in frame
    assert "デモ 職員" in frame and "未認証" in frame


def test_the_pages_own_header_replaces_the_early_frame(open_ui) -> None:
    ui: UI = open_ui("sato")
    page = ui.open("/voila/render/session.ipynb")
    expect(page.locator(".anshin-page .anshin-person")).to_contain_text("佐藤 次郎")
    expect(page.locator(".anshin-early-frame")).to_be_hidden()
    assert page.locator(".anshin-person").count() == 1
