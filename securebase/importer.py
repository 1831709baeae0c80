"""Importing clients' sealed exports into the vault (DESIGN.md section 4).

Per file, all or nothing, in this order: size limit -> age-decrypt ->
verify the signature and recipient binding -> parse and validate -> check
the client and the pinned key -> merge -> check the vault still has its
headroom below the size it opens at (``limits.STORE_HEADROOM_BYTES``; else
the file is refused as ``StoreFull`` and rolled back). A batch is one
database write.

Merge rules (``securebase.import_merge``): idempotent and order-independent;
a higher ``revision`` replaces a lower one, an equal one with other content
is a conflict. A file already received, in these or other bytes (the same
signed statement), is a repeat. A refused file changes no clinical data;
the audit log records every file by hash.

Cost: everything but the merge happens before the store lock is taken
(decrypt, verify, validate, and serialise each item into the row it will be
stored as), so the lock is held for SQL only and a batch keeps rows, not
model objects. A file's items are looked up in one query and written in one
statement per table; the accepted files are kept in ``received/`` together
at the end of the batch, written in parallel and each folder synced once,
before the database that names them is committed.
"""

import hashlib
import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC

from securebase import client_keys, limits
from securebase.atomic import storage_errors, sync_directory, write_atomically
from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.errors import (
    ClientArchived,
    KeyChanged,
    KeyConflict,
    KeyMismatch,
    SecureBaseError,
    StoreFull,
    TooLarge,
    UnknownClient,
)
from securebase.flag_store import ItemFlags, is_current, rescreen, store_item_flags
from securebase.import_merge import _ID, ENTRY_LAYOUT, LOG_LAYOUT, check_checkins, merge_rows
from securebase.journal import FORMAT_LABEL, ClientKeys, ExportDocument, JournalEntry
from securebase.messages import describe
from securebase.store import database_bytes
from securebase.vault import Vault, now_utc, record_audit


@dataclass
class FileResult:
    """What happened to one file, in words a therapist can act on."""

    file: str
    sha256: str
    status: str = "imported"
    new: int = 0
    updated: int = 0
    removed: int = 0
    error: str | None = None
    repeated: bool = False
    #: Imported from a key the therapist has not confirmed yet (client_keys).
    unconfirmed: bool = False
    client_id: str | None = None
    failure: SecureBaseError | None = field(default=None, repr=False)

    def as_json(self) -> dict:
        keys = ("file", "sha256", "status", "new", "updated", "removed", "error", "unconfirmed")
        return {key: getattr(self, key) for key in keys}

    @property
    def summary(self) -> str:
        if self.failure is not None:
            return describe(self.failure).text
        counts = f"{self.new} new, {self.updated} updated, {self.removed} removed"
        unconfirmed = " (key not confirmed yet)" if self.unconfirmed else ""
        return counts + (" (already imported)" if self.repeated else "") + unconfirmed

    @property
    def hint(self) -> str:
        return describe(self.failure).hint if self.failure is not None else ""


@dataclass(frozen=True)
class _Rows:
    """A verified, validated document as the rows the merge writes.

    Row layouts are the tables' (``vault_schema``); ids and revisions are
    read from them by position (``securebase.import_merge`` names the positions).
    """

    client_id: str
    export_id: str
    sequence: int
    client_keys: ClientKeys
    entries: list[tuple]
    logs: list[tuple]
    checkins: list[tuple]
    #: The risk screen's findings per entry id and per check-in id (``flag_store``).
    entry_flags: dict[tuple[str, int], ItemFlags]
    checkin_flags: dict[str, ItemFlags]


@dataclass
class _Opened:
    name: str
    sha256: str
    data: bytes
    signer: bytes
    document: _Rows
    statement_sha256: str


def import_files(vault: Vault, files: Iterable[tuple[str, bytes]]) -> list[FileResult]:
    """Import each (name, bytes); one database write for the whole batch."""
    prepared = [_open(vault, name, data) for name, data in files]

    def apply_all(db):
        _remove_stale_received_temporaries(vault)
        if not is_current(db):  # flags of a vault screened by an older screen: screen again
            rescreen(db)
        accepted: list[_Opened] = []
        results = [_apply(vault, db, item, accepted) for item in prepared]
        _keep_received_files(vault, accepted)  # durable before the database names them
        return results

    return vault.store.update(apply_all)


def rebuild(vault: Vault) -> list[FileResult]:
    """Recreate every received item from the files in ``received/``.

    The files were accepted once, so the key pins are not re-checked
    (a client's key may have been accepted later); signatures are.
    """
    rejected = {row[0] for row in vault.store.db.execute("SELECT sha256 FROM rejected_files")}
    files = [p for p in sorted(vault.received_dir.glob("*/*.age")) if p.stem not in rejected]
    prepared = [_open(vault, path.name, path.read_bytes()) for path in files]

    def replay(db):
        for table in ("entries", "homework_logs", "checkins", "received_files"):
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        db.execute("UPDATE clients SET last_sequence = 0")
        results = [_apply(vault, db, item, [], check_pin=False) for item in prepared]
        rescreen(db)  # flags follow the rebuilt items; reviews are kept
        record_audit(db, "rebuilt", files=len(files))
        return results

    return vault.store.update(replay)


def _open(vault: Vault, name: str, data: bytes) -> _Opened | FileResult:
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if len(data) > limits.MAX_SEALED_BYTES:
            raise TooLarge()
        unsealed = open_sealed(data, vault.identity, expected_kind=FORMAT_LABEL)
        document = parse_export(unsealed.document)
    except SecureBaseError as error:
        return _refused(name, sha256, error)
    rows = _rows(document, sha256)
    return _Opened(name, sha256, data, unsealed.signer, rows, unsealed.statement_sha256)


def _rows(document: ExportDocument, sha256: str) -> _Rows:
    client_id = str(document.client_id)
    return _Rows(
        client_id=client_id,
        export_id=str(document.export_id),
        sequence=document.sequence,
        client_keys=document.client_keys,
        entries=[_entry_row(client_id, entry, sha256) for entry in document.entries],
        logs=[_log_row(client_id, log, sha256) for log in document.homework_logs],
        checkins=[_checkin_row(client_id, c, sha256) for c in document.checkins],
        # Screened before the store lock is taken, like every other step but the merge.
        entry_flags={
            (str(e.id), e.revision): ItemFlags.of_entry(e.model_dump(mode="json"))
            for e in document.entries
        },
        checkin_flags={
            str(c.id): ItemFlags.of_checkin(c.model_dump(mode="json")) for c in document.checkins
        },
    )


def _entry_row(client_id: str, entry, sha256: str) -> tuple:
    live = isinstance(entry, JournalEntry)
    return (
        client_id,
        str(entry.id),
        entry.revision,
        int(not live),
        entry.occurred_at.isoformat() if live else None,
        entry.occurred_at.astimezone(UTC).isoformat() if live else None,
        entry.recorded_at.isoformat(),
        entry.model_dump_json(),
        sha256,
    )


def _log_row(client_id: str, log, sha256: str) -> tuple:
    return (
        client_id,
        str(log.id),
        str(log.assignment_id),
        log.revision,
        int(log.deleted),
        log.done_at.isoformat(),
        log.model_dump_json(),
        sha256,
    )


def _checkin_row(client_id: str, checkin, sha256: str) -> tuple:
    return (
        client_id,
        str(checkin.id),
        checkin.measure.value,
        checkin.completed_at.isoformat(),
        checkin.model_dump_json(),
        sha256,
    )


def _refused(name: str, sha256: str, error: SecureBaseError) -> FileResult:
    return FileResult(name, sha256, status="refused", error=error.code, failure=error)


def _apply(
    vault: Vault,
    db,
    item: _Opened | FileResult,
    accepted: list[_Opened],
    *,
    check_pin: bool = True,
) -> FileResult:
    if isinstance(item, FileResult):
        record_audit(db, "import_refused", sha256=item.sha256, error=item.error)
        return item
    if _already_received(db, item):
        record_audit(db, "import_repeated", item.document.client_id, sha256=item.sha256)
        return FileResult(item.name, item.sha256, repeated=True, client_id=item.document.client_id)
    db.execute("SAVEPOINT import_file")
    try:
        result = _merge_file(db, item, check_pin)
        _check_room(db)
    except SecureBaseError as error:
        db.execute("ROLLBACK TO import_file")
        db.execute("RELEASE import_file")
        if isinstance(error, KeyChanged | KeyConflict):
            _hold_key(db, item)
        record_audit(db, "import_refused", _client_of(item), sha256=item.sha256, error=error.code)
        return _refused(item.name, item.sha256, error)
    db.execute("RELEASE import_file")
    accepted.append(item)
    record_audit(
        db,
        "imported",
        result.client_id,
        sha256=item.sha256,
        new=result.new,
        updated=result.updated,
        removed=result.removed,
    )
    return result


def _already_received(db, item: _Opened) -> bool:
    """The same file, or the same signed export in other bytes (armor, re-encryption)."""
    query = "SELECT 1 FROM received_files WHERE sha256 = ? OR statement_sha256 = ?"
    return db.execute(query, (item.sha256, item.statement_sha256)).fetchone() is not None


def _check_room(db) -> None:
    """Refuse a file that leaves less than the headroom below the size a vault opens at."""
    if database_bytes(db) > limits.MAX_STORE_BYTES - limits.STORE_HEADROOM_BYTES:
        raise StoreFull()


def _client_of(item: _Opened) -> str | None:
    return item.document.client_id


def _merge_file(db, item: _Opened, check_pin: bool) -> FileResult:
    document = item.document
    client_id = document.client_id
    confirmed = _check_client(db, client_id, item, check_pin)
    result = FileResult(item.name, item.sha256, client_id=client_id, unconfirmed=not confirmed)
    written = merge_rows(db, "entries", document.entries, ENTRY_LAYOUT, result)
    merge_rows(db, "homework_logs", document.logs, LOG_LAYOUT, result)
    check_checkins(db, client_id, document.checkins)
    new_checkins = _new_checkins(db, client_id, document.checkins)
    inserted = db.executemany(
        "INSERT OR IGNORE INTO checkins VALUES (?, ?, ?, ?, ?, ?)", document.checkins
    )
    result.new += inserted.rowcount
    received = now_utc().isoformat()
    # The last revision written of each entry (an id may come twice in one file).
    latest = {row[_ID]: row[ENTRY_LAYOUT[0]] for row in written}
    flags = [document.entry_flags[key] for key in latest.items()]
    flags += [document.checkin_flags[checkin_id] for checkin_id in new_checkins]
    store_item_flags(db, client_id, flags, received)
    db.execute(
        """UPDATE clients SET last_sequence = MAX(last_sequence, ?), last_import_at = ?
           WHERE client_id = ?""",
        (document.sequence, now_utc().isoformat(), client_id),
    )
    db.execute(
        "INSERT INTO received_files VALUES (?, ?, ?, ?, ?, ?)",
        (
            item.sha256,
            client_id,
            document.export_id,
            document.sequence,
            received,
            item.statement_sha256,
        ),
    )
    return result


def _new_checkins(db, client_id: str, rows: list[tuple]) -> list[str]:
    """The ids of check-ins not stored yet (a check-in is never revised)."""
    ids = json.dumps([row[_ID] for row in rows])
    stored = {
        found[0]
        for found in db.execute(
            "SELECT id FROM checkins WHERE client_id = ?"
            " AND id IN (SELECT value FROM json_each(?))",
            (client_id, ids),
        )
    }
    return list(dict.fromkeys(row[_ID] for row in rows if row[_ID] not in stored))


def _check_client(db, client_id: str, item: _Opened, check_pin: bool) -> bool:
    """Refuse unknown and archived clients and foreign keys; True when the key is confirmed."""
    client = db.execute(
        """SELECT client_id, archived_at, signing_key, age_recipient, key_confirmed_at
           FROM clients WHERE client_id = ?""",
        (client_id,),
    ).fetchone()
    if client is None:
        raise UnknownClient()
    if client["archived_at"] and check_pin:  # a rebuild replays what was accepted before
        raise ClientArchived()
    keys = item.document.client_keys
    if keys.signing_key != item.signer.hex():
        raise KeyMismatch()
    if not check_pin and client["signing_key"] is not None:
        return client["key_confirmed_at"] is not None
    return client_keys.check_signer(db, client, keys, now_utc().isoformat())


def _hold_key(db, item: _Opened) -> None:
    client_id = _client_of(item)
    keys = item.document.client_keys
    if not client_keys.hold(db, client_id, keys, now_utc().isoformat()):
        record_audit(db, "key_not_held", client_id, sha256=item.sha256)


def _remove_stale_received_temporaries(vault: Vault) -> None:
    """Temporary files of imports that were killed mid-write (encrypted, but clutter).

    Safe here: every writer of ``received/`` runs inside the vault's store
    lock, which the caller holds.
    """
    for leftover in vault.received_dir.glob("*/.*.tmp"):
        leftover.unlink(missing_ok=True)


#: Threads writing received files: each waits on its own fsync, so they overlap.
RECEIVED_WRITERS = 8


def _keep_received_files(vault: Vault, items: list[_Opened]) -> None:
    """Write the accepted files not kept yet; every file and folder synced on return."""
    new_folders, todo = False, {}
    for item in items:
        folder = vault.received_dir / item.sha256[:2]
        if not folder.exists():
            folder.mkdir(mode=0o700)
            new_folders = True
        target = folder / f"{item.sha256}.age"
        if not target.exists():
            todo[target] = item.data
    if len(todo) == 1:
        write_atomically(*next(iter(todo.items())))
    elif todo:
        folders = sorted({target.parent for target in todo})
        with ThreadPoolExecutor(min(RECEIVED_WRITERS, len(todo))) as pool:
            _all(pool.submit(write_atomically, t, d, sync_parent=False) for t, d in todo.items())
            _all(pool.submit(_sync, folder) for folder in folders)
    if new_folders:
        _sync(vault.received_dir)


def _sync(folder) -> None:
    with storage_errors():
        sync_directory(folder)


def _all(futures) -> None:
    """Wait for every one; re-raise the first failure (``DiskFull``, ``NotWritable``)."""
    for future in list(futures):
        future.result()
