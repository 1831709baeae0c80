"""A child process for tests/test_store_crash.py: commits to an encrypted store in a loop.

Usage: ``python tests/store_worker.py STORE count`` or ``... STORE insert WRITER N GO_FILE``.
The store's identity comes from ``$SB_TEST_STORE_SECRET`` (a throwaway test key).

``count``: commit forever; each commit adds the next counter row and replaces a
300 KB random payload (several 64 KiB age chunks, so a commit takes a few ms).
Everything goes to stdout unbuffered, one ``os.write`` per marker, so the parent
sees exactly how far the child got when it was killed:

    ready          store opened, loop starting
    E              encryption of the next generation starts
    W              the atomic write starts (temporary file, fsync, ``.prev``)
    R / r          just before / just after the rename over the store file
    C <n>          ``update`` returned: counter n is committed

``insert``: wait for GO_FILE, then commit N rows ``(WRITER, i)``, one per update.
"""

import os
import sys
import time
from pathlib import Path

import pyrage

import securebase.store
from securebase.identity import Identity
from securebase.store import EncryptedStore

MIGRATIONS = [
    """
    CREATE TABLE counter (n INTEGER PRIMARY KEY);
    CREATE TABLE payload (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
    CREATE TABLE rows (writer TEXT NOT NULL, i INTEGER NOT NULL, PRIMARY KEY (writer, i));
    """
]
PAYLOAD_BYTES = 300_000
SECRET_VARIABLE = "SB_TEST_STORE_SECRET"


def say(text: str) -> None:
    os.write(1, text.encode() + b"\n")


def open_store(path: Path) -> EncryptedStore:
    store = EncryptedStore(path, Identity(os.environ[SECRET_VARIABLE]), MIGRATIONS)
    store.reload()
    return store


def instrument(path: Path) -> None:
    """Report the phases of each commit (E, W, R, r) as they begin."""
    encrypt, write, replace = pyrage.encrypt, securebase.store.write_atomically, os.replace

    def marked_encrypt(*args, **kwargs):
        say("E")
        return encrypt(*args, **kwargs)

    def marked_write(*args, **kwargs):
        say("W")
        return write(*args, **kwargs)

    def marked_replace(source, target, *args, **kwargs):
        main = Path(target) == path
        if main:
            say("R")
        replace(source, target, *args, **kwargs)
        if main:
            say("r")

    securebase.store.pyrage.encrypt = marked_encrypt
    securebase.store.write_atomically = marked_write
    os.replace = marked_replace


def count_forever(path: Path) -> None:
    store = open_store(path)
    instrument(path)
    say("ready")
    while True:

        def change(db):
            n = db.execute("SELECT COALESCE(MAX(n), 0) + 1 FROM counter").fetchone()[0]
            db.execute("INSERT INTO counter VALUES (?)", (n,))
            db.execute("INSERT OR REPLACE INTO payload VALUES (1, ?)", (os.urandom(PAYLOAD_BYTES),))
            return n

        say(f"C {store.update(change)}")


def insert_rows(path: Path, writer: str, count: int, go_file: Path) -> None:
    store = open_store(path)
    say("ready")
    while not go_file.exists():
        time.sleep(0.002)
    for i in range(count):
        store.update(lambda db, i=i: db.execute("INSERT INTO rows VALUES (?, ?)", (writer, i)))
        time.sleep(0.01)  # outside the lock: the other writer polls for it every 50 ms
    say("done")


def main(argv: list[str]) -> None:
    path, mode = Path(argv[0]), argv[1]
    if mode == "count":
        count_forever(path)
    else:
        insert_rows(path, argv[2], int(argv[3]), Path(argv[4]))


if __name__ == "__main__":
    main(sys.argv[1:])
