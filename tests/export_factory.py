"""Sealed journal exports made quickly, without the client tool, for importer tests.

``FakeClient.join(vault, label)`` adds a client to a vault, takes the
``client_id`` from the real invitation code, and gives the client a fresh
identity. ``client.export(sequence, entries=[...])`` builds a version 1
document and seals it exactly as the client tool would (signed by the
client, encrypted to the therapist). Items are described compactly:

    entry("a", revision=2, situation="...")   # a live entry, id = item_id("a")
    tombstone("a", revision=3)
    homework_log("h1"), checkin("c1")

Every piece of client-written text the builders invent contains ``MARKER``
(and the item's name), so tests can prove it never reaches an audit line.

The helpers at the bottom make the files an importer must refuse: signed by
another key, for another therapist, unsigned, forwarded, damaged, oversized.
"""

import copy
import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyrage

from securebase.documents import dump_export, parse_export
from securebase.envelope import seal
from securebase.identity import Identity
from securebase.importer import import_files
from securebase.invitation import decode_invitation
from securebase.journal import FORMAT_LABEL
from securebase.store import EncryptedStore
from securebase.vault_schema import MIGRATIONS

#: In every text the builders invent: proof that client text went somewhere.
MARKER = "zqxv-client-wrote-this"
NAMESPACE = uuid.UUID("5b1d3c1e-4f0a-4e8b-9d6c-2a7e0f1b3c4d")
#: Monday evening, one hour east of UTC; item ``day`` offsets count from here.
BASE_TIME = datetime(2024, 3, 4, 20, 0, tzinfo=timezone(timedelta(hours=1)))
HOMEWORK_PACK_KIND = "securebase/homework-pack"


def item_id(name: str) -> str:
    """The stable UUID of the item called ``name`` (the same in every export)."""
    return str(uuid.uuid5(NAMESPACE, name))


def _moment(day: int, hour: int = 0) -> str:
    return (BASE_TIME + timedelta(days=day, hours=hour)).isoformat()


def situation_text(name: str, revision: int) -> str:
    return f"{MARKER} situation {name} r{revision}"


def entry(name: str, revision: int = 1, *, day: int = 0, **fields) -> dict:
    """A live journal entry; ``fields`` override or add any entry field."""
    return {
        "id": item_id(name),
        "revision": revision,
        "deleted": False,
        "occurred_at": _moment(day),
        "recorded_at": _moment(day, hour=1),
        "situation": situation_text(name, revision),
        "triggers": ["delayed_reply"],
        "emotions": [{"emotion": "anxiety", "intensity": 70}],
        "automatic_thought": f"{MARKER} thought {name}",
        "distress_before": 70,
        "distress_after": 40,
        "urge": {"intensity": 6, "acted": False, "behaviours": ["checking_phone"]},
        **fields,
    }


def tombstone(name: str, revision: int, *, day: int = 0) -> dict:
    """The deletion of entry ``name``: no text travels, only id and revision."""
    return {
        "id": item_id(name),
        "revision": revision,
        "deleted": True,
        "recorded_at": _moment(day, hour=2),
    }


def homework_log(name: str, revision: int = 1, *, assignment: str = "hw", day: int = 0) -> dict:
    return {
        "id": item_id(name),
        "assignment_id": item_id(assignment),
        "revision": revision,
        "done_at": _moment(day, hour=-12),
        "minutes": 10,
        "helpfulness": 6,
        "note": f"{MARKER} note {name} r{revision}",
    }


def checkin(name: str, *, measure: str = "gad7", day: int = 0) -> dict:
    answers = [1] * (7 if measure == "gad7" else 9)
    return {
        "id": item_id(name),
        "measure": measure,
        "completed_at": _moment(day),
        "answers": answers,
    }


def keys_of(identity: Identity) -> dict:
    public = identity.public
    return {"signing_key": public.signing_key.hex(), "age_recipient": public.age_recipient}


@dataclass(frozen=True)
class FakeClient:
    """A client who joined a vault, holding their own identity."""

    client_id: str
    label: str
    identity: Identity
    therapist_recipient: str

    @classmethod
    def join(cls, vault, label: str) -> "FakeClient":
        """Add ``label`` to ``vault``; the client id comes from the invitation code."""
        _, code = vault.add_client(label)
        invitation = decode_invitation(code)
        return cls(
            client_id=str(invitation.client_id),
            label=label,
            identity=Identity.generate(),
            therapist_recipient=invitation.therapist.age_recipient,
        )

    @classmethod
    def stranger(cls, vault) -> "FakeClient":
        """Someone the vault never invited (a random client id), writing to it."""
        return cls(str(uuid.uuid4()), "stranger", Identity.generate(), vault.identity.recipient)

    def confirm(self, vault):
        """The therapist confirms this client's key by the fingerprint its journal shows."""
        return vault.confirm_key(self.client_id, self.identity.public.fingerprint)

    def with_new_key(self) -> "FakeClient":
        """The same client after setting SecureBase up again (a new identity)."""
        return replace(self, identity=Identity.generate())

    def document(
        self,
        sequence: int,
        entries=(),
        logs=(),
        checkins=(),
        *,
        keys: Identity | None = None,
        **overrides,
    ) -> dict:
        """The plain JSON document of an export; ``keys`` names whose keys it carries."""
        start = BASE_TIME.date() + timedelta(days=7 * (sequence - 1) % 3650)
        doc = {
            "format": FORMAT_LABEL,
            "version": 1,
            "export_id": str(uuid.uuid4()),
            "client_id": self.client_id,
            "sequence": sequence,
            "created_at": _moment(7 * (sequence % 3650)),
            "period": {"start": f"{start:%F}", "end": f"{start + timedelta(days=6):%F}"},
            "entries": copy.deepcopy(list(entries)),
            "homework_logs": copy.deepcopy(list(logs)),
            "checkins": copy.deepcopy(list(checkins)),
            "client_keys": keys_of(keys or self.identity),
        }
        return doc | overrides

    def export(
        self,
        sequence: int,
        entries=(),
        logs=(),
        checkins=(),
        *,
        signer: Identity | None = None,
        recipients: list[str] | None = None,
        keys: Identity | None = None,
        armored: bool = False,
    ) -> bytes:
        """A sealed export. By default signed by this client, carrying the signer's
        keys, encrypted to the therapist from the invitation."""
        signer = signer or self.identity
        doc = self.document(sequence, entries, logs, checkins, keys=keys or signer)
        # Through the importer's own parser: a factory mistake fails here, not later.
        document = dump_export(parse_export(json.dumps(doc).encode("utf-8")))
        return self.seal_raw(document, signer=signer, recipients=recipients, armored=armored)

    def seal_raw(
        self,
        document: bytes,
        *,
        signer: Identity | None = None,
        recipients: list[str] | None = None,
        kind: str = FORMAT_LABEL,
        armored: bool = False,
    ) -> bytes:
        """Sign and seal any bytes (an invalid document, for example) as this client."""
        recipients = recipients or [self.therapist_recipient]
        return seal(document, signer or self.identity, recipients, kind=kind, armored=armored)


# -- files an importer must refuse -------------------------------------------


def unsigned(document: bytes, recipient: str) -> bytes:
    """A plain age file of the document, with no SecureBase signature inside."""
    return pyrage.encrypt(document, [pyrage.x25519.Recipient.from_str(recipient)])


def reencrypted(sealed: bytes, opener: Identity, recipient: str) -> bytes:
    """What ``opener`` could do with a file sealed to them: send the same signed
    statement on to ``recipient`` (a forwarded export)."""
    statement = pyrage.decrypt(sealed, [opener.age_identity])
    return pyrage.encrypt(statement, [pyrage.x25519.Recipient.from_str(recipient)])


def resealed_with_flip(sealed: bytes, opener: Identity, offset_from_end: int = 65) -> bytes:
    """Decrypt, change one byte of the signed statement, encrypt again: the age
    layer is intact, the signature is not (the default byte is the document's last)."""
    statement = bytearray(pyrage.decrypt(sealed, [opener.age_identity]))
    statement[-offset_from_end] ^= 0x01
    return pyrage.encrypt(bytes(statement), [opener.age_identity.to_public()])


def flip_byte(data: bytes, index: int, bit: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[index] ^= bit
    return bytes(changed)


def padded(data: bytes, size: int) -> bytes:
    """``data`` followed by zero bytes up to ``size`` bytes."""
    return data + bytes(size - len(data))


# -- reading back what the vault committed -------------------------------------


def committed(vault) -> sqlite3.Connection:
    """The database as it is on disk now (a fresh decryption, not the vault's copy)."""
    store = EncryptedStore(vault.store.path, vault.identity, MIGRATIONS)
    store.reload()
    return store.db


def rows(db: sqlite3.Connection, table: str, columns: str = "*") -> list[tuple]:
    """Every row of ``table`` (chosen columns), sorted: a comparable dump."""
    found = db.execute(f"SELECT {columns} FROM {table}")
    return sorted(tuple(row) for row in found)


def files_under(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``folder``."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def import_one(vault, data: bytes, name: str = "export.age"):
    """Import one file into ``vault``; its ImportResult."""
    (result,) = import_files(vault, [(name, data)])
    return result
