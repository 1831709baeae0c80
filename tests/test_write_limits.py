"""Limits are checked on write: no import or commit can make a vault that will not open.

The real limit is 1 GiB; these tests scale it down to a few hundred
kilobytes around a small vault, so the same code paths run in seconds.
"""

from datetime import date

import pytest

from securebase import limits
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.errors import StoreFull
from securebase.importer import import_files
from securebase.messages import CATALOGUE
from securebase.store import database_bytes
from securebase.therapist_records import add_session_note
from securebase.vault import Vault
from tests.export_factory import FakeClient, entry
from tests.hardening_kit import files_of
from tests.test_vault import PASSPHRASE

KB = 1024


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


def big_export(client: FakeClient, sequence: int, count: int = 60) -> bytes:
    """About 240 KB of journal text (4,000 characters per entry)."""
    entries = [entry(f"{sequence}-{n}", situation="x" * 4000) for n in range(count)]
    return client.export(sequence, entries)


def scale_down(monkeypatch, vault: Vault, room: int, headroom: int) -> None:
    """Let the vault grow by ``room`` bytes before the headroom, at most."""
    maximum = database_bytes(vault.store.db) + headroom + room
    monkeypatch.setattr(limits, "MAX_STORE_BYTES", maximum)
    monkeypatch.setattr(limits, "STORE_HEADROOM_BYTES", headroom)


def test_an_import_past_the_headroom_is_refused_before_anything_is_kept(vault, monkeypatch):
    alice = FakeClient.join(vault, "Alice")
    scale_down(monkeypatch, vault, room=400 * KB, headroom=200 * KB)
    first, second = big_export(alice, 1), big_export(alice, 2)
    [kept] = import_files(vault, [("week1.age", first)])
    assert kept.status == "imported"
    received_before = files_of(vault.received_dir)
    entries_before = vault.client("Alice").entries

    [refused] = import_files(vault, [("week2.age", second)])

    assert (refused.status, refused.error) == ("refused", "store_full")
    assert refused.summary.startswith(CATALOGUE["store_full"].text)
    assert files_of(vault.received_dir) == received_before  # the file was not kept
    reopened = Vault.unlock(vault.path, PASSPHRASE)  # still opens, under the small limit
    assert reopened.client("Alice").entries == entries_before
    assert reopened.audit_log()[-2]["detail"]["error"] == "store_full"
    # The headroom is still there for the therapist's own writes.
    add_session_note(reopened, alice.client_id, date(2026, 1, 5), "ok")


def test_in_one_batch_the_files_that_fit_are_kept_and_the_rest_refused(vault, monkeypatch):
    alice = FakeClient.join(vault, "Alice")
    scale_down(monkeypatch, vault, room=400 * KB, headroom=200 * KB)
    batch = [(f"week{n}.age", big_export(alice, n)) for n in (1, 2, 3)]
    results = import_files(vault, batch)
    assert [r.error for r in results] == [None, "store_full", "store_full"]
    assert Vault.unlock(vault.path, PASSPHRASE).client("Alice").last_sequence == 1


def test_no_commit_writes_a_file_larger_than_the_store_opens(vault, monkeypatch):
    alice = FakeClient.join(vault, "Alice")
    before = vault.store.path.read_bytes()
    monkeypatch.setattr(limits, "MAX_STORE_BYTES", len(before) + 2 * KB)
    with pytest.raises(StoreFull):
        add_session_note(vault, alice.client_id, date(2026, 1, 5), "y" * 8000)
    assert vault.store.path.read_bytes() == before
    assert Vault.unlock(vault.path, PASSPHRASE).client("Alice").label == "Alice"
