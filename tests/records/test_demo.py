"""`anshin demo` (issue 15, part 6): N decided sessions through the engine's own calls on a
real SQLite store, varied, repeatable by seed, every record marked demo/training, and the
archive verifies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from anshin.app import Anshin
from anshin.demo import fill
from anshin.lifecycle import RECORD_KINDS, Kind, State
from anshin.settings import Settings
from anshin.verify import verify_all

ROOT = Path(__file__).resolve().parents[2]


def _env(root: Path) -> dict[str, str]:
    return {"ANSHIN_HOME": str(ROOT), "ANSHIN_VAR": str(root / "var"),
            "ANSHIN_ARCHIVE": str(root / "archive")}


def _app(root: Path) -> Anshin:
    return Anshin.from_settings(Settings.from_env(_env(root)))


def _shape(view) -> tuple:
    kinds = tuple(ev.kind for ev in view.events if ev.kind not in RECORD_KINDS)
    return view.category, view.decision.outcome, kinds


def test_demo_fills_the_store_with_varied_decided_sessions_marked_in_every_record(tmp_path):
    app = _app(tmp_path / "a")
    views = fill(app, 8, seed=3)
    assert len(views) == 8 and all(v.state == State.DECIDED for v in views)
    assert len({v.decision.outcome for v in views}) >= 2
    assert len({v.category for v in views}) >= 3
    assert any(Kind.INPUT_REDACTED in (ev.kind for ev in v.events) for v in views)
    assert all(v.demo and v.training and not v.author_authenticated for v in views)
    for path in (tmp_path / "a" / "archive").rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["anshin"]["demo"] is True
        assert "【デモ・研修用データ】" in nb.cells[0].source
        assert "デモ・研修用のデータです" in path.with_suffix(".html").read_text(encoding="utf-8")
    report = verify_all(app.store, app.settings.archive_dir)
    assert report.ok, report.render()
    again = fill(_app(tmp_path / "b"), 8, seed=3)
    assert [_shape(v) for v in again] == [_shape(v) for v in views], "the seed decides"
    app.store.dispose()


def test_the_demo_command_reports_what_it_made(tmp_path):
    env = {**_env(tmp_path), "PATH": str(Path(sys.executable).parent)}
    anshin = str(Path(sys.executable).parent / "anshin")
    subprocess.run([anshin, "init"], env=env, check=True, capture_output=True, timeout=120)
    done = subprocess.run([anshin, "demo", "--sessions", "2", "--seed", "1"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "デモ用セッションを 2 件作成しました" in done.stdout
