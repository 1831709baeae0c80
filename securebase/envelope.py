"""Sealed documents: signed by the sender, then encrypted with age to the recipients.

``seal`` and ``open_sealed`` are the whole interface. The age payload holds a
signed statement (byte layout in docs/FORMAT.md, section 2):

    magic "SBSEALED" | version 1 | kind | signer key | sorted recipients |
    document | Ed25519 signature over a domain label and all of the above

Rules: ``open_sealed`` refuses oversized input before decrypting, verifies
the signature before returning anything, checks that the opener's own
recipient is among the signed recipients (a re-encrypted, forwarded
document is refused), and never parses the document itself: callers get
verified bytes. Each failure is its own typed error.
"""

import struct
from dataclasses import dataclass

import pyrage

from securebase import limits
from securebase.errors import (
    BadSignature,
    NotAgeFile,
    NotForThisIdentity,
    RecipientMismatch,
    Tampered,
    TooLarge,
    UnexpectedSigner,
    Unsigned,
    UnsupportedVersion,
    WrongKind,
)
from securebase.identity import Identity, verify_signature

MAGIC = b"SBSEALED"
VERSION = 1
SIGNATURE_DOMAIN = b"SecureBase sealed document v1\x00"
_AGE_BINARY = b"age-encryption.org/v1\n"
_AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


@dataclass(frozen=True)
class Unsealed:
    """A verified document and what its signature vouches for."""

    kind: str
    signer: bytes
    recipients: tuple[str, ...]
    document: bytes


def seal(
    document: bytes,
    signer: Identity,
    recipients: list[str],
    *,
    kind: str,
    armored: bool = False,
) -> bytes:
    """Sign ``document`` as ``signer`` and encrypt it to every recipient."""
    ordered = sorted(set(recipients))
    if not 1 <= len(ordered) <= limits.MAX_RECIPIENTS:
        raise ValueError(f"a sealed document needs 1-{limits.MAX_RECIPIENTS} recipients")
    if len(document) > limits.MAX_DOCUMENT_BYTES:
        raise TooLarge()
    body = _statement(kind, signer.public.signing_key, ordered, document)
    signed = body + signer.sign(SIGNATURE_DOMAIN + body)
    age_recipients = [pyrage.x25519.Recipient.from_str(r) for r in ordered]
    return pyrage.encrypt(signed, age_recipients, armored=armored)


def open_sealed(
    data: bytes,
    identity: Identity,
    *,
    expected_signer: bytes | None = None,
    expected_kind: str | None = None,
) -> Unsealed:
    """Decrypt, verify and return the document; raise a typed error otherwise."""
    if len(data) > limits.MAX_SEALED_BYTES:
        raise TooLarge()
    unsealed = _verify(_decrypt(data, identity))
    if expected_kind is not None and unsealed.kind != expected_kind:
        raise WrongKind()
    if expected_signer is not None and unsealed.signer != expected_signer:
        raise UnexpectedSigner()
    if identity.recipient not in unsealed.recipients:
        raise RecipientMismatch()
    return unsealed


def _decrypt(data: bytes, identity: Identity) -> bytes:
    if not data.lstrip().startswith((_AGE_BINARY, _AGE_ARMOR)):
        raise NotAgeFile()
    try:
        return pyrage.decrypt(data, [identity.age_identity])
    except pyrage.DecryptError as error:
        if str(error) == "No matching keys found":
            raise NotForThisIdentity() from None
        raise Tampered() from None


def _statement(kind: str, signer: bytes, recipients: list[str], document: bytes) -> bytes:
    parts = [MAGIC, bytes([VERSION]), _short(kind.encode("ascii")), signer]
    parts.append(bytes([len(recipients)]))
    parts.extend(_short(r.encode("ascii")) for r in recipients)
    parts.append(struct.pack(">Q", len(document)))
    parts.append(document)
    return b"".join(parts)


def _short(field: bytes) -> bytes:
    if len(field) > 255:
        raise ValueError("field longer than 255 bytes")
    return bytes([len(field)]) + field


def _verify(signed: bytes) -> Unsealed:
    if not signed.startswith(MAGIC):
        raise Unsigned()
    reader = _Reader(signed, len(MAGIC))
    if reader.take(1)[0] != VERSION:
        raise UnsupportedVersion()
    kind = reader.short().decode("ascii", errors="replace")
    signer = reader.take(32)
    count = reader.take(1)[0]
    recipients = tuple(reader.short().decode("ascii", errors="replace") for _ in range(count))
    (length,) = struct.unpack(">Q", reader.take(8))
    if length > limits.MAX_DOCUMENT_BYTES:
        raise TooLarge()
    document = reader.take(length)
    body_end = reader.offset
    signature = reader.take(64)
    if reader.offset != len(signed) or list(recipients) != sorted(set(recipients)):
        raise Unsigned()
    if not verify_signature(signer, signature, SIGNATURE_DOMAIN + signed[:body_end]):
        raise BadSignature()
    return Unsealed(kind, signer, recipients, document)


class _Reader:
    """Reads length-checked fields; running out of bytes means a malformed statement."""

    def __init__(self, data: bytes, offset: int):
        self.data, self.offset = data, offset

    def take(self, count: int) -> bytes:
        if self.offset + count > len(self.data):
            raise Unsigned()
        chunk = self.data[self.offset : self.offset + count]
        self.offset += count
        return chunk

    def short(self) -> bytes:
        return self.take(self.take(1)[0])
