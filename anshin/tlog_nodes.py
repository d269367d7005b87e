"""The Merkle tree's stored subtrees (`tlog_nodes`), written in the same transaction as the
events they cover, so the tree is always exactly the chain.

Each event is leaf seq−1; its leaf data is the event's canonical JSON (what the chain hash
covers after the previous hash). Rows are append-only like the events. A changed row cannot
forge anything: a proof built from it fails against the signed root, and `anshin verify`
recomputes the root from the events themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from anshin import tlog_tree as tree
from anshin.tlog_verify import leaf_hash

metadata = sa.MetaData()
nodes = sa.Table(
    "tlog_nodes",
    metadata,
    sa.Column("level", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("idx", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True,
              autoincrement=False),
    sa.Column("hash", sa.LargeBinary, nullable=False),
)

SQLITE_GUARDS = (
    "CREATE TRIGGER IF NOT EXISTS tlog_nodes_no_update BEFORE UPDATE ON tlog_nodes "
    "BEGIN SELECT RAISE(ABORT, 'tlog nodes are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS tlog_nodes_no_delete BEFORE DELETE ON tlog_nodes "
    "BEGIN SELECT RAISE(ABORT, 'tlog nodes are append-only'); END",
)
PG_GUARDS = (
    "DROP TRIGGER IF EXISTS tlog_nodes_no_change ON tlog_nodes",
    "CREATE TRIGGER tlog_nodes_no_change BEFORE UPDATE OR DELETE ON tlog_nodes "
    "FOR EACH ROW EXECUTE FUNCTION anshin_reject_change()",
)

_NODE = sa.select(nodes.c.hash).where(nodes.c.level == sa.bindparam("level")).where(
    nodes.c.idx == sa.bindparam("idx"))


def leaf_data(entry: bytes) -> bytes:
    """The leaf of a chain entry (64 hex chars of previous hash ‖ canonical event)."""
    return entry[64:]


class MissingNode(LookupError):
    """A subtree the tree should hold is not stored (the table was damaged)."""


class Reader:
    """Node lookups on one connection, for roots and proofs."""

    def __init__(self, conn: sa.Connection, pending: dict[tuple[int, int], bytes] | None = None
                 ) -> None:
        self.conn = conn
        self.pending = pending if pending is not None else {}

    def get(self, level: int, index: int) -> bytes:
        found = self.pending.get((level, index))
        if found is not None:
            return found
        row = self.conn.execute(_NODE, {"level": level, "idx": index}).first()
        if row is None:
            raise MissingNode(f"tlog node level={level} index={index}")
        return bytes(row.hash)

    def size(self) -> int:
        """Leaves stored (level-0 rows), which is the number of events."""
        top = self.conn.execute(sa.select(sa.func.max(nodes.c.idx)).where(nodes.c.level == 0)
                                ).scalar()
        return 0 if top is None else int(top) + 1

    def root(self, size: int) -> bytes:
        return tree.root(self.get, size)

    def inclusion(self, index: int, size: int) -> list[bytes]:
        return tree.inclusion_path(self.get, index, size)

    def consistency(self, first: int, second: int) -> list[bytes]:
        return tree.consistency_path(self.get, first, second)


def append(conn: sa.Connection, first_index: int, entries: Sequence[bytes]) -> None:
    """Store the leaves of `entries` (chain entries of seq first_index+1 …) and every
    subtree they complete."""
    reader = Reader(conn)
    rows = []
    for offset, entry in enumerate(entries):
        for level, index, digest in tree.completed_nodes(
                reader.get, first_index + offset, leaf_hash(leaf_data(entry))):
            reader.pending[(level, index)] = digest
            rows.append({"level": level, "idx": index, "hash": digest})
    if rows:
        conn.execute(_insert_keeping_existing(conn), rows)


def _insert_keeping_existing(conn: sa.Connection) -> sa.Insert:
    """A node already stored at a position is kept: after rows were deleted from the events
    the tree still holds their leaves, evidence that `anshin verify` names (never replaced)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(nodes).on_conflict_do_nothing()
