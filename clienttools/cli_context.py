"""What every ``securebase-journal`` command shares: the home folder and unlocking.

Rules: the journal is unlocked before any question is asked (a command that
asks questions calls ``journal()`` first), so a mistyped passphrase can never
throw answers away. A typed passphrase that is wrong is asked again (up to
``PASSPHRASE_TRIES`` times); one from ``SECUREBASE_PASSPHRASE`` is tried once.
"""

import click

from clienttools import wording
from clienttools.home import ClientHome
from clienttools.journal import ClientJournal, open_journal
from commandline import terminal
from securebase.environment import passphrase_from_environment
from securebase.errors import StoreMissing, WrongPassphrase
from securebase.messages_client import describe_for_client

PASSPHRASE_TRIES = 3


class Context:
    def __init__(self, home: ClientHome):
        self.home = home
        self._journal: ClientJournal | None = None

    def journal(self) -> ClientJournal:
        if self._journal is None:
            self._journal = self._unlock()
        return self._journal

    def _unlock(self) -> ClientJournal:
        if not self.home.exists():
            raise StoreMissing()
        typed = not passphrase_from_environment()
        for attempt in range(1, PASSPHRASE_TRIES + 1):
            try:
                return open_journal(self.home, read_passphrase())
            except WrongPassphrase:
                if not typed or attempt == PASSPHRASE_TRIES:
                    raise
                click.echo(describe_for_client(WrongPassphrase()).text, err=True)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


pass_context = click.pass_obj


def read_passphrase(confirm: bool = False) -> str:
    return terminal.read_passphrase(
        "Passphrase",
        confirm=confirm,
        advice=wording.PASSPHRASE_HINT,
    )
