"""Which journal items an export carries, and confirming an export as sent.

The export rule (docs/FORMAT.md, "Which items an export carries"):
- making a file marks nothing as sent; it records what the file holds
  (``export_items``);
- by default an export holds every item changed since it was last confirmed
  as sent: an entry or homework log whose ``revision`` is above the highest
  revision confirmed sent (``exported_revision``), a check-in never
  confirmed sent, tombstones included;
- with an explicit date range: the items dated in it (sent or not), plus
  every deletion not yet confirmed sent (a deletion must always reach the
  therapist);
- confirming an export as sent raises each item's confirmed revision to the
  revision that export held (never lowers it), so confirming an older file
  after a newer one changes nothing the newer one covered.
Functions take an open transaction (``db``).
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import TypeAdapter

from securebase.journal import CheckIn, EntryTombstone, ExportDocument, HomeworkLog, JournalEntry

_ANY_ENTRY = TypeAdapter(JournalEntry | EntryTombstone)


@dataclass(frozen=True)
class ExportSummary:
    sequence: int
    document: ExportDocument
    sealed: bytes

    @property
    def counts(self) -> dict[str, int]:
        """Live entries and deleted ones (tombstones) apart, logs, check-ins."""
        return export_counts(self.document)


def export_counts(document: ExportDocument) -> dict[str, int]:
    live = sum(1 for entry in document.entries if isinstance(entry, JournalEntry))
    return {
        "entries": live,
        "deleted": len(document.entries) - live,
        "homework_logs": len(document.homework_logs),
        "checkins": len(document.checkins),
    }


@dataclass(frozen=True)
class ExportRecord:
    """One export this journal made: when, and whether the person confirmed sending it."""

    sequence: int
    created_at: datetime
    sent_at: datetime | None
    entries: int


_UNSENT = "revision > exported_revision"
_RANGE_SELECTION = "{day} BETWEEN :start AND :end"
_RANGE_SELECTION_ENTRIES = _RANGE_SELECTION + " OR (deleted = 1 AND revision > exported_revision)"


def pick_entries(db, start, end, explicit) -> list:
    where = _RANGE_SELECTION_ENTRIES if explicit else _UNSENT
    return [
        _ANY_ENTRY.validate_json(body)
        for body in _bodies(db, "entries", "occurred_day", where, start, end)
    ]


def pick_logs(db, start, end, explicit) -> list[HomeworkLog]:
    where = _RANGE_SELECTION if explicit else _UNSENT
    return [
        HomeworkLog.model_validate_json(body)
        for body in _bodies(db, "homework_logs", "done_day", where, start, end)
    ]


def pick_checkins(db, start, end, explicit) -> list[CheckIn]:
    where = _RANGE_SELECTION if explicit else "exported = 0"
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


def record_contents(db, document: ExportDocument) -> None:
    """Remember what the export holds (marking nothing as sent)."""
    items = [("entry", str(e.id), e.revision) for e in document.entries]
    items += [("homework_log", str(log.id), log.revision) for log in document.homework_logs]
    items += [("checkin", str(c.id), 1) for c in document.checkins]
    db.executemany(
        "INSERT OR REPLACE INTO export_items (sequence, kind, id, revision) VALUES (?, ?, ?, ?)",
        [(document.sequence, *item) for item in items],
    )
    live = sum(1 for e in document.entries if isinstance(e, JournalEntry))
    db.execute(
        """UPDATE exports SET period_start = ?, period_end = ?, entries = ?, homework_logs = ?,
           checkins = ? WHERE sequence = ?""",
        (
            document.period.start.isoformat(),
            document.period.end.isoformat(),
            live,
            len(document.homework_logs),
            len(document.checkins),
            document.sequence,
        ),
    )


_MARK_SENT = {
    "entry": "UPDATE entries SET exported_revision = MAX(exported_revision, ?) WHERE id = ?",
    "homework_log": (
        "UPDATE homework_logs SET exported_revision = MAX(exported_revision, ?) WHERE id = ?"
    ),
    "checkin": "UPDATE checkins SET exported = MAX(exported, ?) WHERE id = ?",
}


def mark_sent(db, sequence: int, now: datetime) -> None:
    """Confirm export ``sequence`` as sent: its items count as sent at the revisions it held."""
    rows = db.execute(
        "SELECT kind, id, revision FROM export_items WHERE sequence = ?", (sequence,)
    ).fetchall()
    for kind, item_id, revision in rows:
        db.execute(_MARK_SENT[kind], (revision if kind != "checkin" else 1, item_id))
    db.execute(
        "UPDATE exports SET sent_at = COALESCE(sent_at, ?) WHERE sequence = ?",
        (now.isoformat(), sequence),
    )
