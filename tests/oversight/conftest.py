"""Oversight fixtures: the whole engine (`Anshin`) on a temporary folder, the training model
server over real HTTP, and sessions driven to review through the real gateway."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import sim_services_toml

from anshin.app import Anshin
from anshin.model_server import RunningServer, start_in_thread
from anshin.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def model_server() -> Iterator[RunningServer]:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    yield server
    server.stop()


def make_app(home: Path, model_url: str, database_url: str | None = None) -> Anshin:
    var = home / "var"
    var.mkdir(parents=True, exist_ok=True)
    services = home / "services.toml"
    services.write_text(sim_services_toml(model_url), encoding="utf-8")
    env = {
        "ANSHIN_HOME": str(home), "ANSHIN_VAR": str(var),
        "ANSHIN_DATABASE_URL": database_url or f"sqlite:///{var / 'anshin.db'}",
        "ANSHIN_ARCHIVE": str(home / "archive"), "ANSHIN_CHAIN_HEAD": str(var / "chain-head.json"),
        "ANSHIN_SERVICES": str(services), "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
        "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"), "ANSHIN_USER": "demo",
    }
    return Anshin.from_settings(Settings.from_env(env))


@pytest.fixture
def app(tmp_path: Path, model_server: RunningServer) -> Iterator[Anshin]:
    a = make_app(tmp_path, model_server.url)
    yield a
    a.store.dispose()




@pytest.fixture
def pg_app(tmp_path: Path, model_server: RunningServer, pg_server) -> Iterator[Anshin]:
    a = make_app(tmp_path, model_server.url, pg_server.create_database())
    yield a
    a.store.dispose()
