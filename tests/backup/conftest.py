"""Backup fixtures: the record tests' rig (a real SQLite store, archive and RecordWriter,
the training model server over HTTP) for the archive a backup restores."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "records"))

from records_helpers import Rig, make_rig  # noqa: E402

from anshin.model_server import RunningServer, start_in_thread  # noqa: E402
from anshin.policy import load_policy  # noqa: E402


@pytest.fixture(scope="module")
def model() -> Iterator[RunningServer]:
    server = start_in_thread("127.0.0.1", 0, chunk_delay_s=0.0)
    yield server
    server.stop()


@pytest.fixture
def rig(tmp_path: Path, model: RunningServer) -> Iterator[Rig]:
    rig = make_rig(tmp_path, load_policy(ROOT / "policy" / "niiza.toml"), model)
    yield rig
    rig.store.dispose()
