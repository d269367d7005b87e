"""Browser tests as a user would: the real `anshin serve` (Voila in its own process group),
the training model server over HTTP in this process, and Debian's Chromium via Playwright.

Everything the server writes goes to a temporary folder (ANSHIN_* variables); identities
come from a trusted-proxy header (X-Forwarded-User) so each test can act as someone else,
sent with the proxy's shared secret (X-Anshin-Proxy-Secret) as a real reverse proxy would.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import launch_args
from support import sim_services_toml, stop_group
from ui_helpers import (
    IDENTITY_HEADER,
    PROXY_SECRET,
    SHOTS,
    UI,
    free_port,
    page_opener,
    start_serve,
)

from anshin.app import Anshin
from anshin.model_server import RunningServer, start_in_thread
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


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
def serve_process(ui_env: dict[str, str], model_server: RunningServer
                  ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`anshin serve` on a free port for the whole run: its URL and its process."""
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / "serve.log", "w")
    proc = start_serve(ui_env, port, model_server.port, log)
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop_group(proc)
        log.close()


@pytest.fixture(scope="session")
def server_url(serve_process: tuple[str, subprocess.Popen]) -> str:
    return serve_process[0]


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
    make, close_all = page_opener(browser, server_url, re.sub(r"^test_", "", request.node.name))
    yield make
    close_all()
