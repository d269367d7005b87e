"""The store's Merkle tree, in a real SQLite file: it is the RFC 9162 tree of the events,
its proofs pass the standalone verifier, and a database rebuilt with one early event
changed cannot be shown consistent with a root taken before."""

from __future__ import annotations

from pathlib import Path

from anshin.store import EventStore, NewEvent, chain_entry
from anshin.tlog_tree import TreeBuilder
from anshin.tlog_verify import leaf_hash, verify_consistency, verify_inclusion


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
