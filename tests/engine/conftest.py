"""Engine fixtures: a real SQLite store in a temporary folder, the project's policy."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from anshin.identity import StaffDirectory
from anshin.policy import Policy, load_policy
from anshin.store import EventStore

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy(ROOT / "policy" / "niiza.toml")


@pytest.fixture(scope="session")
def directory() -> StaffDirectory:
    return StaffDirectory.load(ROOT / "policy" / "staff.csv")




@pytest.fixture
def store(tmp_path: Path) -> EventStore:
    s = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "chain-head.json")
    yield s
    s.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path: Path):
    """The same store code on both engines: (store, url, raw connection factory)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'anshin.db'}"
        import sqlite3

        def connect():
            conn = sqlite3.connect(tmp_path / "anshin.db")
            conn.isolation_level = None
            return conn
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database()

        def connect():
            return server.connect(url)
    s = EventStore(url, tmp_path / "chain-head.json")
    yield s, url, connect
    s.dispose()


@pytest.fixture(scope="session")
def model_server():
    """The training model server over real HTTP, no chunk delay."""
    from anshin.model_server import start_in_thread

    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    yield server
    server.stop()


@pytest.fixture
def sim(model_server):
    """The model server with its counters and fault queue reset for this test."""
    import httpx

    base = model_server.url.removesuffix("/v1")
    httpx.post(f"{base}/_sim/reset", timeout=5)
    yield model_server


@pytest.fixture
def engine(tmp_path, store, policy, sim):
    """A SessionService wired to the real gateway and the real model server."""
    from engine_helpers import write_services

    from anshin.gateway import Gateway, RetryPolicy
    from anshin.services import ServiceRegistry
    from anshin.session import SessionService

    registry = ServiceRegistry(store, write_services(tmp_path / "services.toml", sim.url))
    gateway = Gateway(store, registry, policy, RetryPolicy(max_attempts=3, base_delay_s=0.05))
    return SessionService(store, policy, gateway=gateway)
