"""The landing page and the frame of every page: Japanese, identity, role, suspension state,
and the role gate that shows the wrong role an explanation instead of data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from ui_helpers import UI

pytestmark = pytest.mark.browser

PAGES = {
    "session.ipynb": "セッション",
    "mine.ipynb": "自分のセッション",
    "review.ipynb": "レビュー",
    "dashboard.ipynb": "ダッシュボード",
    "admin.ipynb": "管理",
    "archive.ipynb": "記録の閲覧",
    "training.ipynb": "研修",
}


def test_landing_page_lists_the_seven_pages_in_japanese(open_ui: Callable[..., UI]) -> None:
    ui = open_ui("kobayashi")  # the Director may open every page
    page = ui.open("/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert "小林 健（デジタル市役所推進室・デジタル市役所推進室長）" in page.locator(
        ".anshin-landing-identity").inner_text()
    items = page.locator(".anshin-page")
    assert items.count() == 7
    for index, (path, name) in enumerate(PAGES.items()):
        item = items.nth(index)
        assert item.locator(".anshin-page-name").inner_text() == name
        assert item.locator("a").get_attribute("href").endswith(f"/voila/render/{path}")
        assert item.locator(".anshin-page-line").inner_text().strip()
    ui.shot("landing")
    assert ui.watch.outside == []


def test_the_landing_page_says_who_you_are_and_lists_only_your_pages(
        open_ui: Callable[..., UI]) -> None:
    ui = open_ui()
    page = ui.open("/")
    landing = page.locator(".anshin-landing-identity")
    assert "デモ 職員（市民課・職員）" in landing.inner_text()
    assert "未認証" in landing.inner_text()
    names = [n.inner_text() for n in page.locator(".anshin-page-name").all()]
    assert names == ["セッション", "自分のセッション", "レビュー", "研修"]
    ui.shot("landing-staff")


def test_pages_load_in_japanese_with_nothing_from_outside(open_ui: Callable[..., UI]) -> None:
    ui = open_ui()
    raw = ui.page.request.get(f"{ui.base}/voila/render/training.ipynb", timeout=60_000).text()
    assert '<html lang="ja">' in raw
    assert "画面を準備しています" in raw
    assert ">Running" not in raw
    assert "cdn" not in raw.lower()
    assert "https://" not in raw


def test_every_page_shows_identity_role_and_suspension_state(open_ui: Callable[..., UI]) -> None:
    ui = open_ui()
    for path, name in PAGES.items():
        page = ui.open(f"/voila/render/{path}")
        assert page.locator("html").get_attribute("lang") == "ja"
        header = ui.widget("anshin-header")
        assert "デモ 職員（市民課・職員）" in header.inner_text()
        assert "未認証（デモ用の利用者）" in header.inner_text()
        assert name in ui.widget("anshin-page-title").inner_text()
        assert "利用可能" in ui.widget("anshin-suspension").inner_text()
        assert "（§9）" in ui.widget("anshin-footer").inner_text()
        ui.shot(path.removesuffix(".ipynb"))
    assert ui.watch.outside == []


@pytest.mark.parametrize(("user", "path", "allowed"), [
    ("yamada", "admin.ipynb", False),
    ("yamada", "dashboard.ipynb", False),
    ("yamada", "archive.ipynb", False),
    ("nakamura", "session.ipynb", False),
    ("nakamura", "archive.ipynb", True),
    ("kobayashi", "admin.ipynb", True),
    ("kato", "dashboard.ipynb", True),
])
def test_pages_are_gated_by_role_with_a_japanese_explanation(
    open_ui: Callable[..., UI], user: str, path: str, allowed: bool,
) -> None:
    ui = open_ui(user)
    ui.open(f"/voila/render/{path}")
    assert "認証済み" in ui.widget("anshin-identity").inner_text()
    gate = ui.widget("anshin-role-gate")
    if allowed:
        assert gate.count() == 0
        body = f"anshin-{path.removesuffix('.ipynb')}"
        assert ui.widget(body).count() == 1
    else:
        assert gate.count() == 1
        assert "あなたの役割は" in gate.inner_text()
        assert ui.widget("anshin-session").count() == 0
    ui.shot(f"{user}-{path.removesuffix('.ipynb')}")


def test_the_browser_is_told_to_load_nothing_from_outside(open_ui: Callable[..., UI]) -> None:
    ui = open_ui()
    response = ui.page.request.get(f"{ui.base}/voila/render/session.ipynb", timeout=60_000)
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    page = ui.open("/voila/render/session.ipynb")
    ui.widget("anshin-header").wait_for()
    violations = page.evaluate("""async () => {
        const seen = [];
        document.addEventListener("securitypolicyviolation", (e) => seen.push(e.blockedURI));
        try { await fetch("http://127.0.0.2:9/beacon"); } catch (e) { /* refused */ }
        await new Promise((resolve) => setTimeout(resolve, 300));
        return seen;
    }""")
    assert any("127.0.0.2" in uri for uri in violations)
    assert ui.watch.outside == []
