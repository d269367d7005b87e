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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The Hub folder runs last. After its tests, in the same pytest process, one browser test
    (tests/ui/test_accessibility.py::test_controls_carry_the_names_shown_beside_them) does not
    find the review page's verdict radios by their group's name within 10 s; it passes alone,
    after every other folder, and in a fresh process. The cause is not found yet (an open item
    of the accessibility work); until it is, the Hub's browsers and servers come after the UI
    suite's session-wide ones."""
    items.sort(key=lambda item: Path(str(item.fspath)).parent.name == "hub")
