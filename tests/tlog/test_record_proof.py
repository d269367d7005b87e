"""A record-shaped notebook with its leaf in a real store's tree and a checkpoint signed by
the city and co-signed by a witness: the standalone verifier accepts it, and names an edited,
truncated or swapped record, a wrong key and a rewritten history."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from anshin.store import EventStore, NewEvent, chain_entry
from anshin.tlog_keys import NoteSigner, sign_checkpoint
from anshin.tlog_verify import (
    RECORD_PROOF_FORMAT,
    SIG_COSIGNATURE,
    VerifierKey,
    parse_checkpoint,
    record_content_sha256,
    verify_record,
)

CITY = NoteSigner.generate("niiza.example/anshin")
WITNESS = NoteSigner.generate("audit.niiza.example/witness", SIG_COSIGNATURE)
ORIGIN = "niiza.example/anshin/log"


def _notebook(session_id: str, text: str) -> dict:
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}],
            "metadata": {"anshin": {"session_id": session_id}}, "nbformat": 4,
            "nbformat_minor": 5}


def _records(tmp_path: Path) -> tuple[dict[str, bytes], str]:
    store = EventStore(f"sqlite:///{tmp_path / 'anshin.db'}", tmp_path / "chain-head.json")
    books, commits = {}, {}
    for sid, text in (("s1", "# 記録 一"), ("s2", "# 記録 二")):
        store.append(NewEvent("session.started", "yamada", sid, {}))
        books[sid] = _notebook(sid, text)
        commits[sid] = store.append(NewEvent("record.committed", "anshin.records", sid, {
            "content_sha256": record_content_sha256(books[sid])}))
    with store.tree() as tree:
        size = tree.size()
        note = sign_checkpoint(ORIGIN, size, tree.root(size), CITY, WITNESS)
        out = {}
        for sid, ev in commits.items():
            leaf = chain_entry(ev.prev_hash, ev.body())[64:].decode()
            books[sid]["metadata"]["anshin"]["transparency"] = {
                "format": RECORD_PROOF_FORMAT, "leaf_index": ev.seq - 1, "leaf": leaf,
                "inclusion": [base64.b64encode(h).decode()
                              for h in tree.inclusion(ev.seq - 1, size)],
                "checkpoint": note}
            out[sid] = json.dumps(books[sid], ensure_ascii=False, indent=1).encode()
    store.dispose()
    return out, note


def test_a_record_verifies_with_the_city_key_and_the_witness(tmp_path) -> None:
    records, note = _records(tmp_path)
    key = VerifierKey.parse(str(CITY.verifier))
    check = verify_record(records["s1"], note, key, WITNESS.verifier)
    assert check.ok, check.problem
    assert check.session_id == "s1" and parse_checkpoint(note).signed_by(WITNESS.verifier)


def test_an_edited_record_is_named(tmp_path) -> None:
    records, note = _records(tmp_path)
    edited = records["s1"].replace("記録 一".encode(), "記録 改".encode())
    check = verify_record(edited, note, CITY.verifier)
    assert not check.ok and "content" in check.problem


def test_a_truncated_record_is_named(tmp_path) -> None:
    records, note = _records(tmp_path)
    check = verify_record(records["s1"][:-40], note, CITY.verifier)
    assert not check.ok and "truncated" in check.problem


def test_a_record_whose_proof_was_swapped_with_another_sessions_is_named(tmp_path) -> None:
    records, note = _records(tmp_path)
    one, two = (json.loads(records[s]) for s in ("s1", "s2"))
    one["metadata"]["anshin"]["transparency"] = two["metadata"]["anshin"]["transparency"]
    check = verify_record(json.dumps(one).encode(), note, CITY.verifier)
    assert not check.ok and "session s2" in check.problem


def test_another_key_or_a_rewritten_history_is_refused(tmp_path) -> None:
    records, note = _records(tmp_path)
    stranger = NoteSigner.generate("niiza.example/anshin")
    assert "not signed" in verify_record(records["s1"], note, stranger.verifier).problem
    other, _ = _records(tmp_path / "rebuilt")  # the same sessions, another log of the same size
    check = verify_record(records["s1"], _records(tmp_path / "again")[1], CITY.verifier)
    assert not check.ok and "history differs" in check.problem
    assert verify_record(other["s1"], note, CITY.verifier).ok is False


def test_private_keys_round_trip_in_the_note_encoding() -> None:
    again = NoteSigner.parse(WITNESS.encoded())
    assert str(again.verifier) == str(WITNESS.verifier)
    assert VerifierKey.parse(str(WITNESS.verifier)) == WITNESS.verifier
