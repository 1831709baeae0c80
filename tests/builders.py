"""Builders of plain-dict export documents (and their bytes) for the model's tests.

``valid_document()`` returns a fresh, fully populated, valid version 1 export:
one entry that uses every field, one tombstone, one homework log and one GAD-7
and one PHQ-9 check-in. Tests copy it and break exactly one thing.
"""

import copy
import json

import pytest

from securebase.documents import parse_export
from securebase.errors import DocumentError
from securebase.journal import ExportDocument

ENTRY_ID = "6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6"
TOMBSTONE_ID = "0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a"
ASSIGNMENT_ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
LOG_ID = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
GAD7_ID = "c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f"
PHQ9_ID = "d4e5f6a7-b8c9-4dae-9f20-3b4c5d6e7f80"
SIGNING_KEY = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


def full_entry() -> dict:
    """A journal entry in which every optional field is present and non-default."""
    return {
        "id": ENTRY_ID,
        "revision": 2,
        "deleted": False,
        "occurred_at": "2024-03-04T21:15:00+01:00",
        "recorded_at": "2024-03-04T22:40:00+01:00",
        "situation": "Sent a message at lunch; no reply by the evening.",
        "triggers": ["delayed_reply", "partner_unavailable"],
        "trigger_note": "Third evening this week.",
        "emotions": [
            {"emotion": "anxiety", "intensity": 80},
            {"emotion": "loneliness", "intensity": 55},
        ],
        "body_sensations": "Tight chest, restless hands.",
        "automatic_thought": "They are losing interest in me.",
        "belief_before": 85,
        "distress_before": 75,
        "distress_after": 40,
        "urge": {
            "intensity": 8,
            "acted": False,
            "behaviours": ["repeated_messages", "checking_phone"],
            "delay_minutes": 25,
        },
        "soothing": [
            {"technique": "paced_breathing", "minutes": 10},
            {"technique": "support_contact", "minutes": None},
        ],
        "challenge": {
            "distortions": ["mind_reading", "fortune_telling"],
            "evidence_for": "The reply is late.",
            "evidence_against": "They said the afternoon would be busy.",
            "balanced_thought": "A busy day explains the silence better.",
            "belief_after": 30,
        },
        "need_statement": {
            "text": "I feel uneasy when I hear nothing all day; could you send a short note?",
            "shared": True,
        },
        "partner_positive": ["Called on the way home.", "Remembered my appointment."],
        "assignment_id": ASSIGNMENT_ID,
        "tags": ["work week", "evening"],
    }


def tombstone() -> dict:
    return {
        "id": TOMBSTONE_ID,
        "revision": 3,
        "deleted": True,
        "recorded_at": "2024-03-05T08:00:00+01:00",
    }


def homework_log() -> dict:
    return {
        "id": LOG_ID,
        "assignment_id": ASSIGNMENT_ID,
        "revision": 1,
        "deleted": False,
        "done_at": "2024-03-05T07:30:00+01:00",
        "minutes": 12,
        "helpfulness": 7,
        "distress_before": 60,
        "distress_after": 35,
        "note": "Easier on the second round.",
    }


def gad7_checkin() -> dict:
    return {
        "id": GAD7_ID,
        "measure": "gad7",
        "completed_at": "2024-03-06T09:00:00+01:00",
        "answers": [0, 1, 2, 3, 0, 1, 2],
    }


def phq9_checkin() -> dict:
    return {
        "id": PHQ9_ID,
        "measure": "phq9",
        "completed_at": "2024-03-06T09:05:00+01:00",
        "answers": [1, 1, 0, 2, 0, 1, 0, 0, 0],
    }


_DOCUMENT = {
    "format": "securebase/journal-export",
    "version": 1,
    "export_id": "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8091",
    "client_id": "f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8091a2",
    "sequence": 4,
    "created_at": "2024-03-10T18:00:00+01:00",
    "period": {"start": "2024-03-04", "end": "2024-03-10"},
    "entries": [full_entry(), tombstone()],
    "homework_logs": [homework_log()],
    "checkins": [gad7_checkin(), phq9_checkin()],
    "client_keys": {"signing_key": SIGNING_KEY, "age_recipient": AGE_RECIPIENT},
}


def valid_document() -> dict:
    """A fresh deep copy of the fully populated, valid export document."""
    return copy.deepcopy(_DOCUMENT)


def minimal_document() -> dict:
    """The smallest valid document: no entries, logs or check-ins."""
    doc = valid_document()
    doc["entries"], doc["homework_logs"], doc["checkins"] = [], [], []
    return doc


def to_bytes(doc: object, **dumps_options) -> bytes:
    """The UTF-8 JSON bytes of a plain document (``json.dumps`` options pass through)."""
    return json.dumps(doc, **dumps_options).encode("utf-8")


def valid_bytes() -> bytes:
    return to_bytes(valid_document())


def with_value(doc: dict, path: tuple, value: object) -> dict:
    """A deep copy of ``doc`` with the value at ``path`` (keys and indexes) replaced."""
    result = copy.deepcopy(doc)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return result


def without(doc: dict, path: tuple) -> dict:
    """A deep copy of ``doc`` with the key at ``path`` removed."""
    result = copy.deepcopy(doc)
    target = result
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return result


def dotted(path: tuple) -> str:
    """The path as the model's problems spell it: ``entries[0].urge.intensity``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text


def parse_doc(doc: dict) -> ExportDocument:
    """Parse a plain document through the real entry point (bytes in)."""
    return parse_export(to_bytes(doc))


def refusal(doc_or_bytes: dict | bytes, error_class: type = DocumentError) -> DocumentError:
    """The error ``parse_export`` raises for a document that must be refused."""
    data = doc_or_bytes if isinstance(doc_or_bytes, bytes) else to_bytes(doc_or_bytes)
    with pytest.raises(error_class) as info:
        parse_export(data)
    return info.value


def assert_problem(error: DocumentError, path: str, rule_fragment: str) -> None:
    """``error`` names ``path`` with a rule containing ``rule_fragment``."""
    found = [p for p in error.problems if p.path == path and rule_fragment in p.rule]
    assert found, f"no problem at {path!r} with {rule_fragment!r} in {error.problems}"
