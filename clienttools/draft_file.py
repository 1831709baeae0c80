"""Unfinished answers of a guided flow, kept encrypted beside the journal until saved.

Rules:
- a draft is encrypted to the client's own age recipient, exactly like the
  journal (``securebase.store``); its plaintext exists only in memory;
- one file per flow and target (``draft-add.age``, ``draft-edit-<id>.age``,
  ``draft-checkin-gad7.age``, ``draft-homework-<id>.age``), written whole
  and atomically after every answer, removed only once the journal has
  saved what it held; names carry no client text;
- a draft that cannot be opened (another identity, damaged) is left alone
  and reported as unreadable; it is never silently overwritten.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyrage

from clienttools.home import ClientHome
from securebase.atomic import write_atomically
from securebase.errors import Tampered
from securebase.identity import Identity

_SAFE_NAME = re.compile(r"^[a-z0-9-]{1,80}$")
DRAFT_VERSION = 1


@dataclass(frozen=True)
class DraftFile:
    home: ClientHome
    identity: Identity
    flow: str  # e.g. "add", "edit-<entry id>"

    def __post_init__(self):
        if not _SAFE_NAME.match(self.flow):
            raise ValueError("a draft's flow name is lower-case letters, digits and -")

    @property
    def path(self) -> Path:
        return self.home.root / f"draft-{self.flow}.age"

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> dict | None:
        """The saved draft, or None if there is none; ``Tampered`` if it cannot be opened."""
        try:
            sealed = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            plain = pyrage.decrypt(sealed, [self.identity.age_identity])
            draft = json.loads(plain)
        except (pyrage.DecryptError, ValueError):
            draft = None
        if not isinstance(draft, dict) or draft.get("version") != DRAFT_VERSION:
            raise Tampered()
        return draft

    def save(self, draft: dict) -> None:
        plain = json.dumps({**draft, "version": DRAFT_VERSION}).encode()
        sealed = pyrage.encrypt(plain, [self.identity.age_identity.to_public()])
        write_atomically(self.path, sealed)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


#: The command that continues each kind of draft (by the start of its flow name).
_CONTINUE_WITH = {
    "add": "securebase-journal add",
    "edit-": "securebase-journal edit {target}",
    "checkin-": "securebase-journal checkin {target}",
    "homework-": "securebase-journal homework log {target}",
}


def waiting(home: ClientHome) -> list[str]:
    """The commands that continue the unfinished drafts in ``home`` (ids cut to 8 characters)."""
    commands = []
    for path in sorted(home.root.glob("draft-*.age")):
        flow = path.name.removeprefix("draft-").removesuffix(".age")
        for start, command in _CONTINUE_WITH.items():
            if flow.startswith(start):
                target = flow.removeprefix(start)
                commands.append(
                    command.format(target=target if start == "checkin-" else target[:8])
                )
                break
    return commands
