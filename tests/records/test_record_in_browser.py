"""Open a record the way an attacker hopes an auditor will: in a real Chromium, with every
attack string of TESTING.md in the session's texts. Nothing may run, pop up or load."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import LOCALE, launch_chromium
from records_helpers import PAYLOADS, full_session

from anshin.records import record_paths

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "records"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


def test_record_opens_in_chromium_with_japanese_text_and_nothing_executes(rig, chromium):
    view = full_session(rig)
    html = record_paths(rig.archive, view.session_id, view.created_at).html
    url = html.as_uri()

    page, seen = _open_and_watch(chromium, url)
    dialogs, requests, errors = seen["dialogs"], seen["requests"], seen["errors"]
    for element in page.locator("pre, td, .anshin-label").all()[:80]:
        element.hover()

    assert dialogs == []
    assert page.evaluate("window.__ran") == []
    assert [r for r in requests if r != url] == []
    assert errors == []
    assert page.url == url, "no redirect (meta refresh) happened"
    assert "pwned" not in page.title()
    assert page.evaluate("document.querySelectorAll('body script, body iframe, body img,"
                         " body svg, body details, body object, body embed, body link,"
                         " body style, body meta, body a[href^=javascript]').length") == 0

    body = page.locator("body").inner_text()
    assert page.locator("h1").inner_text() == "生成AI利用記録"
    for heading in ("利用目的（§4・§5）", "入力と確認（§6）", "生成（§3）", "レビュー（§7(1)・§7(2)）",
                    "決定（§7(3)）", "イベントの記録（ハッシュチェーン）"):
        assert page.get_by_role("heading", name=heading).is_visible()
    for payload in PAYLOADS:
        for line in payload.splitlines():
            assert line in body, f"shown as text: {line!r}"
    assert page.evaluate("document.documentElement.lang") == "ja"

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "record.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "record-top.png"))
    page.context.close()


def test_a_declared_source_with_attack_strings_shows_as_text_and_runs_nothing(rig, chromium):
    from test_published_record import URL, XSS_ISSUER, XSS_TITLE, declared_with_source

    view = declared_with_source(rig)
    url = record_paths(rig.archive, view.session_id, view.created_at).html.as_uri()
    page, seen = _open_and_watch(chromium, url)
    for element in page.locator("pre, td").all()[:60]:
        element.hover()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert page.evaluate("window.__ran") == []
    assert [r for r in seen["requests"] if r != url] == []
    assert page.evaluate("document.querySelectorAll('body script, body img, body svg,"
                         " body a[href^=javascript]').length") == 0
    body = page.locator("body").inner_text()
    for value in (XSS_TITLE, XSS_ISSUER, URL, "2025-04-01"):
        assert value in body, f"shown as text: {value!r}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_text("公開資料としての申告（§4(4)）").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "record-published-source.png"))
    page.context.close()


def test_the_watch_catches_a_live_payload(chromium, tmp_path):
    """The control: the same watch on an unsafe page does see the script run."""
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text("<html><body><img src=x onerror=alert(1)></body></html>", encoding="utf-8")
    page, seen = _open_and_watch(chromium, unsafe.as_uri())
    assert seen["dialogs"] == ["1"]
    assert page.evaluate("window.__ran") == ["alert"]
    page.context.close()


def _open_and_watch(browser, url: str):
    context = browser.new_context(locale=LOCALE, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.add_init_script("window.__ran = []; for (const f of ['alert', 'confirm', 'prompt'])"
                         " { const o = window[f]; window[f] = (...a) => { window.__ran.push(f);"
                         " return o.apply(window, a); }; }")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)  # time for ontoggle, onerror, meta refresh to fire if they could
    page.mouse.move(400, 400)
    return page, seen
