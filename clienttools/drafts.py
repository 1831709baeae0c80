"""Turning what a person typed into validated journal items.

Everything goes through the export model in JSON mode (strict), so the
journal can never hold what the therapist's importer would refuse. Errors
name the field and rule, never the text.
"""

import json
import uuid
from datetime import datetime

from pydantic import ValidationError

from securebase.documents import problems_from
from securebase.errors import EntryInvalid
from securebase.journal import JournalEntry


def new_entry(draft: dict, now: datetime) -> JournalEntry:
    """A fresh entry from what the person gave (JSON-shaped values)."""
    fields = {"occurred_at": now.isoformat(), **draft}
    fields |= {"id": str(uuid.uuid4()), "revision": 1, "recorded_at": now.isoformat()}
    fields.pop("deleted", None)
    return validate_entry(fields)


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
