"""Issue 13, part 4: a trusted identity header counts only with the proxy's proof.

The attack: `anshin serve` with ANSHIN_IDENTITY_HEADER=X-Forwarded-User listens on
127.0.0.1, so any local client may send `X-Forwarded-User: kobayashi`. Without the shared
secret the configured proxy adds, that header must not make anyone the Director: the page says
who it is showing (the demo identity, 未認証), why, and grants no role above staff.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from browser import LOCALE
from support import stop_group
from ui_helpers import IDENTITY_HEADER, PAGE_TIMEOUT_MS, PROXY_SECRET, PROXY_SECRET_HEADER, UI

from anshin.model_server import RunningServer

pytestmark = pytest.mark.browser
OTHER_ADDRESS = "127.0.0.2"

FORGED_SECRETS = {
    "no-secret": None,
    "wrong-secret": "ui-tests-proxy-secret-5c0f2b9e7d4a41c9",
    "empty-secret": "",
}


@pytest.mark.parametrize("secret", FORGED_SECRETS.values(), ids=FORGED_SECRETS.keys())
def test_a_forged_identity_header_does_not_open_the_directors_admin_page(
        open_ui: Callable[..., UI], secret: str | None) -> None:
    ui = open_ui("kobayashi", secret=secret)
    ui.open("/voila/render/admin.ipynb")
    identity = ui.widget("anshin-identity").inner_text()
    assert "小林" not in identity
    assert "デモ 職員（市民課・職員）" in identity
    assert "未認証" in identity and "認証済み" not in identity
    note = ui.widget("anshin-identity-note")
    assert note.count() == 1
    assert "プロキシからの証明がない" in note.inner_text()
    assert ui.widget("anshin-role-gate").count() == 1
    assert ui.widget("anshin-admin").count() == 0
    ui.shot("forged-admin")


def test_the_same_header_with_the_proxys_secret_is_the_authenticated_director(
        open_ui: Callable[..., UI]) -> None:
    ui = open_ui("kobayashi")
    ui.open("/voila/render/admin.ipynb")
    identity = ui.widget("anshin-identity").inner_text()
    assert "小林 健（デジタル市役所推進室・デジタル市役所推進室長）" in identity
    assert "認証済み" in identity
    assert ui.widget("anshin-identity-note").count() == 0
    assert ui.widget("anshin-admin").count() == 1
    ui.shot("proxied-admin")


@pytest.fixture(scope="module")
def served_elsewhere(ui_env: dict[str, str], model_server: RunningServer) -> Iterator[str]:
    """`anshin serve` on another address (127.0.0.2, where a proxy on another host would reach
    it), which it accepts only with the proxy's header and secret configured."""
    with socket.socket() as s:
        s.bind((OTHER_ADDRESS, 0))
        port = s.getsockname()[1]
    env = {**os.environ, **ui_env, "ANSHIN_LISTEN": OTHER_ADDRESS}
    env.pop("JUPYTERHUB_USER", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "anshin.cli", "serve", "--port", str(port),
         "--model-port", str(model_server.port)],
        env=env, cwd=ui_env["ANSHIN_HOME"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    url = f"http://{OTHER_ADDRESS}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"anshin serve on {OTHER_ADDRESS} did not start")
            time.sleep(0.2)
        yield url
    finally:
        stop_group(proc)


def test_beyond_127_0_0_1_the_preheated_page_still_gets_the_proxys_proof(
        browser: Any, served_elsewhere: str) -> None:
    results = {}
    for name, headers in (("proxied", {IDENTITY_HEADER: "kobayashi",
                                       PROXY_SECRET_HEADER: PROXY_SECRET}),
                          ("forged", {IDENTITY_HEADER: "kobayashi"})):
        context = browser.new_context(locale=LOCALE, extra_http_headers=headers)
        page = context.new_page()
        page.goto(f"{served_elsewhere}/voila/render/session.ipynb", timeout=PAGE_TIMEOUT_MS)
        page.locator(".anshin-identity").wait_for(timeout=PAGE_TIMEOUT_MS)
        results[name] = page.locator(".anshin-identity").inner_text()
        context.close()
    assert "小林 健" in results["proxied"] and "認証済み" in results["proxied"]
    assert "デモ 職員" in results["forged"] and "未認証" in results["forged"]
