"""The therapist's own records in the vault: homework assignments and session notes.

Rules: these are the therapist's words, stored only in the encrypted vault;
the audit log records that they changed (ids only), never what they say.
Homework assignment details (catalogue, packs to the client) build on
``add_assignment``.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from securebase.errors import SecureBaseError
from securebase.journal import has_control_characters
from securebase.vault import Vault, now_utc, record_audit

MAX_NOTE_CHARS = 20_000


class InvalidRecord(SecureBaseError):
    """A note or assignment breaks a rule (length, dates, frequency)."""

    code = "invalid_record"


@dataclass(frozen=True)
class SessionNote:
    id: str
    client_id: str
    session_date: date
    text: str


def add_session_note(vault: Vault, client_ref: str, session_date: date, text: str) -> SessionNote:
    client = vault.client(client_ref)
    if not text.strip() or len(text) > MAX_NOTE_CHARS or has_control_characters(text):
        raise InvalidRecord()
    note = SessionNote(str(uuid.uuid4()), client.client_id, session_date, text)
    stamp = now_utc().isoformat()

    def insert(db):
        db.execute(
            "INSERT INTO session_notes VALUES (?, ?, ?, ?, ?, ?)",
            (note.id, note.client_id, session_date.isoformat(), text, stamp, stamp),
        )
        record_audit(db, "session_note_added", note.client_id, note_id=note.id)

    vault.store.update(insert)
    return note


def session_notes(
    vault: Vault, client_ref: str, start: date | None = None, end: date | None = None
):
    client = vault.client(client_ref)
    rows = vault.store.db.execute(
        """SELECT id, client_id, session_date, text FROM session_notes
           WHERE client_id = ? AND session_date BETWEEN ? AND ? ORDER BY session_date""",
        (client.client_id, (start or date.min).isoformat(), (end or date.max).isoformat()),
    )
    return [
        SessionNote(r["id"], r["client_id"], date.fromisoformat(r["session_date"]), r["text"])
        for r in rows
    ]


def add_assignment(
    vault: Vault,
    client_ref: str,
    exercise: str,
    *,
    times: int,
    per: str,
    starts: date,
    ends: date | None = None,
    note: str = "",
    assignment_id: str | None = None,
) -> str:
    """Record a homework assignment; returns its id."""
    client = vault.client(client_ref)
    if per not in ("day", "week") or not 1 <= times <= 20 or (ends and ends < starts):
        raise InvalidRecord()
    if len(note) > 2000 or has_control_characters(note):
        raise InvalidRecord()
    assignment_id = assignment_id or str(uuid.uuid4())

    def insert(db):
        db.execute(
            """INSERT INTO assignments (assignment_id, client_id, exercise, times, per, starts,
               ends, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                assignment_id,
                client.client_id,
                exercise,
                times,
                per,
                starts.isoformat(),
                ends.isoformat() if ends else None,
                note,
                now_utc().isoformat(),
            ),
        )
        record_audit(db, "assignment_added", client.client_id, assignment_id=assignment_id)

    vault.store.update(insert)
    return assignment_id
