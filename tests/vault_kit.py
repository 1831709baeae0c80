"""Fixtures for tests that import exports into a fresh vault: a vault at test speed and a
joined client "Alice" (``import_one`` for a single file is in ``tests.export_factory``).

Use: ``pytest_plugins = ["tests.vault_kit"]`` in the test module (never import this module
itself: pytest loads it as a plugin).
"""

import pytest

from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.vault import Vault
from tests.export_factory import FakeClient
from tests.test_vault import PASSPHRASE


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")  # a fast scrypt: these tests are not about it
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


@pytest.fixture
def alice(vault) -> FakeClient:
    return FakeClient.join(vault, "Alice")
