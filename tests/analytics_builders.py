"""Small builders of model objects for hand-computed analytics fixtures.

``entry("2026-03-02T21:30:00+01:00", triggers=["conflict"], distress_before=70)``
returns a validated JournalEntry; ids are derived from ``name`` (or a
counter) so fixtures stay readable. Same for homework logs and check-ins.
"""

import itertools
import json
import uuid

from securebase.journal import CheckIn, EntryTombstone, HomeworkLog, JournalEntry

_NAMESPACE = uuid.UUID("8d0b7a52-3c41-4f1e-9a0d-5d8a52b1c6e3")
_counter = itertools.count()


def make_id(name: str | None = None) -> str:
    return str(uuid.uuid5(_NAMESPACE, name or f"auto-{next(_counter)}"))


def entry(occurred: str, *, name: str | None = None, revision: int = 1, **fields) -> JournalEntry:
    document = {
        "id": make_id(name),
        "revision": revision,
        "occurred_at": occurred,
        "recorded_at": fields.pop("recorded_at", occurred),
        "situation": fields.pop("situation", "A moment worth noting."),
        **fields,
    }
    return JournalEntry.model_validate_json(json.dumps(document))


def tombstone(name: str, *, revision: int = 2, recorded: str = "2026-03-09T10:00:00+00:00"):
    return EntryTombstone.model_validate_json(
        json.dumps(
            {"id": make_id(name), "revision": revision, "deleted": True, "recorded_at": recorded}
        )
    )


def log(done: str, assignment: str, **fields) -> HomeworkLog:
    document = {
        "id": make_id(fields.pop("name", None)),
        "assignment_id": make_id(assignment),
        "done_at": done,
        **fields,
    }
    return HomeworkLog.model_validate_json(json.dumps(document))


def checkin(completed: str, measure: str, answers: list[int], name: str | None = None) -> CheckIn:
    document = {
        "id": make_id(name),
        "measure": measure,
        "completed_at": completed,
        "answers": answers,
    }
    return CheckIn.model_validate_json(json.dumps(document))
