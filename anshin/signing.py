"""The engine's signing key: what the database credential does not give.

Anyone who can INSERT into the events table can compute a correct hash chain, so the chain
alone proves nothing against them. Every event therefore also carries an authenticator,
HMAC-SHA256 over its chain entry (prev hash ‖ canonical event), and the chain-head file is a
checkpoint signed with Ed25519. Both keys are derived (domain-separated HMAC) from one
32-byte secret that lives only where the policy's `[transparency] signing_key` says — a
server-side file (mode 0600) or a server environment variable — never in the database:
`ANSHIN_SIGNING_KEY` (a file path) overrides it, by default `signing.key` beside the
chain-head file. HMAC per event keeps `anshin verify` fast at a million events.

The same Ed25519 key is the city's key of the transparency log: `note_signer` gives it in
the C2SP signed-note form (`anshin.tlog_keys`), so the chain-head file and the public
checkpoints are signed by one key with one public half. The two message forms cannot be
confused: a chain-head message is canonical JSON (starts with `{`), a note starts with the
log's origin, which the policy forbids to start with `{`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from anshin import integrity_texts as texts
from anshin.errors import AnshinError
from anshin.tlog_keys import NoteSigner

_EVENT_LABEL = b"anshin/event-mac/v1"
_CHECKPOINT_LABEL = b"anshin/checkpoint-ed25519/v1"


class SigningKeyError(AnshinError):
    """The signing key file is missing, unreadable, or readable by others."""


@dataclass(frozen=True)
class SigningKey:
    """The derived event MAC key and checkpoint signing key, with a short public id."""

    path: Path
    _mac_key: bytes
    _private: Ed25519PrivateKey
    _verified: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_secret(cls, path: Path, secret: bytes) -> SigningKey:
        mac_key = hmac.new(secret, _EVENT_LABEL, hashlib.sha256).digest()
        seed = hmac.new(secret, _CHECKPOINT_LABEL, hashlib.sha256).digest()
        return cls(path, mac_key, Ed25519PrivateKey.from_private_bytes(seed))

    @functools.cached_property
    def public_key(self) -> bytes:
        return self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @functools.cached_property
    def key_id(self) -> str:
        """Names the key in every row and checkpoint, so a wrong key is told from a forgery."""
        return hashlib.sha256(self.public_key).hexdigest()[:16]

    def note_signer(self, origin: str) -> NoteSigner:
        """The city's checkpoint signer (C2SP signed note) named by the log's origin."""
        return NoteSigner.from_private(origin, self._private)

    def mac(self, entry: bytes) -> str:
        return hmac.digest(self._mac_key, entry, "sha256").hex()  # the C fast path

    def mac_ok(self, entry: bytes, mac: str | None) -> bool:
        return mac is not None and hmac.compare_digest(self.mac(entry), mac)

    def sign(self, message: bytes) -> str:
        signature = base64.b64encode(self._private.sign(message)).decode("ascii")
        self._verified.clear()
        self._verified[signature] = message  # what we signed needs no verifying back
        return signature

    def signature_ok(self, message: bytes, signature: str) -> bool:
        """Checked once per distinct checkpoint: every append and suspension check reads
        the same file again, and verifying costs more than the rest of the read."""
        if self._verified.get(signature) == message:
            return True
        if not verify_signature(self.public_key, message, signature):
            return False
        self._verified.clear()
        self._verified[signature] = message
        return True


def verify_signature(public_key: bytes, message: bytes, signature: str) -> bool:
    """Check an Ed25519 checkpoint signature with the public key only."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(base64.b64decode(signature),
                                                              message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class KeyLocation:
    """Where a key lives on the server: `file:PATH` or `env:NAME` (the policy's wording).
    `describe()` names the place, never the key."""

    kind: str   # "file" | "env"
    where: str

    @classmethod
    def parse(cls, text: str, base: Path) -> KeyLocation:
        """`file:PATH` (relative to `base`) or `env:NAME`; ValueError otherwise."""
        kind, sep, where = text.partition(":")
        if not sep or kind not in ("file", "env") or not where.strip():
            raise ValueError(text)
        if kind == "env":
            if not _ENV_NAME.fullmatch(where):
                raise ValueError(text)
            return cls("env", where)
        path = Path(where).expanduser()
        return cls("file", str(path if path.is_absolute() else Path(base) / path))

    @property
    def path(self) -> Path | None:
        return Path(self.where) if self.kind == "file" else None

    def describe(self) -> str:
        return self.where if self.kind == "file" else f"${self.where}"

    def read_text(self) -> str | None:
        """The key text, None when it is not there. A file others can read is refused."""
        if self.kind == "env":
            return os.environ.get(self.where) or None
        path = Path(self.where)
        if not path.exists():
            return None
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise SigningKeyError(texts.SIGNING_KEY_OPEN.format(path=path, mode=f"{mode:04o}"))
        return path.read_text(encoding="ascii", errors="replace")


_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,63}")


def write_private_file(path: Path, text: str) -> bool:
    """Create `path` with `text`, mode 0600, atomically and exclusively; False if it already
    existed (a second creator keeps the first key)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    return True


def load_key(path: Path | KeyLocation, *, create: bool) -> SigningKey:
    """Read the engine's key; with `create`, make a key file (mode 0600, O_EXCL) when it is
    absent (a key in an environment variable is never created here).

    A file group or others can read is refused: whoever reads it can forge history."""
    if isinstance(path, KeyLocation):
        if path.kind == "env":
            raw = path.read_text()
            if raw is None:
                raise SigningKeyError(texts.SIGNING_KEY_ENV_MISSING.format(name=path.where))
            return _from_hex(Path(path.describe()), raw)
        path = Path(path.where)
    path = Path(path)
    if not path.exists():
        if not create:
            raise SigningKeyError(texts.SIGNING_KEY_MISSING.format(path=path))
        write_private_file(path, os.urandom(32).hex() + "\n")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SigningKeyError(texts.SIGNING_KEY_OPEN.format(path=path, mode=f"{mode:04o}"))
    return _from_hex(path, path.read_text(encoding="ascii", errors="replace"))


def _from_hex(path: Path, raw: str) -> SigningKey:
    try:
        secret = bytes.fromhex(raw.strip())
    except ValueError:
        secret = b""
    if len(secret) != 32:
        raise SigningKeyError(texts.SIGNING_KEY_BAD.format(path=path))
    return SigningKey.from_secret(path, secret)
