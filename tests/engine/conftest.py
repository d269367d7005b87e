"""Engine fixtures: a real SQLite store in a temporary folder, the project's policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from anshin.identity import StaffDirectory
from anshin.policy import Policy, load_policy
from anshin.store import EventStore

ROOT = Path(__file__).resolve().parents[2]


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
