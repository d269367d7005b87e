"""The append-only, hash-chained store: durable, concurrent, tamper-evident — the same code
and the same tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from anshin.store import GENESIS, SCHEMA_VERSION, EventStore, NewEvent, chain_hash


def _drop_guards(conn, url: str) -> None:
    if url.startswith("sqlite"):
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("DROP TRIGGER events_no_delete")
    else:
        conn.execute("DROP TRIGGER events_no_change ON events")


def test_events_chain_from_genesis(any_store):
    store, _url, _connect = any_store
    a = store.append(NewEvent("test.a", "yamada", "s1", {"x": 1}))
    b = store.append(NewEvent("test.b", "yamada", "s1", {"x": "日本語"}))
    assert a.prev_hash == GENESIS and b.prev_hash == a.hash
    assert b.hash == chain_hash(a.hash, b.body())
    assert store.verify_chain() == (2, None)


def test_update_and_delete_are_rejected_by_the_database(any_store):
    store, _url, connect = any_store
    store.append(NewEvent("test", "yamada", "s1", {"x": 1}))
    conn = connect()
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE events SET actor='sato'")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM events")
    assert store.verify_chain() == (1, None)


def test_tampered_row_is_named_with_expected_and_found_hash(any_store):
    store, url, connect = any_store
    for i in range(5):
        store.append(NewEvent("test", "yamada", "s1", {"i": i}))
    conn = connect()
    _drop_guards(conn, url)
    conn.execute("""UPDATE events SET payload='{"i":99}' WHERE seq=3""")
    _count, problem = store.verify_chain()
    assert problem is not None and "seq=3" in problem.where
    assert problem.expected != problem.found


def test_deleting_the_newest_events_is_detected_by_the_head_file(any_store):
    store, url, connect = any_store
    for i in range(5):
        store.append(NewEvent("test", "yamada", "s1", {"i": i}))
    conn = connect()
    _drop_guards(conn, url)
    conn.execute("DELETE FROM events WHERE seq >= 4")
    _count, problem = store.verify_chain()
    assert problem is not None
    assert "seq=5" in problem.expected and "seq=3" in problem.found


def test_nul_control_characters_and_emoji_are_stored_faithfully(any_store):
    store, _url, _connect = any_store
    text = "改行\nタブ\tNUL\x00ベル\x07絵文字😀𠮷"
    ev = store.append(NewEvent("test", "yamada", "s1", {"t": text}))
    assert store.read(session_id="s1")[0].payload["t"] == text
    assert store.verify_chain()[1] is None and ev.seq == 1


def test_schema_has_a_version_and_reopening_keeps_it(any_store, tmp_path):
    store, url, _connect = any_store
    assert store.schema_version == SCHEMA_VERSION == 3
    again = EventStore(url, tmp_path / "chain-head.json")
    assert again.schema_version == SCHEMA_VERSION
    again.dispose()


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from anshin.store import EventStore, NewEvent
    url, head, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = EventStore(url, Path(head))
    print("ready", flush=True)
    for i in range(count):
        store.append(NewEvent("test.concurrent", name, name, {"i": i}))
        print(i, flush=True)
""")


def _writer(url: str, head, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, str(head), name, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_writer_processes_lose_nothing_and_never_see_lock_errors(any_store, tmp_path):
    store, url, _connect = any_store
    writers, each = (8, 200) if url.startswith("sqlite") else (20, 100)
    procs = [_writer(url, tmp_path / "chain-head.json", f"w{n}", each) for n in range(writers)]
    for p in procs:
        _out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "locked" not in err
    count, problem = store.verify_chain()
    assert problem is None and count == writers * each
    for n in range(writers):
        mine = [e.payload["i"] for e in store.read(session_id=f"w{n}")]
        assert mine == list(range(each))


def test_writer_killed_mid_stream_loses_nothing_committed(any_store, tmp_path):
    _store, url, _connect = any_store
    proc = _writer(url, tmp_path / "chain-head.json", "victim", 100_000)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    acknowledged = -1
    deadline = time.monotonic() + 60
    while acknowledged < 300 and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    reopened = EventStore(url, tmp_path / "chain-head.json")
    count, problem = reopened.verify_chain()
    assert problem is None
    values = [e.payload["i"] for e in reopened.read(session_id="victim")]
    assert values == list(range(len(values)))
    assert len(values) >= acknowledged + 1
    head = json.loads((tmp_path / "chain-head.json").read_text())
    assert head["size"] <= count
    reopened.dispose()
