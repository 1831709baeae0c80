"""Crash-safe file replacement, for files that are already encrypted.

Rule: a crash at any instant leaves either the old or the new file at
``path``, never a mixture. Only ever call this with ciphertext: the
temporary file is an ordinary file on disk.

A writer killed mid-write leaves its temporary file (``.NAME.PID.tmp``)
behind. Nobody reads those names, so they are harmless but wasteful; the one
who may delete them is whoever holds the lock all writers of ``path`` take
(the encrypted store does so on every commit): ``remove_stale_temporaries``.

A write that fails because the disk is full or the folder is read-only
leaves the old file as it was, removes its temporary file, and raises a
typed error (``DiskFull``, ``NotWritable``) that front ends put into words.
"""

import errno
import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from securebase.errors import DiskFull, NotWritable

_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def write_atomically(
    path: Path, data: bytes, *, keep_previous: bool = False, sync_parent: bool = True
) -> None:
    """Write ``data`` to ``path`` via a synced temporary file and a rename.

    With ``keep_previous``, the file being replaced survives as ``path.prev``
    (hard-linked before the rename, so there is no moment without ``path``).
    ``sync_parent=False`` leaves syncing the folder to the caller, who writes
    many files into it and syncs it once (``sync_directory``) before relying
    on them.
    """
    with storage_errors():
        _write(path, data, keep_previous, sync_parent)


def _write(path: Path, data: bytes, keep_previous: bool, sync_parent: bool = True) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # Owner-only from the first byte, whatever the umask.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_previous and path.exists():
            _keep_previous(path)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    if sync_parent:
        sync_directory(path.parent)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn "disk full" and "read-only" ``OSError``s into SecureBase's typed errors."""
    try:
        yield
    except OSError as error:
        if error.errno in _DISK_FULL:
            raise DiskFull() from error
        if error.errno in _NOT_WRITABLE:
            raise NotWritable() from error
        raise


def _keep_previous(path: Path) -> None:
    """Make ``path.prev`` the current file by a rename, so once made it is never missing."""
    linked = path.with_name(f".{path.name}.{os.getpid()}.prev.tmp")
    linked.unlink(missing_ok=True)
    os.link(path, linked)
    try:
        os.replace(linked, path.with_name(path.name + ".prev"))
    finally:
        linked.unlink(missing_ok=True)  # still there if both names were one file already


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files that killed writers of ``path`` left behind.

    Only call this while holding the lock every writer of ``path`` takes:
    otherwise a live writer's temporary file could vanish under it.
    """
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        leftover.unlink(missing_ok=True)


def sync_directory(directory: Path) -> None:
    """Make renames and new names in ``directory`` durable."""
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def make_private_folder(path: Path) -> Path:
    """Create ``path`` and any missing parents, each owner-only (0700) whatever the umask.

    ``Path.mkdir(parents=True, mode=...)`` gives the mode to the last folder
    only; its parents get 0777 less the umask (0777 under umask 000). Folders
    that already exist are left as they are: they are not SecureBase's.
    """
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    with storage_errors():
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
    return path
