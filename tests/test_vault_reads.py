"""The sealed vault's doors: ``securebase.vault_reads`` and the ``Vault`` methods front ends
call instead of the database.

Each read is checked against what the import put in (not against the function it wraps),
a front end's setting is kept across unlocks and can never overwrite a core setting, and
``generation`` moves with a write from another window.
"""

from datetime import date

import pytest

from securebase import vault_reads
from securebase.therapist_records import add_assignment, add_session_note
from securebase.vault import Vault
from tests.export_factory import checkin, entry, import_one
from tests.test_vault import PASSPHRASE

pytest_plugins = ["tests.vault_kit"]


def test_reads_give_what_the_import_and_the_therapist_put_in(vault, alice):
    import_one(
        vault, alice.export(1, [entry("a", day=0), entry("b", day=9)], checkins=[checkin("c")])
    )
    add_session_note(vault, alice.client_id, date(2026, 1, 20), "we talked")
    add_assignment(vault, alice.client_id, "paced_breathing", times=1, per="day",
                   starts=date(2026, 1, 20))  # fmt: skip

    frames = vault_reads.client_frames(vault, alice.client_id)
    assert len(frames.entries) == 2
    assert len(frames.checkins) == 1
    assert list(frames.assignments["exercise"]) == ["paced_breathing"]
    first = vault_reads.first_entry_date(vault, alice.client_id)
    assert first == min(frames.entries["local_date"])
    assert vault_reads.last_session_date(vault, alice.client_id, date(2026, 12, 31)) == date(
        2026, 1, 20
    )
    assert vault_reads.last_session_date(vault, alice.client_id, date(2026, 1, 19)) is None
    later = vault_reads.client_frames(vault, alice.client_id, first.replace(day=first.day + 1))
    assert len(later.entries) == 1  # ``since`` keeps only the later entry
    assert vault_reads.client_measures(vault, alice.client_id) == ("gad7",)
    assert "paced_breathing" in vault_reads.exercise_catalogue(vault)


def test_flag_reads_count_what_the_screen_found(vault, alice):
    risky = entry("r", automatic_thought="I want to kill myself")
    import_one(vault, alice.export(1, [risky, entry("calm")]))
    assert vault_reads.open_flag_count(vault, alice.client_id) == 1
    flags = vault_reads.period_flags(vault, alice.client_id, date(2000, 1, 1), date(2000, 1, 2))
    assert set(flags["source_id"]) == {risky["id"]}  # open flags show in any period


def test_a_front_end_setting_is_kept_and_cannot_touch_a_core_setting(vault):
    assert vault.front_end_setting("dashboard_idle_minutes") is None
    vault.set_front_end_setting("dashboard_idle_minutes", "30")
    assert Vault.unlock(vault.path, PASSPHRASE).front_end_setting("dashboard_idle_minutes") == "30"
    with pytest.raises(ValueError, match="not a front end"):
        vault.set_front_end_setting("therapist_name", "Someone else")
    assert vault.therapist_name == "Dr. Test"


def test_generation_moves_with_a_write_from_another_window(vault):
    other = Vault.unlock(vault.path, PASSPHRASE)
    before = vault.generation()
    assert vault.generation() == before  # nothing written: the same
    other.add_client("Bea")
    assert vault.generation() != before
    assert [c.label for c in vault.clients()] == ["Bea"]  # generation() read it again
