"""``securebase-journal import-csv``: the template, all or nothing, Excel quirks, limits."""

import csv
import io
import json
from datetime import datetime

import pytest

from clienttools import csv_import
from clienttools.csv_import import COLUMNS, CsvRefused, read_drafts
from securebase.errors import EntryInvalid
from tests.clientkit import TEMPLATE

MARKER = "PRIVATE-MARKER-9902"
NOW = datetime(2026, 3, 10, 12, 0).astimezone()


pytest_plugins = ["tests.client_kit_fixtures"]  # therapist and kit


def sheet(rows: list[dict], *, columns=COLUMNS, newline="\n") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator=newline, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(tmp_path, text: str, *, encoding="utf-8", name="journal.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


# -- the template --------------------------------------------------------------------


def test_the_template_imports_its_two_examples(kit):
    payload = kit.json("import-csv", str(TEMPLATE))
    assert payload["imported"] == payload["valid"] == 2
    assert payload["dry_run"] is False
    assert sorted(payload["entries"]) == sorted(kit.ids())
    first = next(
        entry
        for entry in (kit.show(entry_id) for entry_id in payload["entries"])
        if entry["triggers"] == ["delayed_reply", "partner_unavailable"]
    )
    assert first["occurred_at"].startswith("2026-03-02T21:40:00")
    assert first["emotions"] == [
        {"emotion": "anxiety", "intensity": 70},
        {"emotion": "loneliness", "intensity": 40},
    ]
    assert first["urge"] == {
        "intensity": 8,
        "acted": False,
        "behaviours": ["repeated_messages", "checking_phone"],
        "delay_minutes": 25,
    }
    assert first["soothing"] == [
        {"technique": "paced_breathing", "minutes": 10},
        {"technique": "grounding", "minutes": 5},
    ]
    assert first["challenge"]["distortions"] == ["mind_reading", "fortune_telling"]
    assert first["challenge"]["belief_after"] == 30
    assert first["need_statement"]["shared"] is False
    assert first["partner_positive"] == ["Called on the way home", "Asked how my day went"]
    assert first["tags"] == ["evening", "work week"]
    assert first["body_sensations"] == "Tight chest, restless hands"


def test_the_template_has_every_column_and_docs_describe_each():
    with TEMPLATE.open(encoding="utf-8", newline="") as file:
        header = next(csv.reader(file))
    assert tuple(header) == COLUMNS
    guide = (TEMPLATE.parent / "CLIENT.md").read_text(encoding="utf-8")
    assert "## Importing from a spreadsheet" in guide
    for column in COLUMNS:
        assert f"| `{column}` |" in guide


def test_text_output_counts_the_entries(kit):
    result = kit.ok("import-csv", str(TEMPLATE))
    assert result.stdout.strip() == "Imported 2 entries."


# -- all or nothing ----------------------------------------------------------------------


def test_a_bad_row_saves_nothing_and_names_row_and_field(kit, tmp_path):
    kit.add("--situation", "Already here.")
    rows = [
        {"situation": "Fine.", "urge_intensity": "5", "urge_acted": "no"},
        {"situation": f"{MARKER} too strong", "urge_intensity": "15", "urge_acted": "no"},
        {"situation": "Fine too."},
    ]
    before = kit.files()
    result = kit.run("import-csv", write(tmp_path, sheet(rows)))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: Some of what you entered could not be saved:",
        "  - Row 3, how strong the urge to seek reassurance was: please use a number no "
        "higher than 10.",
        "hint: Change the answers named above and try again; nothing was saved.",
    ]
    assert MARKER not in result.output + result.stderr
    assert kit.files() == before


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"urge_acted": "maybe", "urge_intensity": "3"}, "urge.acted: write yes or no"),
        ({"urge_intensity": "3"}, "urge.acted: is required"),
        ({"belief_before": "lots"}, "belief_before: should be a whole number"),
        ({"belief_before": "-5"}, "belief_before: should be greater than or equal to 0"),
        ({"emotions": "anxiety"}, "emotions: write each as name=number, e.g. anxiety=70"),
        ({"emotions": "joy=10"}, "emotions[0].emotion: should be"),
        ({"soothing": "grounding=ten"}, "soothing: write each as name=number"),
        ({"triggers": "delayed_reply;banana"}, "triggers[1]: should be"),
        ({"occurred_at": "next tuesday"}, "occurred_at: write a date and time"),
        ({"occurred_at": "2099-01-01 10:00"}, ": occurred_at must not be later than recorded_at"),
        ({"need_shared": "yes"}, "need_statement.text: is required"),
        ({"situation": "", "tags": "x"}, "situation: is required"),
        ({"trigger_note": "x" * 301}, "trigger_note: String should have at most 300 characters"),
    ],
)
def test_each_cell_problem_is_named(cells, problem):
    row = {"situation": "Something.", **cells}
    data = sheet([{"situation": "Fine."}, row]).encode()
    with pytest.raises(EntryInvalid) as refused:
        read_drafts(data, NOW)
    where = "row 3" if problem.startswith(":") else "row 3, "
    assert str(refused.value.problems[0]).startswith(where + problem)


def test_problems_of_every_row_are_reported_together():
    rows = [{"situation": "A.", "belief_before": "200"}, {"situation": "B.", "distress_after": "x"}]
    with pytest.raises(EntryInvalid) as refused:
        read_drafts(sheet(rows).encode(), NOW)
    assert [p.path for p in refused.value.problems] == [
        "row 2, belief_before",
        "row 3, distress_after",
    ]


# -- spreadsheet quirks ------------------------------------------------------------------


def test_bom_and_crlf_from_excel_work(kit, tmp_path):
    rows = [
        {"situation": "Line one,\r\nline two.", "triggers": "conflict", "need_statement": "I feel"},
        {"situation": "Second.", "tags": "a; b ;"},
    ]
    text = "\ufeff" + sheet(rows, newline="\r\n")
    payload = kit.json("import-csv", write(tmp_path, text))
    assert payload["imported"] == 2
    entries = {e["situation"]: e for e in kit.json("list")["entries"]}
    assert set(entries) == {"Line one,\nline two.", "Second."}
    assert entries["Line one,\nline two."]["need_statement"] == {"text": "I feel", "shared": False}
    assert entries["Second."]["tags"] == ["a", "b"]


def test_columns_may_be_few_and_in_any_order_and_blank_rows_are_skipped(tmp_path):
    text = "Tags,SITUATION,distress_before\r\nx,First.,40\r\n,,\r\n,Third.,\r\n"
    drafts = read_drafts(text.encode(), NOW)
    assert [row for row, _draft in drafts] == [2, 4]
    assert [{k: v for k, v in draft.items() if k != "id"} for _row, draft in drafts] == [
        {"tags": ["x"], "situation": "First.", "distress_before": 40},
        {"situation": "Third."},
    ]


def test_formula_like_cells_stay_plain_text(kit, tmp_path):
    formulas = ["=1+1", "+SUM(A1:A3)", "-2+3", "@cmd", '=HYPERLINK("http://x")']
    rows = [{"situation": formula, "trigger_note": formula} for formula in formulas]
    kit.ok("import-csv", write(tmp_path, sheet(rows)))
    saved = {entry["situation"]: entry["trigger_note"] for entry in kit.json("list")["entries"]}
    assert saved == {formula: formula for formula in formulas}


def test_whole_numbers_as_a_spreadsheet_writes_them():
    [(_row, draft)] = read_drafts(
        sheet([{"situation": "x", "belief_before": "70.0"}]).encode(), NOW
    )
    assert draft["belief_before"] == 70


# -- refusing a whole file ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("situation,mood\r\nx,3\r\n", "Column B of the first row is not one of the template"),
        ("situation,tags,situation\r\nx,,y\r\n", "Column C of the first row repeats"),
        ("tags,distress_before\r\nx,3\r\n", "The first row has no situation column."),
        ("situation;triggers\r\nx;conflict\r\n", "separated by semicolons"),
        ("situation\r\n", "There are no entries below the first row."),
        ("", "The first row has no situation column."),
        ('situation\r\n"unclosed\r\n', "Row 2 could not be read as CSV."),
    ],
)
def test_files_that_cannot_be_read_are_refused_calmly(kit, tmp_path, text, words):
    result = kit.run("import-csv", write(tmp_path, text))
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert error.startswith("error: ")
    assert words in error
    assert hint.startswith("hint: ")
    assert kit.ids() == []


def test_a_file_that_is_not_utf8_is_refused(kit, tmp_path):
    result = kit.run("import-csv", write(tmp_path, "situation\r\nCafé\r\n", encoding="latin-1"))
    assert result.exit_code == 1
    assert "error: The file is not saved as UTF-8 text." in result.stderr
    assert 'save it as "CSV UTF-8"' in result.stderr


def test_a_cell_under_no_column_name_is_a_row_problem():
    with pytest.raises(EntryInvalid) as refused:
        read_drafts(b"situation\r\nx,stray\r\n", NOW)
    assert [str(p) for p in refused.value.problems] == [
        "row 2, column B: has no column name in the first row"
    ]


def test_files_over_5_mb_are_refused(kit, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"situation\r\n" + b"x\r\n" * (csv_import.MAX_CSV_BYTES // 3 + 1))
    result = kit.run("import-csv", str(path))
    assert result.exit_code == 1
    assert "error: The file is larger than 5 MB." in result.stderr
    assert kit.ids() == []


def test_more_than_10000_rows_are_refused():
    data = b"situation\n" + b"x\n" * (csv_import.MAX_CSV_ROWS + 1)
    with pytest.raises(CsvRefused) as refused:
        read_drafts(data, NOW)
    assert refused.value.text == "The file has more than 10,000 entries."


def test_exactly_10000_rows_are_accepted():
    data = b"situation\n" + b"x\n" * csv_import.MAX_CSV_ROWS
    assert len(read_drafts(data, NOW)) == csv_import.MAX_CSV_ROWS


# -- dry run --------------------------------------------------------------------------------


def test_dry_run_checks_and_saves_nothing(kit):
    before = kit.files()
    payload = kit.json("import-csv", str(TEMPLATE), "--dry-run")
    assert payload == {
        "imported": 0,
        "entries": [],
        "valid": 2,
        "dry_run": True,
        "new": 2,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
    }
    assert kit.files() == before
    text = kit.ok("import-csv", str(TEMPLATE), "--dry-run").stdout
    assert text.strip() == "All 2 entries can be imported. Nothing was saved (dry run)."


def test_dry_run_still_reports_a_bad_row(kit, tmp_path):
    result = kit.run(
        "import-csv", "--dry-run", write(tmp_path, "situation,belief_before\nx,9\ny,900\n")
    )
    assert result.exit_code == 1
    assert "Row 3, how much you believed the thought" in result.stderr


def test_json_output_is_one_object(kit):
    result = kit.ok("import-csv", str(TEMPLATE), "--json")
    assert set(json.loads(result.stdout)) == {
        *("imported", "entries", "valid", "dry_run"),
        *("new", "updated", "unchanged", "deleted"),
    }
