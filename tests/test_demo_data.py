"""The committed demo data: sealed, valid, current, deterministic, and telling its stories.

The demo is a therapist identity, one encrypted home per client and the sealed
weekly exports each client sent. Its plaintext is deterministic for a seed, so
the tests compare what the committed files decrypt to with what the generator
makes in memory. The storyline checks are loose (the data is noisy on purpose)
but tight enough that a generator change which flattens a storyline fails here.
"""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from clienttools.home import ClientHome
from clienttools.journal import open_journal
from sample_data.generate import (
    DEFAULT_END,
    DEFAULT_OUT,
    DEFAULT_SEED,
    build,
    build_plaintext,
    generate,
)
from sample_data.keys import (
    DEMO_THERAPIST_PASSPHRASE,
    THERAPIST_IDENTITY_FILE,
    client_passphrase,
    therapist_identity,
)
from sample_data.trajectories import BAD_PATCH_WEEKS, WEEKS
from sample_data.weeks import ENTRY_EXERCISES
from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.errors import WrongPassphrase
from securebase.identity import fingerprint, load_identity
from securebase.journal import FORMAT_LABEL, ExportDocument, JournalEntry

# The homework catalogue of DOMAIN.md, first version.
CATALOGUE = frozenset(
    {
        "trigger_journal",
        "paced_breathing",
        "progressive_muscle_relaxation",
        "mindfulness_practice",
        "reassurance_delay",
        "thought_challenge",
        "i_statement_practice",
        "self_compassion_break",
        "partner_appreciation_log",
        "self_worth_activity",
        "boundary_practice",
        "support_contact",
    }
)
EXPORT_NAMES = [f"export-{n:02d}.age" for n in range(1, WEEKS + 1)]


@pytest.fixture(scope="module")
def roster() -> dict:
    return json.loads((DEFAULT_OUT / "therapist.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def therapist():
    return load_identity(DEFAULT_OUT / THERAPIST_IDENTITY_FILE, DEMO_THERAPIST_PASSPHRASE)


@pytest.fixture(scope="module")
def plaintext() -> dict[str, bytes]:
    return build_plaintext(DEFAULT_SEED, DEFAULT_END)


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return build(DEFAULT_SEED, DEFAULT_END)


@pytest.fixture(scope="module")
def opened(roster, therapist) -> dict[str, list]:
    """Each client's committed exports in file order, opened as the therapist would:
    the right kind, signed by the client's pinned key, validated. By trajectory."""
    found = {}
    for client in roster["clients"]:
        folder = DEFAULT_OUT / client["exports"]
        found[client["trajectory"]] = [
            open_sealed(
                path.read_bytes(),
                therapist,
                expected_signer=bytes.fromhex(client["signing_key"]),
                expected_kind=FORMAT_LABEL,
            )
            for path in sorted(folder.glob("*.age"))
        ]
    return found


@pytest.fixture(scope="module")
def exports(opened) -> dict[str, list[ExportDocument]]:
    return {
        trajectory: [parse_export(unsealed.document) for unsealed in sealed]
        for trajectory, sealed in opened.items()
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _latest(documents: list[ExportDocument]) -> dict:
    """Every entry id at its latest revision (tombstones included), as the importer merges."""
    latest: dict = {}
    for document in documents:
        for entry in document.entries:
            if entry.id not in latest or entry.revision > latest[entry.id].revision:
                latest[entry.id] = entry
    return latest


def _week_entries(document: ExportDocument) -> list[JournalEntry]:
    """Entries that happened in the export's own week (not later edits or deletions)."""
    period = document.period
    return [
        entry
        for entry in document.entries
        if isinstance(entry, JournalEntry)
        and period.start <= entry.occurred_at.date() <= period.end
    ]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _belief_drops(documents: list[ExportDocument]) -> list[int]:
    return [
        entry.belief_before - entry.challenge.belief_after
        for document in documents
        for entry in _week_entries(document)
        if entry.challenge is not None
    ]


def _gad7_totals(documents: list[ExportDocument]) -> list[int]:
    return [sum(c.answers) for d in documents for c in d.checkins if c.measure == "gad7"]


def _adherence(client: dict, documents: list[ExportDocument]) -> float:
    """Homework logs per session the assignments expected (entry-based exercises aside)."""
    first, last = documents[0].period.start, documents[-1].period.end
    expected = 0.0
    for assignment in client["assignments"]:
        if assignment["exercise"] in ENTRY_EXERCISES:
            continue
        start = max(date.fromisoformat(assignment["from"]), first)
        end = min(date.fromisoformat(assignment["until"] or last.isoformat()), last)
        days = max((end - start).days + 1, 0)
        expected += assignment["times"] * days / (1 if assignment["per"] == "day" else 7)
    return sum(len(d.homework_logs) for d in documents) / expected


def test_every_committed_export_opens_for_the_therapist_from_the_pinned_client(
    roster, therapist, opened
):
    for client in roster["clients"]:
        paths = sorted((DEFAULT_OUT / client["exports"]).iterdir())
        assert [p.name for p in paths] == EXPORT_NAMES
        assert fingerprint(bytes.fromhex(client["signing_key"])) == client["fingerprint"]
        for unsealed in opened[client["trajectory"]]:
            document = parse_export(unsealed.document)  # validates, strictly
            assert str(document.client_id) == client["client_id"]
            assert (
                document.client_keys.signing_key == client["signing_key"] == unsealed.signer.hex()
            )
            assert unsealed.recipients == (therapist.recipient,)


def test_committed_exports_decrypt_to_what_the_generator_makes(roster, opened, plaintext):
    committed = {
        f"{client['exports']}/{name}": unsealed.document
        for client in roster["clients"]
        for name, unsealed in zip(EXPORT_NAMES, opened[client["trajectory"]], strict=True)
    }
    expected = {name: data for name, data in plaintext.items() if name.endswith(".age")}
    assert committed == expected, "run: python -m sample_data.generate --seed 7"
    assert (DEFAULT_OUT / "therapist.json").read_bytes() == plaintext["therapist.json"]


def test_committed_demo_has_exactly_the_generators_files(built):
    assert set(_tree(DEFAULT_OUT)) == set(built)


def test_demo_therapist_identity_opens_with_its_documented_passphrase(roster, therapist):
    assert therapist.recipient == roster["therapist"]["age_recipient"]
    assert therapist.public.fingerprint == roster["therapist"]["fingerprint"]
    assert therapist.recipient == therapist_identity(DEFAULT_SEED).recipient
    with pytest.raises(WrongPassphrase):
        load_identity(DEFAULT_OUT / THERAPIST_IDENTITY_FILE, "not the demo passphrase")


def test_roster_holds_no_secret(roster):
    text = (DEFAULT_OUT / "therapist.json").read_text(encoding="utf-8")
    assert "age-secret-key" not in text.lower()
    assert DEMO_THERAPIST_PASSPHRASE not in text
    assert not any(client_passphrase(c["home"].split("/")[0]) in text for c in roster["clients"])


def test_every_demo_home_opens_with_its_passphrase_and_holds_the_history(
    roster, exports, therapist, tmp_path
):
    for client in roster["clients"]:
        documents = exports[client["trajectory"]]
        slug = client["home"].split("/")[0]
        home = ClientHome(tmp_path / slug)  # a copy: opening takes a lock file beside it
        shutil.copytree(DEFAULT_OUT / client["home"], home.root)
        journal = open_journal(home, client_passphrase(slug))
        keys = documents[0].client_keys
        assert journal.identity.recipient == keys.age_recipient
        assert journal.identity.public.signing_key.hex() == keys.signing_key
        assert str(journal.therapist.client_id) == client["client_id"]
        assert journal.therapist.recipient == therapist.recipient
        latest = _latest(documents)
        live = {e.id: e for e in latest.values() if not e.deleted}
        assert len(journal.entries()) == len(live) > 0
        assert {e.id: e for e in journal.entries()} == live
        logs = [log.id for d in documents for log in d.homework_logs]
        assert sorted(log.id for log in journal.homework_logs()) == sorted(logs)
        assert {a.assignment_id for a in journal.assignments()} == {
            a["assignment_id"] for a in client["assignments"]
        }
        db = journal.store.db
        rows = db.execute("SELECT sequence, export_id FROM exports ORDER BY sequence").fetchall()
        assert [tuple(r) for r in rows] == [(d.sequence, str(d.export_id)) for d in documents]
        assert db.execute("SELECT COUNT(*) FROM checkins WHERE exported = 1").fetchone()[0] == sum(
            len(d.checkins) for d in documents
        )
        unsent = db.execute("SELECT COUNT(*) FROM entries WHERE revision > exported_revision")
        assert unsent.fetchone()[0] == 0
        journal.store.close()


def test_a_demo_home_refuses_another_passphrase(roster):
    client = roster["clients"][0]
    with pytest.raises(WrongPassphrase):
        load_identity(DEFAULT_OUT / client["home"] / "identity.age", DEMO_THERAPIST_PASSPHRASE)


def test_roster_names_catalogue_exercises_and_unique_clients(roster):
    assert (roster["format"], roster["version"]) == ("securebase/demo-therapist", 2)
    clients = roster["clients"]
    assert len({c["client_id"] for c in clients}) == len({c["label"] for c in clients}) >= 4
    for client in clients:
        assert 2 <= len(client["session_notes"]) <= 3
        for assignment in client["assignments"]:
            assert assignment["exercise"] in CATALOGUE
            assert assignment["per"] in {"day", "week"}
            assert assignment["times"] >= 1


def test_each_client_signs_with_one_key_of_their_own(exports):
    keys = {trajectory: {d.client_keys for d in docs} for trajectory, docs in exports.items()}
    assert all(len(found) == 1 for found in keys.values())
    assert len({found.pop() for found in keys.values()}) == len(exports)


def test_assignment_links_point_to_the_clients_own_active_assignments(roster, exports):
    for client in roster["clients"]:
        assignments = {a["assignment_id"]: a for a in client["assignments"]}
        for document in exports[client["trajectory"]]:
            links = [(e.assignment_id, e.occurred_at) for e in _week_entries(document)]
            links += [(log.assignment_id, log.done_at) for log in document.homework_logs]
            for assignment_id, when in links:
                if assignment_id is None:
                    continue
                assignment = assignments[str(assignment_id)]
                day = when.date().isoformat()
                assert assignment["from"] <= day <= (assignment["until"] or "9999")


def test_times_are_local_ordered_and_inside_the_week(roster, exports):
    for client in roster["clients"]:
        for document in exports[client["trajectory"]]:
            assert document.created_at.isoformat().endswith(client["utc_offset"])
            for entry in _week_entries(document):
                assert entry.occurred_at <= entry.recorded_at <= document.created_at
                assert entry.occurred_at.isoformat().endswith(client["utc_offset"])
            for log in document.homework_logs:
                assert document.period.start <= log.done_at.date() <= document.period.end


def test_plaintext_is_deterministic(plaintext):
    assert build_plaintext(DEFAULT_SEED, DEFAULT_END) == plaintext


def test_another_seed_gives_other_data_and_other_keys(plaintext):
    other = build_plaintext(DEFAULT_SEED + 1, DEFAULT_END)
    assert other != plaintext
    mine, theirs = json.loads(plaintext["therapist.json"]), json.loads(other["therapist.json"])
    assert mine["therapist"]["age_recipient"] != theirs["therapist"]["age_recipient"]
    keys = {c["signing_key"] for c in mine["clients"]} & {
        c["signing_key"] for c in theirs["clients"]
    }
    assert keys == set()


def test_generator_replaces_only_its_own_files_and_keeps_unchanged_ones(tmp_path):
    stale = tmp_path / "former-client" / "export-13.json"  # the first, plaintext layout
    stale.parent.mkdir()
    stale.write_text("{}")
    keep = tmp_path / "former-client" / "notes.txt"
    keep.write_text("not the generator's")
    old_export = tmp_path / "robin-a" / "export-01.json"
    old_export.parent.mkdir()
    old_export.write_text("{}")
    written = generate(DEFAULT_SEED, tmp_path, DEFAULT_END)
    assert not stale.exists()
    assert not old_export.exists()
    assert keep.exists()
    first = _tree(tmp_path)
    assert first == {**written, "former-client/notes.txt": b"not the generator's"}
    generate(DEFAULT_SEED, tmp_path, DEFAULT_END)
    assert _tree(tmp_path) == first, "regenerating the same demo changed files on disk"


def test_build_seals_what_build_plaintext_describes(built, plaintext):
    therapist = therapist_identity(DEFAULT_SEED)
    assert built["therapist.json"] == plaintext["therapist.json"]
    for name, document in plaintext.items():
        if name.endswith(".age"):
            assert open_sealed(built[name], therapist).document == document


@pytest.mark.parametrize("make", [build, build_plaintext])
def test_end_must_be_a_sunday(make):
    with pytest.raises(ValueError, match="Sunday"):
        make(DEFAULT_SEED, date(2026, 11, 21))


def test_sequences_run_from_1_to_12(exports):
    for documents in exports.values():
        assert [d.sequence for d in documents] == list(range(1, WEEKS + 1))


def test_every_client_week_has_3_to_12_entries(exports):
    for documents in exports.values():
        for document in documents:
            assert 3 <= len(_week_entries(document)) <= 12


def test_steady_improvement_belief_drop_grows_by_15_points(exports):
    documents = exports["steady_improvement"]
    early, late = _belief_drops(documents[:3]), _belief_drops(documents[-3:])
    assert _mean(late) - _mean(early) >= 15


def test_steady_improvement_gad7_falls(exports):
    totals = _gad7_totals(exports["steady_improvement"])
    assert totals[-1] < totals[0]


def test_bad_patch_weeks_bring_conflict_and_rejection(exports):
    documents = exports["bad_patch"]

    def conflicts(weeks) -> int:
        return sum(
            bool({"conflict", "perceived_rejection"} & set(entry.triggers))
            for week in weeks
            for entry in _week_entries(documents[week - 1])
        )

    before = range(BAD_PATCH_WEEKS[0] - len(BAD_PATCH_WEEKS), BAD_PATCH_WEEKS[0])
    assert conflicts(BAD_PATCH_WEEKS) > conflicts(before)


def test_sparse_client_has_the_lowest_homework_adherence(roster, exports):
    adherence = {
        c["trajectory"]: _adherence(c, exports[c["trajectory"]]) for c in roster["clients"]
    }
    assert min(adherence, key=adherence.get) == "sparse"


def test_only_the_bad_patch_has_a_phq9_item9_answer(exports):
    flagged = [
        (trajectory, document.sequence)
        for trajectory, documents in exports.items()
        for document in documents
        for checkin in document.checkins
        if checkin.measure == "phq9" and checkin.answers[8] > 0
    ]
    assert len(flagged) == 1
    trajectory, week = flagged[0]
    assert trajectory == "bad_patch"
    assert week in BAD_PATCH_WEEKS


def test_exports_carry_revisions_and_a_tombstone(exports):
    entries = [e for documents in exports.values() for d in documents for e in d.entries]
    assert any(not e.deleted and e.revision == 2 for e in entries)
    assert any(e.deleted for e in entries)
