"""The append-only, hash-chained store: durable, concurrent, tamper-evident."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from anshin.store import GENESIS, EventStore, NewEvent, chain_hash


def test_events_chain_from_genesis(store):
    a = store.append(NewEvent("test.a", "yamada", "s1", {"x": 1}))
    b = store.append(NewEvent("test.b", "yamada", "s1", {"x": "日本語"}))
    assert a.prev_hash == GENESIS and b.prev_hash == a.hash
    assert b.hash == chain_hash(a.hash, b.body())
    assert store.verify_chain() == (2, None)


def test_update_and_delete_are_rejected_by_the_database(store, tmp_path):
    store.append(NewEvent("test", "yamada", "s1", {"x": 1}))
    conn = sqlite3.connect(tmp_path / "anshin.db")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET actor='sato'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events")


def test_tampered_row_is_named_with_expected_and_found_hash(store, tmp_path):
    for i in range(5):
        store.append(NewEvent("test", "yamada", "s1", {"i": i}))
    conn = sqlite3.connect(tmp_path / "anshin.db")
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("""UPDATE events SET payload='{"i":99}' WHERE seq=3""")
    conn.commit()
    _count, problem = store.verify_chain()
    assert problem is not None and "seq=3" in problem.where
    assert problem.expected != problem.found


def test_deleting_the_newest_events_is_detected_by_the_head_file(store, tmp_path):
    for i in range(5):
        store.append(NewEvent("test", "yamada", "s1", {"i": i}))
    conn = sqlite3.connect(tmp_path / "anshin.db")
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE seq >= 4")
    conn.commit()
    _count, problem = store.verify_chain()
    assert problem is not None
    assert "seq=5" in problem.expected and "seq=3" in problem.found


def test_nul_control_characters_and_emoji_are_stored_faithfully(store):
    text = "改行\nタブ\tNUL\x00ベル\x07絵文字😀𠮷"
    ev = store.append(NewEvent("test", "yamada", "s1", {"t": text}))
    assert store.read(session_id="s1")[0].payload["t"] == text
    assert store.verify_chain()[1] is None and ev.seq == 1


def test_schema_has_a_version_and_reopening_keeps_it(store, tmp_path):
    assert store.schema_version == 1
    again = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "chain-head.json")
    assert again.schema_version == 1


WRITER = textwrap.dedent("""
    import sys
    from anshin.store import EventStore, NewEvent
    url, head, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = EventStore(url, __import__("pathlib").Path(head))
    print("ready", flush=True)
    for i in range(count):
        store.append(NewEvent("test.concurrent", name, name, {"i": i}))
        print(i, flush=True)
""")


def _writer(tmp_path: Path, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, f"sqlite:///{tmp_path / 'anshin.db'}",
         str(tmp_path / "chain-head.json"), name, str(count)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_eight_processes_append_concurrently_without_loss_or_lock_errors(store, tmp_path):
    procs = [_writer(tmp_path, f"w{n}", 200) for n in range(8)]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "locked" not in err
    count, problem = store.verify_chain()
    assert problem is None and count == 1600
    for n in range(8):
        mine = [e.payload["i"] for e in store.read(session_id=f"w{n}")]
        assert mine == list(range(200))


def test_writer_killed_mid_stream_loses_nothing_committed(store, tmp_path):
    proc = _writer(tmp_path, "victim", 100_000)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    acknowledged = -1
    deadline = time.monotonic() + 30
    while acknowledged < 300 and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    reopened = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "chain-head.json")
    count, problem = reopened.verify_chain()
    assert problem is None
    values = [e.payload["i"] for e in reopened.read(session_id="victim")]
    assert values == list(range(len(values)))
    assert len(values) >= acknowledged + 1
    head = json.loads((tmp_path / "chain-head.json").read_text())
    assert head["seq"] <= count
