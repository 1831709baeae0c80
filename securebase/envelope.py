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

import base64
import binascii
import hashlib
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
    TooManyRecipients,
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
    #: SHA-256 of the signed statement: the same export whatever its armor or file bytes.
    statement_sha256: str = ""


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
    if _header_stanzas(data) > limits.MAX_RECIPIENTS:
        raise TooManyRecipients()
    try:
        return pyrage.decrypt(data, [identity.age_identity])
    except pyrage.DecryptError as error:
        if str(error) == "No matching keys found":
            raise NotForThisIdentity() from None
        raise Tampered() from None


def _header_stanzas(data: bytes) -> int:
    """Recipient stanzas in the age header (armor undone first); counted before decrypting."""
    binary = data.lstrip()
    if binary.startswith(_AGE_ARMOR):
        lines = binary[: 2 * 1024 * 1024].split(b"\n")[1:]
        body = b"".join(line.strip() for line in lines if line.strip() and b"-----" not in line)
        try:
            binary = base64.b64decode(body[: 1024 * 1024], validate=False)  # the header is first
        except (binascii.Error, ValueError):
            return 0  # not valid armor: age refuses it as tampered
    end = binary.find(b"\n--- ", 0, 1024 * 1024)  # the header's MAC line ends the stanzas
    header = binary[: end if end >= 0 else 1024 * 1024].split(b"\n")
    types = [line[3:].split(b" ", 1)[0] for line in header if line.startswith(b"-> ")]
    # age writers add "grease" stanzas of made-up types (ending "-grease"): they name nobody.
    return sum(not kind.endswith(b"-grease") for kind in types)


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
    if count > limits.MAX_RECIPIENTS:
        raise TooManyRecipients()
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
    return Unsealed(kind, signer, recipients, document, hashlib.sha256(signed).hexdigest())


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
