"""Invitations: how a therapist hands a new client the keys to reach them.

An invitation carries the therapist's age recipient and signing key, a fresh
``client_id`` and a display label, with its issue date. It travels as one
token, ``SBINVITE1...``: Bech32 with the prefix ``sbinvite``, written in upper
case so that a QR code can use its compact alphanumeric mode. The Bech32
checksum means a mistyped character is reported, never silently accepted.

Byte layout of the data part (docs/FORMAT.md, section 3):
    version (1) | therapist X25519 public key (32) | therapist Ed25519 key (32)
    | client_id (16) | issue date, days since 2000-01-01 (2, big-endian)
    | label length (1) | label, UTF-8
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from securebase import bech32
from securebase.display import is_plain_line
from securebase.errors import InvalidInvitation
from securebase.identity import PublicKeys
from securebase.journal import has_control_characters

PREFIX = "sbinvite"
VERSION = 1
MAX_LABEL_BYTES = 60
_EPOCH = date(2000, 1, 1)
_FIXED_BYTES = 1 + 32 + 32 + 16 + 2 + 1


@dataclass(frozen=True)
class Invitation:
    therapist: PublicKeys
    client_id: uuid.UUID
    label: str
    issued: date

    def encode(self) -> str:
        label = self.label.encode("utf-8")
        if not label.strip() or len(label) > MAX_LABEL_BYTES or not is_plain_label(self.label):
            raise ValueError(f"an invitation label needs 1-{MAX_LABEL_BYTES} bytes of plain text")
        _, x25519_key = bech32.decode(self.therapist.age_recipient)
        days = (self.issued - _EPOCH).days
        data = (
            bytes([VERSION])
            + x25519_key
            + self.therapist.signing_key
            + self.client_id.bytes
            + days.to_bytes(2, "big")
            + bytes([len(label)])
            + label
        )
        return bech32.encode(PREFIX, data).upper()


def is_plain_label(label: str) -> bool:
    """A label an invitation may carry: one line, no control or bidirectional characters."""
    return not has_control_characters(label) and is_plain_line(label)


def new_invitation(therapist: PublicKeys, label: str, issued: date) -> Invitation:
    """An invitation with a fresh random client id."""
    return Invitation(therapist, uuid.uuid4(), label, issued)


def decode_invitation(token: str) -> Invitation:
    """Parse a pasted or scanned token; raise ``InvalidInvitation`` on any defect."""
    compact = "".join(token.split())
    try:
        prefix, data = bech32.decode(compact)
    except bech32.Bech32Error as error:
        raise InvalidInvitation(str(error)) from None
    if prefix != PREFIX:
        raise InvalidInvitation("is not a SecureBase invitation")
    if not data or data[0] != VERSION:
        raise InvalidInvitation("was made by a newer SecureBase; please update")
    if len(data) < _FIXED_BYTES or len(data) != _FIXED_BYTES + data[_FIXED_BYTES - 1]:
        raise InvalidInvitation("has the wrong length")
    return _unpack(data)


def _unpack(data: bytes) -> Invitation:
    try:
        label = data[_FIXED_BYTES:].decode("utf-8")
    except UnicodeDecodeError:
        label = None  # refused below, outside the handler
    # The code is not signed: its label is shown to the client, so it must be plain text
    # (no escape sequences, no bidirectional overrides, one line).
    if label is None or not is_plain_label(label):
        raise InvalidInvitation("has an unreadable label")
    therapist = PublicKeys(age_recipient=bech32.encode("age", data[1:33]), signing_key=data[33:65])
    issued = _EPOCH + timedelta(days=int.from_bytes(data[81:83], "big"))
    return Invitation(therapist, uuid.UUID(bytes=data[65:81]), label, issued)
