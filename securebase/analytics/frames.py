"""Turning validated model objects into the analytics frames, and date-range filters.

Every analytics function works on these frames, so their columns are a
contract (listed in each builder's docstring). Local time is the wall clock
at the offset the client's device recorded: a 21:30 entry is in the 21 hour
whether it was written in winter or in summer time, or while travelling.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import pandas as pd

from securebase.journal import CheckIn, EntryTombstone, HomeworkLog, JournalEntry
from securebase.measures import MEASURES

ENTRY_COLUMNS = [
    "id", "revision", "occurred_at", "local_time", "local_date", "week", "weekday", "hour",
    "situation", "triggers", "trigger_note", "emotions", "body_sensations",
    "automatic_thought", "belief_before", "distress_before", "distress_after",
    "urge_intensity", "urge_acted", "behaviours", "delay_minutes", "soothing",
    "has_challenge", "challenge_completed", "distortions", "evidence_for",
    "evidence_against", "balanced_thought", "belief_after", "need_text", "need_shared",
    "partner_positive", "assignment_id", "tags",
]  # fmt: skip
LOG_COLUMNS = [
    "id", "assignment_id", "done_at", "local_date", "week", "minutes", "helpfulness",
    "distress_before", "distress_after", "note",
]  # fmt: skip
CHECKIN_COLUMNS = [
    "id", "measure", "completed_at", "local_date", "week", "answers", "total",
]  # fmt: skip
_NULLABLE_INTS = [
    "belief_before", "distress_before", "distress_after", "urge_intensity", "delay_minutes",
    "belief_after", "minutes", "helpfulness",
]  # fmt: skip


def week_start(day: date) -> date:
    """The Monday of the ISO week that ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def _local_parts(moment: datetime) -> dict:
    wall = moment.replace(tzinfo=None)
    return {
        "local_time": wall,
        "local_date": wall.date(),
        "week": week_start(wall.date()),
        "weekday": wall.weekday(),
        "hour": wall.hour,
    }


def entries_frame(entries: Iterable[JournalEntry | EntryTombstone]) -> pd.DataFrame:
    """One row per live entry (tombstones dropped), oldest first.

    Columns: ENTRY_COLUMNS. List-like fields are tuples (``triggers``,
    ``behaviours``, ``distortions``, ``tags``, ``partner_positive``;
    ``emotions`` as (emotion, intensity) pairs, ``soothing`` as (technique,
    minutes) pairs). Ratings are nullable integers (pandas ``Int64``).
    ``challenge_completed``: a balanced thought was written and belief
    re-rated.
    """
    rows = [_entry_row(e) for e in entries if isinstance(e, JournalEntry)]
    frame = pd.DataFrame(rows, columns=ENTRY_COLUMNS)
    return _typed(frame).sort_values("local_time", kind="stable").reset_index(drop=True)


def _entry_row(entry: JournalEntry) -> dict:
    urge, challenge, need = entry.urge, entry.challenge, entry.need_statement
    return {
        "id": str(entry.id),
        "revision": entry.revision,
        "occurred_at": entry.occurred_at,
        **_local_parts(entry.occurred_at),
        "situation": entry.situation,
        "triggers": tuple(t.value for t in entry.triggers),
        "trigger_note": entry.trigger_note,
        "emotions": tuple((e.emotion.value, e.intensity) for e in entry.emotions),
        "body_sensations": entry.body_sensations,
        "automatic_thought": entry.automatic_thought,
        "belief_before": entry.belief_before,
        "distress_before": entry.distress_before,
        "distress_after": entry.distress_after,
        "urge_intensity": urge.intensity if urge else None,
        "urge_acted": urge.acted if urge else None,
        "behaviours": tuple(b.value for b in urge.behaviours) if urge else (),
        "delay_minutes": urge.delay_minutes if urge else None,
        "soothing": tuple((s.technique.value, s.minutes) for s in entry.soothing),
        "has_challenge": challenge is not None,
        "challenge_completed": bool(
            challenge and challenge.balanced_thought.strip() and challenge.belief_after is not None
        ),
        "distortions": tuple(d.value for d in challenge.distortions) if challenge else (),
        "evidence_for": challenge.evidence_for if challenge else "",
        "evidence_against": challenge.evidence_against if challenge else "",
        "balanced_thought": challenge.balanced_thought if challenge else "",
        "belief_after": challenge.belief_after if challenge else None,
        "need_text": need.text if need else "",
        "need_shared": need.shared if need else None,
        "partner_positive": tuple(entry.partner_positive),
        "assignment_id": str(entry.assignment_id) if entry.assignment_id else None,
        "tags": tuple(entry.tags),
    }


def logs_frame(logs: Iterable[HomeworkLog]) -> pd.DataFrame:
    """One row per homework completion (deleted logs dropped). Columns: LOG_COLUMNS."""
    rows = [
        {
            "id": str(log.id),
            "assignment_id": str(log.assignment_id),
            "done_at": log.done_at,
            "local_date": log.done_at.replace(tzinfo=None).date(),
            "week": week_start(log.done_at.replace(tzinfo=None).date()),
            "minutes": log.minutes,
            "helpfulness": log.helpfulness,
            "distress_before": log.distress_before,
            "distress_after": log.distress_after,
            "note": log.note,
        }
        for log in logs
        if not log.deleted
    ]
    frame = pd.DataFrame(rows, columns=LOG_COLUMNS)
    return _typed(frame).sort_values("done_at", kind="stable").reset_index(drop=True)


def checkins_frame(checkins: Iterable[CheckIn]) -> pd.DataFrame:
    """One row per questionnaire. ``total`` from the measure registry. Columns: CHECKIN_COLUMNS."""
    rows = [
        {
            "id": str(c.id),
            "measure": c.measure.value,
            "completed_at": c.completed_at,
            "local_date": c.completed_at.replace(tzinfo=None).date(),
            "week": week_start(c.completed_at.replace(tzinfo=None).date()),
            "answers": tuple(c.answers),
            "total": MEASURES[c.measure].total(c.answers),
        }
        for c in checkins
    ]
    frame = pd.DataFrame(rows, columns=CHECKIN_COLUMNS)
    return frame.sort_values("completed_at", kind="stable").reset_index(drop=True)


def between(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Rows whose ``local_date`` lies in [start, end] (either bound may be open)."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame["local_date"] >= start
    if end is not None:
        keep &= frame["local_date"] <= end
    return frame[keep]


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in _NULLABLE_INTS:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame
