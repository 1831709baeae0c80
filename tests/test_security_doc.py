"""docs/SECURITY.md keeps its word: every promise names a test, and every named test exists.

A promise is a row of a Markdown table whose header has a "Backed by"
column. That cell names tests as `` `tests/FILE.py::test_name` ``, optionally
``Class::test_name`` and a parametrised case ``[id]``. A named test exists when
FILE defines a function of that name (at top level or in that class), and a
case id, when given, appears in FILE's text. The checker runs on the real
document and, to prove it can fail, on small synthetic ones.
"""

import ast
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from securebase.age_passphrase import DEFAULT_WORK_FACTOR

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "SECURITY.md"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::((?:\w+::)?\w+)(?:\[([^\]`]+)\])?`")
BACKED_BY = "Backed by"


@dataclass
class Promise:
    id: str
    text: str
    references: list[tuple[str, str, str | None]] = field(default_factory=list)


def split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def promises(markdown: str) -> list[Promise]:
    """Every row of every table with a "Backed by" column."""
    found: list[Promise] = []
    column = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            column = None
            continue
        cells = split_row(line)
        if column is None:  # a header row (or a row of a table without the column)
            column = cells.index(BACKED_BY) if BACKED_BY in cells else -1
            continue
        if column < 0 or set("".join(cells)) <= set("-: "):
            continue
        backed = cells[column] if column < len(cells) else ""
        references = [(m[1], m[2], m[3] or None) for m in REFERENCE.finditer(backed)]
        found.append(Promise(cells[0], cells[1] if len(cells) > 1 else "", references))
    return found


@cache
def defined_tests(path: Path) -> frozenset[str]:
    """``test_x`` and ``Class::test_x`` for every test function defined in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.update({inner.name, f"{node.name}::{inner.name}"})
    return frozenset(name for name in names if name.split("::")[-1].startswith("test"))


def problems(found: list[Promise], root: Path = ROOT) -> list[str]:
    """Everything wrong with a list of promises: no test named, or a name that does not exist."""
    wrong = []
    ids = [promise.id for promise in found]
    wrong += [f"promise id {i} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for promise in found:
        if not promise.references:
            wrong.append(f"{promise.id}: names no test")
        for file, name, case in promise.references:
            path = root / file
            if not path.is_file():
                wrong.append(f"{promise.id}: {file} does not exist")
            elif name not in defined_tests(path):
                wrong.append(f"{promise.id}: {file} defines no {name}")
            elif case is not None and case not in path.read_text(encoding="utf-8"):
                wrong.append(f"{promise.id}: {file}::{name} has no case [{case}]")
    return wrong


# -- the real document ---------------------------------------------------------------------

DOCUMENT = DOC.read_text(encoding="utf-8")
PROMISES = promises(DOCUMENT)


def test_the_threat_model_has_a_promise_table_for_every_attacker():
    areas = {promise.id.split("-")[0] for promise in PROMISES}
    assert areas >= {"REST", "SHARE", "FILE", "PORT", "PACK", "TEXT", "CRASH", "DEPS"}
    assert len(PROMISES) >= 40


def test_every_promise_names_a_test_that_exists():
    assert problems(PROMISES) == []


@pytest.mark.parametrize("promise", PROMISES, ids=lambda promise: promise.id)
def test_each_promise_says_something_and_names_tests(promise):
    assert len(promise.text) > 20
    assert promise.references


def test_the_documented_passphrase_cost_is_for_the_default_work_factor():
    assert DEFAULT_WORK_FACTOR == 18
    section = DOCUMENT.split("## 5.", 1)[1].split("\n## ", 1)[0]
    assert "N = 2^18" in section
    assert re.search(r"\*\*[\d.]+ to [\d.]+ seconds", section)


def test_what_is_not_protected_is_spelled_out():
    section = DOCUMENT.split("## 4.", 1)[1].split("\n## ", 1)[0]
    for limit in ("compromised computer", "weak", "forgotten passphrase", "screenshot", "PDF"):
        assert limit.lower() in section.lower()


# -- the checker can fail -------------------------------------------------------------------

SYNTHETIC = """
Intro text with `tests/test_nothing.py::test_ignored` outside any table.

| Asset | Where |
|---|---|
| a table without the column | is not a promise |

| ID | Promise | Backed by |
|---|---|---|
| OK-1 | Exists. | `tests/test_security_doc.py::test_every_promise_names_a_test_that_exists` |
| OK-2 | A case that exists. | `tests/test_importer.py::test_a_refused_file_changes_no_clinical_data[forwarded]` |
| BAD-1 | Names no test at all. | TODO(lead) |
| BAD-2 | Names a test that was renamed. | `tests/test_security_doc.py::test_that_was_renamed` |
| BAD-3 | Names a file that is gone. | `tests/test_gone.py::test_anything` |
| BAD-4 | Names a case that does not exist. | `tests/test_importer.py::test_a_refused_file_changes_no_clinical_data[no_such_case]` |
| OK-1 | Reuses an id. | `tests/test_security_doc.py::test_every_promise_names_a_test_that_exists` |
"""  # noqa: E501 - table rows are long


def test_the_checker_notices_missing_tests_files_cases_and_repeated_ids():
    found = promises(SYNTHETIC)
    assert [promise.id for promise in found] == [
        "OK-1",
        "OK-2",
        "BAD-1",
        "BAD-2",
        "BAD-3",
        "BAD-4",
        "OK-1",
    ]
    assert problems(found) == [
        "promise id OK-1 is used twice",
        "BAD-1: names no test",
        "BAD-2: tests/test_security_doc.py defines no test_that_was_renamed",
        "BAD-3: tests/test_gone.py does not exist",
        "BAD-4: tests/test_importer.py::test_a_refused_file_changes_no_clinical_data"
        " has no case [no_such_case]",
    ]


def test_tests_inside_a_class_are_found(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "class TestThing:\n    def test_inside(self):\n        pass\n\ndef helper():\n    pass\n"
    )
    table = (
        "| ID | Promise | Backed by |\n|---|---|---|\n"
        "| A | Class test. | `tests/test_x.py::TestThing::test_inside` |\n"
        "| B | Bare name. | `tests/test_x.py::test_inside` |\n"
        "| C | Not a test. | `tests/test_x.py::helper` |\n"
    )
    assert problems(promises(table), tmp_path) == ["C: tests/test_x.py defines no helper"]
