"""What a binder-style host does with `binder/`: a fresh virtual environment, `pip install -r
binder/requirements.txt` from the repository root, `binder/postBuild`, then `binder/start`
with no command — the training model server and Voila on the training page, in training mode,
with no secret anywhere. The page must answer 200 and show its 研修 label in a real browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browser import LOCALE, launch_chromium
from playwright.sync_api import sync_playwright
from support import stop_group

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "binder"
INSTALL_TIMEOUT_S = 420
START_TIMEOUT_S = 90


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh venv with binder/requirements.txt installed and postBuild run (pip's wheel
    cache makes the second run quick)."""
    home = tmp_path_factory.mktemp("binder")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    model_port, page_port = free_ports(2)
    services = home / "services.toml"
    services.write_text(
        (ROOT / "policy" / "services.toml").read_text(encoding="utf-8")
        .replace("http://127.0.0.1:8765/v1", f"http://127.0.0.1:{model_port}/v1"),
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANSHIN_", "JUPYTERHUB_", "VIRTUAL_ENV", "PYTHON"))}
    env.update({
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "ANSHIN_VAR": str(home / "var"), "ANSHIN_ARCHIVE": str(home / "archive"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_MODEL_PORT": str(model_port),
        "PORT": str(page_port),
    })
    started = time.monotonic()
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                    "-r", "binder/requirements.txt"],
                   cwd=ROOT, env=env, check=True, timeout=INSTALL_TIMEOUT_S)
    subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=env, check=True, timeout=120)
    env["ANSHIN_TEST_INSTALL_S"] = f"{time.monotonic() - started:.1f}"
    yield env


def test_binder_start_serves_the_training_page_with_the_model_server_and_no_secrets(
        binder_env: dict[str, str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / "start.log", "w")
    proc = subprocess.Popen(["bash", "binder/start"], cwd=ROOT, env=binder_env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{binder_env['PORT']}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        status = 0
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                response = httpx.get(url, timeout=60)
                status = response.status_code
                if status == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        assert status == 200, f"binder/start did not serve the page; see {SHOTS / 'start.log'}"
        assert "研修" in response.text
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_context(locale=LOCALE, viewport={"width": 1280, "height": 900}).new_page()
            page.goto(url, timeout=60_000)
            page.locator(".anshin-training-banner").wait_for(timeout=60_000)
            page.locator(".anshin-training-safe").click()
            page.locator(".anshin-training-review").wait_for(timeout=30_000)
            page.screenshot(path=str(SHOTS / "training-page.png"), full_page=True)
            assert "研修" in page.locator(".anshin-header").inner_text()
            assert "研修用の模擬応答" in page.locator(".anshin-training-output-text").inner_text()
            browser.close()
        home = Path(binder_env["ANSHIN_VAR"]).parent
        assert list((home / "archive-training").rglob("*.ipynb"))
        assert not (home / "archive").exists()
    finally:
        stop_group(proc)
        log.close()
