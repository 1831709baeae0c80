"""Identities: one age X25519 secret backs both an age identity and a signing key.

An ``Identity`` is what a therapist or a client owns: the age identity that
decrypts what is sent to them, and an Ed25519 key (derived from the same
secret with HKDF under a SecureBase label) that signs what they send. Saved
as ``identity.age``: the exact text ``age-keygen`` writes, encrypted with a
passphrase (age scrypt recipient), so ``age -d -i identity.age FILE`` works
for its owner without SecureBase.

Rules: the secret never touches disk unencrypted; the identity file is
replaced atomically; a wrong passphrase is a ``WrongPassphrase``, a damaged
file an ``IdentityFileInvalid``.
"""

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from securebase import age_passphrase, bech32
from securebase.atomic import write_atomically
from securebase.errors import IdentityFileInvalid, NotAgeFile, WrongPassphrase

SIGNING_KEY_INFO = b"securebase/v1 ed25519 signing key"
_FINGERPRINT_LABEL = b"securebase/v1 fingerprint"
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKeys:
    """What others may know: the age recipient and the Ed25519 public key."""

    age_recipient: str
    signing_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)


def fingerprint(signing_key: bytes) -> str:
    """80 bits of the signing key's hash, in four groups short enough to read aloud.

    Base32 letters and digits 2-7 avoid the 0/O and 1/I/L confusions.
    """
    digest = hashlib.sha256(_FINGERPRINT_LABEL + signing_key).digest()[:10]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


class Identity:
    """An age X25519 identity plus the Ed25519 signing key derived from it."""

    def __init__(self, age_secret: str):
        prefix, secret = bech32.decode(age_secret)
        if prefix != "age-secret-key-" or len(secret) != 32:
            raise IdentityFileInvalid()
        self.age_identity = pyrage.x25519.Identity.from_str(age_secret.upper())
        self._secret = secret
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SIGNING_KEY_INFO)
        self._signing_key = Ed25519PrivateKey.from_private_bytes(seed.derive(secret))

    @classmethod
    def generate(cls) -> "Identity":
        return cls(str(pyrage.x25519.Identity.generate()))

    @property
    def recipient(self) -> str:
        return str(self.age_identity.to_public())

    @property
    def public(self) -> PublicKeys:
        signing = self._signing_key.public_key().public_bytes(*_RAW)
        return PublicKeys(age_recipient=self.recipient, signing_key=signing)

    def sign(self, message: bytes) -> bytes:
        return self._signing_key.sign(message)

    def keygen_text(self, created: datetime | None = None) -> str:
        """The identity in the exact layout ``age-keygen`` writes."""
        created = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"# created: {created}\n# public key: {self.recipient}\n{self.age_identity!s}\n"

    def __repr__(self) -> str:  # never show the secret in logs or tracebacks
        return f"Identity({self.recipient})"


def verify_signature(signing_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(signing_key).verify(signature, message)
    except Exception:
        return False
    return True


def save_identity(
    identity: Identity,
    path: Path,
    passphrase: str,
    work_factor: int = age_passphrase.DEFAULT_WORK_FACTOR,
) -> None:
    """Encrypt the identity with ``passphrase`` and replace ``path`` atomically."""
    sealed = age_passphrase.encrypt(identity.keygen_text().encode(), passphrase, work_factor)
    write_atomically(path, sealed)


def load_identity(path: Path, passphrase: str) -> Identity:
    data = path.read_bytes()
    if not data.startswith(b"age-encryption.org/v1\n"):
        raise NotAgeFile()
    return _identity_from_keygen_text(_decrypt_identity_file(data, passphrase))


def _decrypt_identity_file(data: bytes, passphrase: str) -> str:
    try:
        plaintext = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        failure = WrongPassphrase if str(error) == "Decryption failed" else IdentityFileInvalid
        raise failure() from None
    try:
        return plaintext.decode("utf-8")
    except UnicodeDecodeError:
        pass  # refused below, outside the handler: the exception holds the secret
    raise IdentityFileInvalid()


def change_passphrase(
    path: Path,
    old: str,
    new: str,
    work_factor: int = age_passphrase.DEFAULT_WORK_FACTOR,
) -> None:
    save_identity(load_identity(path, old), path, new, work_factor)


def _identity_from_keygen_text(text: str) -> Identity:
    secrets = [line for line in text.splitlines() if line and not line.startswith("#")]
    if len(secrets) == 1 and secrets[0].startswith("AGE-SECRET-KEY-1"):
        try:
            return Identity(secrets[0])
        except (ValueError, pyrage.IdentityError):
            pass  # refused below, outside the handler: the exception may quote the key
    raise IdentityFileInvalid()
