"""Fixtures for dashboard tests on the demo vault: one pristine demo vault per test module
(built once, at test speed) and a fresh copy of it per test, with the environment the
dashboard reads pointing at that copy.

Use: ``pytest_plugins = ["tests.demo_vault_fixtures"]`` in the test module (never import
this module itself: pytest loads it as a plugin).
"""

from pathlib import Path

import pytest

from tests.dashboard_kit import build_pristine, copy_vault, set_environment


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")  # a fast scrypt: these tests are not about it
        return build_pristine(tmp_path_factory.mktemp("demo") / "vault")


@pytest.fixture
def vault_dir(pristine, tmp_path, monkeypatch) -> Path:
    folder = copy_vault(pristine, tmp_path / "vault")
    set_environment(monkeypatch, folder)
    return folder
