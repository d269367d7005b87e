"""Browser tests as a user would: the real `anshin serve` (Voila in its own process group),
the training model server over HTTP in this process, and Debian's Chromium via Playwright.

Everything the server writes goes to a temporary folder (ANSHIN_* variables); identities
come from a trusted-proxy header (X-Forwarded-User) so each test can act as someone else,
sent with the proxy's shared secret (X-Anshin-Proxy-Secret) as a real reverse proxy would.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser import LOCALE, launch_args
from support import sim_services_toml, stop_group
from ui_helpers import IDENTITY_HEADER, PROXY_SECRET, PROXY_SECRET_HEADER, SHOTS, UI, Watch

from anshin.app import Anshin
from anshin.model_server import RunningServer, start_in_thread
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ACTION_TIMEOUT_MS = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright: Debian's Chromium with the arguments these machines need."""
    return {**launch_args(), "headless": True}


@pytest.fixture(scope="session")
def model_server() -> Iterator[RunningServer]:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.02)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ui_env(tmp_path_factory: pytest.TempPathFactory, model_server: RunningServer) -> dict[str, str]:
    """ANSHIN_* variables pointing at a temporary folder and at the test model server."""
    home = tmp_path_factory.mktemp("anshin-ui")
    var = home / "var"
    var.mkdir()
    services = home / "services.toml"
    services.write_text(sim_services_toml(model_server.url, training_only=True), encoding="utf-8")
    return {
        "ANSHIN_HOME": str(home),
        "ANSHIN_VAR": str(var),
        "ANSHIN_DATABASE_URL": f"sqlite:///{var / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(home / "archive"),
        "ANSHIN_CHAIN_HEAD": str(var / "chain-head.json"),
        "ANSHIN_SERVICES": str(services),
        "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
        "ANSHIN_USER": "demo",
        "ANSHIN_IDENTITY_HEADER": IDENTITY_HEADER,
        "ANSHIN_PROXY_SECRET": PROXY_SECRET,
    }


@pytest.fixture(scope="session")
def engine(ui_env: dict[str, str]) -> Anshin:
    """The engine on the same store, from the test process (suspend, read, search)."""
    return Anshin.from_settings(Settings.from_env(ui_env))


@pytest.fixture(scope="session")
def server_url(ui_env: dict[str, str], model_server: RunningServer) -> Iterator[str]:
    """`anshin serve` on a free port, in its own process group, killed at the end."""
    port = free_port()
    env = {**os.environ, **ui_env}
    env.pop("JUPYTERHUB_USER", None)
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / "serve.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "anshin.cli", "serve", "--port", str(port),
         "--model-port", str(model_server.port)],
        env=env, cwd=ui_env["ANSHIN_HOME"], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"anshin serve exited with {proc.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("anshin serve did not answer within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_group(proc)
        log.close()


@pytest.fixture
def sim(model_server: RunningServer) -> RunningServer:
    """The model server with its counters and faults reset for this test."""
    model_server.reset()
    return model_server


@pytest.fixture
def open_ui(browser: Any, server_url: str, request: pytest.FixtureRequest
            ) -> Iterator[Callable[..., UI]]:
    """Open a page context for a user (`None`: the unauthenticated demo identity). The user
    header goes with the proxy's secret unless `secret` says otherwise (None: no secret)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    contexts = []
    test_name = re.sub(r"^test_", "", request.node.name)

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

    yield make
    for context in contexts:
        context.close()
