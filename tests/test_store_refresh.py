"""EncryptedStore.refresh: reload only when another writer replaced the file."""

import threading

from securebase.identity import Identity
from securebase.store import EncryptedStore

MIGRATIONS = ["CREATE TABLE notes (n INTEGER);"]


def count(store: EncryptedStore) -> int:
    return store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]


def test_refresh_keeps_the_loaded_database_when_nothing_changed(tmp_path):
    identity = Identity.generate()
    store = EncryptedStore.create(tmp_path / "s.db.age", identity, MIGRATIONS)
    store.update(lambda db: db.execute("INSERT INTO notes VALUES (1)"))
    connection, generation = store.db, store.generation
    store.refresh()
    assert store.db is connection
    assert store.generation == generation


def test_refresh_picks_up_another_writer(tmp_path):
    identity = Identity.generate()
    path = tmp_path / "s.db.age"
    reader = EncryptedStore.create(path, identity, MIGRATIONS)
    writer = EncryptedStore(path, identity, MIGRATIONS)
    before = reader.generation
    writer.update(lambda db: db.execute("INSERT INTO notes VALUES (1)"))
    assert count(reader) == 0  # still the old generation until refreshed
    reader.refresh()
    assert count(reader) == 1
    assert reader.generation != before


def test_a_store_can_be_used_from_another_thread(tmp_path):
    """Streamlit runs each script run on a new thread; the kept store must work there."""
    store = EncryptedStore.create(tmp_path / "s.db.age", Identity.generate(), MIGRATIONS)
    results = []
    worker = threading.Thread(
        target=lambda: results.append(
            store.update(lambda db: db.execute("INSERT INTO notes VALUES (2)").rowcount)
        )
    )
    worker.start()
    worker.join()
    assert results == [1]
    assert count(store) == 1
