"""A client's journal driven through ``securebase-journal`` for the client tool's tests.

``ClientKit`` holds one client home and runs commands in it with click's
``CliRunner``, through ``securebase.messages.run_guarded`` with the client's
words exactly as the console script does (so core errors arrive as
``error:``/``hint:`` lines, in ``securebase.messages_client``'s words).
The environment supplies the passphrase and a fast scrypt work factor.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click
from click.testing import CliRunner, Result

from clienttools.cli import cli
from clienttools.home import ClientHome
from clienttools.journal import ClientJournal, open_journal
from securebase.identity import Identity
from securebase.invitation import new_invitation
from securebase.messages import run_guarded
from securebase.messages_client import describe_for_client

PASSPHRASE = "correct horse battery staple"
THERAPIST_LABEL = "Dr. Test"
TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "journal-import-template.csv"


class _Guarded(click.Command):
    """``cli`` behind ``run_guarded``, as ``clienttools.cli.main`` runs it."""

    def main(self, args=None, **extra):
        argv = list(args or ())
        return run_guarded(lambda: cli.main(args=argv, **extra), argv, describe_for_client)


GUARDED = _Guarded("securebase-journal")


def invite(therapist: Identity) -> str:
    return new_invitation(therapist.public, THERAPIST_LABEL, date(2026, 1, 5)).encode()


@dataclass
class ClientKit:
    home: Path
    therapist: Identity
    invitation: str = ""
    runner: CliRunner = field(default_factory=CliRunner)

    def env(self, **overrides) -> dict:
        values = {
            "SECUREBASE_HOME": str(self.home),
            "SECUREBASE_PASSPHRASE": PASSPHRASE,
            "SECUREBASE_WORK_FACTOR": "4",
        }
        values.update(overrides)
        return values

    def run(self, *args: str, input: str | None = None, **env) -> Result:
        return self.runner.invoke(GUARDED, list(args), input=input, env=self.env(**env))

    def ok(self, *args: str, input: str | None = None, **env) -> Result:
        result = self.run(*args, input=input, **env)
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
        return result

    def json(self, *args: str, input: str | None = None) -> dict:
        """The command's one JSON object (``--json`` is added unless given)."""
        flag = () if "--json" in args else ("--json",)
        return json.loads(self.ok(*args, *flag, input=input).stdout)

    def init(self) -> "ClientKit":
        self.invitation = self.invitation or invite(self.therapist)
        self.ok("init", "--invitation", self.invitation)
        return self

    def add(self, *flags: str) -> str:
        return self.json("add", *flags)["entries"][0]["id"]

    def show(self, entry_id: str) -> dict:
        return self.json("show", entry_id)

    def ids(self, *filters: str) -> list[str]:
        return [entry["id"] for entry in self.json("list", *filters)["entries"]]

    def files(self) -> dict[str, bytes]:
        """Every data file of the home by name, for before/after comparisons: not the lock
        files, nor the count of wrong passphrases (securebase.unlock_throttle)."""
        return {
            path.name: path.read_bytes()
            for path in sorted(self.home.iterdir())
            if path.suffix not in (".lock", ".throttle")
        }

    def journal(self) -> ClientJournal:
        return open_journal(ClientHome(self.home), PASSPHRASE)


def lines(*answers: str) -> str:
    """Scripted keyboard input: one answer per line ("" is a bare Enter)."""
    return "\n".join(answers) + "\n"
