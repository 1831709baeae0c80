"""The therapist's vault: identity, encrypted database, received files, roster.

Layout of a vault folder:
    vault.json          non-secret metadata: format, version, creation date
    identity.age        the therapist's identity, passphrase-protected
    vault.db.age        the database (securebase.vault_schema), encrypted to
                        the therapist's own recipient (securebase.store)
    received/           every accepted export, unchanged, named by SHA-256
    audit.pending       audit lines not yet in the database (unlocks), encrypted
                        to the therapist's own recipient (securebase.pending_audit)
    unlock.throttle     wrong passphrases in a row, for the growing wait
                        (securebase.unlock_throttle; a count and a time only)

Rules: nothing clinical is written outside ``vault.db.age`` and
``received/`` (which holds ciphertext only); the audit log records actions
with ids, hashes and counts, never client text; a client is named by id or
by an unambiguous label.
"""

import json
import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from securebase import client_keys, pending_audit, unlock_throttle
from securebase.atomic import make_private_folder, remove_stale_temporaries, write_atomically
from securebase.environment import VAULT_VARIABLE, data_folder, pinned_day, work_factor
from securebase.errors import (
    AmbiguousClient,
    ClientNotFound,
    InvalidLabel,
    KeyConflict,
    LabelTaken,
    NoPendingKey,
    StoreExists,
    VaultFormatUnknown,
)
from securebase.identity import Identity, fingerprint, load_identity, save_identity
from securebase.invitation import MAX_LABEL_BYTES, is_plain_label, new_invitation
from securebase.journal import has_control_characters
from securebase.journal_link import SETTING, check_journal_url, invitation_link
from securebase.store import EncryptedStore
from securebase.vault_schema import MIGRATIONS

VAULT_FORMAT = "securebase/vault"
VAULT_VERSION = 1
APP_NAME = "securebase"
DEFAULT_THERAPIST_NAME = "Your therapist"
MAX_CLIENT_LABEL_CHARS = 80


def now_utc() -> datetime:
    """Now, to the second; on the pinned day if ``SECUREBASE_TODAY`` is set (a demo), so what
    the vault records is dated as the days it shows are."""
    now = datetime.now(UTC).replace(microsecond=0)
    day = pinned_day()
    return now if day is None else datetime.combine(day, now.timetz())


def default_vault_path(override: str | Path | None = None) -> Path:
    """``override``, else ``$SECUREBASE_VAULT``, else ``<user data>/securebase/vault``."""
    if override or os.environ.get(VAULT_VARIABLE):
        return data_folder(override, VAULT_VARIABLE, APP_NAME)
    return data_folder(None, VAULT_VARIABLE, APP_NAME) / "vault"


@dataclass(frozen=True)
class Client:
    client_id: str
    label: str
    created_at: str
    invitation: str
    archived_at: str | None
    signing_key: str | None
    pending_signing_key: str | None  # the oldest held key (client_keys), if any
    last_sequence: int
    last_import_at: str | None
    entries: int
    key_confirmed_at: str | None = None
    held_keys: int = 0

    @property
    def key_status(self) -> str:
        """none, unconfirmed, confirmed, conflict (two first keys) or changed (a new key waits)."""
        if self.signing_key is None:
            return "none"
        if self.held_keys:
            return "changed" if self.key_confirmed_at else "conflict"
        return "confirmed" if self.key_confirmed_at else "unconfirmed"

    @property
    def key_fingerprint(self) -> str | None:
        return fingerprint(bytes.fromhex(self.signing_key)) if self.signing_key else None

    @property
    def pending_fingerprint(self) -> str | None:
        key = self.pending_signing_key
        return fingerprint(bytes.fromhex(key)) if key else None


class Vault:
    def __init__(self, path: Path, identity: Identity):
        self.path = Path(path)
        self.identity = identity
        self.store = EncryptedStore(
            self.path / "vault.db.age",
            identity,
            MIGRATIONS,
            before_commit=self._fold_pending_audit,
            after_commit=self._clear_pending_audit,
        )

    # -- opening ------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        therapist_name: str = DEFAULT_THERAPIST_NAME,
        *,
        identity: Identity | None = None,
    ):
        """A new vault; ``identity`` is for restoring one (and the demo), else fresh."""
        path = Path(path)
        if any((path / name).exists() for name in ("vault.json", "identity.age", "vault.db.age")):
            raise StoreExists()
        _check_therapist_name(therapist_name)
        make_private_folder(path / "received")
        path.chmod(0o700)
        identity = identity or Identity.generate()
        save_identity(identity, path / "identity.age", passphrase, work_factor())
        EncryptedStore.create(path / "vault.db.age", identity, MIGRATIONS)
        metadata = {"format": VAULT_FORMAT, "version": VAULT_VERSION, "created": f"{now_utc():%F}"}
        write_atomically(path / "vault.json", json.dumps(metadata, indent=2).encode() + b"\n")
        vault = cls(path, identity)

        from securebase import flag_store  # pandas: loaded only once a vault is made

        def first_settings(db) -> None:
            _set_setting(db, "therapist_name", therapist_name)
            flag_store.rescreen(db)  # nothing to screen yet: records the screen's version

        vault.store.update(first_settings)
        vault.audit("vault_created")
        return vault

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> "Vault":
        path = Path(path)
        _check_metadata(path)
        identity = unlock_throttle.guarded(
            path, lambda: load_identity(path / "identity.age", passphrase)
        )
        vault = cls(path, identity)
        with vault.store.locked():
            vault.store.reload()
            # Recorded beside the database, not in it: unlocking rewrites nothing...
            vault._pending_audit("unlocked")
            remove_stale_temporaries(vault.store.path)  # a killed writer's; we hold the lock
            # ...unless the risk screen changed since the vault was last screened: then
            # every item is screened again once, as a migration would (flag_store).
            from securebase import flag_store  # pandas: loaded only once a vault opens

            if not flag_store.is_current(vault.store.db):
                vault.store.update(flag_store.rescreen)
        return vault

    # -- keeping current ------------------------------------------------------

    def refresh(self) -> None:
        """Read the database again if another window or program wrote it (one ``stat``)."""
        self.store.refresh()

    def generation(self) -> tuple | None:
        """Which version of the database this vault shows, after a ``refresh``: it changes
        with every write from anywhere, so a front end may key what it remembers on it."""
        self.store.refresh()
        return self.store.generation

    def close(self) -> None:
        """Drop the decrypted database from memory now (on lock); unlock again to read."""
        self.store.close()

    @property
    def received_dir(self) -> Path:
        return self.path / "received"

    @property
    def therapist_name(self) -> str:
        row = self.store.db.execute("SELECT value FROM settings WHERE key = 'therapist_name'")
        return row.fetchone()[0]

    @property
    def journal_url(self) -> str | None:
        """The practice's web journal address, if the therapist has set one."""
        row = self.store.db.execute("SELECT value FROM settings WHERE key = ?", (SETTING,))
        found = row.fetchone()
        return found[0] if found else None

    def set_journal_url(self, address: str) -> str:
        """Check and keep the web journal address; invitation links are built on it."""
        checked = check_journal_url(address)
        self.store.update(lambda db: _set_setting(db, SETTING, checked))
        return checked

    def front_end_setting(self, key: str) -> str | None:
        """A front end's own preference kept in the vault (e.g. the dashboard's idle time)."""
        row = self.store.db.execute(
            "SELECT value FROM settings WHERE key = ?", (_front_end_key(key),)
        ).fetchone()
        return row[0] if row else None

    def set_front_end_setting(self, key: str, value: str) -> None:
        self.store.update(lambda db: _set_setting(db, _front_end_key(key), value))

    def invitation_link(self, code: str) -> str | None:
        return invitation_link(self.journal_url, code) if self.journal_url else None

    # -- roster -------------------------------------------------------------

    def add_client(self, label: str, *, client_id: str | None = None) -> tuple[Client, str]:
        """A new client and the invitation code to hand them (fresh id unless given)."""
        label = " ".join(label.split())
        if not label or len(label) > MAX_CLIENT_LABEL_CHARS or has_control_characters(label):
            raise InvalidLabel()
        invitation = new_invitation(self.identity.public, self.therapist_name, now_utc().date())
        if client_id is not None:
            invitation = replace(invitation, client_id=uuid.UUID(client_id))
        code = invitation.encode()
        client_id = str(invitation.client_id)

        def insert(db):
            if db.execute(
                "SELECT 1 FROM clients WHERE label = ? COLLATE NOCASE", (label,)
            ).fetchone():
                raise LabelTaken()
            db.execute(
                "INSERT INTO clients (client_id, label, created_at, invitation)"
                " VALUES (?, ?, ?, ?)",
                (client_id, label, now_utc().isoformat(), code),
            )
            record_audit(db, "client_added", client_id)

        self.store.update(insert)
        return self.client(client_id), code

    def clients(self, *, include_archived: bool = False) -> list[Client]:
        where = "" if include_archived else "WHERE c.archived_at IS NULL"
        rows = self.store.db.execute(f"{_CLIENT_QUERY} {where} ORDER BY c.label COLLATE NOCASE")
        return [Client(**dict(row)) for row in rows]

    def client(self, reference: str) -> Client:
        """A client by id, id prefix (8+ characters) or unambiguous label."""
        wanted = reference.strip()
        matches = [
            c
            for c in self.clients(include_archived=True)
            if c.client_id == wanted.lower()
            or (len(wanted) >= 8 and c.client_id.startswith(wanted.lower()))
            or c.label.casefold() == wanted.casefold()
        ]
        if not matches:
            raise ClientNotFound()
        if len(matches) > 1:
            raise AmbiguousClient()
        return matches[0]

    def set_archived(self, reference: str, archived: bool) -> Client:
        client = self.client(reference)

        def change(db):
            stamp = now_utc().isoformat() if archived else None
            db.execute(
                "UPDATE clients SET archived_at = ? WHERE client_id = ?", (stamp, client.client_id)
            )
            record_audit(db, "client_archived" if archived else "client_restored", client.client_id)

        self.store.update(change)
        return self.client(client.client_id)

    def accept_key(self, reference: str) -> Client:
        """Confirm the one held key of a refused export (``confirm_key`` names it instead)."""
        client = self.client(reference)
        if not client.pending_signing_key:
            raise NoPendingKey()
        if client.held_keys > 1:
            raise KeyConflict()
        return self.confirm_key(client.client_id, client.pending_fingerprint)

    def confirm_key(self, reference: str, typed_fingerprint: str) -> Client:
        """Confirm the key whose fingerprint the client read out (``client_keys.confirm``)."""
        client = self.client(reference)

        def change(db):
            row = db.execute(
                "SELECT * FROM clients WHERE client_id = ?", (client.client_id,)
            ).fetchone()
            done = client_keys.confirm(db, row, typed_fingerprint, now_utc().isoformat())
            record_audit(db, "key_confirmed", client.client_id, **done)

        self.store.update(change)
        return self.client(client.client_id)

    def held_keys(self, reference: str) -> list[dict]:
        """Keys that answered for this client and wait for the therapist (oldest first)."""
        return client_keys.held(self.store.db, self.client(reference).client_id)

    # -- audit --------------------------------------------------------------

    def audit(self, action: str, client_id: str | None = None, **detail) -> None:
        self.store.update(lambda db: record_audit(db, action, client_id, **detail))

    def audit_log(self) -> list[dict]:
        """Every audit line, oldest first: the database's, then those still pending."""
        rows = self.store.db.execute(
            "SELECT at, action, client_id, detail FROM audit_log ORDER BY id"
        )
        stored = [{**dict(row), "detail": json.loads(row["detail"])} for row in rows]
        pending = pending_audit.read(self._pending_path, self.identity)
        return stored + pending_audit.unfolded(self.store.db, pending)

    @property
    def _pending_path(self) -> Path:
        return self.path / pending_audit.PENDING_NAME

    def _pending_audit(self, action: str) -> None:
        row = {"at": now_utc().isoformat(), "action": action, "client_id": None, "detail": {}}
        pending_audit.append(self._pending_path, self.identity, row)

    def _fold_pending_audit(self, db) -> None:
        pending_audit.fold(db, self._pending_path, self.identity)

    def _clear_pending_audit(self) -> None:
        pending_audit.clear(self._pending_path)


_CLIENT_QUERY = """
    SELECT c.client_id, c.label, c.created_at, c.invitation, c.archived_at, c.signing_key,
           (SELECT h.signing_key FROM held_keys h WHERE h.client_id = c.client_id
             ORDER BY h.first_seen, h.signing_key LIMIT 1) AS pending_signing_key,
           c.last_sequence, c.last_import_at,
           (SELECT COUNT(*) FROM entries e WHERE e.client_id = c.client_id AND e.deleted = 0)
             AS entries,
           c.key_confirmed_at,
           (SELECT COUNT(*) FROM held_keys h WHERE h.client_id = c.client_id) AS held_keys
    FROM clients c
"""


def record_audit(db, action: str, client_id: str | None = None, **detail) -> None:
    """One audit line. ``detail`` must hold ids, hashes, codes and counts only."""
    db.execute(
        "INSERT INTO audit_log (at, action, client_id, detail) VALUES (?, ?, ?, ?)",
        (now_utc().isoformat(), action, client_id, json.dumps(detail, sort_keys=True)),
    )


def _check_therapist_name(name: str) -> None:
    """Every invitation carries this name: refuse one that no invitation could hold."""
    size = len(name.encode("utf-8"))
    if not name.strip() or size > MAX_LABEL_BYTES or not is_plain_label(name):
        raise InvalidLabel()


def _set_setting(db, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


#: Keys a front end may keep its preferences under: its own name first, so no preference
#: can overwrite a setting of the core (the therapist's name, the journal address).
FRONT_END_PREFIXES = ("dashboard_",)


def _front_end_key(key: str) -> str:
    if not key.startswith(FRONT_END_PREFIXES):
        raise ValueError(f"not a front end's setting: {key!r}")
    return key


def _check_metadata(path: Path) -> None:
    try:
        metadata = json.loads((path / "vault.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        metadata = None
    if not isinstance(metadata, dict) or metadata.get("format") != VAULT_FORMAT:
        raise VaultFormatUnknown()
    if metadata.get("version") != VAULT_VERSION:
        raise VaultFormatUnknown()


def new_id() -> str:
    return str(uuid.uuid4())
