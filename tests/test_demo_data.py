"""The committed demo data: valid, current, deterministic, and telling its stories.

The storyline checks are loose (the data is noisy on purpose) but tight enough
that a generator change which flattens a storyline fails here.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from sample_data.generate import DEFAULT_END, DEFAULT_OUT, DEFAULT_SEED, build, generate
from sample_data.trajectories import BAD_PATCH_WEEKS, WEEKS
from sample_data.weeks import ENTRY_EXERCISES
from securebase import bech32
from securebase.documents import parse_export
from securebase.journal import ExportDocument, JournalEntry

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


@pytest.fixture(scope="module")
def roster() -> dict:
    return json.loads((DEFAULT_OUT / "therapist.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def exports(roster) -> dict[str, list[ExportDocument]]:
    """Each client's committed exports in file order, by trajectory."""
    return {
        client["trajectory"]: [
            parse_export(path.read_bytes())
            for path in sorted((DEFAULT_OUT / client["exports"]).glob("*.json"))
        ]
        for client in roster["clients"]
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


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


def test_every_committed_export_parses_and_belongs_to_its_client(roster):
    for client in roster["clients"]:
        folder = DEFAULT_OUT / client["exports"]
        paths = sorted(folder.glob("*.json"))
        assert [p.name for p in paths] == [f"export-{n:02d}.json" for n in range(1, WEEKS + 1)]
        for path in paths:
            assert str(parse_export(path.read_bytes()).client_id) == client["client_id"]


def test_roster_names_catalogue_exercises_and_unique_clients(roster):
    assert (roster["format"], roster["version"]) == ("securebase/demo-therapist", 1)
    clients = roster["clients"]
    assert len({c["client_id"] for c in clients}) == len({c["label"] for c in clients}) >= 4
    for client in clients:
        assert 2 <= len(client["session_notes"]) <= 3
        for assignment in client["assignments"]:
            assert assignment["exercise"] in CATALOGUE
            assert assignment["per"] in {"day", "week"}
            assert assignment["times"] >= 1


def test_client_keys_are_distinct_well_formed_placeholders(exports):
    keys = {documents[0].client_keys for documents in exports.values()}
    assert len(keys) == len(exports)
    for key in keys:
        prefix, data = bech32.decode(key.age_recipient)
        assert (prefix, len(data)) == ("age", 32)


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


def test_generator_is_deterministic_and_matches_the_committed_data(tmp_path):
    generate(DEFAULT_SEED, tmp_path / "first", DEFAULT_END)
    generate(DEFAULT_SEED, tmp_path / "second", DEFAULT_END)
    first = _tree(tmp_path / "first")
    assert first == _tree(tmp_path / "second")
    assert first == _tree(DEFAULT_OUT), "run: python -m sample_data.generate --seed 7"


def test_another_seed_gives_other_data():
    assert build(DEFAULT_SEED + 1) != build(DEFAULT_SEED)


def test_generator_removes_only_its_own_stale_files(tmp_path):
    stale = tmp_path / "former-client" / "export-13.json"
    stale.parent.mkdir()
    stale.write_text("{}")
    keep = tmp_path / "former-client" / "notes.txt"
    keep.write_text("not the generator's")
    generate(DEFAULT_SEED, tmp_path, DEFAULT_END)
    assert not stale.exists()
    assert keep.exists()


def test_end_must_be_a_sunday():
    with pytest.raises(ValueError, match="Sunday"):
        build(DEFAULT_SEED, date(2026, 11, 21))


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
