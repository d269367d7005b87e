"""The outsider's verifier of the transparency log: RFC 9162 §2.1 Merkle proofs, C2SP signed
notes and checkpoints, and one record checked against a signed checkpoint with no database.

An auditor must not have to trust the city's database, key custody or code: this module
depends on nothing of anshin (stdlib and `cryptography` only) and is specified in
docs/transparency-log.md, so it can be copied alone or re-implemented from the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

RECORD_PROOF_FORMAT = "anshin-record-proof/1"
RECORD_PROBLEMS = ("unreadable", "proof", "leaf", "swapped", "content", "inclusion", "signature",
                   "witness", "checkpoint_unreadable", "origin", "checkpoint_signature", "older",
                   "differs", "needs_proof", "not_extension")
COMMIT_KIND = "record.committed"
SIG_ED25519 = 0x01
SIG_COSIGNATURE = 0x04
_EM_DASH = "\u2014"


# -- RFC 9162 §2.1: hashes and proofs --------------------------------------------------------
def leaf_hash(data: bytes) -> bytes:
    """MTH({d}) = SHA-256(0x00 || d)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def empty_root() -> bytes:
    """MTH({}) = SHA-256() of the empty string."""
    return hashlib.sha256(b"").digest()


def verify_inclusion(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes
                     ) -> bool:
    """RFC 9162 §2.1.3.2: is the leaf hash `leaf` at `index` in the tree of `size` with `root`?"""
    if index >= size or index < 0:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of `second` leaves an append-only extension of `first`?"""
    if first < 0 or first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof  # the empty tree is a prefix of every tree
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


# -- C2SP signed-note, tlog-checkpoint, tlog-cosignature -------------------------------------
def key_id(name: str, sig_type: int, public_key: bytes) -> bytes:
    """SHA-256(name || 0x0A || type || public key)[:4] (signed-note, tlog-cosignature)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


@dataclass(frozen=True)
class VerifierKey:
    """A C2SP verifier key `name+hexid+base64(type || public key)`."""

    name: str
    sig_type: int
    public_key: bytes

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise ValueError("a verifier key is name+hexid+base64key")
        name, hex_id, material = parts
        raw = base64.b64decode(material, validate=True)
        if len(raw) != 33 or raw[0] not in (SIG_ED25519, SIG_COSIGNATURE):
            raise ValueError("not an Ed25519 verifier key")
        key = cls(name, raw[0], raw[1:])
        if key.id.hex() != hex_id.lower():
            raise ValueError("verifier key id does not match its key")
        return key

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.sig_type, self.public_key)

    def __str__(self) -> str:
        material = base64.b64encode(bytes([self.sig_type]) + self.public_key).decode()
        return f"{self.name}+{self.id.hex()}+{material}"


@dataclass(frozen=True)
class Checkpoint:
    """A parsed signed checkpoint: the note text and its signature lines (name, raw bytes)."""

    text: str
    origin: str
    size: int
    root: bytes
    signatures: tuple[tuple[str, bytes], ...]

    def signed_by(self, key: VerifierKey) -> bool:
        """Whether a signature line of `key` verifies (city: Ed25519 over the text;
        witness: a timestamped cosignature/v1)."""
        for name, raw in self.signatures:
            if name != key.name or raw[:4] != key.id:
                continue
            if key.sig_type == SIG_ED25519:
                message, signature = self.text.encode(), raw[4:]
            else:
                if len(raw) != 4 + 8 + 64:
                    return False
                (stamp,) = struct.unpack(">Q", raw[4:12])
                message = f"cosignature/v1\ntime {stamp}\n{self.text}".encode()
                signature = raw[12:]
            try:
                Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, message)
            except (InvalidSignature, ValueError):
                return False
            return True
        return False


def parse_checkpoint(note: str) -> Checkpoint:
    """Split a signed note into text and signatures and read the checkpoint lines."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise ValueError("a signed note has no control characters but newline")
    text, sep, sigs = note.rpartition("\n\n")
    if not sep:
        raise ValueError("no blank line before the signatures")
    text += "\n"
    signatures = []
    for line in sigs.split("\n"):
        if not line:
            continue
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != _EM_DASH or not parts[1] or not parts[2]:
            raise ValueError(f"not a signature line: {line[:40]!r}")
        signatures.append((parts[1], base64.b64decode(parts[2], validate=True)))
    if not signatures:
        raise ValueError("a signed note needs a signature")
    lines = text.split("\n")
    if len(lines) < 4 or not lines[0] or not lines[1].isdigit() or (
            lines[1] != "0" and lines[1].startswith("0")):
        raise ValueError("a checkpoint is origin, tree size and root hash lines")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise ValueError("the root hash is 32 bytes")
    return Checkpoint(text, lines[0], int(lines[1]), root, tuple(signatures))


# -- one record, no database ----------------------------------------------------------------
def canonical_json(value: object) -> bytes:
    """Keys sorted, no whitespace, non-ASCII as UTF-8: the bytes that are hashed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def record_content_sha256(notebook: dict) -> str:
    """SHA-256 of the notebook without its own proof (metadata.anshin.transparency)."""
    copy = json.loads(json.dumps(notebook))
    copy.get("metadata", {}).get("anshin", {}).pop("transparency", None)
    return hashlib.sha256(canonical_json(copy)).hexdigest()


@dataclass(frozen=True)
class RecordCheck:
    """The outcome of `verify_record`: `problem` is None when every step held."""

    session_id: str | None
    leaf_index: int | None
    tree_size: int | None
    problem: str | None = None
    code: str | None = None   # which step failed, for a reader's own wording (RECORD_PROBLEMS)

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_record(data: bytes, checkpoint_note: str, key: VerifierKey,
                  witness: VerifierKey | None = None, consistency: list[bytes] | None = None
                  ) -> RecordCheck:
    """Check one `.ipynb` record: its content hash is in its log leaf, the leaf is included in
    the tree of its embedded checkpoint, that checkpoint is signed by `key` (and `witness`),
    and the given checkpoint `checkpoint_note` is the same tree, or a later one with the
    `consistency` proof (RFC 9162 §2.1.4) from the record's tree to it."""
    try:
        notebook = json.loads(data.decode("utf-8"))
        anshin = notebook["metadata"]["anshin"]
        proof = anshin["transparency"]
        session_id = str(anshin["session_id"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return RecordCheck(None, None, None, "not a record with a transparency proof "
                                             "(unreadable or truncated file)", "unreadable")
    try:
        if proof["format"] != RECORD_PROOF_FORMAT:
            raise ValueError(proof["format"])
        index, leaf = int(proof["leaf_index"]), str(proof["leaf"])
        path = [base64.b64decode(h, validate=True) for h in proof["inclusion"]]
        embedded = parse_checkpoint(str(proof["checkpoint"]))
        event = json.loads(leaf)
    except (ValueError, KeyError, TypeError) as exc:
        return RecordCheck(session_id, None, None, f"proof unreadable ({exc})", "proof")

    def failed(code: str, why: str) -> RecordCheck:
        return RecordCheck(session_id, index, embedded.size, why, code)

    if event.get("kind") != COMMIT_KIND or event.get("seq") != index + 1:
        return failed("leaf", "the leaf is not this record's commit event")
    if event.get("session_id") != session_id:
        return failed("swapped", f"the leaf is of session {event.get('session_id')}, "
                      f"the record says {session_id}")
    if event.get("payload", {}).get("content_sha256") != record_content_sha256(notebook):
        return failed("content", "record content differs from the content hash in its log leaf")
    if not verify_inclusion(leaf_hash(leaf.encode("utf-8")), index, embedded.size, path,
                            embedded.root):
        return failed("inclusion", "inclusion proof does not lead to the embedded checkpoint's root")
    if not embedded.signed_by(key):
        return failed("signature", f"embedded checkpoint not signed by {key.name}")
    if witness is not None and not embedded.signed_by(witness):
        return failed("witness", f"embedded checkpoint not co-signed by {witness.name}")
    try:
        given = parse_checkpoint(checkpoint_note)
    except ValueError as exc:
        return failed("checkpoint_unreadable", f"checkpoint file unreadable ({exc})")
    if given.origin != embedded.origin:
        return failed("origin", f"checkpoint is of log {given.origin}, the record of {embedded.origin}")
    if not given.signed_by(key):
        return failed("checkpoint_signature", f"checkpoint file not signed by {key.name}")
    if given.size < embedded.size:
        return failed("older", f"checkpoint file is older (size {given.size}) than the record's "
                      f"(size {embedded.size})")
    if given.size == embedded.size:
        if given.root != embedded.root:
            return failed("differs", f"checkpoint file and the record's checkpoint disagree on the tree "
                          f"of size {given.size}: history differs")
    elif not consistency:
        return failed("needs_proof", f"checkpoint file is of size {given.size}, the record was proved at "
                      f"size {embedded.size}: give that checkpoint, or a consistency proof")
    elif not verify_consistency(embedded.size, given.size, embedded.root, given.root,
                                consistency):
        return failed("not_extension", f"checkpoint file (size {given.size}) is not an extension of the "
                      f"record's checkpoint (size {embedded.size}): history differs")
    return RecordCheck(session_id, index, embedded.size)


def main(argv: list[str] | None = None) -> int:
    """`python -m anshin.tlog_verify RECORD.ipynb CHECKPOINT PUBKEY [WITNESS_PUBKEY]`."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (3, 4):
        print(main.__doc__, file=sys.stderr)
        return 2
    witness = VerifierKey.parse(Path(args[3]).read_text()) if len(args) == 4 else None
    check = verify_record(Path(args[0]).read_bytes(), Path(args[1]).read_text(),
                          VerifierKey.parse(Path(args[2]).read_text()), witness)
    print("OK" if check.ok else f"FAILED: {check.problem}")
    return 0 if check.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
