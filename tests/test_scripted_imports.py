"""Scripts can run again safely: ``add --json`` and ``import-csv`` never duplicate entries."""

import json

import pytest

from tests.clientkit import TEMPLATE, ClientKit

ID_A = "0b8f3a8e-3d47-4a43-9d8e-5d2f1c0c7a11"
ID_B = "6a1f6e0e-2b65-4a8f-8a5b-0f7d8b9e2c22"


pytest_plugins = ["tests.client_kit_fixtures"]  # therapist and kit


def add_json(kit: ClientKit, drafts) -> dict:
    return kit.json("add", "--json", "-", input=json.dumps(drafts))


def test_the_same_json_twice_adds_once(kit):
    drafts = [
        {"id": ID_A, "situation": "One.", "occurred_at": "2026-03-02T21:40:00+01:00"},
        {"id": ID_B.upper(), "situation": "Two.", "triggers": ["conflict"]},
    ]
    first = add_json(kit, drafts)
    assert (first["new"], first["updated"], first["unchanged"]) == (2, 0, 0)
    assert [e["id"] for e in first["entries"]] == [ID_A, ID_B]  # the given ids, kept
    second = add_json(kit, drafts)
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 2)
    assert second["entries"] == []
    assert sorted(kit.ids()) == sorted([ID_A, ID_B])
    assert kit.show(ID_A)["revision"] == 1


def test_changed_json_updates_and_bumps_the_revision_once(kit):
    add_json(kit, {"id": ID_A, "situation": "One.", "occurred_at": "2026-03-02T21:40:00+01:00"})
    changed = {"id": ID_A, "situation": "One, with more.", "distress_before": 60}
    assert add_json(kit, changed)["updated"] == 1
    assert add_json(kit, changed)["unchanged"] == 1
    entry = kit.show(ID_A)
    assert (entry["revision"], entry["situation"], entry["distress_before"]) == (
        2,
        "One, with more.",
        60,
    )
    assert entry["occurred_at"] == "2026-03-02T21:40:00+01:00"  # left out: kept


def test_json_without_ids_still_adds_each_time(kit):
    add_json(kit, {"situation": "No id."})
    add_json(kit, {"situation": "No id."})
    assert len(kit.ids()) == 2


def test_a_deleted_entry_is_not_brought_back(kit):
    add_json(kit, {"id": ID_A, "situation": "Soon gone."})
    kit.ok("delete", ID_A, "--yes")
    again = add_json(kit, {"id": ID_A, "situation": "Soon gone."})
    assert (again["new"], again["deleted"]) == (0, 1)
    assert kit.ids() == []


@pytest.mark.parametrize(
    ("drafts", "words"),
    [
        ({"id": "not-an-id", "situation": "x"}, "The entry's id: that is not a valid id."),
        (
            [{"id": ID_A, "situation": "x"}, {"id": ID_A, "situation": "y"}],
            "Entry 2, the entry's id: something there is given twice.",
        ),
    ],
)
def test_bad_ids_are_refused_in_plain_words(kit, drafts, words):
    result = kit.run("add", "--json", "-", input=json.dumps(drafts))
    assert result.exit_code == 1
    assert f"  - {words}" in result.stderr.splitlines()
    assert kit.ids() == []


def test_the_same_csv_twice_imports_once(kit):
    first = kit.json("import-csv", str(TEMPLATE))
    assert (first["new"], first["unchanged"]) == (2, 0)
    again = kit.ok("import-csv", str(TEMPLATE))
    assert (
        again.stdout.strip() == "Imported 0 entries. 2 entries already in your journal, unchanged."
    )
    assert sorted(kit.ids()) == sorted(first["entries"])


def test_identical_rows_stay_separate_entries_and_still_import_once(kit, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("situation\nNo reply.\nNo reply.\n", encoding="utf-8")
    kit.ok("import-csv", str(path))
    kit.ok("import-csv", str(path))
    assert len(kit.ids()) == 2


def test_an_id_column_lets_a_changed_row_update_its_entry(kit, tmp_path):
    path = tmp_path / "with-ids.csv"
    path.write_text(f"id,situation\n{ID_A},First wording.\n", encoding="utf-8")
    kit.ok("import-csv", str(path))
    path.write_text(f"id,situation\n{ID_A},Second wording.\n", encoding="utf-8")
    result = kit.json("import-csv", str(path))
    assert (result["new"], result["updated"]) == (0, 1)
    entry = kit.show(ID_A)
    assert (entry["situation"], entry["revision"]) == ("Second wording.", 2)
    assert kit.ids() == [ID_A]


def test_csv_and_json_meet_on_the_same_id(kit, tmp_path):
    path = tmp_path / "with-ids.csv"
    path.write_text(f"id,situation\n{ID_B},From the sheet.\n", encoding="utf-8")
    kit.ok("import-csv", str(path))
    assert add_json(kit, {"id": ID_B, "situation": "From the sheet."})["unchanged"] == 1
    assert kit.ids() == [ID_B]
