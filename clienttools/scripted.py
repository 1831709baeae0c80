"""Saving entries that scripts give (``add --json``, ``import-csv``), safely re-runnable.

Rules:
- an entry with an ``id`` the journal already holds is updated, not added
  again; its revision goes up only if its content changed;
- an id of an entry the person deleted is not brought back (counted as
  ``deleted``): a script cannot undo a deletion by running again;
- all or nothing: every draft is checked first, problems of all of them are
  reported together (as "entry N, ..." when there are several), then
  everything is saved in one transaction;
- the same id twice in one input is refused.
"""

from dataclasses import dataclass, field
from datetime import datetime

from clienttools.drafts import upsert
from clienttools.journal import ClientJournal, local_now
from securebase.errors import EntryInvalid, Problem
from securebase.journal import EntryTombstone, JournalEntry


@dataclass
class ScriptedSave:
    """What happened to each draft, in input order (``entries``: new or updated ones)."""

    entries: list[JournalEntry] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.deleted


def save_scripted(
    journal: ClientJournal,
    drafts: list[dict],
    *,
    now: datetime | None = None,
    places: list[str] | None = None,
    dry_run: bool = False,
) -> ScriptedSave:
    """Check every draft, then save the new and changed ones (none for a ``dry_run``).

    ``places`` names each draft in problems (default "entry N" when there are several).
    """
    now = now or local_now()
    if places is None:
        places = [f"entry {n}" if len(drafts) > 1 else "" for n in range(1, len(drafts) + 1)]
    result, problems, seen = ScriptedSave(), [], set()
    for where, draft in zip(places, drafts, strict=True):
        given = draft.get("id")
        if isinstance(given, str) and given.lower() in seen:
            problems.append(Problem(_join(where, "id"), "must not repeat an id"))
            continue
        seen.add(given.lower() if isinstance(given, str) else None)
        try:
            _one(journal, draft, now, result)
        except EntryInvalid as invalid:
            problems += [Problem(_join(where, p.path), p.rule) for p in invalid.problems]
    if problems:
        raise EntryInvalid(problems)
    if not dry_run and result.entries:
        journal.save_entries(result.entries)
    return result


def _one(journal: ClientJournal, draft: dict, now: datetime, result: ScriptedSave) -> None:
    current = _stored(journal, draft.get("id"))
    if isinstance(current, EntryTombstone):
        result.deleted += 1
        return
    saved = upsert(draft, current, now)
    if saved is None:
        result.unchanged += 1
        return
    result.entries.append(saved)
    if current is None:
        result.new += 1
    else:
        result.updated += 1


def _stored(journal: ClientJournal, entry_id) -> JournalEntry | EntryTombstone | None:
    if not isinstance(entry_id, str):
        return None
    return journal.stored_entry(entry_id)


def _join(where: str, path: str) -> str:
    return f"{where}, {path}" if where and path else where or path
