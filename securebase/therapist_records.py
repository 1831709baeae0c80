"""The therapist's own records in the vault: homework assignments and session notes.

Rules: these are the therapist's words, stored only in the encrypted vault;
the audit log records that they changed (ids only), never what they say.
Assignments name an exercise of the catalogue (``securebase.exercises``,
built-in or the therapist's own); an unknown key is refused. Ending an
assignment early sets ``ended_at`` and keeps its history.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date

from securebase.errors import (
    AmbiguousAssignment,
    AssignmentExists,
    AssignmentNotFound,
    ExerciseExists,
    SecureBaseError,
)
from securebase.exercises import Exercise, built_in, exercise, exercise_catalogue, exercise_row
from securebase.flag_review import mark_reviewed
from securebase.journal import has_control_characters
from securebase.vault import Vault, now_utc, record_audit

MAX_NOTE_CHARS = 20_000
MAX_ASSIGNMENT_NOTE_CHARS = 2000
MAX_TIMES = 20


class InvalidRecord(SecureBaseError):
    """A note or assignment breaks a rule (length, dates, frequency)."""

    code = "invalid_record"


@dataclass(frozen=True)
class SessionNote:
    id: str
    client_id: str
    session_date: date
    text: str


def add_session_note(
    vault: Vault,
    client_ref: str,
    session_date: date,
    text: str,
    reviewed_flags: tuple[str, ...] = (),
) -> SessionNote:
    """A new note; ``reviewed_flags`` (flag references) are marked reviewed in the same
    write, naming the note (``flag_review``)."""
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
        if reviewed_flags:
            mark_reviewed(db, note.client_id, list(reviewed_flags), note.id)

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


@dataclass(frozen=True)
class AssignmentRecord:
    """A homework assignment as the vault holds it; ``ended_at`` is set when ended early."""

    assignment_id: str
    client_id: str
    exercise: str
    times: int
    per: str
    starts: date
    ends: date | None
    note: str
    created_at: str
    ended_at: str | None

    @property
    def last_day(self) -> date | None:
        """The last day it runs: its planned end, or the day it was ended, if earlier."""
        ended = date.fromisoformat(self.ended_at[:10]) if self.ended_at else None
        days = [d for d in (self.ends, ended) if d is not None]
        return min(days) if days else None

    def current_on(self, day: date) -> bool:
        """Not over by ``day`` (it may still start later)."""
        return self.last_day is None or day <= self.last_day

    def as_json(self) -> dict:
        return {
            "assignment_id": self.assignment_id,
            "client_id": self.client_id,
            "exercise": self.exercise,
            "times": self.times,
            "per": self.per,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat() if self.ends else None,
            "note": self.note,
            "ended_at": self.ended_at,
        }


def _check_assignment(record: AssignmentRecord, db) -> None:
    exercise(record.exercise, db)  # UnknownExercise for a key not in the catalogue
    if record.per not in ("day", "week") or not 1 <= record.times <= MAX_TIMES:
        raise InvalidRecord()
    if record.ends and record.ends < record.starts:
        raise InvalidRecord()
    if len(record.note) > MAX_ASSIGNMENT_NOTE_CHARS or has_control_characters(record.note):
        raise InvalidRecord()
    if any(_overlaps(record, other) for other in _same_exercise(record, db)):
        raise AssignmentExists()  # a second copy would double what the client is asked to do


def _same_exercise(record: AssignmentRecord, db) -> list[AssignmentRecord]:
    rows = db.execute(
        "SELECT * FROM assignments WHERE client_id = ? AND exercise = ? AND assignment_id != ?",
        (record.client_id, record.exercise, record.assignment_id),
    )
    return [_record(row) for row in rows]


def _overlaps(a: AssignmentRecord, b: AssignmentRecord) -> bool:
    """Whether the two run on at least one common day (an open end runs for ever)."""
    a_last, b_last = a.last_day or date.max, b.last_day or date.max
    return a.starts <= b_last and b.starts <= a_last


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
    record = AssignmentRecord(
        assignment_id or str(uuid.uuid4()),
        client.client_id,
        exercise,
        times,
        per,
        starts,
        ends,
        note,
        now_utc().isoformat(),
        None,
    )

    def insert(db):
        _check_assignment(record, db)
        db.execute(
            """INSERT INTO assignments (assignment_id, client_id, exercise, times, per, starts,
               ends, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                record.assignment_id,
                client.client_id,
                exercise,
                times,
                per,
                starts.isoformat(),
                ends.isoformat() if ends else None,
                note,
                record.created_at,
            ),
        )
        record_audit(db, "assignment_added", client.client_id, assignment_id=record.assignment_id)

    vault.store.update(insert)
    return record.assignment_id


def _record(row) -> AssignmentRecord:
    return AssignmentRecord(
        assignment_id=row["assignment_id"],
        client_id=row["client_id"],
        exercise=row["exercise"],
        times=row["times"],
        per=row["per"],
        starts=date.fromisoformat(row["starts"]),
        ends=date.fromisoformat(row["ends"]) if row["ends"] else None,
        note=row["note"],
        created_at=row["created_at"],
        ended_at=row["ended_at"],
    )


def assignments(
    vault: Vault, client_ref: str, *, include_ended: bool = True, on: date | None = None
) -> list[AssignmentRecord]:
    """A client's assignments, oldest start first; without ``include_ended``, only
    those not over by ``on`` (default: today)."""
    client = vault.client(client_ref)
    rows = vault.store.db.execute(
        "SELECT * FROM assignments WHERE client_id = ? ORDER BY starts, created_at",
        (client.client_id,),
    )
    found = [_record(row) for row in rows]
    day = on or now_utc().date()
    return found if include_ended else [a for a in found if a.current_on(day)]


def find_assignment(vault: Vault, reference: str) -> AssignmentRecord:
    """An assignment by id or an unambiguous start of it (4+ characters)."""
    wanted = reference.strip().lower()
    rows = vault.store.db.execute("SELECT * FROM assignments").fetchall()
    matches = [
        _record(r)
        for r in rows
        if r["assignment_id"] == wanted
        or (len(wanted) >= 4 and r["assignment_id"].startswith(wanted))
    ]
    if not matches:
        raise AssignmentNotFound()
    if len(matches) > 1:
        raise AmbiguousAssignment()
    return matches[0]


def edit_assignment(vault: Vault, reference: str, **changes) -> AssignmentRecord:
    """Change times, per, starts, ends or note (``None`` = leave as it is)."""
    current = find_assignment(vault, reference)
    allowed = {"times", "per", "starts", "ends", "note"}
    if set(changes) - allowed:
        raise InvalidRecord()
    edited = replace(current, **{k: v for k, v in changes.items() if v is not None})

    def change(db):
        _check_assignment(edited, db)
        db.execute(
            """UPDATE assignments SET times = ?, per = ?, starts = ?, ends = ?, note = ?
               WHERE assignment_id = ?""",
            (
                edited.times,
                edited.per,
                edited.starts.isoformat(),
                edited.ends.isoformat() if edited.ends else None,
                edited.note,
                edited.assignment_id,
            ),
        )
        record_audit(db, "assignment_edited", edited.client_id, assignment_id=edited.assignment_id)

    vault.store.update(change)
    return find_assignment(vault, edited.assignment_id)


def end_assignment(vault: Vault, reference: str, on: date | None = None) -> AssignmentRecord:
    """End an assignment early: its last day is ``on`` (default: today)."""
    current = find_assignment(vault, reference)
    day = on or now_utc().date()
    if day < current.starts:
        raise InvalidRecord()

    def change(db):
        db.execute(
            "UPDATE assignments SET ended_at = ? WHERE assignment_id = ?",
            (f"{day.isoformat()}T23:59:59+00:00", current.assignment_id),
        )
        record_audit(db, "assignment_ended", current.client_id, assignment_id=current.assignment_id)

    vault.store.update(change)
    return find_assignment(vault, current.assignment_id)


def resume_assignment(vault: Vault, reference: str) -> AssignmentRecord:
    """Undo ``end_assignment``: the assignment runs to its planned end again."""
    current = find_assignment(vault, reference)

    def change(db):
        db.execute(
            "UPDATE assignments SET ended_at = NULL WHERE assignment_id = ?",
            (current.assignment_id,),
        )
        record_audit(
            db, "assignment_resumed", current.client_id, assignment_id=current.assignment_id
        )

    vault.store.update(change)
    return find_assignment(vault, current.assignment_id)


def add_custom_exercise(vault: Vault, item: Exercise) -> Exercise:
    """Store one of the therapist's own exercises; its key must be new."""
    item = replace(item, custom=True)
    if item.problems():
        raise InvalidRecord()

    def insert(db):
        if item.key in built_in() or item.key in exercise_catalogue(db):
            raise ExerciseExists()
        db.execute(
            "INSERT INTO custom_exercises VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*exercise_row(item), now_utc().isoformat()),
        )
        record_audit(db, "exercise_added", exercise=item.key)

    vault.store.update(insert)
    return exercise(item.key, vault.store.db)
