"""Fixtures for client-side command-line tests: one therapist identity per test module and a
fresh client journal (``tests.clientkit.ClientKit``) per test.

Use: ``pytest_plugins = ["tests.client_kit_fixtures"]`` in the test module (never import
this module itself: pytest loads it as a plugin).
"""

import pytest

from securebase.identity import Identity
from tests.clientkit import ClientKit


@pytest.fixture(scope="module")
def therapist() -> Identity:
    return Identity.generate()


@pytest.fixture
def kit(tmp_path, therapist) -> ClientKit:
    return ClientKit(tmp_path / "home", therapist).init()
