"""The therapist marks flags reviewed: the one action that takes a flag out of the red.

Rules (``flag_store`` has the model): a review names flagged items by id (or an
unambiguous start of one), covers each at its current revision, and is one
audited write; the audit line holds ids and counts, never client text. A
reference that names no flagged item, or more than one, is refused and
nothing is marked. A session note may mark flags reviewed in the same write.
"""

from securebase.flag_store import open_flags, record_reviews, resolve
from securebase.vault import Vault, now_utc, record_audit


def review_flags(
    vault: Vault, client_ref: str, references: list[str], *, session_note_id: str | None = None
) -> list[str]:
    """Mark the flagged items ``references`` names reviewed; returns their ids."""
    client_id = vault.client(client_ref).client_id

    def mark(db) -> list[str]:
        return mark_reviewed(db, client_id, references, session_note_id)

    return vault.store.update(mark)


def review_all_open(vault: Vault, client_ref: str) -> list[str]:
    """Mark every open flag of a client reviewed (the ids as they are now)."""
    client_id = vault.client(client_ref).client_id

    def mark(db) -> list[str]:
        ids = sorted(set(open_flags(db, client_id)["source_id"]))
        return mark_reviewed(db, client_id, ids, None) if ids else []

    return vault.store.update(mark)


def mark_reviewed(db, client_id: str, references: list[str], note_id: str | None) -> list[str]:
    """Inside a write: resolve, record and audit a review (module rules)."""
    items = resolve(db, client_id, references)
    record_reviews(db, client_id, items, now_utc().isoformat(), note_id)
    ids = sorted({source_id for _source, source_id, _revision in items})
    record_audit(db, "flags_reviewed", client_id, items=ids, note_id=note_id)
    return ids
