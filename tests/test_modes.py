"""Every file SecureBase creates is 0600 and every folder 0700, lock files and parents included.

Run under umask 000, the most permissive there is: nothing may rely on the
umask. The vault, the client's home, the plain export and a report all go
into folders that do not exist yet, several levels deep, so the parents
SecureBase creates are checked too.
"""

import os
import stat
from pathlib import Path

import pytest

from tests.hardening_kit import run_cli

PASSPHRASE = "calm harbour seven lanterns"


@pytest.fixture
def open_umask():
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_everything_created_under_umask_000_is_owner_only(tmp_path, open_umask):
    from clienttools.cli import cli as client_cli
    from dashboard.cli import cli as therapist_cli

    made = tmp_path / "made"  # everything below this was created by SecureBase
    env = {
        "SECUREBASE_VAULT": str(made / "practice" / "2026" / "vault"),
        "SECUREBASE_HOME": str(made / "client" / "journal" / "home"),
        "SECUREBASE_PASSPHRASE": PASSPHRASE,
        "SECUREBASE_WORK_FACTOR": "4",
    }

    def run(command, prog, *args):
        done = run_cli(command, prog, args, env)
        assert done.code == 0, (args, done.out, done.err)
        return done

    made.mkdir()
    run(therapist_cli, "securebase", "vault", "init", "--name", "Dr. Test")
    code = run(therapist_cli, "securebase", "client", "add", "Alice", "--json").json()
    run(client_cli, "securebase-journal", "init", "--invitation", code["invitation"])
    run(client_cli, "securebase-journal", "add", "--situation", "No reply", "--trigger",
        "delayed_reply")  # fmt: skip
    export = made / "week1.age"
    run(client_cli, "securebase-journal", "export", "--out", str(export))
    run(therapist_cli, "securebase", "import", str(export))
    run(therapist_cli, "securebase", "vault", "export", "--out", str(made / "plain" / "a" / "b"))
    run(therapist_cli, "securebase", "report", "Alice", "--out",
        str(made / "reports" / "x" / "alice.pdf"))  # fmt: skip

    found = {str(p.relative_to(made)): p for p in made.rglob("*")}
    locks = [name for name in found if name.endswith(".lock")]
    assert any(name.endswith("vault.db.age.lock") for name in locks), locks
    assert any(name.endswith("journal.db.age.lock") for name in locks), locks
    assert any("/practice/" in f"/{name}" for name in found)
    wrong = {
        name: oct(mode(path))
        for name, path in found.items()
        if mode(path) != (0o700 if path.is_dir() else 0o600)
    }
    assert wrong == {}
