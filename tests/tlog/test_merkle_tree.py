"""RFC 9162 §2.1 arithmetic: the stored-subtree tree, its proofs and the standalone verifier
agree with the RFC's recursive definitions for every size and index up to 70 leaves."""

from __future__ import annotations

import hashlib

from anshin import tlog_tree as tree
from anshin.tlog_verify import (
    empty_root,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)


def _mth(leaves: list[bytes]) -> bytes:
    """MTH straight from RFC 9162 §2.1.1."""
    n = len(leaves)
    if n == 0:
        return empty_root()
    if n == 1:
        return leaf_hash(leaves[0])
    k = 1 << ((n - 1).bit_length() - 1)
    return node_hash(_mth(leaves[:k]), _mth(leaves[k:]))


def _path(m: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]), RFC 9162 §2.1.3.1."""
    n = len(leaves)
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return [*_path(m, leaves[:k]), _mth(leaves[k:])]
    return [*_path(m - k, leaves[k:]), _mth(leaves[:k])]


def _subproof(m: int, leaves: list[bytes], b: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b), RFC 9162 §2.1.4.1."""
    n = len(leaves)
    if m == n:
        return [] if b else [_mth(leaves)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return [*_subproof(m, leaves[:k], b), _mth(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), _mth(leaves[:k])]


def _stored(leaves: list[bytes]) -> tree.NodeGetter:
    nodes: dict[tuple[int, int], bytes] = {}
    for i, data in enumerate(leaves):
        for level, index, digest in tree.completed_nodes(lambda lv, ix: nodes[(lv, ix)], i,
                                                         leaf_hash(data)):
            nodes[(level, index)] = digest
    return lambda level, index: nodes[(level, index)]


LEAVES = [hashlib.sha256(str(i).encode()).digest() for i in range(70)]


def test_stored_subtrees_give_the_rfc_root_at_every_size() -> None:
    get = _stored(LEAVES)
    builder = tree.TreeBuilder()
    for n in range(len(LEAVES) + 1):
        assert tree.root(get, n) == _mth(LEAVES[:n])
        assert builder.root() == _mth(LEAVES[:n])
        if n < len(LEAVES):
            builder.add(leaf_hash(LEAVES[n]))


def test_inclusion_paths_are_the_rfc_paths_and_verify() -> None:
    get = _stored(LEAVES)
    for n in range(1, len(LEAVES) + 1):
        root = _mth(LEAVES[:n])
        for m in range(n):
            path = tree.inclusion_path(get, m, n)
            assert path == _path(m, LEAVES[:n])
            assert verify_inclusion(leaf_hash(LEAVES[m]), m, n, path, root)
            assert not verify_inclusion(leaf_hash(LEAVES[m] + b"x"), m, n, path, root)
            if n > 1:
                assert not verify_inclusion(leaf_hash(LEAVES[m]), (m + 1) % n, n, path, root)


def test_consistency_paths_are_the_rfc_proofs_and_verify() -> None:
    get = _stored(LEAVES)
    for n in range(1, len(LEAVES) + 1):
        second = _mth(LEAVES[:n])
        for m in range(1, n + 1):
            path = tree.consistency_path(get, m, n)
            assert path == (_subproof(m, LEAVES[:n], True) if m < n else [])
            first = _mth(LEAVES[:m])
            assert verify_consistency(m, n, first, second, path)
            if m < n:
                changed = _mth([b"rewritten", *LEAVES[1:m]])
                assert not verify_consistency(m, n, changed, second, path)


def test_a_rewritten_early_leaf_breaks_consistency_with_the_old_root() -> None:
    old = _mth(LEAVES[:40])
    rewritten = [b"changed", *LEAVES[1:]]
    get = _stored(rewritten)
    assert not verify_consistency(40, 70, old, tree.root(get, 70),
                                  tree.consistency_path(get, 40, 70))
