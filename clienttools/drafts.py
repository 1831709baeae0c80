"""Turning what a person typed into validated journal items.

Everything goes through the export model in JSON mode (strict), so the
journal can never hold what the therapist's importer would refuse. Errors
name the field and rule, never the text.

Scripts may give an entry's ``id`` (``add --json``, an ``id`` column in a
CSV file) so that running them again updates instead of duplicating:
``upsert`` keeps a valid id, and bumps the revision only when the content
changed (``revision`` and ``recorded_at`` in the input are ignored).
"""

import json
import uuid
from datetime import datetime

from pydantic import ValidationError

from securebase.documents import problems_from
from securebase.errors import EntryInvalid
from securebase.journal import JournalEntry


def new_entry(draft: dict, now: datetime, *, keep_id: bool = False) -> JournalEntry:
    """A fresh entry from what the person gave (JSON-shaped values).

    With ``keep_id`` an ``id`` in the draft is kept (and validated as a UUID).
    """
    fields = {"occurred_at": now.isoformat(), **draft}
    given = draft.get("id") if keep_id else None
    fields |= {"id": given or str(uuid.uuid4()), "revision": 1, "recorded_at": now.isoformat()}
    fields.pop("deleted", None)
    return validate_entry(fields)


def upsert(draft: dict, current: JournalEntry | None, now: datetime) -> JournalEntry | None:
    """The entry ``draft`` describes over ``current`` (same id); None if nothing changed.

    The draft is the whole entry: fields it leaves out take their defaults,
    except ``occurred_at``, which stays as it was.
    """
    if current is None:
        return new_entry(draft, now, keep_id=True)
    fields = {"occurred_at": current.occurred_at.isoformat(), **draft}
    fields |= {
        "id": str(current.id),
        "revision": current.revision,
        "recorded_at": current.recorded_at.isoformat(),
    }
    fields.pop("deleted", None)
    candidate = validate_entry(fields)
    if candidate == current:
        return None
    return candidate.model_copy(update={"revision": current.revision + 1})


# What a new nested object starts from when an edit creates it, as ``add`` does.
_NEW_OBJECT_DEFAULTS = {"need_statement": {"shared": False}}


def merge_changes(current: dict, changes: dict) -> dict:
    """``changes`` over ``current``; nested objects are merged one level deep."""
    merged = dict(current)
    for key, value in changes.items():
        if isinstance(value, dict):
            base = current.get(key) or _NEW_OBJECT_DEFAULTS.get(key, {})
            merged[key] = {**base, **value}
        else:
            merged[key] = value
    return merged


def validate_entry(fields: dict) -> JournalEntry:
    return validate_model(JournalEntry, fields)


def validate_model(model, fields: dict):
    try:
        return model.model_validate_json(json.dumps(fields))
    except ValidationError as error:
        problems = problems_from(error)
    raise EntryInvalid(problems)  # outside the handler: the error quotes input
