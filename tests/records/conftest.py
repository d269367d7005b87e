"""Record fixtures: a real SQLite store and archive in a temporary folder, the training model
server over real HTTP, and the engine wired to the real gateway and the RecordWriter."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/browser.py

from records_helpers import Rig, make_rig

from anshin.policy import Policy, load_policy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy(ROOT / "policy" / "niiza.toml")


@pytest.fixture(scope="session")
def model_server() -> Iterator[object]:
    from anshin.model_server import start_in_thread

    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    yield server
    server.stop()


@pytest.fixture
def rig(tmp_path: Path, policy: Policy, model_server: object) -> Iterator[Rig]:
    rig = make_rig(tmp_path, policy, model_server)
    yield rig
    rig.store.dispose()
