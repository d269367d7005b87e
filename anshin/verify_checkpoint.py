"""`anshin verify --checkpoint FILE`: is today's log an append-only extension of an older
signed checkpoint (RFC 9162 §2.1.4 consistency proof)?

Someone who can rebuild the whole database — with the key, through the engine — can make a
chain that `anshin verify` finds internally consistent. An older checkpoint, signed and
held outside (by the witness, an auditor, the archive's `checkpoints/`), cannot be rebuilt:
today's tree at that size must have the same root. When it does not, the first difference
is named as closely as the evidence outside the database allows (`first_difference`): the
kept checkpoints and every record's proof state old subtree hashes, down to single events.

It reads only stored subtrees and a handful of events, so it stays fast at a million
events; that the stored subtrees are those of the events is `anshin verify`'s walk.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

from anshin import integrity_texts as t
from anshin.records import TABLE_MIME
from anshin.records_texts import CHAIN_COLUMNS
from anshin.store import EventStore, chain_entry
from anshin.tlog_checkpoints import Notary
from anshin.tlog_nodes import MissingNode
from anshin.tlog_tree import sibling_ranges, subtree_hash
from anshin.tlog_verify import (
    Checkpoint,
    VerifierKey,
    leaf_hash,
    parse_checkpoint,
    record_content_sha256,
    verify_consistency,
    verify_inclusion,
)


@dataclass(frozen=True)
class ExtensionReport:
    """The outcome: `problem` (Japanese, English) is None when the log extends the file."""

    old_size: int | None
    new_size: int
    problem: tuple[str, str] | None = None
    details: list[str] = field(default_factory=list)
    proof: list[bytes] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None

    def render(self) -> str:
        if self.problem is not None:
            return "\n".join([t.EXTENSION_FAILED, *self.problem, *self.details])
        lines = [t.EXTENSION_OK.format(old=self.old_size, new=self.new_size)]
        lines += [t.EXTENSION_PROOF] + [base64.b64encode(h).decode() for h in self.proof]
        return "\n".join(lines + self.details)


def verify_extension(store: EventStore, notary: Notary, note: str, archive_dir: Path
                     ) -> ExtensionReport:
    newest, _head = store.head()

    def failed(problem: tuple[str, str], *details: str) -> ExtensionReport:
        return ExtensionReport(old.size if old else None, newest, problem, list(details))

    old: Checkpoint | None = None
    try:
        old = parse_checkpoint(note)
    except ValueError as exc:
        return failed((t.EXTENSION_UNREADABLE.format(detail=exc), f"unreadable: {exc}"))
    city, witness = notary.verifier_keys()
    if old.origin != notary.origin:
        return failed((t.EXTENSION_ORIGIN.format(found=old.origin, expected=notary.origin),
                       f"checkpoint of log {old.origin}, this log is {notary.origin}"))
    if not old.signed_by(city):
        return failed((t.EXTENSION_SIGNATURE.format(key=city), "not signed by the city key"))
    details = []
    if witness is not None and not old.signed_by(witness):
        details.append(t.EXTENSION_NO_WITNESS.format(key=witness))
    if old.size > newest:
        return failed((t.EXTENSION_CUT.format(old=old.size, new=newest),
                       f"the log has {newest} events, the checkpoint {old.size}: "
                       f"events {newest + 1}..{old.size} are missing"))
    with store.tree() as tree:
        try:
            stored = tree.size()
            if stored != newest:
                return failed((t.EXTENSION_TREE.format(tree=stored, events=newest),
                               f"tree has {stored} leaves, the chain {newest} events"))
            root_then, root_now = tree.root(old.size), tree.root(newest)
            proof = tree.consistency(old.size, newest)
            edge_leaves = {seq: tree.get(0, seq - 1) for seq in {old.size, newest} - {0}}
        except MissingNode as exc:
            return failed((t.EXTENSION_TREE_DAMAGED.format(detail=exc), f"tree damaged: {exc}"))
    edges = _edge_leaves_problem(store, edge_leaves, newest)
    if edges is not None:
        return failed(edges)
    if root_then != old.root or not verify_consistency(old.size, newest, old.root, root_now,
                                                       proof):
        return failed((t.EXTENSION_REWRITTEN.format(size=old.size),
                       f"today's tree of size {old.size} is not the checkpoint's: "
                       f"root {root_then.hex()} vs {old.root.hex()} — history was rewritten"),
                      *first_difference(store, notary, archive_dir, old))
    return ExtensionReport(old.size, newest, None, details, proof)


def _edge_leaves_problem(store: EventStore, leaves: dict[int, bytes], newest: int
                         ) -> tuple[str, str] | None:
    """The stored leaves at the two edges are the events' own (a cheap guard; the full
    comparison of tree and events is `anshin verify`)."""
    for seq, stored in sorted(leaves.items()):
        ev = store.event_at(seq, check=False)
        if ev is None or leaf_hash(_leaf_data(ev)) != stored:
            return (t.EXTENSION_TREE.format(tree=newest, events=newest),
                    f"stored leaf {seq - 1} is not event seq={seq}")
    return None


def _leaf_data(ev) -> bytes:
    return chain_entry(ev.prev_hash, ev.body())[64:]


def first_difference(store: EventStore, notary: Notary, archive_dir: Path,
                     old: Checkpoint) -> list[str]:
    """Where history first differs, as closely as the evidence outside the database allows.

    Signed statements about the old log, each compared with today's: the given checkpoint
    and every kept one (the root of leaves [0, size)); each record's proof (its leaf, and
    through its inclusion path the roots of the sibling subtrees); and each record's event
    table, whose chain-hash prefixes say, per event of its session, whether all history up
    to that event is unchanged. The differing range that ends first is narrowed from its
    left by agreeing ranges — down to one event when a record saw it."""
    city = notary.city.verifier
    evidence = [(0, old.size, old.root)]
    evidence += [(0, kept.size, kept.root) for _path, kept in notary.kept()
                 if kept.size <= old.size and kept.signed_by(city)]
    subtrees, chain_points = _record_evidence(Path(archive_dir), city, old.size)
    newest = store.head()[0]
    with store.tree() as tree:
        compared = [(a, b, subtree_hash(tree.get, a, b) == old_hash)
                    for a, b, old_hash in evidence + subtrees if b <= newest]
    for seq, prefix in sorted(chain_points.items()):
        ev = store.event_at(seq, check=False)
        compared.append((0, seq, ev is not None and ev.hash.startswith(prefix)))
    differing = sorted((b, b - a, a) for a, b, same in compared if not same)
    if not differing:
        return []
    last, _size, first = differing[0]
    agreeing = {(a, b) for a, b, same in compared if same}
    moved = True
    while moved:
        moved = False
        for a, b in agreeing:
            if a <= first < b <= last:
                first, moved = b, True
    settled = max([b for a, b in agreeing if a == 0] + [0]) >= first
    if first + 1 == last and settled:
        ev = store.event_at(last, check=False)
        return [t.EXTENSION_FIRST_EVENT.format(
            seq=last, kind=ev.kind if ev else "—", at=ev.at if ev else "—")]
    return [t.EXTENSION_RANGE.format(first=first + 1, last=last)]


def _record_evidence(archive_dir: Path, city: VerifierKey, size: int
                     ) -> tuple[list[tuple[int, int, bytes]], dict[int, str]]:
    """What the signed records say of the old log, in trees no larger than `size`:
    (start, end, old hash) of every subtree their proofs state, and seq → chain-hash prefix
    from their event tables. A record whose proof does not hold (content, inclusion,
    signature) is no evidence and is left out."""
    subtrees: list[tuple[int, int, bytes]] = []
    chain_points: dict[int, str] = {}
    for path in sorted(archive_dir.rglob("*.ipynb")) if archive_dir.is_dir() else ():
        if path.name.startswith("."):
            continue
        try:
            book = json.loads(path.read_bytes())
            proof = book["metadata"]["anshin"]["transparency"]
            index, leaf_text = int(proof["leaf_index"]), str(proof["leaf"])
            leaf = leaf_hash(leaf_text.encode("utf-8"))
            hashes = [base64.b64decode(h) for h in proof["inclusion"]]
            signed = parse_checkpoint(str(proof["checkpoint"]))
            content = json.loads(leaf_text)["payload"]["content_sha256"]
        except (ValueError, KeyError, TypeError):
            continue
        if (signed.size > size or not signed.signed_by(city)
                or content != record_content_sha256(book)
                or not verify_inclusion(leaf, index, signed.size, hashes, signed.root)):
            continue
        subtrees.append((index, index + 1, leaf))
        subtrees += [(a, b, h) for (a, b), h in zip(sibling_ranges(index, signed.size),
                                                     hashes, strict=True)]
        chain_points.update(_chain_table(book))
    return subtrees, chain_points


def _chain_table(book: dict) -> dict[int, str]:
    """seq → chain-hash prefix from a record's event table (our table JSON, first column
    連番; the folded row of the record's own writes has a range there and is skipped)."""
    points: dict[int, str] = {}
    for cell in book.get("cells", []):
        for output in cell.get("outputs", []):
            table = output.get("data", {}).get(TABLE_MIME)
            if not table or tuple(table.get("columns", ())) != CHAIN_COLUMNS:
                continue
            for row in table.get("rows", []):
                if isinstance(row[0], int) and isinstance(row[-1], str):
                    points[row[0]] = row[-1]
    return points
