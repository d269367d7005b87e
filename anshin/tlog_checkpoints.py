"""The city's signed checkpoints of the transparency log: signed from the store's tree with
the engine's key (`SigningKey.note_signer`), co-signed by the witness where the policy names
its key, and kept as plain files in `archive/checkpoints/`.

Why beside the records and not in the store: a checkpoint is a public statement the city
hands to the witness and to auditors, and it must outlive a rewritten database — the
archive is what the backup copies and what auditors receive, and nobody holding only the
database credential can sign one. A file per tree size (`<size, 12 digits>.txt`), never
rewritten: the newest is the freshest statement, the older ones are what `anshin verify
--checkpoint` uses to narrow where history was changed.

Checkpoints are written when a session is decided or abandoned (the record's own), on
`anshin checkpoint`, on `anshin serve` start-up, and whenever a record is written while the
newest checkpoint is older than the policy's `checkpoint_max_age_hours`.
"""

from __future__ import annotations

import base64
import os
import time
from dataclasses import dataclass
from pathlib import Path

from anshin import integrity_texts as texts
from anshin.errors import AnshinError
from anshin.policy import Policy
from anshin.signing import KeyLocation, SigningKeyError
from anshin.store import EventStore
from anshin.tlog_keys import NoteSigner, sign_checkpoint
from anshin.tlog_verify import Checkpoint, VerifierKey, parse_checkpoint

FOLDER_NAME = "checkpoints"
SUFFIX = ".txt"


def checkpoints_dir(archive_dir: Path) -> Path:
    return Path(archive_dir) / FOLDER_NAME


def load_witness(location: str, base: Path) -> NoteSigner | None:
    """The witness's co-signing key where the policy says (None when none is configured)."""
    if not location:
        return None
    where = KeyLocation.parse(location, base)
    raw = where.read_text()
    if raw is None:
        raise SigningKeyError(texts.WITNESS_KEY_MISSING.format(where=where.describe()))
    try:
        return NoteSigner.parse(raw)
    except ValueError as exc:
        raise SigningKeyError(texts.WITNESS_KEY_BAD.format(where=where.describe())) from exc


@dataclass(frozen=True)
class RecordProof:
    """An inclusion proof of leaf `index` in the tree of `size`, and the signed checkpoint
    of that tree."""

    index: int
    size: int
    inclusion: list[bytes]
    note: str

    def inclusion_b64(self) -> list[str]:
        return [base64.b64encode(h).decode("ascii") for h in self.inclusion]


class Notary:
    """Signs checkpoints of one store's tree and keeps them in the checkpoints folder."""

    def __init__(self, store: EventStore, origin: str, folder: Path,
                 witness: NoteSigner | None = None, max_age_hours: int = 24) -> None:
        self.store = store
        self.origin = origin
        self.folder = Path(folder)
        self.witness = witness
        self.max_age_s = max_age_hours * 3600

    @classmethod
    def for_store(cls, store: EventStore, policy: Policy, archive_dir: Path) -> Notary:
        base = store.head_path.parent if store.head_path else Path(store.key_path).parent
        tp = policy.transparency
        return cls(store, tp.origin, checkpoints_dir(archive_dir),
                   load_witness(tp.witness_key, base), tp.checkpoint_max_age_hours)

    @property
    def city(self) -> NoteSigner:
        if self.store.key is None:
            raise AnshinError(texts.SIGNING_KEY_MISSING.format(path=self.store.key_path))
        return self.store.key.note_signer(self.origin)

    def verifier_keys(self) -> tuple[VerifierKey, VerifierKey | None]:
        """The public keys an auditor checks with (the city's, the witness's)."""
        return self.city.verifier, self.witness.verifier if self.witness else None

    def sign_at(self, size: int) -> str:
        with self.store.tree() as tree:
            root = tree.root(size)
        return sign_checkpoint(self.origin, size, root, self.city, self.witness)

    def prove(self, seq: int) -> RecordProof:
        """Event `seq` in the tree of exactly `seq` leaves, with that tree signed."""
        with self.store.tree() as tree:
            root, path = tree.root(seq), tree.inclusion(seq - 1, seq)
        note = sign_checkpoint(self.origin, seq, root, self.city, self.witness)
        return RecordProof(seq - 1, seq, path, note)

    def publish(self, note: str) -> tuple[Path, str]:
        """Keep `note` as the checkpoint of its size; the one already kept wins (a file is
        never rewritten). Returns the file and the note it holds."""
        size = parse_checkpoint(note).size
        path = self.folder / f"{size:012d}{SUFFIX}"
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(note, encoding="utf-8")
        try:
            os.link(tmp, path)
        except FileExistsError:
            return path, path.read_text(encoding="utf-8")
        finally:
            tmp.unlink()
        return path, note

    def checkpoint_now(self) -> tuple[Path, str]:
        """Sign the tree as it is now and keep it."""
        size, _head = self.store.head()
        return self.publish(self.sign_at(size))

    def kept(self) -> list[tuple[Path, Checkpoint]]:
        """Every kept checkpoint, oldest (smallest) first; unreadable files are skipped here
        and named by `anshin verify --checkpoint` when it needs them."""
        found = []
        for path in sorted(self.folder.glob(f"*{SUFFIX}")) if self.folder.is_dir() else ():
            try:
                found.append((path, parse_checkpoint(path.read_text(encoding="utf-8"))))
            except (ValueError, UnicodeDecodeError):
                continue
        return found

    def ensure_fresh(self, now: float | None = None) -> Path | None:
        """Sign a new checkpoint when none is kept or the newest is older than the policy
        allows and the tree has grown or a day has passed; the file written, or None."""
        files = sorted(self.folder.glob(f"*{SUFFIX}")) if self.folder.is_dir() else []
        now = time.time() if now is None else now
        if files and now - files[-1].stat().st_mtime < self.max_age_s:
            return None
        size, _head = self.store.head()
        newest = self.folder / f"{size:012d}{SUFFIX}"
        if newest.exists():
            os.utime(newest)  # the same tree, re-confirmed: the next check waits a day again
            return None
        return self.publish(self.sign_at(size))[0]
