"""The engine's signing key: what the database credential does not give.

Anyone who can INSERT into the events table can compute a correct hash chain, so the chain
alone proves nothing against them. Every event therefore also carries an authenticator,
HMAC-SHA256 over its chain entry (prev hash ‖ canonical event), and the chain-head file is a
checkpoint signed with Ed25519. Both keys are derived (domain-separated HMAC) from one
32-byte secret in a server-side file, mode 0600, never in the database: `ANSHIN_SIGNING_KEY`,
by default `signing.key` beside the chain-head file. HMAC per event keeps `anshin verify`
fast at a million events; the Ed25519 checkpoint can later be checked by a public key alone.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from anshin import integrity_texts as texts
from anshin.errors import AnshinError

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

    def mac(self, entry: bytes) -> str:
        return hmac.new(self._mac_key, entry, hashlib.sha256).hexdigest()

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


def load_key(path: Path, *, create: bool) -> SigningKey:
    """Read the key file; with `create`, make it (mode 0600, O_EXCL) when it is absent.

    A file group or others can read is refused: whoever reads it can forge history."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise SigningKeyError(texts.SIGNING_KEY_MISSING.format(path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(os.urandom(32).hex() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic and exclusive: a second creator keeps the first key
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SigningKeyError(texts.SIGNING_KEY_OPEN.format(path=path, mode=f"{mode:04o}"))
    try:
        secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError):
        secret = b""
    if len(secret) != 32:
        raise SigningKeyError(texts.SIGNING_KEY_BAD.format(path=path))
    return SigningKey.from_secret(path, secret)
