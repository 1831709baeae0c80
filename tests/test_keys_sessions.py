"""Keys and sessions: owner-only files, wrong passphrases, the idle lock, loopback only.

- Every file SecureBase writes (identity files, encrypted databases, kept
  exports, packs, reports, plain vault exports) is created 0600 and every
  folder 0700, even under ``umask 000``; checked after a run of the real
  command lines.
- A wrong passphrase is refused with the catalogue's words by both command
  lines and the dashboard, and changes no file; one wrong try at the
  default work factor (scrypt 2^18) is timed and must cost real work.
- The dashboard's idle lock forgets the vault and closes its decrypted
  database (the lock itself is also tested in tests/test_dashboard_app.py).
- ``securebase dashboard`` and ``securebase-journal app`` refuse a
  non-loopback ``--address`` unless ``--allow-network`` is given, in which
  case they warn and pass the address on to Streamlit.
"""

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clienttools.cli import cli as client_cli
from dashboard.cli import cli as therapist_cli
from securebase import age_passphrase, localserver
from securebase.errors import WrongPassphrase
from securebase.identity import Identity, load_identity, save_identity
from securebase.messages import CATALOGUE, NETWORK_WARNING
from tests.dashboard_kit import start_app, try_passphrase, unlocked_app
from tests.hardening_kit import PASSPHRASE, World, files_of, make_world, run_cli

ROOT = Path(__file__).resolve().parent.parent
WRONG = "not the right passphrase"


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    return make_world(tmp_path)


# -- owner-only files ---------------------------------------------------------------


@pytest.fixture
def open_umask():
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def _modes(folder: Path) -> dict[str, str]:
    """Octal permission bits of everything under (and including) ``folder``, lock files aside.

    Lock files are empty markers that carry nothing; they keep filelock's mode.
    """
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        if path.suffix != ".lock":
            found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def test_every_file_is_owner_only_whatever_the_umask(tmp_path, monkeypatch, open_umask):
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    env = {
        "SECUREBASE_VAULT": str(tmp_path / "vault"),
        "SECUREBASE_HOME": str(tmp_path / "home"),
        "SECUREBASE_PASSPHRASE": PASSPHRASE,
        "SECUREBASE_WORK_FACTOR": "4",
    }
    out = tmp_path / "out"
    out.mkdir(mode=0o700)

    def therapist(*args):
        run = run_cli(therapist_cli, "securebase", args, env)
        assert run.code == 0, (args, run.out, run.err)
        return run

    def client(*args):
        run = run_cli(client_cli, "securebase-journal", args, env)
        assert run.code == 0, (args, run.out, run.err)
        return run

    therapist("vault", "init", "--name", "Dr. Test")
    code = therapist("client", "add", "Alice", "--json").json()["invitation"]
    client("init", "--invitation", code)
    client("add", "--situation", "No reply all evening", "--trigger", "delayed_reply")
    shown = client("export", "--out", out / "export.age", "--json").json()["fingerprint"]
    therapist("import", out / "export.age")
    therapist("client", "confirm", "Alice", shown)
    therapist("homework", "assign", "Alice", "paced_breathing")
    therapist("homework", "pack", "Alice", "--out", out / "pack.age")
    client("homework", "import", out / "pack.age")
    therapist("report", "Alice", "--out", out / "plain.pdf")
    therapist("report", "Alice", "--out", out / "sealed.pdf", "--encrypt")
    therapist("vault", "export", "--out", out / "vault-export")

    vault, home, written = _modes(tmp_path / "vault"), _modes(tmp_path / "home"), _modes(out)
    assert {"identity.age", "vault.db.age", "vault.db.age.prev", "vault.json"} <= set(vault)
    assert {"identity.age", "journal.db.age", "journal.db.age.prev"} <= set(home)
    assert any(name.startswith("received/") and name.endswith(".age") for name in vault)
    assert {"plain.pdf", "sealed.pdf.age", "pack.age", "vault-export/entries.csv"} <= set(written)
    for folder, modes in (("vault", vault), ("home", home), ("out", written)):
        for name, mode in modes.items():
            path = tmp_path / folder / name
            expected = "0o700" if path.is_dir() else "0o600"
            assert mode == expected, f"{folder}/{name} is {mode}, not {expected}"


# -- wrong passphrases ----------------------------------------------------------------


def test_one_wrong_try_at_the_default_work_factor_costs_a_full_scrypt(tmp_path):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, PASSPHRASE)  # the default: 2^18
    assert age_passphrase.DEFAULT_WORK_FACTOR == 18
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        with pytest.raises(WrongPassphrase):
            load_identity(path, WRONG)
        timings.append(time.perf_counter() - started)
    cost = min(timings)
    print(f"\none wrong passphrase at work factor 18: {cost * 1000:.0f} ms (best of 2)")
    # scrypt N=2^18, r=8 touches 256 MiB: far above 50 ms on any machine made so far.
    assert cost > 0.05, f"a wrong try took only {cost * 1000:.1f} ms: no real key stretching"


def test_wrong_passphrases_are_refused_in_words_and_change_nothing(world, monkeypatch):
    before = {"vault": files_of(world.vault_path), "home": files_of(world.home_path)}
    message = CATALOGUE["wrong_passphrase"]
    runs = [
        world.therapist("client", "list", SECUREBASE_PASSPHRASE=WRONG),
        world.therapist("client", "add", "Bob", SECUREBASE_PASSPHRASE=WRONG),
        world.client("list", SECUREBASE_PASSPHRASE=WRONG),
        world.client("add", "--situation", "x", SECUREBASE_PASSPHRASE=WRONG),
    ]
    for run in runs:
        assert run.code == 1
        assert run.err.splitlines() == [f"error: {message.text}", f"hint: {message.hint}"]
        assert run.out == ""
    monkeypatch.setenv("SECUREBASE_VAULT", str(world.vault_path))
    app = try_passphrase(start_app(), WRONG)
    assert not app.exception
    assert message.text in app.error[0].value.replace("\\", "")
    assert app.session_state["vault"] is None
    after = {"vault": files_of(world.vault_path), "home": files_of(world.home_path)}
    assert after == before


# -- the idle lock ----------------------------------------------------------------------


def test_the_idle_lock_forgets_the_vault_and_closes_its_database(world, monkeypatch):
    monkeypatch.setenv("SECUREBASE_VAULT", str(world.vault_path))
    app = unlocked_app(PASSPHRASE)
    opened = app.session_state["vault"]
    assert opened is not None
    assert opened.store._db is not None  # the decrypted database, in memory
    app.session_state["last_activity"] = time.monotonic() - (15 * 60 + 1)
    app.run()
    assert not app.exception
    assert app.session_state["vault"] is None
    assert opened.store._db is None, "the decrypted database outlived the lock"
    assert [b.label for b in app.button if b.label == "Unlock"] == ["Unlock"]
    held = repr(app.session_state)  # every key and value the session still holds
    assert "Vault object" not in held
    assert "Identity" not in held


# -- loopback only, unless asked ------------------------------------------------------


def _start(world: World, which: str, *args):
    if which == "dashboard":
        return world.therapist("dashboard", *args)
    return world.client("app", *args)


@pytest.mark.parametrize("which", ["dashboard", "app"])
@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "::", "example.com"])
def test_a_network_address_is_refused_without_the_flag(world, which, address):
    started = time.monotonic()
    run = _start(world, which, "--address", address, "--port", "8599")
    message = CATALOGUE["address_not_local"]
    assert run.code == 1
    assert run.err.splitlines() == [f"error: {message.text}", f"hint: {message.hint}"]
    assert "http://" not in run.out  # refused before anything was announced or started
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_addresses_need_no_flag(address):
    assert localserver.check_address(address, allow_network=False) is False
    assert f"--server.address={address}" in localserver.server_flags(8501, address)


def test_the_default_flags_bind_to_loopback_only():
    flags = localserver.server_flags(8501)
    assert "--server.address=127.0.0.1" in flags
    assert "--browser.gatherUsageStats=false" in flags
    assert localserver.check_address("0.0.0.0", allow_network=True) is True


@pytest.mark.parametrize("which", ["dashboard", "app"])
def test_allow_network_warns_and_hands_the_address_to_streamlit(world, which):
    """192.0.2.1 is a documentation address no machine has: Streamlit gets it and cannot
    bind, so the real command runs end to end without listening on any network."""
    address = "192.0.2.1"
    entry = "dashboard.cli" if which == "dashboard" else "clienttools.cli"
    command = "dashboard" if which == "dashboard" else "app"
    done = subprocess.run(
        [sys.executable, "-c", f"from {entry} import main; main()", command, "--address",
         address, "--allow-network", "--port", "8599"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, **world.env},
    )  # fmt: skip
    assert NETWORK_WARNING.format(address=address) in done.stderr
    assert f"http://{address}:8599" in done.stdout
    assert "Cannot assign requested address" in done.stderr  # Streamlit tried that address
    assert done.returncode != 0
