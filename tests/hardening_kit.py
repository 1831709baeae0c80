"""Shared set-up for the hardening tests (faults, full day, keys, injection).

``World`` is one therapist's vault and one client's journal home, joined the
real way: the vault invites the client, the client tool sets up a journal
from the invitation, exports once, and the vault imports that export (so
the client's key is pinned and homework packs can be made). Both command
lines are driven through ``run_guarded`` inside click's test isolation, so
core errors arrive as the ``error:``/``hint:`` lines a person sees.
"""

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from clienttools.cli import cli as client_cli
from clienttools.home import ClientHome
from clienttools.journal import ClientJournal, create_journal, open_journal
from dashboard.cli import cli as therapist_cli
from securebase.environment import (
    HOME_VARIABLE,
    PASSPHRASE_VARIABLE,
    VAULT_VARIABLE,
    WORK_FACTOR_VARIABLE,
)
from securebase.importer import import_files
from securebase.invitation import decode_invitation
from securebase.messages import run_guarded
from securebase.vault import Vault

PASSPHRASE = "hardening test passphrase"
FAST_WORK_FACTOR = "4"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def run_cli(command, prog: str, args, env: dict, stdin: str | None = None) -> Run:
    """One command-line run exactly as the console script does it (``run_guarded``)."""
    argv = [str(arg) for arg in args]
    with CliRunner().isolation(input=stdin, env=env) as (out, err, _):
        try:
            run_guarded(lambda: command.main(argv, prog_name=prog), argv)
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        sys.stdout.flush()
        sys.stderr.flush()
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


def entry_draft(text: str, n: int = 0, **fields) -> dict:
    """A journal entry draft with ``text`` in every free-text field."""
    return {
        "occurred_at": f"2026-01-0{1 + n % 9}T21:30:00+01:00",
        "situation": f"Situation {n}: {text}",
        "triggers": ["delayed_reply"],
        "trigger_note": f"Note {text}",
        "emotions": [{"emotion": "anxiety", "intensity": 70}],
        "body_sensations": f"Tight chest {text}",
        "automatic_thought": f"Thought {text}",
        "belief_before": 80,
        "distress_before": 70,
        "distress_after": 40,
        "challenge": {
            "distortions": [],
            "evidence_for": f"For {text}",
            "evidence_against": f"Against {text}",
            "balanced_thought": f"Balanced {text}",
            "belief_after": 40,
        },
        "need_statement": {"text": f"I need {text}", "shared": False},
        "partner_positive": [f"Made tea {text}"],
        "tags": ["hardening"],
        **fields,
    }


@dataclass
class World:
    vault_path: Path
    home_path: Path
    client_id: str
    label: str = "Alice"

    @property
    def env(self) -> dict:
        return {
            VAULT_VARIABLE: str(self.vault_path),
            HOME_VARIABLE: str(self.home_path),
            PASSPHRASE_VARIABLE: PASSPHRASE,
            WORK_FACTOR_VARIABLE: FAST_WORK_FACTOR,
        }

    def therapist(self, *args, stdin: str | None = None, **env) -> Run:
        return run_cli(therapist_cli, "securebase", args, self.env | env, stdin)

    def client(self, *args, stdin: str | None = None, **env) -> Run:
        return run_cli(client_cli, "securebase-journal", args, self.env | env, stdin)

    def vault(self) -> Vault:
        return Vault.unlock(self.vault_path, PASSPHRASE)

    def journal(self) -> ClientJournal:
        return open_journal(ClientHome(self.home_path), PASSPHRASE)


def make_world(folder: Path, text: str = "first entry") -> World:
    """A vault and a client's journal, joined by one real export (work factor must be low)."""
    vault = Vault.create(folder / "vault", PASSPHRASE, "Dr. Test")
    added, code = vault.add_client("Alice")
    home = ClientHome(folder / "home")
    journal = create_journal(home, decode_invitation(code), PASSPHRASE)
    journal.add_entry(entry_draft(text), now=datetime(2026, 1, 9, 12, 0).astimezone())
    exported: list[bytes] = []
    journal.export(exported.append)
    [result] = import_files(vault, [("first.age", exported[0])])
    assert result.status == "imported", result
    # The first session: the therapist confirms the code the client's journal shows.
    vault.confirm_key(added.client_id, journal.identity.public.fingerprint)
    journal.store.close()
    vault.store.close()
    return World(folder / "vault", folder / "home", added.client_id)


#: Not data: lock files, the vault's append-only journal of audit lines not yet
#: folded into the database (opening the vault records an audit line there), and
#: the count of wrong passphrases in a row (securebase.unlock_throttle).
NOT_DATA = {".lock", ".pending", ".throttle"}


def files_of(folder: Path) -> dict[str, bytes]:
    """Every data file under ``folder`` by relative path, for before/after checks."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix not in NOT_DATA
    }


def temporaries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(".tmp"))


TODAY = date(2026, 1, 12)
