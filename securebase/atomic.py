"""Crash-safe file replacement, for files that are already encrypted.

Rule: a crash at any instant leaves either the old or the new file at
``path``, never a mixture. Only ever call this with ciphertext: the
temporary file is an ordinary file on disk.
"""

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, keep_previous: bool = False) -> None:
    """Write ``data`` to ``path`` via a synced temporary file and a rename.

    With ``keep_previous``, the file being replaced survives as ``path.prev``
    (hard-linked before the rename, so there is no moment without ``path``).
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # Owner-only from the first byte, whatever the umask.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_previous and path.exists():
            previous = path.with_name(path.name + ".prev")
            previous.unlink(missing_ok=True)
            os.link(path, previous)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_directory(path.parent)


def sync_directory(directory: Path) -> None:
    """Make renames and new names in ``directory`` durable."""
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
