"""Shared by every test folder: the repository root, and `tests/` on `sys.path` (pytest
inserts this file's folder), so helpers such as `browser` can be imported by any test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server on loopback, started once for the run. In CI its absence is
    a failure, not a skip: the store must be proven on both engines."""
    import pg_server as pg

    reason = pg.available()
    if reason and os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run: {reason}")
    if reason:
        pytest.skip(reason)
    server = pg.start()
    yield server
    server.stop()
