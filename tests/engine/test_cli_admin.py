"""The Director's command-line tools on the server: importing trademarks (§6(4))."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str, operator: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANSHIN_POLICY": str(tmp_path / "policy" / "niiza.toml"),
           "ANSHIN_VAR": str(tmp_path / "var"), "ANSHIN_ARCHIVE": str(tmp_path / "archive")}
    env.pop("ANSHIN_OPERATOR", None)
    if operator:
        env["ANSHIN_OPERATOR"] = operator
    return subprocess.run([sys.executable, "-m", "anshin.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_director_imports_trademarks_and_bad_lines_are_named(tmp_path):
    shutil.copytree(ROOT / "policy", tmp_path / "policy")
    before = (tmp_path / "policy" / "trademarks.csv").read_text(encoding="utf-8").count("\n")
    new = tmp_path / "new.csv"
    new.write_text("mark,reading,owner,registration_number,source\n"
                   "ハイパーレスキュー号,はいぱーれすきゅーごう,架空の権利者,,テスト用\n"
                   ",,名前のない行,,\n", encoding="utf-8-sig")
    done = _run(tmp_path, "import-trademarks", str(new), operator="kobayashi")
    assert done.returncode == 0, done.stderr
    assert "1 件追加" in done.stdout
    assert "3" in done.stderr  # the bad line is named by its number
    after = (tmp_path / "policy" / "trademarks.csv").read_text(encoding="utf-8")
    assert "ハイパーレスキュー号" in after and after.count("\n") == before + 1


def test_only_the_director_imports_trademarks(tmp_path):
    shutil.copytree(ROOT / "policy", tmp_path / "policy")
    new = tmp_path / "new.csv"
    new.write_text("mark,reading,owner,registration_number,source\nテスト印,,,,\n", encoding="utf-8")
    done = _run(tmp_path, "import-trademarks", str(new), operator="yamada")
    assert done.returncode == 2 and "推進室長" in done.stderr
    assert "テスト印" not in (tmp_path / "policy" / "trademarks.csv").read_text(encoding="utf-8")
