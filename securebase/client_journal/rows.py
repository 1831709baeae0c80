"""Rows of the client journal database: writing items and reading assignments.

Each function takes an open transaction (``db``) from ``EncryptedStore.update``.
"""

from dataclasses import dataclass
from datetime import UTC, date

from securebase.journal import CheckIn, EntryTombstone, HomeworkLog, JournalEntry


@dataclass(frozen=True)
class Assignment:
    """A homework exercise the therapist assigned, as the client sees it."""

    assignment_id: str
    exercise: str
    title: str
    times: int
    per: str
    starts: date
    ends: date | None
    note: str = ""
    instructions: str = ""

    def active_on(self, day: date) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


def put_entry(db, entry: JournalEntry | EntryTombstone) -> None:
    live = isinstance(entry, JournalEntry)
    db.execute(
        """INSERT INTO entries
             (id, revision, deleted, occurred_utc, occurred_day, recorded_at, body)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET revision = excluded.revision,
             deleted = excluded.deleted, body = excluded.body,
             occurred_utc = COALESCE(excluded.occurred_utc, occurred_utc),
             occurred_day = COALESCE(excluded.occurred_day, occurred_day)""",
        (
            str(entry.id),
            entry.revision,
            int(not live),
            entry.occurred_at.astimezone(UTC).isoformat() if live else None,
            entry.occurred_at.date().isoformat() if live else None,
            entry.recorded_at.isoformat(),
            entry.model_dump_json(),
        ),
    )


def put_log(db, log: HomeworkLog) -> None:
    db.execute(
        """INSERT INTO homework_logs (id, assignment_id, revision, done_day, body)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET revision = excluded.revision,
             done_day = excluded.done_day, body = excluded.body""",
        (
            str(log.id),
            str(log.assignment_id),
            log.revision,
            log.done_at.date().isoformat(),
            log.model_dump_json(),
        ),
    )


def put_checkin(db, checkin: CheckIn) -> None:
    db.execute(
        """INSERT INTO checkins (id, measure, completed_day, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING""",  # a check-in never changes
        (
            str(checkin.id),
            checkin.measure.value,
            checkin.completed_at.date().isoformat(),
            checkin.model_dump_json(),
        ),
    )


def replace_assignment_rows(db, assignments: list[Assignment]) -> None:
    db.execute("DELETE FROM assignments")
    db.executemany(
        "INSERT INTO assignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.assignment_id,
                a.exercise,
                a.title,
                a.times,
                a.per,
                a.starts.isoformat(),
                a.ends.isoformat() if a.ends else None,
                a.note,
                a.instructions,
            )
            for a in assignments
        ],
    )


def assignment_from_row(row) -> Assignment:
    return Assignment(
        assignment_id=row["assignment_id"],
        exercise=row["exercise"],
        title=row["title"],
        times=row["times"],
        per=row["per"],
        starts=date.fromisoformat(row["starts"]),
        ends=date.fromisoformat(row["ends"]) if row["ends"] else None,
        note=row["note"],
        instructions=row["instructions"],
    )


def like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
