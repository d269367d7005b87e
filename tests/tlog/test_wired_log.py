"""The transparency log as an auditor meets it, on real files: a store filled through the
engine (`anshin demo`), keys where the policy says, the `anshin` commands as subprocesses.

A full rebuild of the database with one early event changed passes the chain's own checks
but not `verify --checkpoint`, which names the event; a record edited, truncated or swapped
with another session's fails `verify-record` (no database); a deleted newest event is
named; every decided session left its signed, co-signed checkpoint; no key is anywhere in
the store, the records, the checkpoints or what the commands print."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from anshin import checkpoint as cp
from anshin import tlog_nodes
from anshin.lifecycle import Kind
from anshin.signing import load_key
from anshin.store import EventStore, canonical_json, chain_entry
from anshin.tlog_verify import SIG_COSIGNATURE, VerifierKey, parse_checkpoint

ROOT = Path(__file__).resolve().parents[2]
ANSHIN = str(Path(sys.executable).parent / "anshin")


def _env(root: Path) -> dict[str, str]:
    return {"ANSHIN_HOME": str(ROOT), "ANSHIN_VAR": str(root / "var"),
            "ANSHIN_ARCHIVE": str(root / "archive"), "ANSHIN_POLICY": str(root / "policy" /
                                                                           "niiza.toml"),
            "PATH": os.environ["PATH"], "HOME": str(root)}


def run(root: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([ANSHIN, *args], env=_env(root), capture_output=True, text=True,
                          timeout=300, cwd=root)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """Three decided demo sessions, the city's key and a witness key, and the checkpoint an
    auditor took afterwards (`old.txt`), with the public keys (`city.pub`, `witness.pub`)."""
    root = tmp_path_factory.mktemp("city")
    shutil.copytree(ROOT / "policy", root / "policy")
    policy = root / "policy" / "niiza.toml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        'witness_key = ""', 'witness_key = "file:witness.key"'), encoding="utf-8")
    keys = run(root, "keys", "init").stdout
    assert "証人の鍵を作成しました" in keys
    run(root, "demo", "--sessions", "3", "--seed", "2")
    (root / "old.txt").write_text(run(root, "checkpoint").stdout, encoding="utf-8")
    shown = run(root, "keys", "show").stdout.splitlines()
    (root / "city.pub").write_text(shown[1], encoding="utf-8")
    (root / "witness.pub").write_text(shown[3], encoding="utf-8")
    return root


@pytest.fixture
def copy(city: Path, tmp_path: Path) -> Path:
    target = tmp_path / "city"
    shutil.copytree(city, target)
    return target


def _records(root: Path) -> list[Path]:
    return sorted((root / "archive").rglob("*.ipynb"))


def _proof(record: Path) -> dict:
    return json.loads(record.read_bytes())["metadata"]["anshin"]["transparency"]


def _record_checkpoint(root: Path, record: Path) -> Path:
    size = parse_checkpoint(_proof(record)["checkpoint"]).size
    return root / "archive" / "checkpoints" / f"{size:012d}.txt"


def verify_record(root: Path, record: Path, checkpoint: Path) -> subprocess.CompletedProcess:
    return run(root, "verify-record", str(record), "--checkpoint", str(checkpoint),
               "--key", str(root / "city.pub"), "--witness-key", str(root / "witness.pub"),
               ok=False)


def test_every_decided_session_left_its_checkpoint_signed_and_cosigned(city):
    records = _records(city)
    assert len(records) == 3
    city_key = VerifierKey.parse((city / "city.pub").read_text())
    witness = VerifierKey.parse((city / "witness.pub").read_text())
    assert witness.sig_type == SIG_COSIGNATURE
    for record in records:
        kept = _record_checkpoint(city, record)
        note = parse_checkpoint(kept.read_text(encoding="utf-8"))
        assert note.signed_by(city_key) and note.signed_by(witness)
        assert json.loads(record.read_bytes())["metadata"]["anshin"]["state"] == "decided"
        assert _proof(record)["leaf_index"] == note.size - 1
        html = record.with_suffix(".html").read_text(encoding="utf-8")
        assert "透明性ログでの証明" in html and note.origin in html
    assert run(city, "verify").stdout.startswith("正常")
    assert run(city, "verify", "--checkpoint", str(city / "old.txt")).stdout.startswith("正常")


def test_a_record_verifies_alone_and_edited_truncated_or_swapped_records_are_named(copy):
    one, two = _records(copy)[:2]
    for db in (copy / "var").glob("anshin.db*"):
        db.unlink()  # no database at all from here on
    assert verify_record(copy, one, _record_checkpoint(copy, one)).returncode == 0

    edited = copy / "edited.ipynb"
    edited.write_bytes(one.read_bytes().replace("採用".encode(), "不採用".encode(), 1))
    done = verify_record(copy, edited, _record_checkpoint(copy, one))
    assert done.returncode == 1 and "書き換えの疑い" in done.stdout
    assert "record content differs" in done.stdout

    truncated = copy / "truncated.ipynb"
    truncated.write_bytes(one.read_bytes()[:-200])
    done = verify_record(copy, truncated, _record_checkpoint(copy, one))
    assert done.returncode == 1 and "途中で切れています" in done.stdout

    swapped = copy / "swapped.ipynb"
    book = json.loads(one.read_bytes())
    book["metadata"]["anshin"]["transparency"] = _proof(two)
    swapped.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    done = verify_record(copy, swapped, _record_checkpoint(copy, two))
    assert done.returncode == 1 and "別のセッションの記録のもの" in done.stdout


def _rebuild_with_one_change(root: Path, seq_to_change: int, field: str, value: str) -> None:
    """What someone holding the server (key included) could do: a new database with every
    event copied — same ids, times, authenticators made with the key — but one early
    payload changed, its chain, tree and signed chain head all consistent."""
    var = root / "var"
    old = sqlite3.connect(var / "anshin.db")
    rows = old.execute("SELECT seq, event_id, session_id, kind, actor, at, payload "
                       "FROM events ORDER BY seq").fetchall()
    old.close()
    for path in var.glob("anshin.db*"):
        path.unlink()
    (var / "chain-head.json").unlink()
    key = load_key(var / "signing.key", create=False)
    store = EventStore(f"sqlite:///{var / 'anshin.db'}", var / "chain-head.json",
                       key_path=var / "signing.key", initialise=False)
    prev, state, entries = "0" * 64, cp.AllowedState(), []
    with store.engine.begin() as conn:
        for seq, event_id, session_id, kind, actor, at, payload in rows:
            body = {"seq": seq, "event_id": event_id, "session_id": session_id, "kind": kind,
                    "actor": actor, "at": at, "payload": json.loads(payload)}
            if seq == seq_to_change:
                assert field in body["payload"]
                body["payload"][field] = value
            entry = chain_entry(prev, body)
            digest = __import__("hashlib").sha256(entry).hexdigest()
            conn.exec_driver_sql(
                "INSERT INTO events (seq, event_id, session_id, kind, actor, at, payload, "
                "prev_hash, hash, mac, key_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (seq, event_id, session_id, kind, actor, at, canonical_json(body["payload"]),
                 prev, digest, key.mac(entry), key.key_id))
            if kind in cp.STATE_KINDS:
                state = state.fold(kind, digest)
            entries.append(entry)
            prev = digest
        tlog_nodes.append(conn, 0, entries)
    head = cp.CheckpointFile(var / "chain-head.json")
    with head.locked(create=True) as fd:
        head.write_locked(fd, cp.signed(key, len(rows), prev, state, rows[-1][5]))
    head.close()
    store.dispose()


def _first_seq(root: Path, kind: str) -> int:
    db = sqlite3.connect(root / "var" / "anshin.db")
    (seq,) = db.execute("SELECT min(seq) FROM events WHERE kind = ?", (kind,)).fetchone()
    db.close()
    return seq


def _rebuilt_and_verified(root: Path, seq: int, field: str, value: str) -> str:
    _rebuild_with_one_change(root, seq, field, value)
    store = EventStore(f"sqlite:///{root / 'var' / 'anshin.db'}",
                       root / "var" / "chain-head.json", initialise=False)
    count, problem = store.verify_chain()
    store.dispose()
    assert problem is None and count > seq, "the rewritten chain is internally consistent"
    done = run(root, "verify", "--checkpoint", str(root / "old.txt"), ok=False)
    assert done.returncode == 1, done.stdout
    assert "履歴が書き換えられています" in done.stdout
    return done.stdout


def test_a_rebuilt_database_with_its_first_event_changed_is_named_exactly(copy):
    seq = _first_seq(copy, Kind.STARTED.value)
    out = _rebuilt_and_verified(copy, seq, "department", "総務課")
    assert f"最初の違い: イベント 連番 {seq}（今日の連鎖では 種類 {Kind.STARTED.value}" in out


def test_a_rebuilt_database_with_an_early_declaration_changed_is_bracketed_closely(copy):
    """Between two session events lie the record's own writes, which no record shows one
    by one: the difference is bracketed by the evidence, the changed event at its end."""
    seq = _first_seq(copy, Kind.DECLARED.value)
    out = _rebuilt_and_verified(copy, seq, "purpose", "書き換えた利用目的")
    found = re.search(r"最初の違いは イベント 連番 (\d+)〜(\d+) の間", out)
    assert found, out
    first, last = int(found[1]), int(found[2])
    assert first <= seq == last and last - first <= 3


def test_a_deleted_newest_event_is_named(copy):
    db = sqlite3.connect(copy / "var" / "anshin.db")
    db.execute("DROP TRIGGER events_no_delete")
    (newest,) = db.execute("SELECT max(seq) FROM events").fetchone()
    db.execute("DELETE FROM events WHERE seq = ?", (newest,))
    db.commit()
    db.close()
    done = run(copy, "verify", "--checkpoint", str(copy / "old.txt"), ok=False)
    assert done.returncode == 1
    assert f"{newest - 1} 件で、チェックポイントの {newest} 件より短く" in done.stdout
    assert run(copy, "verify", ok=False).returncode == 1


def test_no_key_is_in_the_store_the_records_the_checkpoints_or_any_output(city):
    secret = (city / "var" / "signing.key").read_text().strip()
    witness = (city / "var" / "witness.key").read_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", secret) and witness.startswith("PRIVATE+KEY+")
    assert oct((city / "var" / "signing.key").stat().st_mode & 0o777) == "0o600"
    assert oct((city / "var" / "witness.key").stat().st_mode & 0o777) == "0o600"
    # PRIVATE+KEY+<name>+<hash>+<key>: the key is base64 and may itself hold a "+", so it is
    # everything after the fourth one (not after the last, which can leave one letter).
    witness_key = witness.split("+", 4)[4]
    assert len(witness_key) >= 40
    needles = [secret, secret.upper(), witness, witness_key]
    files = [p for p in city.rglob("*") if p.is_file() and p.name not in (
        "signing.key", "witness.key")]
    outputs = [run(city, "keys", "show").stdout, run(city, "checkpoint").stdout,
               run(city, "verify").stdout]
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, f"key material in {path}"
    for text in outputs:
        assert not any(n in text for n in needles)
