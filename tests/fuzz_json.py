"""Fuzz documents as data: the base document, walking it, and writing any JSON text.

``base_document`` is a valid export of the fuzz client with the canary in
every client text. ``slots`` lists every place a value can be changed;
``write`` turns a document into JSON text and can write what no encoder
would: repeated keys (``Pairs``) and raw number text (``Raw``).
"""

import json
import random
import uuid
from datetime import UTC, datetime, timedelta

CANARY = "zqxv-fuzz-canary"

# -- the base document -----------------------------------------------------------


def base_document(rng: random.Random, client_id: str, keys: dict) -> dict:
    """A valid export from the fuzz client with one to three entries and canaries."""
    day = datetime(2025, 1, 6, 20, 0, tzinfo=UTC) + timedelta(days=rng.randrange(300))
    entries = [_entry(rng, day + timedelta(hours=3 * i)) for i in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        entries.append(_tombstone(rng, day))
    return {
        "format": "securebase/journal-export",
        "version": 1,
        "export_id": str(new_uuid(rng)),
        "client_id": client_id,
        "sequence": rng.randint(1, 500),
        "created_at": (day + timedelta(days=1)).isoformat(),
        "period": {"start": f"{day:%F}", "end": f"{day + timedelta(days=6):%F}"},
        "entries": entries,
        "homework_logs": [_log(rng, day)] if rng.random() < 0.5 else [],
        "checkins": [_checkin(rng, day)] if rng.random() < 0.5 else [],
        "client_keys": dict(keys),
    }


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _text(rng: random.Random, what: str) -> str:
    return f"{CANARY} {what} {rng.randrange(10**6)}"


def _entry(rng: random.Random, when: datetime) -> dict:
    return {
        "id": str(new_uuid(rng)),
        "revision": rng.randint(1, 5),
        "deleted": False,
        "occurred_at": when.isoformat(),
        "recorded_at": (when + timedelta(minutes=30)).isoformat(),
        "situation": _text(rng, "situation"),
        "triggers": ["delayed_reply"],
        "trigger_note": _text(rng, "note"),
        "emotions": [{"emotion": "anxiety", "intensity": rng.randint(0, 100)}],
        "body_sensations": _text(rng, "body"),
        "automatic_thought": _text(rng, "thought"),
        "belief_before": rng.randint(0, 100),
        "distress_before": rng.randint(0, 100),
        "distress_after": rng.randint(0, 100),
        "urge": {"intensity": rng.randint(0, 10), "acted": False, "behaviours": []},
        "soothing": [{"technique": "paced_breathing", "minutes": 5}],
        "challenge": {
            "distortions": ["mind_reading"],
            "evidence_for": _text(rng, "for"),
            "evidence_against": _text(rng, "against"),
            "balanced_thought": _text(rng, "balanced"),
            "belief_after": 30,
        },
        "need_statement": {"text": _text(rng, "need"), "shared": True},
        "partner_positive": [_text(rng, "partner")],
        "tags": ["fuzz"],
    }


def _tombstone(rng: random.Random, when: datetime) -> dict:
    return {
        "id": str(new_uuid(rng)),
        "revision": rng.randint(2, 9),
        "deleted": True,
        "recorded_at": when.isoformat(),
    }


def _log(rng: random.Random, when: datetime) -> dict:
    return {
        "id": str(new_uuid(rng)),
        "assignment_id": str(new_uuid(rng)),
        "done_at": when.isoformat(),
        "minutes": 10,
        "helpfulness": 6,
        "note": _text(rng, "log"),
    }


def _checkin(rng: random.Random, when: datetime) -> dict:
    return {
        "id": str(new_uuid(rng)),
        "measure": "gad7",
        "completed_at": when.isoformat(),
        "answers": [rng.randint(0, 3) for _ in range(7)],
    }


# -- walking and writing documents ---------------------------------------------------


class Pairs(list):
    """A JSON object written as its (key, value) pairs, so keys may repeat."""


def slots(value, path=()) -> list[tuple]:
    """Every (container, key, path) in a document: the places a value can be changed."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        found.append((value, key, (*path, key)))
        if isinstance(child, dict | list):
            found.extend(slots(child, (*path, key)))
    return found


def objects(value) -> list[dict]:
    found = [value] if isinstance(value, dict) else []
    for container, key, _ in slots(value):
        if isinstance(container[key], dict):
            found.append(container[key])
    return found


def write(value) -> str:
    """JSON text of ``value``; a ``Pairs`` writes every pair, ``Raw`` is written as is."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k)}:{write(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return write(Pairs(value.items()))
    if isinstance(value, list):
        return "[" + ",".join(write(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


class Raw:
    """JSON text put into a document as it is (a number no encoder would write)."""

    def __init__(self, text: str):
        self.text = text
