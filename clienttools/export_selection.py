"""Which journal items an export carries, and marking them as sent.

By default an export carries everything changed since the last export, plus
anything dated in the look-back window. For an explicit date range: the
items dated in it, plus deletions not yet sent (a deletion must always reach
the therapist). Functions take an open transaction (``db``).
"""

import uuid
from datetime import date, datetime

from pydantic import TypeAdapter

from securebase.journal import CheckIn, EntryTombstone, ExportDocument, HomeworkLog, JournalEntry

_ANY_ENTRY = TypeAdapter(JournalEntry | EntryTombstone)

_DEFAULT_SELECTION = "revision > exported_revision OR {day} >= :start"
_RANGE_SELECTION = "{day} BETWEEN :start AND :end"
_RANGE_SELECTION_ENTRIES = _RANGE_SELECTION + " OR (deleted = 1 AND revision > exported_revision)"


def pick_entries(db, start, end, explicit) -> list:
    where = _RANGE_SELECTION_ENTRIES if explicit else _DEFAULT_SELECTION
    return [
        _ANY_ENTRY.validate_json(body)
        for body in _bodies(db, "entries", "occurred_day", where, start, end)
    ]


def pick_logs(db, start, end, explicit) -> list[HomeworkLog]:
    where = _RANGE_SELECTION if explicit else _DEFAULT_SELECTION
    return [
        HomeworkLog.model_validate_json(body)
        for body in _bodies(db, "homework_logs", "done_day", where, start, end)
    ]


def pick_checkins(db, start, end, explicit) -> list[CheckIn]:
    where = _RANGE_SELECTION if explicit else "exported = 0 OR {day} >= :start"
    return [
        CheckIn.model_validate_json(body)
        for body in _bodies(db, "checkins", "completed_day", where, start, end)
    ]


def _bodies(db, table: str, day: str, where: str, start: date, end: date) -> list[str]:
    query = f"SELECT body FROM {table} WHERE {where.format(day=day)} ORDER BY id"  # noqa: S608 - fixed names
    rows = db.execute(query, {"start": start.isoformat(), "end": end.isoformat()})
    return [row["body"] for row in rows]


def day_of(item) -> date | None:
    moment = getattr(item, "occurred_at", None) or getattr(item, "done_at", None)
    moment = moment or getattr(item, "completed_at", None)
    return moment.date() if moment else None


def reserve_sequence(db, export_id: uuid.UUID, now: datetime) -> int:
    sequence = db.execute("SELECT COALESCE(MAX(sequence), 0) + 1 FROM exports").fetchone()[0]
    db.execute(
        "INSERT INTO exports (sequence, export_id, created_at) VALUES (?, ?, ?)",
        (sequence, str(export_id), now.isoformat()),
    )
    return sequence


def mark_exported(db, document: ExportDocument) -> None:
    for entry in document.entries:
        db.execute(
            "UPDATE entries SET exported_revision = MAX(exported_revision, ?) WHERE id = ?",
            (entry.revision, str(entry.id)),
        )
    for log in document.homework_logs:
        db.execute(
            "UPDATE homework_logs SET exported_revision = MAX(exported_revision, ?) WHERE id = ?",
            (log.revision, str(log.id)),
        )
    db.executemany(
        "UPDATE checkins SET exported = 1 WHERE id = ?", [(str(c.id),) for c in document.checkins]
    )
    db.execute(
        """UPDATE exports SET period_start = ?, period_end = ?, entries = ?, homework_logs = ?,
           checkins = ? WHERE sequence = ?""",
        (
            document.period.start.isoformat(),
            document.period.end.isoformat(),
            len(document.entries),
            len(document.homework_logs),
            len(document.checkins),
            document.sequence,
        ),
    )
