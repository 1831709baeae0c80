"""The core stays free of user-interface libraries, keeps its database to itself, and
dependencies point one way.

Each ``securebase`` module is imported in a fresh interpreter (so nothing
another test imported can hide a leak) and the UI libraries must be absent
from ``sys.modules`` afterwards. The front ends are read as syntax trees: none
may reach a database (``.store``, ``.db``, ``sqlite3``, ``execute(``); they
call the core's named operations (``securebase.vault_reads`` and the writes).
"""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import securebase

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = ("streamlit", "plotly", "reportlab", "click", "typer")
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(securebase.__path__, prefix="securebase.")
)


def test_core_has_modules_to_check():
    assert "securebase.journal" in CORE_MODULES


@pytest.mark.parametrize("module", ["securebase", *CORE_MODULES])
def test_core_module_imports_no_ui_library(module):
    probe = (
        f"import sys, {module}\n"
        f"print(','.join(m for m in {FORBIDDEN_IN_CORE!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"


def imported_top_levels(package: str) -> set[str]:
    names: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("package", "must_not_import"),
    [
        ("securebase", {"commandline", "clienttools", "reports", "dashboard", "sample_data"}),
        # What both command lines share is owned by neither.
        ("commandline", {"clienttools", "reports", "dashboard", "sample_data"}),
        ("clienttools", {"reports", "dashboard", "sample_data"}),
        ("reports", {"clienttools", "dashboard", "sample_data"}),
        # The therapist's side reaches the demo through ``securebase.demo`` only.
        ("dashboard", {"clienttools", "sample_data"}),
        # The demo generator builds client homes with the client tool's journal.
        ("sample_data", {"reports", "dashboard"}),
    ],
)
def test_dependencies_point_one_way(package, must_not_import):
    assert imported_top_levels(package) & must_not_import == set()


@pytest.mark.parametrize("package", ["dashboard", "reports", "clienttools"])
def test_front_ends_take_questionnaires_from_the_measures_registry(package):
    """Adding a questionnaire is a data change in ``securebase.measures``: no front end keeps
    its own list of them (a tuple or list literal naming both of today's keys)."""
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if {"gad7", "phq9"} <= values:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# -- the sealed vault: front ends call operations named by what they do ----------------------

#: What only the core may touch: the vault's store and database, SQLite, and SQL.
SEALED_ATTRIBUTES = {"store", "db"}
SEALED_CALLS = {"execute", "executemany", "executescript"}
SEALED_MODULES = {"sqlite3"}


def database_reaches(source: str) -> list[str]:
    """Where ``source`` reaches a database: ``x.store``, ``x.db``, ``x.execute(...)``,
    or an import of ``sqlite3`` (as ``line: what``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in SEALED_ATTRIBUTES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name in SEALED_CALLS:
                found.append(f"{node.lineno}: {name}(")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            modules.append(getattr(node, "module", None) or "")
            if any(m.split(".")[0] in SEALED_MODULES for m in modules):
                found.append(f"{node.lineno}: import sqlite3")
    return found


@pytest.mark.parametrize(
    "source",
    [
        "rows = vault.store.db.execute('SELECT 1')",
        "frames = client_frames(vault().store.db, client_id)",
        "def f(unlocked):\n    return unlocked.store",
        "conn.execute('DELETE FROM entries')",
        "import sqlite3",
        "from sqlite3 import connect",
        "execute('SELECT 1')",
        "db = journal.db",
    ],
)
def test_the_seal_check_finds_a_front_end_reaching_the_database(source):
    assert database_reaches(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "frames = client_frames(vault(), client_id)",
        "vault.refresh()",
        "store_label = 'a store'",  # a word in text is not an attribute
        "from securebase.vault_reads import period_flags",
    ],
)
def test_the_seal_check_passes_a_named_operation(source):
    assert database_reaches(source) == []


@pytest.mark.parametrize("package", ["dashboard", "reports", "commandline", "clienttools"])
def test_front_ends_never_reach_the_vault_database(package):
    """No SQLite connection or cursor leaves ``securebase/``: front ends call the core's
    operations (``securebase.vault_reads`` and the named writes) with an unlocked vault."""
    offenders = [
        f"{path.relative_to(ROOT)}:{where}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for where in database_reaches(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
