"""Issue 13 §5: history cannot be forged by whoever can write the database.

Each attack is done the way it was reproduced: rows computed with a correct hash chain and
INSERTed behind the engine's back (on PostgreSQL by a role with only SELECT + INSERT, the
README's advice), or the newest `use.suspended` deleted with the chain-head file rolled
back. The same tests run on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from engine_helpers import write_services

from anshin import checkpoint
from anshin.app import HistoryNotIntact, open_store
from anshin.gateway import Gateway, Suspended
from anshin.identity import Person
from anshin.policy import Policy, load_policy
from anshin.services import ServiceRegistry
from anshin.settings import Settings
from anshin.signing import SigningKey, SigningKeyError, load_key
from anshin.store import EventNotAuthentic, EventStore, NewEvent, canonical_json, chain_hash
from anshin.suspension import current_status, suspend_use
from anshin.verify import verify_all

ROOT = Path(__file__).resolve().parents[2]
DIRECTOR = Person("kobayashi", "小林 健", "デジタル市役所推進室", "director")
FORGED_SERVICE = {"id": "rogue", "name": "外部の無料AI", "kind": "openai_compatible",
                  "base_url": "http://127.0.0.1:9/v1", "model": "any", "api_key_env": "",
                  "api_version": "", "no_training_basis": "", "data_retention": "",
                  "approved_by": "", "approved_at": "", "status": "registered",
                  "training_only": False}


def _forged_rows(last_seq: int, last_hash: str, *, mac=None, key_id=None) -> list[dict]:
    """service.registered + service.approved in the Director's name, correctly hashed."""
    rows, prev = [], last_hash
    for seq, kind, payload in (
        (last_seq + 1, "service.registered", {"service": FORGED_SERVICE}),
        (last_seq + 2, "service.approved", {"id": "rogue", "approved_by": "小林 健",
                                            "no_training_basis": "学習に使わないと聞いた"}),
    ):
        body = {"seq": seq, "event_id": uuid.uuid4().hex, "session_id": None, "kind": kind,
                "actor": "kobayashi", "at": "2026-12-01T09:00:00.000000+00:00",
                "payload": payload}
        digest = chain_hash(prev, body)
        row_mac = mac(prev, body) if callable(mac) else mac
        rows.append({**body, "payload": canonical_json(payload), "prev_hash": prev,
                     "hash": digest, "mac": row_mac, "key_id": key_id})
        prev = digest
    return rows


def _insert(conn, rows: list[dict], paramstyle: str) -> None:
    cols = ("seq", "event_id", "session_id", "kind", "actor", "at", "payload", "prev_hash",
            "hash", "mac", "key_id")
    marks = ", ".join("?" if paramstyle == "qmark" else "%s" for _ in cols)
    for row in rows:
        conn.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({marks})",
                     tuple(row[c] for c in cols))


def _paramstyle(url: str) -> str:
    return "qmark" if url.startswith("sqlite") else "format"


def _drop_guards(conn, url: str) -> None:
    if url.startswith("sqlite"):
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("DROP TRIGGER events_no_delete")
    else:
        conn.execute("DROP TRIGGER events_no_change ON events")


def _policy() -> Policy:
    return load_policy(ROOT / "policy" / "niiza.toml")


def _registry(store, tmp_path, url="http://127.0.0.1:9/v1") -> ServiceRegistry:
    return ServiceRegistry(store, write_services(tmp_path / "services.toml", url))


@pytest.fixture
def intruder(pg_server):
    """A PostgreSQL role with only SELECT + INSERT on the events table (the README's
    advice for the application role), connected to a fresh anshin database."""

    def connect_as_intruder(url: str):
        import psycopg

        admin = pg_server.connect(url)
        name = "intruder_" + uuid.uuid4().hex[:8]
        admin.execute(f"CREATE ROLE {name} LOGIN")
        admin.execute(f"GRANT SELECT, INSERT ON events TO {name}")
        database = url.rsplit("/", 1)[1]
        return psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user={name} "
                               f"dbname={database}", autocommit=True)

    return connect_as_intruder


# -- forged events ---------------------------------------------------------------------------
def test_a_select_insert_role_cannot_forge_an_approval_on_postgresql(pg_server, intruder,
                                                                    tmp_path):
    url = pg_server.create_database()
    store = EventStore(url, tmp_path / "chain-head.json")
    registry = _registry(store, tmp_path)
    store.append(NewEvent("session.started", "yamada", "s1", {"x": 1}))
    conn = intruder(url)
    with pytest.raises(Exception, match="permission denied"):
        conn.execute("DELETE FROM events")
    seq, head = store.head()
    _insert(conn, _forged_rows(seq, head), "format")
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == "unsigned"
    assert f"seq={seq + 1}" in problem.where and "kind=service.registered" in problem.where
    assert "actor=kobayashi" in problem.where
    with pytest.raises(EventNotAuthentic, match="連番 2"):
        registry.all()
    report = verify_all(store, tmp_path / "archive")
    assert report.render().startswith("改ざんの疑い / MISMATCH")
    assert "署名（認証子）のないイベントがあります" in report.render()
    store.dispose()


@pytest.mark.parametrize("variant", ["no_mac", "random_mac", "copied_mac", "own_key"])
def test_forged_events_are_refused_and_named_on_both_engines(any_store, tmp_path, variant):
    store, url, connect = any_store
    store.append(NewEvent("use.suspended", "kobayashi", None, {"notice": "点検中"}))
    real = store.read()[0]
    raw = connect().execute("SELECT mac, key_id FROM events WHERE seq = 1").fetchone()
    other = SigningKey.from_secret(tmp_path / "other.key", secrets.token_bytes(32))
    mac, key_id = {
        "no_mac": (None, None),
        "random_mac": (secrets.token_hex(32), raw[1]),
        "copied_mac": (raw[0], raw[1]),
        "own_key": (lambda prev, body: other.mac((prev + canonical_json(body)).encode()),
                    other.key_id),
    }[variant]
    _insert(connect(), _forged_rows(real.seq, real.hash, mac=mac, key_id=key_id),
            _paramstyle(url))
    _count, problem = store.verify_chain()
    assert problem is not None and "seq=2" in problem.where
    assert problem.kind == {"no_mac": "unsigned", "own_key": "wrong_key"}.get(variant, "bad_mac")
    with pytest.raises(EventNotAuthentic):
        _registry(store, tmp_path).all()
    text = verify_all(store, tmp_path / "archive").render()
    assert text.startswith("改ざんの疑い / MISMATCH") and "kind=service.registered" in text


def test_a_forged_resumption_resumes_nothing(any_store, tmp_path):
    store, url, connect = any_store
    suspend_use(store, DIRECTOR, "点検中")
    seq, head = store.head()
    body = {"seq": seq + 1, "event_id": uuid.uuid4().hex, "session_id": None,
            "kind": "use.resumed", "actor": "kobayashi", "at": "2026-12-01T09:00:00+00:00",
            "payload": {"by_name": "小林 健"}}
    _insert(connect(), [{**body, "payload": canonical_json(body["payload"]), "prev_hash": head,
                         "hash": chain_hash(head, body), "mac": None, "key_id": None}],
            _paramstyle(url))
    status = current_status(store)
    assert status.suspended and "このシステムが書いていないイベント" in status.notice
    with pytest.raises(Suspended):
        Gateway(store, _registry(store, tmp_path), _policy()).prepare(service_id="training-sim")


def test_a_changed_field_of_a_signed_event_is_refused(any_store, tmp_path):
    store, url, connect = any_store
    store.append(NewEvent("service.withdrawn", "kobayashi", None, {"id": "training-sim"}))
    conn = connect()
    _drop_guards(conn, url)
    conn.execute("UPDATE events SET actor = 'yamada' WHERE seq = 1")
    # recompute the hash too, so only the authenticator can tell
    row = store.event_at(1, check=False)
    conn.execute("UPDATE events SET hash = " + ("?" if url.startswith("sqlite") else "%s")
                 + " WHERE seq = 1", (chain_hash(row.prev_hash, row.body()),))
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == "bad_mac" and "actor=yamada" in problem.where
    with pytest.raises(EventNotAuthentic):
        store.read()


# -- deleted newest events -------------------------------------------------------------------
@pytest.fixture
def suspended(any_store, tmp_path):
    """Use suspended by the Director; the checkpoint before the suspension kept aside."""
    store, url, connect = any_store
    store.append(NewEvent("session.started", "yamada", "s1", {}))
    older = (tmp_path / "chain-head.json").read_bytes()
    suspend_use(store, DIRECTOR, "個人情報の漏えい調査のため停止します")
    assert current_status(store).suspended
    return store, url, connect, older


def _delete_newest(connect, url: str, store) -> None:
    conn = connect()
    _drop_guards(conn, url)
    seq, _ = store.head()
    conn.execute(f"DELETE FROM events WHERE seq = {seq}")


def _legacy_head(older: bytes) -> bytes:
    """The newest-but-one (seq, hash) in the unsigned head format, as before signing."""
    found = checkpoint.parse(older)
    return json.dumps({"seq": found.size, "hash": found.head, "at": found.at}).encode()


@pytest.mark.parametrize("rollback", ["kept", "unsigned_head", "edited", "deleted"])
def test_deleting_the_newest_suspension_is_detected_and_use_stays_suspended(
        suspended, tmp_path, rollback):
    store, url, connect, older = suspended
    head = tmp_path / "chain-head.json"
    _delete_newest(connect, url, store)
    if rollback == "unsigned_head":
        head.write_bytes(_legacy_head(older))
    elif rollback == "edited":
        data = json.loads(head.read_text())
        found = checkpoint.parse(older)
        data.update(size=found.size, head=found.head)
        data["state"]["suspended"] = False
        head.write_text(json.dumps(data))
    elif rollback == "deleted":
        head.unlink()
    expected_kind = {"kept": "history_cut", "unsigned_head": "checkpoint_unsigned",
                     "edited": "checkpoint_signature", "deleted": "checkpoint_missing"}[rollback]
    # the running engine: use stays suspended, and says why
    status = current_status(store)
    assert status.suspended and "チェックポイントと一致しない" in status.notice
    gateway = Gateway(store, _registry(store, tmp_path), _policy())
    with pytest.raises(Suspended):
        gateway.prepare(service_id="training-sim")
    # verify
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == expected_kind
    assert verify_all(store, tmp_path / "archive").render().startswith("改ざんの疑い")
    # start-up refuses
    settings = Settings.from_env({"ANSHIN_HOME": str(ROOT), "ANSHIN_DATABASE_URL": url,
                                  "ANSHIN_CHAIN_HEAD": str(head)})
    with pytest.raises(HistoryNotIntact, match="利用停止が解除されたとはみなさず"):
        open_store(settings, _policy())


def test_appending_after_a_deletion_never_overwrites_the_evidence(suspended, tmp_path):
    store, url, connect, _older = suspended
    _delete_newest(connect, url, store)
    for i in range(3):  # the engine keeps writing past the old size
        store.append(NewEvent("session.declared", "yamada", "s1", {"i": i}))
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == "history_cut"


def test_removing_an_older_allowed_state_event_is_caught_at_start_up(any_store, tmp_path):
    """A middle event removed and the chain after it re-linked: only a full walk would see
    the chain; the allowed-state digest sees it in the cheap start-up check."""
    store, url, connect = any_store
    suspend_use(store, DIRECTOR, "停止")
    store.append(NewEvent("use.resumed", "kobayashi", None, {"by_name": "小林 健"}))
    store.append(NewEvent("session.started", "yamada", "s1", {}))
    conn = connect()
    _drop_guards(conn, url)
    conn.execute("DELETE FROM events WHERE seq = 2")  # the resumption: suspended again?
    problem = store.check_history()
    assert problem is not None and problem.kind in ("state", "history_cut")


def test_an_untouched_store_passes_start_up_and_verify(any_store, tmp_path):
    store, _url, _connect = any_store
    suspend_use(store, DIRECTOR, "停止")
    store.append(NewEvent("use.resumed", "kobayashi", None, {"by_name": "小林 健"}))
    assert store.check_history() is None
    assert store.verify_chain() == (2, None)
    assert not current_status(store).suspended
    report = verify_all(store, tmp_path / "archive")
    assert report.ok and report.render().startswith("正常 / OK")


# -- the key ---------------------------------------------------------------------------------
def test_the_key_file_is_created_0600_beside_the_head_and_never_in_the_database(store,
                                                                                tmp_path):
    key = tmp_path / "signing.key"
    assert key.exists() and (key.stat().st_mode & 0o777) == 0o600
    secret = key.read_text().strip()
    store.append(NewEvent("test", "yamada", "s1", {"x": 1}))
    assert secret.encode() not in (tmp_path / "anshin.db").read_bytes()
    assert secret.encode() not in (tmp_path / "chain-head.json").read_bytes()


def test_a_key_file_others_can_read_is_refused(tmp_path):
    key = load_key(tmp_path / "signing.key", create=True)
    assert key.key_id
    os.chmod(tmp_path / "signing.key", 0o644)
    with pytest.raises(SigningKeyError, match="chmod 600"):
        load_key(tmp_path / "signing.key", create=False)


def test_an_engine_never_makes_a_second_key_for_a_signed_store(store, tmp_path):
    store.append(NewEvent("test", "yamada", "s1", {"x": 1}))
    (tmp_path / "signing.key").unlink()
    with pytest.raises(SigningKeyError, match="署名鍵のファイルがありません"):
        EventStore(store.url, tmp_path / "chain-head.json")
    assert not (tmp_path / "signing.key").exists()


def test_verify_without_the_key_file_names_it_and_creates_nothing(store, tmp_path):
    store.append(NewEvent("test", "yamada", "s1", {"x": 1}))
    (tmp_path / "signing.key").unlink()
    done = _cli(tmp_path, "verify")
    assert done.returncode == 1
    assert "署名鍵のファイルがないため" in done.stdout
    assert not (tmp_path / "signing.key").exists()


# -- schema 1 stores -------------------------------------------------------------------------
def _legacy_store(tmp_path: Path, count: int) -> str:
    """A store exactly as schema 1 wrote it: no authenticator columns, an unsigned head."""
    import sqlite3

    db = tmp_path / "anshin.db"
    conn = sqlite3.connect(db)
    conn.executescript("""
        CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);
        INSERT INTO schema_version VALUES (1, '2026-11-01T00:00:00+00:00');
        CREATE TABLE events (seq INTEGER NOT NULL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,
            session_id TEXT, kind TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL,
            payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    """)
    prev = "0" * 64
    for seq in range(1, count + 1):
        body = {"seq": seq, "event_id": uuid.uuid4().hex, "session_id": None,
                "kind": "use.suspended" if seq % 2 else "use.resumed", "actor": "kobayashi",
                "at": "2026-11-01T00:00:00.000000+00:00", "payload": {"n": seq}}
        digest = chain_hash(prev, body)
        conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
                     (seq, body["event_id"], None, body["kind"], "kobayashi", body["at"],
                      canonical_json(body["payload"]), prev, digest))
        prev = digest
    conn.commit()
    conn.close()
    (tmp_path / "chain-head.json").write_text(json.dumps({"seq": count, "hash": prev}))
    return f"sqlite:///{db}"


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANSHIN_HOME": str(ROOT),
           "ANSHIN_DATABASE_URL": f"sqlite:///{tmp_path / 'anshin.db'}",
           "ANSHIN_CHAIN_HEAD": str(tmp_path / "chain-head.json"),
           "ANSHIN_ARCHIVE": str(tmp_path / "archive"),
           "ANSHIN_SERVICES": str(tmp_path / "services.toml")}
    return subprocess.run([sys.executable, "-m", "anshin.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_schema_1_store_is_named_until_signing_starts_then_its_old_events_are_noted(tmp_path):
    _legacy_store(tmp_path, 5)
    first = _cli(tmp_path, "verify")
    assert first.returncode == 1, first.stdout + first.stderr
    assert first.stdout.startswith("署名がまだ始まっていません / NOT SIGNED")
    assert "anshin init" in first.stdout
    init = _cli(tmp_path, "init")
    assert init.returncode == 0, init.stderr
    assert "連番 1〜5 の 5 件は署名の導入前のイベントです" in init.stdout
    after = _cli(tmp_path, "verify")
    assert after.returncode == 0, after.stdout
    assert after.stdout.startswith("正常 / OK")
    assert "連番 1〜5 の 5 件は署名の導入前のイベントです" in after.stdout


def test_unsigned_rows_added_after_signing_started_are_not_taken_as_old(tmp_path):
    url = _legacy_store(tmp_path, 3)
    store = EventStore(url, tmp_path / "chain-head.json")
    marker = store.start_signing()
    assert marker is not None and marker.payload["unsigned_through"] == 3
    import sqlite3

    conn = sqlite3.connect(tmp_path / "anshin.db")
    seq, head = store.head()
    _insert(conn, _forged_rows(seq, head), "qmark")
    conn.commit()
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == "unsigned" and "seq=5" in problem.where
    with pytest.raises(EventNotAuthentic):
        store.read(kinds=["service.approved"])
    store.dispose()


def test_rows_slipped_into_a_schema_1_store_before_signing_are_not_blessed(tmp_path):
    """The engine opened the old store (signing its checkpoint at seq 3); rows INSERTed
    before the first signed write are not counted as predating signing."""
    url = _legacy_store(tmp_path, 3)
    store = EventStore(url, tmp_path / "chain-head.json")
    import sqlite3

    conn = sqlite3.connect(tmp_path / "anshin.db")
    _insert(conn, _forged_rows(*store.head()), "qmark")
    conn.commit()
    store.append(NewEvent("session.started", "yamada", "s2", {}))
    assert store.unsigned_through() == 3
    _count, problem = store.verify_chain()
    assert problem is not None and problem.kind == "unsigned" and "seq=4" in problem.where
    store.dispose()
