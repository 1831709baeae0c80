"""Audit lines recorded without rewriting the vault database (unlocks).

Unlocking only reads the vault. Recording it in the database itself would
mean re-encrypting and atomically rewriting the whole database file on every
unlock (about 130 MiB for a full caseload: most of an unlock's time). So an
unlock appends one line to ``audit.pending`` instead, and the database's
next commit folds the pending lines into ``audit_log``.

Rules:
- a line is the audit row's JSON, age-encrypted to the therapist's own
  recipient, in base64: no plaintext on disk, and standard tools can read it;
- lines are appended, and the file is emptied, only under the store's lock
  (``append`` is called with it held, ``fold``/``clear`` run inside a commit),
  so no line is lost between folding and emptying;
- ``fold`` runs inside the commit's transaction, before the change, so the
  folded lines keep their place in time; ``clear`` runs once the new
  database is on disk. A crash between the two leaves lines that are folded
  again next time: each line carries a random ``ref``, and a line whose
  (at, action, detail) is already in the database is skipped;
- an unreadable line (a torn write from a crash mid-append) is skipped.
"""

import base64
import binascii
import json
import os
import secrets
from pathlib import Path

import pyrage

from securebase.atomic import storage_errors, sync_directory
from securebase.identity import Identity

PENDING_NAME = "audit.pending"


def append(path: Path, identity: Identity, row: dict) -> None:
    """Add one audit row (at, action, client_id, detail); durable on return."""
    detail = {**row.get("detail", {}), "ref": secrets.token_hex(8)}
    line = json.dumps({**row, "detail": detail}, sort_keys=True).encode()
    sealed = pyrage.encrypt(line, [identity.age_identity.to_public()])
    created = not path.exists()
    with storage_errors():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, base64.b64encode(sealed) + b"\n")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if created:
            sync_directory(path.parent)


def read(path: Path, identity: Identity) -> list[dict]:
    """The pending rows, oldest first (empty if there is no file)."""
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return []
    rows = []
    for line in lines:
        try:
            plain = pyrage.decrypt(base64.b64decode(line, validate=True), [identity.age_identity])
            rows.append(json.loads(plain))
        except (binascii.Error, pyrage.DecryptError, ValueError):
            continue  # a torn line from a crash mid-append
    return rows


def unfolded(db, rows: list[dict]) -> list[dict]:
    """The rows not yet in the database's ``audit_log``."""
    return [row for row in rows if not _stored(db, row)]


def fold(db, path: Path, identity: Identity) -> None:
    """Insert the pending rows into ``audit_log`` (inside the caller's transaction)."""
    for row in unfolded(db, read(path, identity)):
        db.execute(
            "INSERT INTO audit_log (at, action, client_id, detail) VALUES (?, ?, ?, ?)",
            (row["at"], row["action"], row.get("client_id"), _detail(row)),
        )


def clear(path: Path) -> None:
    """Empty the pending file, once its rows are committed."""
    if path.exists() and path.stat().st_size:
        with storage_errors():
            descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)


def _detail(row: dict) -> str:
    return json.dumps(row.get("detail", {}), sort_keys=True)


def _stored(db, row: dict) -> bool:
    found = db.execute(
        "SELECT 1 FROM audit_log WHERE at = ? AND action = ? AND detail = ?",
        (row["at"], row["action"], _detail(row)),
    ).fetchone()
    return found is not None
