"""Wrong passphrases in a row slow the next try down, across restarts, never for good."""

import json
import os
import subprocess
import sys
import time

import pytest

from clienttools.home import ClientHome
from clienttools.journal import open_journal
from securebase import unlock_throttle
from securebase.environment import PASSPHRASE_VARIABLE, VAULT_VARIABLE, WORK_FACTOR_VARIABLE
from securebase.errors import UnlockThrottled, WrongPassphrase
from securebase.unlock_throttle import FREE_TRIES, MAX_DELAY_SECONDS, delay_after, guarded
from securebase.vault import Vault
from tests import hardening_kit
from tests.hardening_kit import make_world
from tests.test_vault import PASSPHRASE

WRONG = "not the passphrase at all"


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def wrong_try():
    raise WrongPassphrase()


def test_the_delay_grows_from_the_fourth_wrong_try_and_is_capped():
    assert [delay_after(n) for n in range(FREE_TRIES)] == [0] * FREE_TRIES
    growing = [delay_after(n) for n in range(FREE_TRIES, FREE_TRIES + 8)]
    assert growing == [2, 4, 8, 16, 32, 60, 60, 60]
    assert delay_after(10**9) == MAX_DELAY_SECONDS


def test_a_try_too_early_is_refused_without_testing_the_passphrase(tmp_path):
    clock, tested = Clock(), []

    def right_try():
        tested.append(True)
        return "opened"

    for _ in range(FREE_TRIES):
        with pytest.raises(WrongPassphrase):
            guarded(tmp_path, wrong_try, clock=clock)
    with pytest.raises(UnlockThrottled, match="2 seconds"):
        guarded(tmp_path, right_try, clock=clock)
    assert tested == []  # not even the right passphrase was tried
    clock.now += 2
    assert guarded(tmp_path, right_try, clock=clock) == "opened"
    assert json.loads((tmp_path / unlock_throttle.THROTTLE_NAME).read_text())["failures"] == 0


def test_a_clock_set_back_never_makes_the_wait_longer_than_the_cap(tmp_path):
    clock = Clock()
    for _ in range(FREE_TRIES + 20):
        clock.now += MAX_DELAY_SECONDS
        with pytest.raises(WrongPassphrase):
            guarded(tmp_path, wrong_try, clock=clock)
    clock.now -= 365 * 24 * 3600  # a year back
    with pytest.raises(UnlockThrottled) as refused:
        guarded(tmp_path, lambda: "opened", clock=clock)
    assert int(str(refused.value).split()[3]) <= MAX_DELAY_SECONDS
    clock.now += MAX_DELAY_SECONDS
    assert guarded(tmp_path, lambda: "opened", clock=clock) == "opened"


def test_a_damaged_count_file_is_no_lockout(tmp_path):
    (tmp_path / unlock_throttle.THROTTLE_NAME).write_text('{"failures": "many"')
    assert guarded(tmp_path, lambda: "opened") == "opened"


def test_the_wait_is_kept_across_restarts_of_the_command_line(vault):
    for _ in range(FREE_TRIES):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(vault.path, WRONG)
    count = vault.path / unlock_throttle.THROTTLE_NAME
    assert json.loads(count.read_text())["failures"] == FREE_TRIES
    # Five more wrong tries, a minute apart, as a patient guesser would have made:
    # the wait is now a minute, longer than a new process takes to start here.
    count.write_text(json.dumps({"failures": FREE_TRIES + 5, "last_failure": time.time()}))
    env = {VAULT_VARIABLE: str(vault.path), PASSPHRASE_VARIABLE: PASSPHRASE}
    done = subprocess.run(
        [sys.executable, "-c", "from dashboard.cli import main; main()", "client", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )  # a new process: nothing but the vault folder remembers the wrong tries
    assert done.returncode == 1
    assert "waits a little" in done.stderr
    assert "try again in" in done.stderr


def test_the_clients_journal_slows_guessing_too(tmp_path, monkeypatch):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    world = make_world(tmp_path)
    home = ClientHome(world.home_path)
    for _ in range(FREE_TRIES):
        with pytest.raises(WrongPassphrase):
            open_journal(home, WRONG)
    with pytest.raises(UnlockThrottled):
        open_journal(home, hardening_kit.PASSPHRASE)  # even the right one waits its turn
