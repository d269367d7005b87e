"""The store's Merkle tree, in a real SQLite file: it is the RFC 9162 tree of the events,
its proofs pass the standalone verifier, a database rebuilt with one early event changed
cannot be shown consistent with a root taken before, and events rewritten in place under a
tree left as it was are named by `anshin verify`, which recomputes the root from the events."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from anshin import checkpoint as cp
from anshin.store import EventStore, NewEvent, canonical_json, chain_entry
from anshin.tlog_tree import TreeBuilder
from anshin.tlog_verify import leaf_hash, verify_consistency, verify_inclusion
from anshin.verify import verify_all


def _store(root: Path) -> EventStore:
    return EventStore(f"sqlite:///{root / 'anshin.db'}", root / "chain-head.json")


def _fill(store: EventStore, count: int, first_text: str = "最初") -> None:
    store.append(NewEvent("session.started", "yamada", "s0", {"text": first_text}))
    store.append_many(NewEvent("session.declared", "yamada", f"s{i}", {"i": i})
                      for i in range(1, count))


def test_stored_tree_is_the_rfc_tree_of_the_events_and_its_proofs_verify(tmp_path) -> None:
    store = _store(tmp_path)
    _fill(store, 37)
    builder = TreeBuilder()
    events = list(store.iter_all())
    for ev in events:
        builder.add(leaf_hash(chain_entry(ev.prev_hash, ev.body())[64:]))
    with store.tree() as tree:
        size = tree.size()
        root = tree.root(size)
        assert size == 37 and root == builder.root()
        for ev in events:
            leaf = leaf_hash(chain_entry(ev.prev_hash, ev.body())[64:])
            assert verify_inclusion(leaf, ev.seq - 1, size, tree.inclusion(ev.seq - 1, size),
                                    root)
        older = tree.root(20)
        assert verify_consistency(20, size, older, root, tree.consistency(20, size))
    assert store.verify_chain()[1] is None
    store.dispose()


def test_a_rebuilt_database_with_one_early_event_changed_is_not_consistent(tmp_path) -> None:
    original = _store(tmp_path / "a")
    _fill(original, 30)
    with original.tree() as tree:
        old_size, old_root = 25, tree.root(25)
    rebuilt = _store(tmp_path / "b")  # the whole chain written again, internally consistent
    _fill(rebuilt, 40, first_text="書き換え")
    assert rebuilt.verify_chain()[1] is None
    with rebuilt.tree() as tree:
        size = tree.size()
        assert not verify_consistency(old_size, size, old_root, tree.root(size),
                                      tree.consistency(old_size, size))
    original.dispose()
    rebuilt.dispose()


def _rewrite_in_place(root: Path, key_path: Path, text: str) -> None:
    """What someone holding the key could do without touching the tree: the first event's
    payload changed, every later hash, link and authenticator recomputed, the chain head
    signed again — a chain consistent in itself, under the tree of the old events."""
    signer = EventStore(f"sqlite:///{root / 'anshin.db'}", key_path=key_path,
                        initialise=False).key
    assert signer is not None
    db = sqlite3.connect(root / "anshin.db")
    db.execute("DROP TRIGGER events_no_update")
    rows = db.execute("SELECT seq, event_id, session_id, kind, actor, at, payload FROM events "
                      "ORDER BY seq").fetchall()
    prev = "0" * 64
    for seq, event_id, session_id, kind, actor, at, payload in rows:
        body = {"seq": seq, "event_id": event_id, "session_id": session_id, "kind": kind,
                "actor": actor, "at": at, "payload": json.loads(payload)}
        if seq == 1:
            body["payload"]["text"] = text
        entry = chain_entry(prev, body)
        digest = hashlib.sha256(entry).hexdigest()
        db.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ?, mac = ? "
                   "WHERE seq = ?", (canonical_json(body["payload"]), prev, digest,
                                     signer.mac(entry), seq))
        prev = digest
    db.commit()
    db.close()
    head = cp.CheckpointFile(root / "chain-head.json")
    with head.locked(create=False) as fd:
        head.write_locked(fd, cp.signed(signer, len(rows), prev, cp.AllowedState(), rows[-1][5]))
    head.close()


def test_events_rewritten_in_place_under_the_old_tree_are_named_by_verify(tmp_path) -> None:
    store = _store(tmp_path)
    _fill(store, 37)
    assert verify_all(store, tmp_path / "archive").problem is None  # no records: stale only
    store.dispose()
    _rewrite_in_place(tmp_path, tmp_path / "signing.key", "書き換え")
    reopened = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "chain-head.json",
                          initialise=False)
    count, problem = reopened.verify_chain()
    assert count == 37 and problem is not None and problem.kind == "tree"
    assert problem.where == "transparency log tree size=37 root"
    report = verify_all(reopened, tmp_path / "archive")
    assert report.exit_code == 1 and "Merkle tree" in report.render()
    reopened.dispose()
