"""The client's journal: entries, check-ins and exports over the encrypted store.

UI-free: the command line and the local app both call these functions.
Rules:
- everything a person types is validated by the export model (JSON mode,
  strict) before it is stored, so an export can never contain what the
  therapist's importer would refuse;
- an edit bumps ``revision``; a deletion replaces the entry with a tombstone
  that keeps none of its text, here and in the next export;
- an export reserves its sequence number first, then hands the sealed bytes
  to the caller, then records what went in, so a crash can waste a sequence
  number but never reuse one or lose an item;
- making an export marks nothing as sent: only ``confirm_sent`` does, when
  the person says they sent it (``securebase.client_journal.export_selection``).
The database itself is the core's (``securebase.client_journal.records``):
this module calls its named operations and holds no SQL.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from clienttools.drafts import merge_changes, new_entry, validate_entry, validate_model
from clienttools.home import ClientHome, work_factor
from securebase import unlock_throttle
from securebase.client_journal.export_selection import ExportRecord, ExportSummary, day_of
from securebase.client_journal.records import JournalRecords
from securebase.client_journal.rows import Assignment
from securebase.documents import dump_export
from securebase.envelope import seal
from securebase.errors import (
    AmbiguousEntry,
    EntryNotFound,
    ExportNotFound,
    InvalidPeriod,
    StoreExists,
)
from securebase.identity import Identity, fingerprint, load_identity, save_identity
from securebase.invitation import Invitation
from securebase.journal import (
    FORMAT_LABEL,
    FORMAT_VERSION,
    CheckIn,
    ClientKeys,
    EntryTombstone,
    ExportDocument,
    HomeworkLog,
    JournalEntry,
    Period,
)

EXPORT_KIND = FORMAT_LABEL


@dataclass(frozen=True)
class TherapistLink:
    """Who the journal exports to, from the invitation."""

    label: str
    recipient: str
    signing_key: bytes
    client_id: uuid.UUID

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)


def local_now() -> datetime:
    """Now, with the computer's current UTC offset (weekday/hour charts need it)."""
    return datetime.now().astimezone().replace(microsecond=0)


def create_journal(
    home: ClientHome,
    invitation: Invitation,
    passphrase: str,
    *,
    now: datetime | None = None,
    identity: Identity | None = None,
    scrypt_work_factor: int | None = None,
) -> "ClientJournal":
    """Set up a new client: identity, empty journal, therapist details; never overwrite.

    A real client gets a fresh identity; the demo generator passes a given one.
    """
    if home.exists():
        raise StoreExists()
    home.make()
    identity = identity or Identity.generate()
    save_identity(identity, home.identity_path, passphrase, scrypt_work_factor or work_factor())
    settings = _invitation_settings(invitation, now or local_now())
    return ClientJournal.create_at(home.journal_path, identity, settings)


def open_journal(home: ClientHome, passphrase: str) -> "ClientJournal":
    # Wrong passphrases in a row slow the next try, as for the vault (unlock_throttle).
    identity = unlock_throttle.guarded(
        home.root, lambda: load_identity(home.identity_path, passphrase)
    )
    return ClientJournal.open_at(home.journal_path, identity)


def _invitation_settings(invitation: Invitation, now: datetime) -> dict[str, str]:
    return {
        "therapist_label": invitation.label,
        "therapist_recipient": invitation.therapist.age_recipient,
        "therapist_signing_key": invitation.therapist.signing_key.hex(),
        "client_id": str(invitation.client_id),
        "invitation_issued": invitation.issued.isoformat(),
        "created_at": now.isoformat(),
    }


class ClientJournal(JournalRecords):
    """The client's journal: validated items in, exports out (over the core's records)."""

    # -- reading ------------------------------------------------------------

    @property
    def therapist(self) -> TherapistLink:
        settings = self.settings()
        return TherapistLink(
            label=settings["therapist_label"],
            recipient=settings["therapist_recipient"],
            signing_key=bytes.fromhex(settings["therapist_signing_key"]),
            client_id=uuid.UUID(settings["client_id"]),
        )

    def entries(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        trigger: str | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Live entries, newest first, optionally within local dates and by trigger."""
        found = self.live_entries(since, until)
        if trigger:
            found = [entry for entry in found if trigger in entry.triggers]
        return found[:limit] if limit else found

    def find_entry(self, id_or_prefix: str) -> JournalEntry:
        """An entry by its id or an unambiguous start of it (as ``list`` shows)."""
        prefix = id_or_prefix.strip().lower()
        found = self.live_entries_starting(prefix)
        if not found or len(prefix) < 4:
            raise EntryNotFound()
        if len(found) > 1:
            raise AmbiguousEntry()
        return found[0]

    def assignments(self, *, on: date | None = None) -> list[Assignment]:
        """Current homework (active on ``on`` when given), in the order assigned."""
        found = self.assignment_list()
        return [a for a in found if a.active_on(on)] if on else found

    def homework_logs(self, assignment_id: str | None = None) -> list[HomeworkLog]:
        return [
            log
            for log in self.all_homework_logs()
            if not log.deleted
            and (assignment_id is None or str(log.assignment_id) == assignment_id)
        ]

    # -- writing ------------------------------------------------------------

    def add_entries(self, drafts: Iterable[dict], *, now: datetime | None = None) -> list:
        """Validate every draft first; store all of them or none."""
        now = now or local_now()
        entries = [new_entry(draft, now) for draft in drafts]
        self.save_entries(entries)
        return entries

    def add_entry(self, draft: dict, *, now: datetime | None = None) -> JournalEntry:
        return self.add_entries([draft], now=now)[0]

    def edit_entry(self, id_or_prefix: str, changes: dict) -> JournalEntry:
        current = self.find_entry(id_or_prefix)
        merged = merge_changes(current.model_dump(mode="json"), changes)
        merged |= {"id": str(current.id), "revision": current.revision + 1, "deleted": False}
        edited = validate_entry(merged)
        self.save_entries([edited])
        return edited

    def delete_entry(self, id_or_prefix: str, *, now: datetime | None = None) -> EntryTombstone:
        current = self.find_entry(id_or_prefix)
        tombstone = EntryTombstone(
            id=current.id,
            revision=current.revision + 1,
            deleted=True,
            recorded_at=now or local_now(),
        )
        self.save_entries([tombstone])
        return tombstone

    def add_checkin(self, measure: str, answers: list[int], *, now: datetime | None = None):
        draft = {
            "id": str(uuid.uuid4()),
            "measure": measure,
            "completed_at": (now or local_now()).isoformat(),
            "answers": answers,
        }
        checkin = validate_model(CheckIn, draft)
        self.save_checkin(checkin)
        return checkin

    def log_homework(self, draft: dict, *, now: datetime | None = None) -> HomeworkLog:
        """Record that an assignment was done; ``draft`` holds the log's JSON fields."""
        now = now or local_now()
        fields = {"done_at": now.isoformat(), **draft, "id": str(uuid.uuid4()), "revision": 1}
        log = validate_model(HomeworkLog, fields)
        self.save_log(log)
        return log

    # -- exporting ----------------------------------------------------------

    def export(
        self,
        deliver: Callable[[bytes], None],
        *,
        since: date | None = None,
        until: date | None = None,
        now: datetime | None = None,
        armored: bool = False,
    ) -> ExportSummary:
        """Seal the chosen items to the therapist and hand them to ``deliver``.

        Default: every change not yet confirmed as sent. Nothing is marked as
        sent here; call ``confirm_sent`` once the person says they sent it.
        """
        now = now or local_now()
        if since and until and since > until:
            raise InvalidPeriod()  # before a sequence number is used up
        export_id = uuid.uuid4()
        sequence = self.reserve_export(export_id, now)
        document = self._build_export(export_id, sequence, since, until, now)
        sealed = seal(
            dump_export(document),
            self.identity,
            [self.therapist.recipient],
            kind=EXPORT_KIND,
            armored=armored,
        )
        deliver(sealed)
        self.record_export(document)
        return ExportSummary(sequence, document, sealed)

    def preview_export(
        self, *, since: date | None = None, until: date | None = None
    ) -> ExportDocument:
        """The document the next export would carry, without sealing or recording anything."""
        return self._build_export(
            uuid.uuid4(), self.last_export_sequence() + 1, since, until, local_now()
        )

    def exports(self) -> list[ExportRecord]:
        """Every export made, oldest first."""
        return self.export_list()

    def confirm_sent(
        self, sequence: int | None = None, *, now: datetime | None = None
    ) -> ExportRecord:
        """Mark an export as sent (default: the latest one); what it held counts as sent."""
        made = {record.sequence: record for record in self.exports()}
        chosen = sequence if sequence is not None else max(made, default=None)
        if chosen not in made:
            raise ExportNotFound()
        self.mark_export_sent(chosen, now or local_now())
        return next(r for r in self.exports() if r.sequence == chosen)

    def _build_export(self, export_id, sequence, since, until, now) -> ExportDocument:
        today = now.date()
        explicit = since is not None or until is not None
        start = since or (date.min if explicit else today)
        end = until or today
        entries, logs, checkins = self.export_items(start, end, explicit)
        days = [since or today, *(day_of(item) for item in [*entries, *logs, *checkins])]
        keys = self.identity.public
        return ExportDocument(
            format=FORMAT_LABEL,
            version=FORMAT_VERSION,
            export_id=export_id,
            client_id=self.therapist.client_id,
            sequence=sequence,
            created_at=now,
            period=Period(start=min(d for d in days if d), end=max(end, today)),
            entries=entries,
            homework_logs=logs,
            checkins=checkins,
            client_keys=ClientKeys(
                signing_key=keys.signing_key.hex(), age_recipient=keys.age_recipient
            ),
        )
