"""The homework loop end to end, through both command lines.

assign -> pack -> client import -> log -> export -> therapist import -> adherence,
and every way a homework pack is refused (the client's journal unchanged).
"""

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clienttools.homework_import import LAST_PACK_ISSUED
from securebase.analytics.homework import adherence_summary
from securebase.analytics.load import client_frames
from securebase.envelope import seal
from securebase.homework_pack import PACK_KIND, build_pack, dump_pack
from securebase.identity import Identity
from securebase.invitation import decode_invitation
from securebase.messages import CATALOGUE
from securebase.messages_client import CLIENT_CATALOGUE
from tests.clientkit import ClientKit
from tests.test_therapist_cli import Therapist

WORK_FACTOR = "4"


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", WORK_FACTOR)
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


def join(
    therapist: Therapist, tmp_path: Path, label: str, *, confirm: bool = True
) -> tuple[str, ClientKit]:
    """Add a client, set up their journal, import their first (empty) export and, as
    in their first session, confirm the key code their journal showed them."""
    added = therapist("client", "add", label, "--json").json()
    kit = ClientKit(tmp_path / label, Identity.generate(), invitation=added["invitation"])
    kit.init()
    out = tmp_path / f"{label}-first.age"
    shown = kit.json("export", "--out", str(out))["fingerprint"]
    assert therapist("import", str(out), "--json").code == 0
    if confirm:
        assert therapist("client", "confirm", label, shown.lower().replace("-", " ")).code == 0
    return added["client_id"], kit


def state(kit: ClientKit) -> tuple:
    journal = kit.journal()
    settings = dict(journal.store.db.execute("SELECT key, value FROM settings").fetchall())
    found = (journal.assignments(), settings, kit.files())
    journal.store.close()
    return found


def local_today():
    return datetime.now().astimezone().date()


@pytest.fixture
def alice(therapist, tmp_path):
    return join(therapist, tmp_path, "Alice")


def test_the_loop_from_assignment_to_adherence(therapist, alice, tmp_path):
    client_id, kit = alice
    today = local_today()
    week_start = today - timedelta(days=6)
    assigned = therapist(
        "homework", "assign", "Alice", "paced_breathing", "--from", f"{week_start}",
        "--note", "Before bed is a good time.", "--json",
    )  # fmt: skip
    assert assigned.code == 0, assigned.err
    assignment_id = assigned.json()["assignment_id"]
    listed = therapist("homework", "list", "Alice", "--json").json()["assignments"]
    assert [(a["exercise"], a["times"], a["per"]) for a in listed] == [
        ("paced_breathing", 1, "day")  # the catalogue's defaults
    ]

    pack = tmp_path / "pack.age"
    made = therapist("homework", "pack", "Alice", "--out", str(pack), "--json")
    assert made.code == 0, made.err
    assert made.json()["assignments"] == 1

    imported = kit.json("homework", "import", str(pack))
    assert imported["status"] == "imported"
    client_list = kit.json("homework", "list")["assignments"]
    assert [
        {k: a[k] for k in ("assignment_id", "exercise", "times", "per")} for a in client_list
    ] == [{"assignment_id": assignment_id, "exercise": "paced_breathing", "times": 1, "per": "day"}]
    assert 2 <= len(client_list[0]["instructions"]) <= 6
    assert "Paced breathing" in kit.ok("homework", "list").stdout

    ratings = [("7", "60", "30"), ("5", "50", "40"), ("9", "70", "20"), (None, None, None)]
    for n, (helpful, before, after) in enumerate(ratings):
        flags = ["--minutes", "10"]
        if helpful:
            flags += ["--helpfulness", helpful, "--distress-before", before]
            flags += ["--distress-after", after]
        reference = "paced_breathing" if n % 2 else assignment_id[:8]
        logged = kit.json("homework", "log", reference, *flags)
        assert logged["assignment_id"] == assignment_id

    export = tmp_path / "week.age"
    assert kit.json("export", "--out", str(export))["homework_logs"] == 4
    result = therapist("import", str(export), "--json")
    assert result.code == 0, result.err

    vault = therapist.vault()
    frames = client_frames(vault.store.db, client_id)
    summary = adherence_summary(frames.assignments, frames.logs, week_start, today)
    row = summary.iloc[0]
    # 1 a day over 7 days: 7 expected; 4 logs, all today: 4 of 7; today done: streak 1.
    assert (row["done"], row["expected"]) == (4, 7.0)
    assert row["share"] == pytest.approx(4 / 7)
    assert (row["current_streak"], row["longest_streak"]) == (1, 1)
    assert (row["mean_helpfulness"], row["n_helpfulness"]) == (pytest.approx(7.0), 3)
    # drops 30, 10, 50 -> mean 30 over 3 rated logs
    assert (row["mean_distress_drop"], row["n_distress"]) == (pytest.approx(30.0), 3)


def test_edit_and_end_show_in_the_history(therapist, alice):
    week_ago = f"{datetime.now(UTC).date() - timedelta(days=7)}"
    first = therapist(
        "homework", "assign", "Alice", "reassurance_delay", "--from", week_ago, "--json"
    ).json()
    second = therapist("homework", "assign", "Alice", "boundary_practice", "--json").json()
    edited = therapist(
        "homework", "edit", first["assignment_id"][:8], "--times", "2", "--note", "Try 15 min",
        "--json",
    ).json()  # fmt: skip
    assert (edited["times"], edited["note"]) == (2, "Try 15 min")
    ended = therapist("homework", "end", second["assignment_id"], "--json").json()
    assert ended["ended_at"] is not None
    current = therapist("homework", "list", "Alice", "--json").json()["assignments"]
    everything = therapist("homework", "list", "Alice", "--all", "--json").json()["assignments"]
    yesterday = f"{datetime.now(UTC).date() - timedelta(days=1)}"
    assert therapist("homework", "end", first["assignment_id"], "--on", yesterday).code == 0
    assert {a["exercise"] for a in everything} == {"reassurance_delay", "boundary_practice"}
    assert {a["exercise"] for a in current} == {"reassurance_delay", "boundary_practice"}
    after = therapist("homework", "list", "Alice", "--json").json()["assignments"]
    assert {a["exercise"] for a in after} == {"boundary_practice"}  # ended today still runs


def test_assigning_an_unknown_exercise_is_refused(therapist, alice):
    result = therapist("homework", "assign", "Alice", "crystal_healing", "--json")
    assert result.code == 1
    assert result.err.splitlines()[1] == f"hint: {CATALOGUE['unknown_exercise'].hint}"
    assert therapist("homework", "list", "Alice", "--json").json() == {"assignments": []}


def test_assigning_an_exercise_that_is_already_running_is_refused(therapist, alice):
    assert therapist("homework", "assign", "Alice", "paced_breathing", "--json").code == 0
    again = therapist("homework", "assign", "Alice", "paced_breathing", "--json")
    assert again.code == 1
    assert again.err.splitlines()[1] == f"hint: {CATALOGUE['assignment_exists'].hint}"
    listed = therapist("homework", "list", "Alice", "--json").json()["assignments"]
    assert [a["exercise"] for a in listed] == ["paced_breathing"]
    # Once the first has ended, the exercise can be set again from the next day.
    first = listed[0]["assignment_id"]
    today = datetime.now(UTC).date()
    assert therapist("homework", "end", first).code == 0
    tomorrow = f"{today + timedelta(days=1)}"
    assert therapist("homework", "assign", "Alice", "paced_breathing", "--from", tomorrow).code == 0


def test_a_pack_before_the_first_import_is_refused(therapist, tmp_path):
    therapist("client", "add", "Bea")
    result = therapist("homework", "pack", "Bea", "--out", str(tmp_path / "p.age"))
    assert result.code == 1
    assert CATALOGUE["no_client_key"].text in result.err
    assert not (tmp_path / "p.age").exists()


def test_no_pack_is_sealed_before_the_key_is_confirmed(therapist, tmp_path):
    _, kit = join(therapist, tmp_path, "Bea", confirm=False)
    assert therapist("homework", "assign", "Bea", "trigger_journal").code == 0
    listed = therapist("client", "list").out
    assert "NOT CONFIRMED" in listed
    pack = tmp_path / "p.age"
    result = therapist("homework", "pack", "Bea", "--out", str(pack))
    assert result.code == 1
    assert CATALOGUE["key_not_confirmed"].text in result.err
    assert not pack.exists()

    shown = kit.json("export", "--out", str(tmp_path / "again.age"))["fingerprint"]
    assert therapist("client", "confirm", "Bea", shown).code == 0
    assert "(confirmed)" in therapist("client", "list").out
    assert therapist("homework", "pack", "Bea", "--out", str(pack)).code == 0
    assert kit.json("homework", "import", str(pack))["status"] == "imported"


# -- refusals: the client's journal stays as it was ----------------------------------


@pytest.fixture
def with_pack(therapist, alice, tmp_path):
    """Alice with one imported pack (trigger journal)."""
    client_id, kit = alice
    assert therapist("homework", "assign", "Alice", "trigger_journal").code == 0
    pack = tmp_path / "current.age"
    assert therapist("homework", "pack", "Alice", "--out", str(pack)).code == 0
    kit.ok("homework", "import", str(pack))
    return client_id, kit


def refused(kit: ClientKit, data: bytes, tmp_path: Path, code: str) -> None:
    before = state(kit)
    path = tmp_path / f"{uuid.uuid4()}.age"
    path.write_bytes(data)
    result = kit.run("homework", "import", str(path), "--json")
    assert result.exit_code == 1
    words = CLIENT_CATALOGUE.get(code) or CATALOGUE[code]  # the client's words where they differ
    assert result.stderr.splitlines()[1] == f"hint: {words.hint}"
    assert result.stdout == ""
    assert state(kit) == before


def _sealed_for(kit: ClientKit, document: bytes, signer: Identity, kind: str = PACK_KIND):
    journal = kit.journal()
    recipient = journal.identity.recipient
    journal.store.close()
    return seal(document, signer, [recipient], kind=kind)


def test_a_pack_for_another_client_is_refused(therapist, with_pack, tmp_path):
    _, alice_kit = with_pack
    bea_id, _ = join(therapist, tmp_path, "Bea")
    assert therapist("homework", "assign", "Bea", "paced_breathing").code == 0
    bea_pack = tmp_path / "bea.age"
    assert therapist("homework", "pack", "Bea", "--out", str(bea_pack)).code == 0
    refused(alice_kit, bea_pack.read_bytes(), tmp_path, "not_for_this_identity")
    # Bea's pack re-sealed to Alice by the same therapist still names Bea.
    vault = therapist.vault()
    document = dump_pack(build_pack(vault, bea_id))
    refused(
        alice_kit, _sealed_for(alice_kit, document, vault.identity), tmp_path, "pack_not_for_you"
    )


def test_a_pack_from_another_therapist_is_refused(therapist, with_pack, tmp_path):
    client_id, kit = with_pack
    document = dump_pack(build_pack(therapist.vault(), client_id))
    stranger = Identity.generate()
    refused(kit, _sealed_for(kit, document, stranger), tmp_path, "unexpected_signer")


def test_a_tampered_pack_is_refused(therapist, with_pack, tmp_path):
    _, kit = with_pack
    pack = tmp_path / "again.age"
    assert therapist("homework", "pack", "Alice", "--out", str(pack)).code == 0
    data = bytearray(pack.read_bytes())
    data[-40] ^= 0x01
    refused(kit, bytes(data), tmp_path, "tampered")


def test_a_journal_export_is_not_a_pack(therapist, with_pack, tmp_path):
    client_id, kit = with_pack
    own_export = tmp_path / "mine.age"
    kit.json("export", "--out", str(own_export))
    refused(kit, own_export.read_bytes(), tmp_path, "not_for_this_identity")
    vault = therapist.vault()
    document = dump_pack(build_pack(vault, client_id))
    wrong = _sealed_for(kit, document, vault.identity, kind="securebase/journal-export")
    refused(kit, wrong, tmp_path, "wrong_kind")


def test_an_older_pack_after_a_newer_one_is_ignored(therapist, with_pack, tmp_path):
    client_id, kit = with_pack
    vault = therapist.vault()
    older = build_pack(vault, client_id, now=datetime.now(UTC) - timedelta(days=2))
    path = tmp_path / "older.age"
    path.write_bytes(_sealed_for(kit, dump_pack(older), vault.identity))
    before = state(kit)
    result = kit.json("homework", "import", str(path))
    assert result["status"] == "older"
    assert "nothing was changed" in kit.ok("homework", "import", str(path)).stdout
    assert state(kit)[:2] == before[:2]
    journal = kit.journal()
    last = dict(journal.store.db.execute("SELECT key, value FROM settings").fetchall())
    assert datetime.fromisoformat(last[LAST_PACK_ISSUED]) > older.issued_at


def test_a_newer_pack_replaces_the_homework_and_keeps_logs(therapist, with_pack, tmp_path):
    _, kit = with_pack
    kit.json("homework", "log", "trigger_journal")
    assert therapist("homework", "assign", "Alice", "self_compassion_break").code == 0
    listed = therapist("homework", "list", "Alice", "--json").json()["assignments"]
    trigger = next(a for a in listed if a["exercise"] == "trigger_journal")
    assert therapist("homework", "end", trigger["assignment_id"], "--on", "2020-01-01").code == 1
    pack = tmp_path / "newer.age"
    assert therapist("homework", "pack", "Alice", "--out", str(pack)).code == 0
    assert kit.json("homework", "import", str(pack))["status"] == "imported"
    exercises = [a["exercise"] for a in kit.json("homework", "list")["assignments"]]
    assert sorted(exercises) == ["self_compassion_break", "trigger_journal"]
    journal = kit.journal()
    assert len(journal.homework_logs()) == 1


def test_invitation_key_is_what_the_client_checks(therapist, alice):
    _, kit = alice
    journal = kit.journal()
    vault = therapist.vault()
    assert journal.therapist.signing_key == vault.identity.public.signing_key
    assert decode_invitation(kit.invitation).therapist.signing_key == journal.therapist.signing_key


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(
            lambda text: text.replace('"version": 1', '"version": 1, "version": 1'), id="dup"
        ),
        pytest.param(lambda text: text.replace('"times": 1', '"times": NaN'), id="nan"),
        pytest.param(lambda text: "\ufeff" + text, id="bom"),
        pytest.param(lambda text: text.replace('"note"', '"notes"', 1), id="unknown-field"),
    ],
)
def test_a_signed_pack_with_broken_json_is_refused(therapist, with_pack, tmp_path, mangle):
    """A pack gets the same plain-JSON checks as an export, although the therapist signed it."""
    client_id, kit = with_pack
    vault = therapist.vault()
    text = dump_pack(build_pack(vault, client_id)).decode("utf-8")
    broken = mangle(text).encode("utf-8")
    assert broken != text.encode("utf-8")
    refused(kit, _sealed_for(kit, broken, vault.identity), tmp_path, "pack_invalid")
