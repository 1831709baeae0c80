"""The export rule: making a file marks nothing as sent; only a confirmed export does.

Driven through ``securebase-journal`` (``tests.clientkit``), with the
therapist's real vault importing what the client makes.
"""

import os
from datetime import datetime, timedelta

import pytest

from clienttools import wording
from clienttools.cli_export import ASK_SENT
from clienttools.drafts import new_entry
from clienttools.home import ClientHome
from clienttools.journal import open_journal
from securebase.client_journal.rows import put_entry
from securebase.client_journal.schema import MIGRATIONS
from securebase.identity import Identity, save_identity
from securebase.importer import import_files
from securebase.invitation import decode_invitation
from securebase.store import EncryptedStore
from securebase.vault import Vault
from tests.clientkit import PASSPHRASE, ClientKit
from tests.ptykit import Terminal


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


@pytest.fixture
def kit(tmp_path, vault) -> ClientKit:
    _, code = vault.add_client("Dana")
    return ClientKit(tmp_path / "home", Identity.generate(), invitation=code).init()


def days_ago(days: int) -> str:
    return f"{datetime.now().astimezone().date() - timedelta(days=days)} 09:00"


def export(kit: ClientKit, path) -> dict:
    return kit.json("export", "--out", str(path))


def import_counts(vault: Vault, path) -> tuple:
    [result] = import_files(vault, [(path.name, path.read_bytes())])
    return (result.status, result.new, result.updated, result.removed)


def test_an_unsent_export_leaves_nothing_out_of_the_next(kit, vault, tmp_path):
    kit.add("--situation", "Old one.", "--occurred-at", days_ago(10))
    kit.add("--situation", "New one.")
    first = export(kit, tmp_path / "1.age")
    assert (first["entries"], first["sequence"]) == (2, 1)
    second = export(kit, tmp_path / "2.age")  # the first was never sent
    assert (second["entries"], second["sequence"]) == (2, 2)

    assert import_counts(vault, tmp_path / "2.age") == ("imported", 2, 0, 0)
    assert import_counts(vault, tmp_path / "1.age") == ("imported", 0, 0, 0)  # idempotent
    assert vault.client("Dana").entries == 2

    confirmed = kit.json("sent")  # the latest export by default
    assert confirmed["sequence"] == 2
    assert datetime.fromisoformat(confirmed["sent_at"]) <= datetime.now().astimezone()
    third = export(kit, tmp_path / "3.age")
    assert (third["entries"], third["deleted"]) == (0, 0)


def test_confirming_an_older_export_does_not_hide_a_later_edit(kit, tmp_path):
    entry_id = kit.add("--situation", "Before.")
    export(kit, tmp_path / "1.age")
    kit.ok("edit", entry_id, "--situation", "After.")
    assert export(kit, tmp_path / "2.age")["entries"] == 1  # revision 2, unsent
    kit.ok("sent", "1")  # held revision 1 only
    assert export(kit, tmp_path / "3.age")["entries"] == 1  # revision 2 still goes
    kit.ok("sent", "3")
    assert export(kit, tmp_path / "4.age")["entries"] == 0


def test_a_deletion_goes_until_confirmed_even_in_a_date_range(kit, vault, tmp_path):
    entry_id = kit.add("--situation", "Soon gone.", "--occurred-at", days_ago(20))
    export(kit, tmp_path / "1.age")
    kit.ok("sent")
    assert import_counts(vault, tmp_path / "1.age") == ("imported", 1, 0, 0)
    kit.ok("delete", entry_id, "--yes")
    ranged = kit.json("export", "--since", days_ago(3)[:10], "--out", str(tmp_path / "2.age"))
    assert (ranged["entries"], ranged["deleted"]) == (0, 1)
    again = export(kit, tmp_path / "3.age")  # still not confirmed: it goes again
    assert (again["entries"], again["deleted"]) == (0, 1)
    assert import_counts(vault, tmp_path / "3.age") == ("imported", 0, 0, 1)
    assert import_counts(vault, tmp_path / "2.age") == ("imported", 0, 0, 0)
    assert vault.client("Dana").entries == 0


def test_checkins_and_homework_follow_the_same_rule(kit, tmp_path):
    kit.ok("checkin", "gad7", "--answers", "0,1,2,3,0,1,2")
    assert export(kit, tmp_path / "1.age")["checkins"] == 1
    assert export(kit, tmp_path / "2.age")["checkins"] == 1
    kit.ok("sent")
    assert export(kit, tmp_path / "3.age")["checkins"] == 0


def test_sent_without_an_export_or_with_an_unknown_number_is_a_calm_error(kit, tmp_path):
    result = kit.run("sent")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: No export with that number was made")
    export(kit, tmp_path / "1.age")
    assert kit.run("sent", "7").exit_code == 1
    assert kit.run("sent", "0").stderr.startswith("error: [NUMBER]: Please give a whole number")


def test_sent_text_names_the_export(kit, tmp_path):
    kit.add("--situation", "One.")
    export(kit, tmp_path / "1.age")
    words = kit.ok("sent").stdout
    assert words.startswith("Marked export 1 (made ")
    assert "only what is new or changed goes in" in words


@pytest.mark.parametrize(("reply", "marked"), [("y", True), ("n", False)])
def test_export_at_a_terminal_asks_did_you_send_it(kit, tmp_path, reply, marked):
    kit.add("--situation", "Asked about.")
    out = tmp_path / "asked.age"
    env = {**os.environ, "TERM": "xterm", "INPUTRC": "/dev/null", **kit.env()}
    term = Terminal(["export", "--out", str(out)], env)
    shown = term.expect(ASK_SENT)
    assert "Asked about." in shown  # the client sees what leaves, on this screen only
    term.answer(reply)
    term.expect(wording.EXPORT_CONFIRMED if marked else "securebase-journal sent 1")
    assert term.wait() == 0
    assert export(kit, tmp_path / "next.age")["entries"] == (0 if marked else 1)


def test_a_journal_from_before_the_rule_keeps_its_exports_as_sent(tmp_path, vault):
    """Migration 3: exports made under the old rule were counted as sent when made."""
    _, code = vault.add_client("Eve")
    invitation = decode_invitation(code)
    home = ClientHome(tmp_path / "old")
    home.make()
    identity = Identity.generate()
    save_identity(identity, home.identity_path, PASSPHRASE, 4)
    old = EncryptedStore.create(home.journal_path, identity, MIGRATIONS[:2])
    made = datetime(2026, 3, 1, 9, 0).astimezone()

    def fill(db):
        for key, value in {
            "therapist_label": invitation.label,
            "therapist_recipient": invitation.therapist.age_recipient,
            "therapist_signing_key": invitation.therapist.signing_key.hex(),
            "client_id": str(invitation.client_id),
        }.items():
            db.execute("INSERT INTO settings VALUES (?, ?)", (key, value))
        for number, sent in ((1, 1), (2, 0)):
            entry = new_entry({"situation": f"Old {number}."}, made)
            put_entry(db, entry)
            db.execute(
                "UPDATE entries SET exported_revision = ? WHERE id = ?", (sent, str(entry.id))
            )
        db.execute(
            "INSERT INTO exports (sequence, export_id, created_at) VALUES (1, 'x', ?)",
            (made.isoformat(),),
        )

    old.update(fill)
    old.close()

    journal = open_journal(home, PASSPHRASE)
    [record] = journal.exports()
    assert record.sent_at == made
    document = journal.preview_export()
    assert [e.situation for e in document.entries] == ["Old 2."]


def test_an_export_with_nothing_new_says_so_and_asks_nothing(kit, tmp_path):
    result = kit.ok("export", "--out", str(tmp_path / "empty.age"))
    assert wording.EXPORT_EMPTY in result.stdout
    assert "securebase-journal sent" not in result.stdout
