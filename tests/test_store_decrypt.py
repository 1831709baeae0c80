"""Opening a store streams the age file into memory: same data, same refusals.

The database is decrypted chunk by chunk into one in-memory buffer (no
second plaintext copy, no ciphertext held beside it); a damaged or foreign
file is still refused with the typed error, and nothing of it is kept.
"""

import pytest

from securebase.errors import NotForThisIdentity, Tampered
from securebase.identity import Identity
from securebase.store import EncryptedStore
from securebase.vault_schema import MIGRATIONS

ROWS = 3000  # a database of several age chunks (64 KiB each)


@pytest.fixture
def store_path(tmp_path):
    identity = Identity.generate()
    path = tmp_path / "vault.db.age"
    store = EncryptedStore.create(path, identity, MIGRATIONS)
    store.update(
        lambda db: db.executemany(
            "INSERT INTO settings VALUES (?, ?)",
            [(f"key{n}", f"value {n} " + "x" * 60) for n in range(ROWS)],
        )
    )
    store.close()
    return path, identity


def reopened(path, identity) -> EncryptedStore:
    store = EncryptedStore(path, identity, MIGRATIONS)
    store.reload()
    return store


def test_a_reopened_store_holds_every_row(store_path):
    path, identity = store_path
    db = reopened(path, identity).db
    assert db.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == ROWS
    assert (
        db.execute("SELECT value FROM settings WHERE key = 'key2999'")
        .fetchone()[0]
        .startswith("value 2999 ")
    )


@pytest.mark.parametrize("where", [0.5, 0.9])
def test_a_flipped_byte_in_the_payload_is_tampering(store_path, where):
    path, identity = store_path
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(Tampered):
        reopened(path, identity)


def test_a_truncated_file_is_tampering(store_path):
    path, identity = store_path
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(Tampered):
        reopened(path, identity)


def test_another_identity_cannot_open_it(store_path):
    path, _ = store_path
    with pytest.raises(NotForThisIdentity):
        reopened(path, Identity.generate())
