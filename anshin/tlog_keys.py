"""Ed25519 keys of the transparency log in the C2SP note encodings, and the signing of
checkpoints: the city signs (signed-note, type 0x01), the witness co-signs
(tlog-cosignature/v1, type 0x04). The verifying side is `anshin.tlog_verify`."""

from __future__ import annotations

import base64
import struct
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from anshin.tlog_verify import SIG_COSIGNATURE, SIG_ED25519, VerifierKey


@dataclass(frozen=True)
class NoteSigner:
    """A private key `PRIVATE+KEY+name+hexid+base64(type ‖ seed)` (the Go note encoding)."""

    name: str
    sig_type: int
    _private: Ed25519PrivateKey

    @classmethod
    def generate(cls, name: str, sig_type: int = SIG_ED25519) -> NoteSigner:
        return cls.from_private(name, Ed25519PrivateKey.generate(), sig_type)

    @classmethod
    def from_private(cls, name: str, private: Ed25519PrivateKey,
                     sig_type: int = SIG_ED25519) -> NoteSigner:
        if not valid_key_name(name):
            raise ValueError("a key name is non-empty, without spaces or '+'")
        return cls(name, sig_type, private)

    @classmethod
    def parse(cls, text: str) -> NoteSigner:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise ValueError("a private key is PRIVATE+KEY+name+hexid+base64key")
        raw = base64.b64decode(parts[4], validate=True)
        if len(raw) != 33 or raw[0] not in (SIG_ED25519, SIG_COSIGNATURE):
            raise ValueError("not an Ed25519 private key")
        signer = cls(parts[2], raw[0], Ed25519PrivateKey.from_private_bytes(raw[1:]))
        if signer.verifier.id.hex() != parts[3].lower():
            raise ValueError("private key id does not match its key")
        return signer

    @property
    def verifier(self) -> VerifierKey:
        public = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, self.sig_type, public)

    def encoded(self) -> str:
        seed = self._private.private_bytes_raw()
        material = base64.b64encode(bytes([self.sig_type]) + seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{material}"

    def signature_line(self, text: str, now: int | None = None) -> str:
        """The `— name base64(id ‖ signature)` line for note text `text`."""
        if self.sig_type == SIG_ED25519:
            raw = self._private.sign(text.encode())
        else:
            stamp = int(time.time()) if now is None else now
            message = f"cosignature/v1\ntime {stamp}\n{text}".encode()
            raw = struct.pack(">Q", stamp) + self._private.sign(message)
        return f"\u2014 {self.name} {base64.b64encode(self.verifier.id + raw).decode()}\n"


def valid_key_name(name: str) -> bool:
    """A C2SP key name: non-empty, no space, no '+' (the policy checks origins with it)."""
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def checkpoint_text(origin: str, size: int, root: bytes) -> str:
    """The three checkpoint lines (C2SP tlog-checkpoint), ending in a newline."""
    return f"{origin}\n{size}\n{base64.b64encode(root).decode()}\n"


def sign_checkpoint(origin: str, size: int, root: bytes, city: NoteSigner,
                    witness: NoteSigner | None = None) -> str:
    """The signed note: text, blank line, the city's signature, the witness's cosignature."""
    text = checkpoint_text(origin, size, root)
    lines = city.signature_line(text) + (witness.signature_line(text) if witness else "")
    return f"{text}\n{lines}"
