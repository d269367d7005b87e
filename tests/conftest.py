"""Shared by every test folder: the repository root, and `tests/` on `sys.path` (pytest
inserts this file's folder), so helpers such as `browser` can be imported by any test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
