"""Repeats are recognised by content, conflicts are refused, recipients are bounded.

An export is the same export whatever its file bytes: re-wrapping an old
export (ASCII armor, or encrypting its signed statement again) must not
count as a new import. An item arriving again with the same id and revision
but other content is refused as a conflict, never settled by arrival order.
A sealed file may name at most ``MAX_RECIPIENTS`` recipients, in its age
header and in its signed statement.
"""

import json

import pyrage
import pytest

from securebase import envelope, limits
from securebase.errors import TooManyRecipients
from securebase.identity import Identity
from securebase.importer import import_files
from securebase.journal import FORMAT_LABEL
from securebase.messages import CATALOGUE
from securebase.vault import Vault
from tests.export_factory import checkin, entry, homework_log, import_one
from tests.hardening_kit import files_of

pytest_plugins = ["tests.vault_kit"]  # the vault and alice fixtures


def rewrapped(vault: Vault, sealed: bytes, *, armored: bool) -> bytes:
    """The same signed statement, encrypted again (new file key, new bytes)."""
    statement = pyrage.decrypt(sealed, [vault.identity.age_identity])
    return pyrage.encrypt(statement, [vault.identity.age_identity.to_public()], armored=armored)


def audit_actions(vault: Vault) -> list[str]:
    return [line["action"] for line in vault.audit_log()]


@pytest.mark.parametrize("armored", [True, False], ids=["armored", "re-encrypted"])
def test_an_old_export_rewrapped_is_recognised_as_a_repeat(vault, alice, armored):
    original = alice.export(1, [entry("a"), entry("b")])
    assert import_one(vault, original).new == 2
    kept = files_of(vault.received_dir)
    last_import = vault.client("Alice").last_import_at
    again = rewrapped(vault, original, armored=armored)
    assert again != original

    result = import_one(vault, again, "week1-again.age")

    assert (result.status, result.repeated, result.new, result.updated) == (
        "imported",
        True,
        0,
        0,
    )
    assert "already imported" in result.summary
    assert files_of(vault.received_dir) == kept  # no second copy
    assert vault.client("Alice").last_import_at == last_import  # not a fresh "last import"
    assert audit_actions(vault)[-1] == "import_repeated"


def test_a_rewrapped_repeat_in_the_same_batch_is_one_import(vault, alice):
    original = alice.export(1, [entry("a")])
    results = import_files(
        vault, [("a.age", original), ("b.age", rewrapped(vault, original, armored=True))]
    )
    assert [r.repeated for r in results] == [False, True]
    assert len(files_of(vault.received_dir)) == 1


@pytest.mark.parametrize("kind", ["entry", "homework log", "check-in"])
def test_the_same_id_and_revision_with_other_content_is_refused(vault, alice, kind):
    def items(text: str) -> dict:
        if kind == "entry":
            return {"entries": [entry("a", situation=text)]}
        if kind == "homework log":
            return {"logs": [dict(homework_log("h"), note=text)]}
        return {"checkins": [dict(checkin("k"), answers=[1 if text == "first" else 2] * 7)]}

    assert import_one(vault, alice.export(1, **items("first"))).status == "imported"
    before = {t: _bodies(vault, t) for t in ("entries", "homework_logs", "checkins")}

    result = import_one(vault, alice.export(2, **items("second, changed")))

    assert (result.status, result.error) == ("refused", "revision_conflict")
    assert result.summary == CATALOGUE["revision_conflict"].text
    assert {t: _bodies(vault, t) for t in before} == before  # the first stays, unchanged
    refused = [line for line in vault.audit_log() if line["action"] == "import_refused"]
    assert refused[-1]["detail"] == {"sha256": result.sha256, "error": "revision_conflict"}
    assert vault.client("Alice").last_sequence == 1


def test_the_same_id_and_revision_with_the_same_content_is_fine(vault, alice):
    assert import_one(vault, alice.export(1, [entry("a")])).new == 1
    overlapping = import_one(vault, alice.export(2, [entry("a"), entry("b")]))
    assert (overlapping.status, overlapping.new, overlapping.updated) == ("imported", 1, 0)


def _bodies(vault: Vault, table: str) -> list[str]:
    rows = vault.store.db.execute(f"SELECT body FROM {table} ORDER BY id")
    return [json.loads(row[0]) for row in rows]


def _strangers(count: int) -> list[str]:
    return [Identity.generate().recipient for _ in range(count)]


@pytest.mark.parametrize("armored", [False, True], ids=["binary", "armored"])
def test_a_file_to_more_than_16_recipients_is_refused_unread(vault, alice, armored):
    statement = pyrage.decrypt(alice.export(1, [entry("a")]), [vault.identity.age_identity])
    recipients = [vault.identity.recipient, *_strangers(limits.MAX_RECIPIENTS + 3)]
    crowded = pyrage.encrypt(
        statement, [pyrage.x25519.Recipient.from_str(r) for r in recipients], armored=armored
    )
    result = import_one(vault, crowded)
    assert (result.status, result.error) == ("refused", "too_many_recipients")
    assert vault.client("Alice").entries == 0


def test_a_signed_statement_naming_more_than_16_recipients_is_refused(vault, alice):
    named = sorted([vault.identity.recipient, *_strangers(limits.MAX_RECIPIENTS)])
    document = json.dumps(alice.document(1, [entry("a")])).encode()
    body = envelope._statement(FORMAT_LABEL, alice.identity.public.signing_key, named, document)
    signed = body + alice.identity.sign(envelope.SIGNATURE_DOMAIN + body)
    sealed = pyrage.encrypt(signed, [vault.identity.age_identity.to_public()])
    with pytest.raises(TooManyRecipients):
        envelope.open_sealed(sealed, vault.identity)
    assert import_one(vault, sealed).error == "too_many_recipients"


def test_exactly_16_recipients_are_accepted(vault, alice):
    recipients = [vault.identity.recipient, *_strangers(limits.MAX_RECIPIENTS - 1)]
    result = import_one(vault, alice.export(1, [entry("a")], recipients=recipients))
    assert (result.status, result.new) == ("imported", 1)
