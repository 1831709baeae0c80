"""New passphrases must be hard to guess, however they are given; the test-only work
factor is bounded and stays out of the dashboard server.

The estimate is zxcvbn's, on real input: common passwords, names and words
the app makes obvious are weak; four unrelated words are strong. The rule is
checked where a passphrase is chosen: typed at ``vault init`` or ``init``,
taken from ``SECUREBASE_PASSPHRASE``, or typed on the dashboard's create form.
"""

import pytest

from clienttools.cli import cli as client_cli
from dashboard.cli import cli as therapist_cli
from securebase import localserver
from securebase.environment import WORK_FACTOR_VARIABLE, work_factor
from securebase.errors import WeakPassphrase, WorkFactorInvalid
from securebase.messages import CATALOGUE
from securebase.passphrase_rules import check_new_passphrase, estimate
from securebase.vault import Vault
from tests import dashboard_kit
from tests.hardening_kit import run_cli

WEAK = [
    "password12",
    "Password1!",
    "qwertyuiop",
    "securebase2026",
    "DrRivera2026",
    "summer2026!!",
    "aaaaaaaaaaaa",
]
STRONG = ["correct horse battery staple", "copper kettle under the quiet bridge"]
REFUSAL = CATALOGUE["weak_passphrase"]


@pytest.mark.parametrize("passphrase", WEAK)
def test_weak_passphrases_are_refused(passphrase):
    with pytest.raises(WeakPassphrase):
        check_new_passphrase(passphrase, ("Dr Rivera",))


@pytest.mark.parametrize("passphrase", STRONG)
def test_unrelated_words_pass(passphrase):
    check_new_passphrase(passphrase, ("Dr Rivera",))
    assert estimate(passphrase).acceptable


def test_the_shared_test_passphrases_are_strong():
    from tests import clientkit, fuzz_kit, hardening_kit, test_no_plaintext, test_vault

    for module in (clientkit, fuzz_kit, hardening_kit, test_no_plaintext, test_vault):
        check_new_passphrase(module.PASSPHRASE)


def test_a_weak_passphrase_from_the_environment_is_refused_at_vault_init(tmp_path):
    env = {
        "SECUREBASE_VAULT": str(tmp_path / "vault"),
        "SECUREBASE_PASSPHRASE": "password12",
        WORK_FACTOR_VARIABLE: "4",
    }
    run = run_cli(therapist_cli, "securebase", ["vault", "init", "--name", "Dr. Test"], env)
    assert run.code == 1
    assert run.err.splitlines() == [f"error: {REFUSAL.text}", f"hint: {REFUSAL.hint}"]
    assert not (tmp_path / "vault").exists() or not any((tmp_path / "vault").iterdir())


def test_a_typed_weak_passphrase_is_explained_and_asked_again(tmp_path):
    env = {"SECUREBASE_HOME": str(tmp_path / "home"), WORK_FACTOR_VARIABLE: "4"}
    vault = Vault.create(tmp_path / "vault", "correct horse battery staple", "Dr. Test")
    _, code = vault.add_client("Alice")
    typed = "password12\npassword12\ncopper kettle under the quiet bridge\n" * 1
    typed += "copper kettle under the quiet bridge\n"
    run = run_cli(client_cli, "securebase-journal", ["init", "--invitation", code], env, typed)
    assert run.code == 0, run.err
    assert REFUSAL.text in run.out
    assert (tmp_path / "home" / "identity.age").exists()


def test_the_dashboard_create_form_refuses_a_weak_passphrase(tmp_path, monkeypatch):
    monkeypatch.setenv("SECUREBASE_VAULT", str(tmp_path / "new-vault"))
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    app = dashboard_kit.start_app()
    app.text_input(key="create.name").input("Dr. Rivera")
    app.text_input(key="create.first").input("password12")
    app.text_input(key="create.second").input("password12")
    dashboard_kit.button(app, "Create vault").click()
    app.run()
    assert not app.exception
    assert any(REFUSAL.text in e.value.replace("\\", "") for e in app.error)
    assert not (tmp_path / "new-vault" / "identity.age").exists()


@pytest.mark.parametrize("value", ["1", "3", "23", "eighteen", "-4"])
def test_the_work_factor_override_is_bounded(monkeypatch, value):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, value)
    with pytest.raises(WorkFactorInvalid):
        work_factor()


def test_the_work_factor_override_within_bounds_and_its_default(monkeypatch):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    assert work_factor() == 4
    monkeypatch.delenv(WORK_FACTOR_VARIABLE)
    assert work_factor() == 18


def test_neither_secret_nor_work_factor_reaches_the_dashboard_server(monkeypatch, tmp_path):
    monkeypatch.setenv("SECUREBASE_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    env = localserver.child_environment(tmp_path / "app.py", ["127.0.0.1:1"], {})
    assert "SECUREBASE_PASSPHRASE" not in env
    assert WORK_FACTOR_VARIABLE not in env
