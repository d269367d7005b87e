"""`verify_all` and `anshin verify`: a good store is 正常; any changed event, changed or
missing record file, stray file, or cut-off newest events is named."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from records_helpers import AUTHOR, declared, full_session

from anshin.records import record_paths
from anshin.store import EventNotAuthentic
from anshin.verify import verify_all

ROOT = Path(__file__).resolve().parents[2]


def _sql(rig, *statements: str) -> None:
    """Change the database behind the store's back, the way an intruder with file access would."""
    rig.store.dispose()
    con = sqlite3.connect(rig.db_path)
    con.execute("DROP TRIGGER IF EXISTS events_no_update")
    con.execute("DROP TRIGGER IF EXISTS events_no_delete")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


@pytest.fixture
def lived(rig):
    view = full_session(rig)
    declared(rig)  # a second, unfinished session
    return view


def test_a_good_store_and_archive_verify_as_正常(rig, lived):
    report = verify_all(rig.store, rig.archive)
    assert report.ok, report.render()
    text = report.render()
    assert text.startswith("正常 / OK")
    assert report.sessions == 2 and report.files == 4
    assert f"イベント {report.events} 件" in text


def test_a_changed_event_payload_is_named(rig, lived):
    target = rig.store.read(session_id=lived.session_id, kinds=["decision.made"])[0]
    _sql(rig, "UPDATE events SET payload = replace(payload, '\"outcome\":\"adopted_with_edits\"',"
              f" '\"outcome\":\"rejected\"') WHERE seq = {target.seq}")
    assert rig.store.event_at(target.seq, check=False).payload["outcome"] == "rejected"
    with pytest.raises(EventNotAuthentic):  # and the engine refuses to act on it
        rig.store.event_at(target.seq)
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    text = report.render()
    assert text.startswith("改ざんの疑い / MISMATCH")
    assert f"event seq={target.seq} id={target.event_id}" in text
    assert "expected" in text and "found" in text


@pytest.mark.parametrize("fmt", ["ipynb", "html"])
def test_a_changed_byte_in_a_record_file_is_named(rig, lived, fmt):
    paths = record_paths(rig.archive, lived.session_id, lived.created_at)
    path = paths.ipynb if fmt == "ipynb" else paths.html
    data = bytearray(path.read_bytes())
    at = data.index("採用".encode())
    data[at + 2] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert str(path) in report.render()
    assert "記録ファイルの内容が書き出し時のハッシュと一致しません" in report.render()


def test_deleting_the_newest_events_is_named_by_the_chain_head(rig, lived):
    seq, _ = rig.store.head()
    _sql(rig, f"DELETE FROM events WHERE seq > {seq - 3}")
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert "chain head file" in report.render()
    assert f"seq={seq}" in report.render()


def test_deleting_the_newest_events_and_the_checkpoint_is_named(rig, lived):
    seq, _ = rig.store.head()
    _sql(rig, f"DELETE FROM events WHERE seq > {seq - 4}")
    rig.head_path.unlink()
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert "署名されたチェックポイント（連鎖の先頭の控え）がありません" in report.render()


def test_deleting_events_and_replaying_an_older_checkpoint_is_named_by_the_records(rig, lived):
    """An older copy of the checkpoint is validly signed; the Merkle tree (which keeps the
    deleted leaves) and the records still know better: the tree is named first."""
    seq, _ = rig.store.head()
    older = rig.head_path.read_bytes()
    declared(rig)
    _sql(rig, f"DELETE FROM events WHERE seq > {seq}")
    rig.head_path.write_bytes(older)
    report = verify_all(rig.store, rig.archive)
    assert not report.ok, "the tree and the archive still know the newer events"
    assert "Merkle" in report.render() and "leaves" in report.render()


def test_a_missing_record_file_is_named(rig, lived):
    paths = record_paths(rig.archive, lived.session_id, lived.created_at)
    paths.html.unlink()
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert str(paths.html) in report.render() and "missing" in report.render()


def test_a_file_no_event_mentions_is_named(rig, lived):
    stray = rig.archive / "2026" / "01" / "forged.ipynb"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("{}", encoding="utf-8")
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert str(stray) in report.render()


def test_a_session_whose_record_was_never_written_after_its_last_event_is_named(rig, lived):
    view = declared(rig)
    rig.engine.recorder = None  # as if the export had failed
    rig.engine.abandon(view.session_id, AUTHOR, "中止")
    report = verify_all(rig.store, rig.archive)
    assert not report.ok
    assert f"session {view.session_id}" in report.render()
    assert "export failed" in report.render()


def _cli(rig, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ,
           "ANSHIN_HOME": str(rig.root),
           "ANSHIN_DATABASE_URL": f"sqlite:///{rig.db_path}",
           "ANSHIN_ARCHIVE": str(rig.archive),
           "ANSHIN_CHAIN_HEAD": str(rig.head_path),
           "ANSHIN_POLICY": str(ROOT / "policy" / "niiza.toml"),
           "ANSHIN_STAFF": str(ROOT / "policy" / "staff.csv"),
           "ANSHIN_SERVICES": str(rig.root / "services.toml")}
    return subprocess.run([sys.executable, "-m", "anshin.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_anshin_verify_prints_正常_and_exits_0_on_a_good_store(rig, lived):
    rig.store.dispose()
    done = _cli(rig, "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("正常 / OK")


def test_anshin_verify_exits_non_zero_naming_a_tampered_event(rig, lived):
    target = rig.store.read(session_id=lived.session_id, kinds=["session.declared"])[0]
    _sql(rig, f"UPDATE events SET actor = 'intruder' WHERE seq = {target.seq}")
    done = _cli(rig, "verify")
    assert done.returncode != 0
    assert "改ざんの疑い / MISMATCH" in done.stdout
    assert f"event seq={target.seq}" in done.stdout


def test_rebuild_records_repairs_a_failed_export_and_verify_is_green_again(rig, lived):
    view = declared(rig)
    rig.engine.recorder = None  # as if the export had failed (or the process died)
    rig.engine.abandon(view.session_id, AUTHOR, "中止")
    rig.store.dispose()
    done = _cli(rig, "rebuild-records")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 件" in done.stdout
    assert _cli(rig, "verify").stdout.startswith("正常 / OK")


def test_rebuild_records_never_overwrites_a_tampered_record(rig, lived):
    view = declared(rig)
    rig.engine.recorder = None
    rig.engine.abandon(view.session_id, AUTHOR, "中止")
    ipynb = record_paths(rig.archive, view.session_id, view.created_at).ipynb
    ipynb.write_bytes(ipynb.read_bytes() + b" ")
    rig.store.dispose()
    done = _cli(rig, "rebuild-records")
    assert done.returncode == 1 and view.session_id in done.stderr
    report = _cli(rig, "verify")
    assert report.returncode != 0 and "MISMATCH" in report.stdout
