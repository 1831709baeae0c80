"""First contact, confirmed: an invitation code alone never takes a client over.

Two devices answer one invitation (the client and, say, a partner who saw
the code): the first is imported but unconfirmed, the second is held as a
visible conflict, nothing is sealed to either until the therapist types the
fingerprint the client's own journal shows, and no export can change a key
it does not hold.
"""

import json
from datetime import date

import pytest

from securebase.client_keys import MAX_HELD_KEYS, normalise
from securebase.errors import FingerprintUnknown, KeyNotConfirmed
from securebase.homework_pack import seal_pack
from securebase.importer import rebuild
from securebase.therapist_records import add_assignment
from securebase.vault import Vault
from tests import dashboard_kit
from tests.export_factory import FakeClient, entry, import_one
from tests.test_vault import PASSPHRASE

pytest_plugins = ["tests.vault_kit"]  # the vault and alice fixtures


def situations(vault: Vault, client: FakeClient) -> set[str]:
    rows = vault.store.db.execute(
        "SELECT body FROM entries WHERE client_id = ?", (client.client_id,)
    )
    return {json.loads(row["body"])["situation"] for row in rows}


def held_rows(vault: Vault) -> list[tuple]:
    return [tuple(row) for row in vault.store.db.execute("SELECT * FROM held_keys ORDER BY 1, 2")]


def test_the_first_key_is_imported_but_marked_unconfirmed_and_gets_no_pack(vault, alice):
    result = import_one(vault, alice.export(1, [entry("a", situation="first words")]))
    assert (result.status, result.unconfirmed) == ("imported", True)
    assert "not confirmed" in result.summary
    assert vault.client("Alice").key_status == "unconfirmed"
    assert situations(vault, alice) == {"first words"}
    add_assignment(
        vault, alice.client_id, "paced_breathing", times=1, per="day", starts=date.today()
    )
    with pytest.raises(KeyNotConfirmed):
        seal_pack(vault, "Alice")
    alice.confirm(vault)
    assert vault.client("Alice").key_status == "confirmed"
    assert seal_pack(vault, "Alice").sealed
    later = import_one(vault, alice.export(2, [entry("b")]))
    assert (later.status, later.unconfirmed) == ("imported", False)


def test_two_devices_answering_one_invitation_are_a_visible_conflict(vault, alice):
    impostor = alice.with_new_key()  # the same invitation, someone else's device
    first = import_one(vault, impostor.export(1, [entry("a", situation="not the client")]))
    assert first.status == "imported"
    second = import_one(vault, alice.export(1, [entry("a", situation="the client")]))

    assert (second.status, second.error) == ("refused", "key_conflict")
    waiting = vault.client("Alice")
    assert waiting.key_status == "conflict"
    assert waiting.key_fingerprint == impostor.identity.public.fingerprint  # not replaced
    assert [k["fingerprint"] for k in vault.held_keys("Alice")] == [
        alice.identity.public.fingerprint
    ]  # held, not dropped
    assert situations(vault, alice) == {"not the client"}  # nothing of the second imported
    with pytest.raises(KeyNotConfirmed):  # no pack for either device
        seal_pack(vault, "Alice")
    refusals = [line for line in vault.audit_log() if line["action"] == "import_refused"]
    assert refusals[-1]["detail"]["error"] == "key_conflict"

    # In session the client reads out their code: the held key is theirs.
    vault.confirm_key("Alice", alice.identity.public.fingerprint.lower().replace("-", " "))
    confirmed = vault.client("Alice")
    assert (confirmed.key_status, confirmed.key_fingerprint) == (
        "confirmed",
        alice.identity.public.fingerprint,
    )
    assert situations(vault, alice) == set()  # what the other device sent is gone
    assert import_one(vault, alice.export(1, [entry("a", situation="the client")])).new == 1
    assert import_one(vault, impostor.export(2, [entry("x")])).error == "key_changed"
    rebuild(vault)
    assert situations(vault, alice) == {"the client"}  # a rebuild does not bring it back


def test_confirming_the_first_key_drops_the_other_device(vault, alice):
    other = alice.with_new_key()
    import_one(vault, alice.export(1, [entry("a")]))
    assert import_one(vault, other.export(1, [entry("b")])).error == "key_conflict"
    alice.confirm(vault)
    assert vault.client("Alice").key_status == "confirmed"
    assert vault.held_keys("Alice") == []
    assert import_one(vault, other.export(2, [entry("c")])).error == "key_changed"
    assert vault.client("Alice").key_status == "changed"


def test_no_export_can_touch_a_key_it_does_not_hold(vault, alice):
    bob = FakeClient.join(vault, "Bob")
    import_one(vault, alice.export(1, [entry("a")]))
    import_one(vault, bob.export(1, [entry("a")]))
    first_other = alice.with_new_key()
    import_one(vault, first_other.export(1, [entry("x")]))
    before = held_rows(vault)
    pinned = {c.label: (c.signing_key, c.key_confirmed_at) for c in vault.clients()}

    # Bob (a real client) and a second stranger both sign exports naming Alice.
    bob_as_alice = FakeClient(alice.client_id, "Alice", bob.identity, alice.therapist_recipient)
    assert import_one(vault, bob_as_alice.export(2, [entry("y")])).error == "key_conflict"
    assert import_one(vault, alice.with_new_key().export(2, [entry("z")])).error == "key_conflict"

    after = held_rows(vault)
    assert set(before) <= set(after)  # the earlier held key's row is exactly as it was
    assert len(after) == len(before) + 2
    assert {c.label: (c.signing_key, c.key_confirmed_at) for c in vault.clients()} == pinned
    assert vault.client("Bob").key_status == "unconfirmed"  # Bob's own record untouched


def test_a_flood_of_keys_holds_at_most_the_limit(vault, alice):
    import_one(vault, alice.export(1, [entry("a")]))
    for n in range(MAX_HELD_KEYS + 3):
        assert import_one(vault, alice.with_new_key().export(2, [entry(f"f{n}")])).status == (
            "refused"
        )
    assert len(vault.held_keys("Alice")) == MAX_HELD_KEYS
    not_held = [line for line in vault.audit_log() if line["action"] == "key_not_held"]
    assert len(not_held) == 3


def test_a_fingerprint_nobody_sent_confirms_nothing(vault, alice):
    import_one(vault, alice.export(1, [entry("a")]))
    stranger = alice.with_new_key().identity.public.fingerprint
    before = vault.store.path.read_bytes()
    with pytest.raises(FingerprintUnknown):
        vault.confirm_key("Alice", stranger)
    assert vault.store.path.read_bytes() == before
    assert vault.client("Alice").key_status == "unconfirmed"


def test_a_typed_fingerprint_may_use_spaces_and_lower_case():
    assert normalise(" abcd efgh-ijkl  mnop ") == "ABCD-EFGH-IJKL-MNOP"


def test_an_older_vault_keeps_its_waiting_key_as_a_held_key(vault, alice):
    """Migration 4: a key waiting in the old single slot becomes a held key."""
    import_one(vault, alice.export(1, [entry("a")]))
    waiting = alice.with_new_key().identity.public

    def as_before_migration_4(db):
        db.execute("DROP TABLE risk_flags")  # migration 6, undone first
        db.execute("DROP TABLE flag_reviews")
        db.execute("DROP INDEX received_by_statement")  # migration 5
        db.execute("ALTER TABLE received_files DROP COLUMN statement_sha256")
        db.execute("DROP TABLE held_keys")
        db.execute("DROP TABLE rejected_files")
        db.execute("ALTER TABLE clients DROP COLUMN key_confirmed_at")
        db.execute(
            "UPDATE clients SET pending_signing_key = ?, pending_age_recipient = ?,"
            " pending_since = '2026-01-01T00:00:00+00:00'",
            (waiting.signing_key.hex(), waiting.age_recipient),
        )

    vault.store.update(as_before_migration_4)
    vault.store.db.execute("PRAGMA user_version = 3")
    vault.store.update(lambda db: None)
    reopened = Vault.unlock(vault.path, PASSPHRASE)
    assert reopened.client("Alice").key_status == "conflict"  # never confirmed, one waiting
    assert [k["fingerprint"] for k in reopened.held_keys("Alice")] == [waiting.fingerprint]


# -- the caseload shows what waits and confirms by the typed code ---------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return dashboard_kit.demo_vault(tmp_path_factory).path


def test_the_caseload_shows_a_conflict_and_confirms_the_typed_code(pristine, tmp_path, monkeypatch):
    folder = dashboard_kit.copy_vault(pristine, tmp_path / "vault")
    dashboard_kit.set_environment(monkeypatch, folder)
    opened = Vault.unlock(folder, dashboard_kit.DEMO_VAULT_PASSPHRASE)
    casey = FakeClient.join(opened, "Casey E.")
    other = casey.with_new_key()
    import_one(opened, other.export(1, [entry("a")]))
    import_one(opened, casey.export(1, [entry("a")]))

    app = dashboard_kit.go_to(dashboard_kit.unlocked_app(), "caseload")
    shown = " ".join(m.value for m in app.markdown)
    assert "two devices answered this invitation" in shown
    assert other.identity.public.fingerprint in shown
    assert casey.identity.public.fingerprint in shown
    opened_page = dashboard_kit.open_client(app, "Casey E.")
    assert any("Not confirmed yet" in w.value for w in opened_page.warning)
    app = dashboard_kit.go_to(opened_page, "caseload")
    form_input = next(t for t in app.text_input if t.label == "Key code the client reads out")
    form_input.input(casey.identity.public.fingerprint.lower())
    dashboard_kit.button(app, "Confirm this key").click()
    app.run()
    assert not app.exception, app.exception
    reopened = Vault.unlock(folder, dashboard_kit.DEMO_VAULT_PASSPHRASE)
    assert reopened.client("Casey E.").key_fingerprint == casey.identity.public.fingerprint
    assert reopened.client("Casey E.").key_status == "confirmed"
    # The demo clients were confirmed when the demo vault was built.
    assert {c.key_status for c in reopened.clients() if c.label != "Casey E."} == {"confirmed"}
