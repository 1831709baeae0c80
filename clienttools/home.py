"""The client's home folder: where their identity and encrypted journal live.

Layout (nothing else, and nothing readable without the passphrase):
    identity.age        the client's age identity, passphrase-protected
    journal.db.age      the journal database, encrypted to that identity
    journal.db.age.prev the previous generation (kept by every save)

The folder defaults to the platform's per-user data directory and can be
moved with ``--home`` or ``SECUREBASE_HOME``. The therapist's details from
the invitation are stored inside the encrypted journal, not beside it: even
the fact that someone is in therapy is private.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from securebase.atomic import make_private_folder
from securebase.environment import (  # noqa: F401 - part of this module's interface
    HOME_VARIABLE,
    PASSPHRASE_VARIABLE,
    WORK_FACTOR_VARIABLE,
    data_folder,
    work_factor,
)

APP_NAME = "securebase-journal"


@dataclass(frozen=True)
class ClientHome:
    root: Path

    @property
    def identity_path(self) -> Path:
        return self.root / "identity.age"

    @property
    def journal_path(self) -> Path:
        return self.root / "journal.db.age"

    def exists(self) -> bool:
        return self.identity_path.exists() or self.journal_path.exists()

    def make(self) -> None:
        make_private_folder(self.root)
        os.chmod(self.root, 0o700)  # also when it existed already


def default_home(override: str | Path | None = None) -> ClientHome:
    """``override``, else ``$SECUREBASE_HOME``, else the platform data directory."""
    return ClientHome(data_folder(override, HOME_VARIABLE, APP_NAME))
