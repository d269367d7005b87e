"""A real JupyterHub on loopback for the multi-user tests: the deployment's own
`deploy/jupyterhub_config.py`, configurable-http-proxy from npm (deploy/node_modules), a
test authenticator with its own password table, staff servers spawned as `anshin.hub_singleuser`,
the gateway as a Hub-managed service holding the (fake) model key, which it reads from a
keys file of mode 0600 (never from the Hub's environment or database), and the engine service
holding the store: a real PostgreSQL that takes TCP logins only with a password, whose URL is in
a file of mode 0600, and the signing key beside it. The model server is reached through a
witness that records the key each call carried.

Everything the Hub, its servers and kernels write goes to a temporary folder; every process
they start carries that folder in ANSHIN_HOME, which is how teardown finds any survivor.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser import LOCALE, launch_chromium
from hub_helpers import (
    ACTIVITY_INTERVAL_S,
    CHP,
    HUB_READY_TIMEOUT_S,
    MODEL_KEY,
    MODEL_KEY_VAR,
    OBSERVER_TOKEN,
    PAGE_TIMEOUT_MS,
    PASSWORDS,
    PG_PASSWORD,
    ROOT,
    SHOTS,
    Hub,
    KeyWitness,
    StaffBrowser,
    processes_with,
)
from playwright.sync_api import sync_playwright
from support import sim_services_toml

from anshin.app import Anshin
from anshin.model_server import RunningServer, start_in_thread
from anshin.settings import Settings


def free_ports(count: int) -> list[int]:
    """`count` free loopback ports, held open together so they are distinct."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="module")
def hub_browser() -> Iterator[Any]:
    """Debian's Chromium for this module only. Not pytest-playwright's session-wide `browser`:
    its event loop would stay running and break later tests that use `sync_playwright()` or
    `asyncio.run()` themselves."""
    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def model_server() -> Iterator[RunningServer]:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.01)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hub_pg() -> Iterator[Any]:
    """The city's PostgreSQL: over TCP only with the password the engine service holds."""
    import pg_server as pg

    reason = pg.available()
    if reason and os.environ.get("CI"):
        pytest.fail(f"the Hub tests need PostgreSQL: {reason}")
    if reason:
        pytest.skip(reason)
    server = pg.start(password=PG_PASSWORD)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, model_server: RunningServer,
        hub_pg: Any) -> Iterator[Hub]:
    if not CHP.exists():
        pytest.fail(f"{CHP} is missing: run `npm ci --prefix deploy` (make test does)")
    home = tmp_path_factory.mktemp("anshin-hub")
    (home / "var").mkdir()
    store_dir = home / "engine"   # the store's head, key and URL: the engine service's alone
    store_dir.mkdir(mode=0o700)
    url_file = store_dir / "database-url"
    url_file.touch(mode=0o600)
    url_file.write_text(hub_pg.create_database() + "\n", encoding="utf-8")
    witness = KeyWitness(model_server.url.removesuffix("/v1"))
    services = home / "services.toml"
    services.write_text(sim_services_toml(witness.start() + "/v1", api_key_env=MODEL_KEY_VAR),
                        encoding="utf-8")
    keys = home / "model-keys.toml"
    keys.touch(mode=0o600)
    keys.write_text(f'{MODEL_KEY_VAR} = "{MODEL_KEY}"\n', encoding="utf-8")
    passwords = home / "passwords.json"
    passwords.write_text(json.dumps(PASSWORDS), encoding="utf-8")
    hub_port, api_port, internal_port, gateway_port, engine_port = free_ports(5)
    settings = {
        "ANSHIN_HOME": str(home),
        "ANSHIN_VAR": str(home / "var"),
        "ANSHIN_DATABASE_URL_FILE": str(url_file),
        "ANSHIN_ARCHIVE": str(home / "archive"),
        "ANSHIN_CHAIN_HEAD": str(store_dir / "chain-head.json"),
        "ANSHIN_SIGNING_KEY": str(store_dir / "signing.key"),
        "ANSHIN_SERVICES": str(services),
        "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
    }
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANSHIN_", "JUPYTERHUB_"))}
    env.update(settings)
    env.update({
        "ANSHIN_HUB_PORT": str(hub_port), "ANSHIN_HUB_API_PORT": str(api_port),
        "ANSHIN_HUB_HUB_PORT": str(internal_port), "ANSHIN_GATEWAY_PORT": str(gateway_port),
        "ANSHIN_ENGINE_PORT": str(engine_port),
        "ANSHIN_TEST_PASSWORDS": str(passwords), "ANSHIN_MODEL_KEYS_FILE": str(keys),
        "ANSHIN_TEST_OBSERVER_TOKEN": OBSERVER_TOKEN,
        "ANSHIN_ACTIVITY_INTERVAL_S": str(ACTIVITY_INTERVAL_S),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    engine = Anshin.from_settings(Settings.from_env(settings))
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS / "hub.log", "w")
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(ROOT / "tests" / "hub" / "hub_config.py")],
        env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{hub_port}"
    marker = f"ANSHIN_HOME={home}"
    try:
        deadline = started + HUB_READY_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {proc.returncode}; see {SHOTS / 'hub.log'}")
            try:
                if httpx.get(f"{url}/hub/api", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyterhub did not answer within {HUB_READY_TIMEOUT_S} s")
            time.sleep(0.1)
        ready_s = time.monotonic() - started
        yield Hub(url, home, f"http://127.0.0.1:{gateway_port}",
                  f"http://127.0.0.1:{engine_port}", engine, ready_s, marker, witness)
    finally:
        _stop(proc, marker)
        witness.stop()
        log.close()


def _stop(proc: subprocess.Popen, marker: str) -> None:
    """Stop the Hub (it stops its servers and services), then kill any survivor we started."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    own_group = os.getpgid(0)
    for _ in range(2):
        survivors = processes_with(marker)
        if not survivors:
            return
        for pid in survivors:
            try:
                group = os.getpgid(pid)
                if group != own_group:
                    os.killpg(group, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.5)


@pytest.fixture
def staff_login(hub_browser: Any, hub: Hub) -> Iterator[Any]:
    """Log a user in through the Hub's form; they land on their own anshin page list."""
    contexts = []

    def login(name: str) -> StaffBrowser:
        context = hub_browser.new_context(locale=LOCALE, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        started = time.monotonic()
        page.goto(f"{hub.url}/hub/login", timeout=PAGE_TIMEOUT_MS)
        page.fill("input[name=username]", name)
        page.fill("input[name=password]", PASSWORDS[name])
        page.click("#login_submit")
        page.wait_for_url(re.compile(rf".*/user/{name}/.*"), timeout=PAGE_TIMEOUT_MS)
        page.locator(".anshin-pages").wait_for(timeout=PAGE_TIMEOUT_MS)
        return StaffBrowser(name, page, context, hub.url, time.monotonic() - started)

    yield login
    for context in contexts:
        context.close()
