"""The encrypted store: an SQLite database that lives only in memory and in age.

Both the client's journal and the therapist's vault use it (DESIGN.md 3).
Opening decrypts the age file and deserialises it into an in-memory SQLite
connection; committing serialises, encrypts to the owner's own recipient,
and atomically replaces the file, keeping the previous generation as
``NAME.prev``.

Rules:
- plaintext never touches disk: no temporary database, no journal file
  (the connection is ``:memory:``), nothing but ciphertext is written;
- every change goes through ``update``: it takes the file lock, reloads the
  database if another process replaced it since we read it, applies the
  change, and commits, so concurrent writers never lose each other's work;
- a write that would make the file larger than ``limits.MAX_STORE_BYTES``
  (the most that is opened) is refused with ``StoreFull`` before anything is
  written, so a store never grows past opening;
- schema changes are numbered migrations (``PRAGMA user_version``); a
  database from a newer SecureBase is refused, not downgraded;
- an owner may hook into every commit: ``before_commit(db)`` runs inside the
  transaction before the change, ``after_commit()`` once the new file is on
  disk (the vault folds its pending audit lines this way, ``pending_audit``).
"""

import io
import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import BinaryIO, TypeVar

import filelock
import pyrage

from securebase import limits
from securebase.atomic import remove_stale_temporaries, storage_errors, write_atomically
from securebase.errors import (
    NotForThisIdentity,
    StoreBusy,
    StoreExists,
    StoreFull,
    StoreMissing,
    StoreTooNew,
    Tampered,
    TooLarge,
)
from securebase.identity import Identity

T = TypeVar("T")
LOCK_TIMEOUT_SECONDS = 30

#: A migration is a script of SQL statements; its position is its version.
Migrations = Sequence[str]


class EncryptedStore:
    """One encrypted SQLite database file and the in-memory copy we work on."""

    def __init__(
        self,
        path: Path,
        identity: Identity,
        migrations: Migrations,
        *,
        before_commit: Callable[[sqlite3.Connection], None] | None = None,
        after_commit: Callable[[], None] | None = None,
    ):
        self.path = Path(path)
        self.identity = identity
        self.migrations = migrations
        self.before_commit = before_commit
        self.after_commit = after_commit
        # An explicit mode: filelock then sets it itself, whatever the umask.
        self._lock = filelock.FileLock(
            str(self.path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600
        )
        self._db: sqlite3.Connection | None = None
        self._loaded_version: tuple | None = None

    @classmethod
    def create(cls, path: Path, identity: Identity, migrations: Migrations) -> "EncryptedStore":
        """Write a new, empty, fully migrated store; refuse to replace one."""
        store = cls(path, identity, migrations)
        with store._locked():
            if store.path.exists():
                raise StoreExists()
            store._db = _new_connection()
            store._migrate()
            store._write()
        return store

    @property
    def db(self) -> sqlite3.Connection:
        """The in-memory database as last loaded or written (for reading)."""
        if self._db is None:
            self.reload()
        return self._db

    def reload(self) -> None:
        """Read the current file from disk, under the lock."""
        with self._locked():
            self._load()

    def locked(self):
        """The lock every writer takes (reentrant), for work that must not interleave with one."""
        return self._locked()

    @property
    def generation(self) -> tuple | None:
        """Which file generation the in-memory database holds (changes with every commit)."""
        return self._loaded_version

    def refresh(self) -> None:
        """Reload only if another program replaced the file since we read it.

        Cheap when nothing changed (one ``stat``), so a front end may call it
        at the start of every screen it draws.
        """
        if self._db is None or self._changed_on_disk():
            self.reload()

    def update(self, change: Callable[[sqlite3.Connection], T]) -> T:
        """Apply ``change`` to the latest database and commit it, atomically.

        ``change`` runs inside one SQL transaction; if it raises, nothing is
        committed and the file on disk is untouched.
        """
        with self._locked():
            if self._db is None or self._changed_on_disk():
                self._load()
            try:
                with self._db:  # one transaction: committed, or rolled back on error
                    if self.before_commit is not None:
                        self.before_commit(self._db)
                    result = change(self._db)
            except BaseException:
                self._load()  # drop any half-applied in-memory state
                raise
            try:
                self._write()
            except BaseException:
                self._load()  # not saved (disk full, read-only): show what is on disk
                raise
            if self.after_commit is not None:
                self.after_commit()
            return result

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- internals ----------------------------------------------------------

    def _locked(self):
        try:
            with storage_errors():  # a lock file that cannot be made: read-only or full
                return self._lock.acquire()
        except filelock.Timeout:
            raise StoreBusy() from None

    def _file_version(self) -> tuple | None:
        """Which generation of the file is on disk.

        Every commit renames a new file into place, so the inode changes
        with each generation; size and mtime guard against inode reuse.
        """
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _changed_on_disk(self) -> bool:
        return self._file_version() != self._loaded_version

    def _load(self) -> None:
        try:
            sealed = self.path.open("rb")
        except FileNotFoundError:
            raise StoreMissing() from None
        with sealed:
            if os.fstat(sealed.fileno()).st_size > limits.MAX_STORE_BYTES:
                raise TooLarge()
            image = _decrypt_stream(sealed, self.identity)
        if self._db is not None:
            self._db.close()
        self._db = _new_connection()
        with image, image.getbuffer() as plaintext:
            self._db.deserialize(plaintext)  # sqlite copies it; the buffer is dropped here
        self._loaded_version = self._file_version()
        if self._schema_version() < len(self.migrations):
            self._migrate()
            self._write()

    def _write(self) -> None:
        sealed = pyrage.encrypt(self._db.serialize(), [self.identity.age_identity.to_public()])
        if len(sealed) > limits.MAX_STORE_BYTES:  # it would never open again: refuse it
            raise StoreFull()
        remove_stale_temporaries(self.path)  # we hold the lock: no other writer is mid-write
        write_atomically(self.path, sealed, keep_previous=True)
        self._loaded_version = self._file_version()

    def _schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self._schema_version()
        if current > len(self.migrations):
            raise StoreTooNew()
        for version, script in enumerate(self.migrations[current:], start=current + 1):
            with closing(self._db.cursor()) as cursor:
                cursor.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")


def database_bytes(db: sqlite3.Connection) -> int:
    """The size the database serialises to (its pages, free ones included)."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    return pages * db.execute("PRAGMA page_size").fetchone()[0]


def _new_connection() -> sqlite3.Connection:
    # Front ends keep a store across Streamlit runs, which use fresh threads;
    # this sqlite3 build is serialized (threadsafety 3), so sharing is safe.
    db = sqlite3.connect(":memory:", isolation_level="DEFERRED", check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    # Big sorts and temporary tables stay in memory too: no plaintext spill files.
    db.execute("PRAGMA temp_store = MEMORY")
    return db


def _decrypt_stream(sealed: BinaryIO, identity: Identity) -> io.BytesIO:
    """The plaintext of an open age file, in memory. Streamed: one copy of the database,
    where decrypting the whole file at once held the ciphertext and two plaintext copies."""
    image = io.BytesIO()
    try:
        pyrage.decrypt_io(sealed, image, [identity.age_identity])
    except pyrage.DecryptError as error:
        failure = NotForThisIdentity if str(error) == "No matching keys found" else Tampered
    except OSError as error:  # pyrage reports a failed payload chunk this way
        if str(error) != "decryption error":
            raise
        failure = Tampered
    else:
        return image
    image.close()  # whatever was decrypted of a refused file is dropped
    raise failure()
