"""What the browser tests share besides fixtures: a page as one user with numbered
screenshots, a watch on dialogs and outside requests, and fault injection."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from browser import LOCALE
from support import stop_group

from anshin.model_server import RunningServer

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "ui"
PAGE_TIMEOUT_MS = 60_000
# A page is usable once its body has filled in (widgets.pages marks the root until then).
PAGE_READY = ".anshin-page:not(.anshin-filling)"
# What the tests' reverse proxy sends: the user, and the secret that proves it sent it.
IDENTITY_HEADER = "X-Forwarded-User"
PROXY_SECRET_HEADER = "X-Anshin-Proxy-Secret"
PROXY_SECRET = "ui-tests-proxy-secret-5c0f2b9e7d4a41c8"


def queue_faults(server: RunningServer, *faults: dict[str, Any]) -> None:
    base = server.url.removesuffix("/v1")
    httpx.post(f"{base}/_sim/faults", json={"faults": list(faults)}, timeout=5).raise_for_status()


@dataclass
class Watch:
    """What a page did that it must not: dialogs opened, requests to anywhere but us."""

    allowed_prefixes: tuple[str, ...]
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        url = request.url
        if not url.startswith(self.allowed_prefixes):
            self.outside.append(url)

    def on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@dataclass
class UI:
    """One browser page as one user, with screenshots numbered by step."""

    page: Any
    base: str
    name: str
    watch: Watch
    shots: int = 0

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}", timeout=PAGE_TIMEOUT_MS)
        if path.startswith("/voila/render/"):
            self.page.locator(f"{PAGE_READY}, .anshin-start-error").first.wait_for(
                timeout=PAGE_TIMEOUT_MS)
        return self.page

    def shot(self, step: str) -> Path:
        self.shots += 1
        path = SHOTS / f"{self.name}-{self.shots:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def widget(self, css: str) -> Any:
        return self.page.locator(f".{css}")


def stats(server: RunningServer) -> dict[str, Any]:
    return server.stats()


def start_fresh(ui: UI) -> None:
    """Wait for the session page's first step or its offer of unfinished sessions (earlier
    tests leave some) and, if offered, start a new session instead."""
    page = ui.page
    page.locator(".anshin-category input[type=radio]:visible, .anshin-new-session:visible"
                 ).first.wait_for()
    if page.locator(".anshin-new-session:visible").count():
        page.locator(".anshin-new-session").click()


def declare(ui: UI, *, category: int = 1, purpose: str = "公開済みのお知らせを市民向けに要約するため",
            intended_use: str = "要約を下書きとして、担当者が確認してから掲載する") -> None:
    """Step 1: pick a §4 category by number, write purpose and intended use, register. A user
    with unfinished sessions (earlier tests) is first offered them: start a new one."""
    page = ui.page
    start_fresh(ui)
    page.locator(".anshin-category input[type=radio]").nth(category - 1).check()
    page.locator(".anshin-purpose textarea").fill(purpose)
    page.locator(".anshin-intended-use textarea").fill(intended_use)
    ui.shot("purpose")
    page.locator(".anshin-declare").click()
    page.locator(".anshin-step-input").wait_for(state="visible")
    page.locator(".anshin-declared").get_by_text("利用目的:").wait_for()


def check_text(ui: UI, text: str) -> None:
    """Step 2: type the text and press 確認する; wait for the screening result."""
    page = ui.page
    page.locator(".anshin-input textarea").fill(text)
    page.locator(".anshin-check").click()
    page.locator(".anshin-screening .anshin-highlight").wait_for()


def confirm(ui: UI) -> None:
    """Step 2: attest §6(1) and confirm; wait for step 3."""
    from playwright.sync_api import expect

    page = ui.page
    page.locator(".anshin-attest input").check()
    expect(page.locator(".anshin-confirm")).to_be_enabled()
    page.locator(".anshin-confirm").click()
    page.locator(".anshin-step-generate").wait_for(state="visible")
    page.locator(".anshin-sent-user").last.wait_for()  # a dialogue shows every question


def send(ui: UI) -> None:
    ui.page.locator(".anshin-send").click()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(ui_env: dict[str, str], port: int, model_port: int, log: Any
                ) -> subprocess.Popen:
    """`anshin serve` in its own process group; returns once its landing page answers."""
    env = {**os.environ, **ui_env}
    env.pop("JUPYTERHUB_USER", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "anshin.cli", "serve", "--port", str(port),
         "--model-port", str(model_port)],
        env=env, cwd=ui_env["ANSHIN_HOME"], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"anshin serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_group(proc)
    raise RuntimeError("anshin serve did not answer within 60 s")


ACTION_TIMEOUT_MS = 20_000


def page_opener(browser: Any, server_url: str, test_name: str
                ) -> tuple[Callable[..., UI], Callable[[], None]]:
    """Open pages for users on `server_url`, and a closer that closes each page as a user
    closes a tab (its unload handlers run, so the server hears of it) before its context."""
    contexts = []

    def make(user: str | None = None, *, secret: str | None = PROXY_SECRET) -> UI:
        headers = {IDENTITY_HEADER: user} if user else {}
        if user and secret is not None:
            headers[PROXY_SECRET_HEADER] = secret
        context = browser.new_context(locale=LOCALE, viewport={"width": 1280, "height": 900},
                                      extra_http_headers=headers)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        host = server_url.removeprefix("http://")
        watch = Watch((server_url, f"ws://{host}", "data:", "about:"))
        page.on("request", watch.on_request)
        page.on("dialog", watch.on_dialog)
        suffix = f"-{user}" if user and len(contexts) > 1 else ""
        return UI(page, server_url, test_name + suffix, watch)

    def close_all() -> None:
        for context in contexts:
            for page in context.pages:
                try:
                    page.close(run_before_unload=True)
                except Exception:  # noqa: BLE001 - a page the test already broke
                    pass
            context.close()

    return make, close_all
