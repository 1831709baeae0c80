"""The core stays free of user-interface libraries, and dependencies point one way.

Each ``securebase`` module is imported in a fresh interpreter (so nothing
another test imported can hide a leak) and the UI libraries must be absent
from ``sys.modules`` afterwards.
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
        ("securebase", {"clienttools", "reports", "dashboard", "sample_data"}),
        ("clienttools", {"reports", "dashboard"}),
        ("reports", {"clienttools", "dashboard"}),
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
