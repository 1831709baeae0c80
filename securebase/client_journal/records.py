"""The client's journal database, spoken to by name: what the client tool reads and writes.

Rules: the encrypted store and its SQL stay here (no SQLite connection leaves
``securebase/``); ``clienttools`` builds its journal on ``JournalRecords`` and
calls only these operations. Each write is one transaction of the store
(all or nothing). Items are validated before they reach a write here
(``clienttools.journal``); reads parse the stored canonical JSON.
"""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Self

from pydantic import TypeAdapter

from securebase.client_journal.export_selection import (
    ExportRecord,
    mark_sent,
    pick_checkins,
    pick_entries,
    pick_logs,
    record_contents,
    reserve_sequence,
)
from securebase.client_journal.rows import (
    Assignment,
    assignment_from_row,
    like_prefix,
    put_checkin,
    put_entry,
    put_log,
    replace_assignment_rows,
)
from securebase.client_journal.schema import MIGRATIONS
from securebase.identity import Identity
from securebase.journal import CheckIn, EntryTombstone, ExportDocument, HomeworkLog, JournalEntry
from securebase.store import EncryptedStore

_ANY_ENTRY = TypeAdapter(JournalEntry | EntryTombstone)
_UPSERT_SETTING = (
    "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


class JournalRecords:
    """One client's journal database, open (decrypted in memory) for ``identity``."""

    def __init__(self, store: EncryptedStore, identity: Identity):
        self.store = store
        self.identity = identity

    @classmethod
    def create_at(cls, path: Path, identity: Identity, settings: dict[str, str]) -> Self:
        """A new, empty journal file at ``path`` holding ``settings`` (never overwrites)."""
        records = cls(EncryptedStore.create(path, identity, MIGRATIONS), identity)
        records.store.update(
            lambda db: db.executemany("INSERT INTO settings VALUES (?, ?)", settings.items())
        )
        return records

    @classmethod
    def open_at(cls, path: Path, identity: Identity) -> Self:
        store = EncryptedStore(path, identity, MIGRATIONS)
        store.reload()
        return cls(store, identity)

    def close(self) -> None:
        """Drop the decrypted database from memory now."""
        self.store.close()

    # -- settings -----------------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        return dict(self.store.db.execute("SELECT key, value FROM settings").fetchall())

    def setting(self, key: str) -> str | None:
        row = self.store.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self.store.update(lambda db: db.execute(_UPSERT_SETTING, (key, value)))

    # -- items --------------------------------------------------------------------------

    def live_entries(self, since: date | None, until: date | None) -> list[JournalEntry]:
        """Live entries whose local day lies in [since, until] (open ends), newest first."""
        query = "SELECT body FROM entries WHERE deleted = 0"
        params: list = []
        if since:
            query += " AND occurred_day >= ?"
            params.append(since.isoformat())
        if until:
            query += " AND occurred_day <= ?"
            params.append(until.isoformat())
        rows = self.store.db.execute(query + " ORDER BY occurred_utc DESC", params).fetchall()
        return [JournalEntry.model_validate_json(row["body"]) for row in rows]

    def live_entries_starting(self, prefix: str) -> list[JournalEntry]:
        """Live entries whose id starts with ``prefix`` (as ``list`` shows ids)."""
        rows = self.store.db.execute(
            "SELECT body FROM entries WHERE deleted = 0 AND id LIKE ? ESCAPE '\\'",
            (like_prefix(prefix),),
        ).fetchall()
        return [JournalEntry.model_validate_json(row["body"]) for row in rows]

    def stored_entry(self, entry_id: str) -> JournalEntry | EntryTombstone | None:
        """The entry (or its tombstone) with exactly this id, if the journal holds it."""
        row = self.store.db.execute(
            "SELECT body FROM entries WHERE id = ?", (entry_id.lower(),)
        ).fetchone()
        return _ANY_ENTRY.validate_json(row["body"]) if row else None

    def assignment_list(self) -> list[Assignment]:
        rows = self.store.db.execute("SELECT * FROM assignments ORDER BY starts, title")
        return [assignment_from_row(row) for row in rows]

    def all_homework_logs(self) -> list[HomeworkLog]:
        """Every homework log (deleted ones too), latest day first."""
        rows = self.store.db.execute("SELECT body FROM homework_logs ORDER BY done_day DESC")
        return [HomeworkLog.model_validate_json(row["body"]) for row in rows]

    def save_entries(self, entries: Iterable[JournalEntry | EntryTombstone]) -> None:
        """Store entries (or tombstones): all of them in one write, or none."""
        chosen = list(entries)
        self.store.update(lambda db: [put_entry(db, entry) for entry in chosen])

    def save_checkin(self, checkin: CheckIn) -> None:
        self.store.update(lambda db: put_checkin(db, checkin))

    def save_log(self, log: HomeworkLog) -> None:
        self.store.update(lambda db: put_log(db, log))

    def replace_assignments(self, assignments: list[Assignment]) -> None:
        """Swap in the homework of a newer pack (logs of old assignments are kept)."""
        self.store.update(lambda db: replace_assignment_rows(db, assignments))

    def take_newer_homework(
        self,
        assignments: list[Assignment],
        issued_key: str,
        issued_at: datetime,
        settings: dict[str, str],
    ) -> bool:
        """In one write: unless the setting ``issued_key`` says a pack issued at or after
        ``issued_at`` was taken, swap in ``assignments`` and keep ``settings``."""

        def replace(db) -> bool:
            last = db.execute("SELECT value FROM settings WHERE key = ?", (issued_key,)).fetchone()
            if last and datetime.fromisoformat(last[0]) >= issued_at:
                return False
            replace_assignment_rows(db, assignments)
            db.executemany(_UPSERT_SETTING, settings.items())
            return True

        return self.store.update(replace)

    # -- exports (the export rule: ``export_selection``) --------------------------------

    def last_export_sequence(self) -> int:
        return self.store.db.execute("SELECT COALESCE(MAX(sequence), 0) FROM exports").fetchone()[0]

    def reserve_export(self, export_id: uuid.UUID, now: datetime) -> int:
        """Take the next sequence number for an export about to be made."""
        return self.store.update(lambda db: reserve_sequence(db, export_id, now))

    def export_items(
        self, start: date, end: date, explicit: bool
    ) -> tuple[list, list[HomeworkLog], list[CheckIn]]:
        """The entries, homework logs and check-ins an export of [start, end] carries."""
        db = self.store.db
        return (
            pick_entries(db, start, end, explicit),
            pick_logs(db, start, end, explicit),
            pick_checkins(db, start, end, explicit),
        )

    def record_export(self, document: ExportDocument) -> None:
        """Record what an export made holds (nothing is marked sent)."""
        self.store.update(lambda db: record_contents(db, document))

    def export_list(self) -> list[ExportRecord]:
        """Every export made, oldest first."""
        rows = self.store.db.execute(
            "SELECT sequence, created_at, sent_at, COALESCE(entries, 0) FROM exports "
            "ORDER BY sequence"
        ).fetchall()
        return [
            ExportRecord(
                sequence=row[0],
                created_at=datetime.fromisoformat(row[1]),
                sent_at=datetime.fromisoformat(row[2]) if row[2] else None,
                entries=row[3],
            )
            for row in rows
        ]

    def mark_export_sent(self, sequence: int, now: datetime) -> None:
        self.store.update(lambda db: mark_sent(db, sequence, now))

    def record_sent_export(self, document: ExportDocument) -> None:
        """Store the items of an export this journal sent, as sent, and mark them sent.

        For rebuilding a journal from its own exports (the demo generator does):
        items keep their ids and revisions, the export its sequence number.
        """

        def record(db) -> None:
            for entry in document.entries:
                put_entry(db, entry)
            for log in document.homework_logs:
                put_log(db, log)
            for checkin in document.checkins:
                put_checkin(db, checkin)
            db.execute(
                "INSERT INTO exports (sequence, export_id, created_at) VALUES (?, ?, ?)",
                (document.sequence, str(document.export_id), document.created_at.isoformat()),
            )
            record_contents(db, document)
            mark_sent(db, document.sequence, document.created_at)

        self.store.update(record)
