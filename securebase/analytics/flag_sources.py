"""Where each flag points, in words a therapist can act on (never the client's words).

Input: the vault's flags of a period (``flag_store.period_flags``) and the
client's check-ins. Output: one dict per flag row, the shape the brief, the
dashboard and the PDF share (its sentence: ``presentation.brief_words``).
``source_words`` names the source precisely:

- an entry: its local date, the field, and when it was written and received
  if those days differ from the day it is dated ("entry dated Sun 22 Feb,
  written Fri 27 Mar, received Sat 28 Mar: anxious thought");
- a check-in: the item, the answer's own label and how many of the measure's
  ``RECENT_CHECKINS`` latest check-ins answered it above 0 ("PHQ-9 item 9
  answered 'Several days' (1 of 3 recent check-ins)").

A flag row is ``open`` when it is at level ``flag`` and not reviewed: only
open flags are red.
"""

import re
from datetime import date

import pandas as pd

from securebase.flag_store import FLAG_LEVEL
from securebase.measures import MEASURES

RECENT_CHECKINS = 3
FIELD_WORDS = {
    "situation": "situation",
    "trigger_note": "trigger note",
    "body_sensations": "body sensations",
    "automatic_thought": "anxious thought",
    "evidence_for": "evidence for",
    "evidence_against": "evidence against",
    "balanced_thought": "balanced thought",
    "need_text": "'I' statement",
    "partner_positive": "partner's caring actions",
    "tags": "tags",
}
SHORT_ID = 8
_ITEM_KIND = re.compile(r"^(?P<measure>\w+)_item(?P<item>\d+)$")


def describe_flags(flags: pd.DataFrame, checkins: pd.DataFrame) -> list[dict]:
    """One dict per flag row, oldest first (module rules)."""
    return [_describe(row, checkins) for row in flags.to_dict("records")]


def _describe(row: dict, checkins: pd.DataFrame) -> dict:
    is_open = row["level"] == FLAG_LEVEL and not row["reviewed"]
    words = _checkin_words(row, checkins) if row["source"] == "checkin" else _entry_words(row)
    return {
        "kind": row["kind"],
        "source": row["source"],
        "source_id": row["source_id"],
        "flag_id": row["source_id"][:SHORT_ID],
        "local_date": row["local_date"],
        "where": row["field"],
        "category": row["category"] or None,
        "level": row["level"],
        "reviewed": bool(row["reviewed"]),
        "open": is_open,
        "recorded_at": row["recorded_at"],
        "received_at": row["received_at"],
        "source_words": words,
    }


def _day(value: str | date) -> str:
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{day:%a %d %b %Y}"


def _entry_words(row: dict) -> str:
    dated = row["local_date"]
    parts = [f"entry dated {_day(dated)}"]
    for verb, stamp in (("written", row["recorded_at"]), ("received", row["received_at"])):
        if stamp and stamp[:10] != dated.isoformat():
            parts.append(f"{verb} {_day(stamp)}")
    field = FIELD_WORDS.get(row["field"], str(row["field"]).replace("_", " "))
    return ", ".join(parts) + f": {field}"


def _checkin_words(row: dict, checkins: pd.DataFrame) -> str:
    found = _ITEM_KIND.match(row["kind"])
    spec = MEASURES.get(found["measure"]) if found else None
    if spec is None:
        return f"check-in of {_day(row['local_date'])}"
    item = int(found["item"])
    answer = int(row["answer"])
    label = spec.options[answer - spec.item_min] if spec.options else str(answer)
    mine = checkins[checkins["measure"] == str(spec.key)].sort_values("completed_at")
    recent = [answers[item - 1] for answers in mine["answers"].tail(RECENT_CHECKINS)]
    endorsed = sum(1 for value in recent if value > spec.item_min)
    return (
        f"{spec.title} item {item} answered '{label}' on {_day(row['local_date'])} "
        f"({endorsed} of {len(recent)} recent check-ins)"
    )
