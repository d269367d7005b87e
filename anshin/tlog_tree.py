"""RFC 9162 §2.1 tree arithmetic over stored complete subtrees: roots, inclusion and
consistency paths, and the nodes a new leaf completes.

The log keeps every complete, aligned subtree hash (level, index) as it grows, so any
subtree the RFC's recursion asks for is at most log2(n) stored nodes folded from the right:
a proof at a million events is a few hundred point reads, never a walk of the leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from anshin.tlog_verify import empty_root, node_hash

NodeGetter = Callable[[int, int], bytes]  # (level, index) → hash of leaves [i·2^l, (i+1)·2^l)


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1), where MTH splits."""
    return 1 << ((n - 1).bit_length() - 1)


def aligned_chunks(start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as complete subtrees (level, index), largest first. Exact for every
    range the RFC recursion produces: `start` is aligned to a power of two ≥ end − start."""
    chunks = []
    while start < end:
        size = start & -start if start else 1 << (end - start).bit_length()
        while start + size > end:
            size >>= 1
        level = size.bit_length() - 1
        chunks.append((level, start >> level))
        start += size
    return chunks


def subtree_hash(get: NodeGetter, start: int, end: int) -> bytes:
    """MTH(D[start:end]) from stored nodes."""
    if start == end:
        return empty_root()
    chunks = [get(level, index) for level, index in aligned_chunks(start, end)]
    digest = chunks[-1]
    for left in reversed(chunks[:-1]):
        digest = node_hash(left, digest)
    return digest


def root(get: NodeGetter, size: int) -> bytes:
    return subtree_hash(get, 0, size)


def inclusion_path(get: NodeGetter, index: int, size: int) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1, leaf first."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    return [subtree_hash(get, a, b) for a, b in sibling_ranges(index, size)]


def sibling_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges [start, end) whose hashes PATH(index, D[size]) holds, in its order
    (leaf side first): what each hash of an inclusion proof is the root of."""
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index - start < k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    return ranges[::-1]


def consistency_path(get: NodeGetter, first: int, second: int) -> list[bytes]:
    """PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1."""
    if not 0 <= first <= second:
        raise ValueError(f"no consistency from {first} to {second}")
    if first in (0, second):
        return []
    path: list[bytes] = []
    m, start, end, whole = first, 0, second, True
    while True:
        n = end - start
        if m == n:
            if not whole:
                path.append(subtree_hash(get, start, end))
            break
        k = _split(n)
        if m <= k:
            path.append(subtree_hash(get, start + k, end))
            end = start + k
        else:
            path.append(subtree_hash(get, start, start + k))
            m, start, whole = m - k, start + k, False
    return path[::-1]


def completed_nodes(get: NodeGetter, index: int, leaf: bytes) -> list[tuple[int, int, bytes]]:
    """The nodes leaf `index` adds: itself, then every parent it completes."""
    nodes = [(0, index, leaf)]
    level, i, digest = 0, index, leaf
    while i & 1:
        digest = node_hash(get(level, i - 1), digest)
        level, i = level + 1, i >> 1
        nodes.append((level, i, digest))
    return nodes


class TreeBuilder:
    """The tree of leaves seen so far, kept as its frontier: one hash per set bit of the size,
    largest subtree first (a compact range [0, size)). Adding a leaf folds one node per
    trailing one bit of the size, so building the tree of n leaves is n − 1 node hashes."""

    def __init__(self) -> None:
        self.size = 0
        self._frontier: list[bytes] = []

    def add(self, leaf: bytes) -> None:
        frontier, digest, n = self._frontier, leaf, self.size
        while n & 1:
            digest = node_hash(frontier.pop(), digest)
            n >>= 1
        frontier.append(digest)
        self.size += 1

    def root(self) -> bytes:
        if not self._frontier:
            return empty_root()
        digest = self._frontier[-1]
        for left in reversed(self._frontier[:-1]):
            digest = node_hash(left, digest)
        return digest
