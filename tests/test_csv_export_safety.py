"""The CSV export stays inert in a spreadsheet whether it splits cells at ``,`` or ``;``.

German or French Excel reads CSV with ``;`` as the list separator. A list
field joined with ``;`` (tags, partner actions) or free text holding ``;``
would then start a new cell at each ``;``, so an item like
``=cmd|' /C calc'!A0`` became a live formula. Here the export of a real
vault is read back with both separators and every cell is checked.
"""

import csv
import json
from pathlib import Path

import pytest

from tests.hardening_kit import entry_draft, make_world

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
BLANKS = " \t\r\n\f\v\u00a0"
PAYLOAD = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        world = make_world(tmp_path_factory.mktemp("csv"))
    draft = entry_draft("calm", 1)
    draft.update(
        situation=f"Waited all evening;{PAYLOAD}",
        automatic_thought="He is gone; -forever",
        tags=["ok", PAYLOAD[:50], "+1", "@home"],
        partner_positive=["Made tea", "-2+3", "@SUM(A1)"],
    )
    assert world.client("add", "--json", "-", stdin=json.dumps([draft])).code == 0
    assert world.client("export", "--out", world.home_path / "w2.age").code == 0
    assert world.therapist("import", world.home_path / "w2.age").code == 0
    out = world.home_path.parent / "csv-out"
    assert world.therapist("vault", "export", "--format", "csv", "--out", out).code == 0
    return out


def cells(folder: Path, delimiter: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle, delimiter=delimiter):
                found.extend((path.name, cell) for cell in row)
    return found


def live(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, cell) for name, cell in found if cell.lstrip(BLANKS).startswith(FORMULA_SIGNS)]


@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma reader", "semicolon reader"])
def test_no_cell_is_a_formula_for_either_reader(exported, delimiter):
    found = cells(exported, delimiter)
    assert any(PAYLOAD in cell for _, cell in found), "the payload is not in the export at all"
    assert live(found) == []


def test_list_items_are_each_neutralised_and_every_cell_is_quoted(exported):
    [row] = [
        r
        for r in csv.DictReader((exported / "entries.csv").open(encoding="utf-8-sig", newline=""))
        if r["situation"].startswith("Waited")
    ]
    assert set(row["tags"].split(";")) == {"ok", "'" + PAYLOAD, "'+1", "'@home"}
    assert row["partner_positive"].split(";") == ["Made tea", "'-2+3", "'@SUM(A1)"]
    assert row["situation"] == f"Waited all evening;'{PAYLOAD}"
    first_line = (exported / "entries.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line.startswith('"')
    assert first_line.endswith('"')


def test_a_semicolon_reader_would_have_found_a_formula_without_the_fix(exported):
    """The check can fail: a tag list as it was written before (joined, unquoted)."""
    raw = f"ok;{PAYLOAD},x\n"
    assert live([("raw", cell) for row in csv.reader([raw], delimiter=";") for cell in row])
