"""Turning journal items into the analytics frames, and date-range filters.

Every analytics function works on these frames, so their columns are a
contract (listed in each builder's docstring). There is one row builder per
kind of item, and it reads the item's JSON form: the body the vault stores
(``load``), or a model's ``model_dump(mode="json")`` (``json_form``), so
frames built from models and from stored bodies cannot drift apart. Local time is the wall clock
at the offset the client's device recorded: a 21:30 entry is in the 21 hour
whether it was written in winter or in summer time, or while travelling.
"""

from collections.abc import Iterable
from datetime import date, datetime
from operator import itemgetter

import numpy as np
import pandas as pd
from pydantic import BaseModel

from securebase.journal import CheckIn, EntryTombstone, HomeworkLog, JournalEntry
from securebase.measures import MEASURES
from securebase.period import week_start
from securebase.vocabulary import MeasureKey

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
    "distress_before", "distress_after", "note", "urge_before", "urge_after",
]  # fmt: skip
CHECKIN_COLUMNS = [
    "id", "measure", "completed_at", "local_date", "week", "answers", "total",
]  # fmt: skip
_NULLABLE_INTS = [
    "belief_before", "distress_before", "distress_after", "urge_intensity", "delay_minutes",
    "belief_after", "minutes", "helpfulness", "urge_before", "urge_after",
]  # fmt: skip


def json_form(item: BaseModel | dict) -> dict:
    """An item as the builders read it: its JSON form (as stored in the vault's ``body``)."""
    return item if isinstance(item, dict) else item.model_dump(mode="json")


def entries_frame(entries: Iterable[JournalEntry | EntryTombstone | dict]) -> pd.DataFrame:
    """One row per live entry (tombstones dropped), oldest first.

    ``entries`` are models or their JSON form (``json_form``). Columns:
    ENTRY_COLUMNS. List-like fields are tuples (``triggers``, ``behaviours``,
    ``distortions``, ``tags``, ``partner_positive``; ``emotions`` as
    (emotion, intensity) pairs, ``soothing`` as (technique, minutes) pairs).
    Ratings are nullable integers (pandas ``Int64``). ``challenge_completed``:
    a balanced thought was written and belief re-rated.
    """
    items = (json_form(e) for e in entries)
    rows = [_entry_row(e) for e in items if not e.get("deleted", False)]
    return _frame(rows, ENTRY_COLUMNS, "local_time")


def _entry_row(entry: dict) -> tuple:
    """One entry's row, in ENTRY_COLUMNS order, from its JSON form (absent keys: defaults)."""
    get = entry.get
    moment = datetime.fromisoformat(entry["occurred_at"])
    wall = moment.replace(tzinfo=None)
    day = wall.date()
    urge, challenge, need = get("urge"), get("challenge"), get("need_statement")
    urge_get = urge.get if urge else {}.get
    challenge_get = challenge.get if challenge else {}.get
    belief_after = challenge_get("belief_after")
    balanced = challenge_get("balanced_thought", "")
    return (
        entry["id"], entry["revision"], moment, wall, day, week_start(day), wall.weekday(),
        wall.hour, entry["situation"], tuple(get("triggers", ())), get("trigger_note", ""),
        tuple((e["emotion"], e["intensity"]) for e in get("emotions", ())),
        get("body_sensations", ""), get("automatic_thought", ""), get("belief_before"),
        get("distress_before"), get("distress_after"), urge_get("intensity"),
        urge_get("acted"), tuple(urge_get("behaviours", ())), urge_get("delay_minutes"),
        tuple((s["technique"], s.get("minutes")) for s in get("soothing", ())),
        challenge is not None, bool(challenge and balanced.strip() and belief_after is not None),
        tuple(challenge_get("distortions", ())), challenge_get("evidence_for", ""),
        challenge_get("evidence_against", ""), balanced, belief_after,
        need["text"] if need else "", need["shared"] if need else None,
        tuple(get("partner_positive", ())), get("assignment_id"), tuple(get("tags", ())),
    )  # fmt: skip


def logs_frame(logs: Iterable[HomeworkLog | dict]) -> pd.DataFrame:
    """One row per homework completion (deleted logs dropped); models or their JSON form.
    Columns: LOG_COLUMNS."""
    rows = [_log_row(log) for log in map(json_form, logs) if not log.get("deleted", False)]
    return _frame(rows, LOG_COLUMNS, "done_at")


def _log_row(log: dict) -> tuple:
    get = log.get
    done_at = datetime.fromisoformat(log["done_at"])
    day = done_at.replace(tzinfo=None).date()
    return (
        log["id"], log["assignment_id"], done_at, day, week_start(day), get("minutes"),
        get("helpfulness"), get("distress_before"), get("distress_after"), get("note", ""),
        get("urge_before"), get("urge_after"),
    )  # fmt: skip


def checkins_frame(checkins: Iterable[CheckIn | dict]) -> pd.DataFrame:
    """One row per questionnaire; models or their JSON form. ``total`` from the measure
    registry. Columns: CHECKIN_COLUMNS."""
    rows = [_checkin_row(c) for c in map(json_form, checkins)]
    return _frame(rows, CHECKIN_COLUMNS, "completed_at")


def _checkin_row(checkin: dict) -> tuple:
    completed_at = datetime.fromisoformat(checkin["completed_at"])
    day = completed_at.replace(tzinfo=None).date()
    measure = MeasureKey(checkin["measure"])
    answers = tuple(checkin["answers"])
    total = MEASURES[measure].total(list(answers))
    return (checkin["id"], measure.value, completed_at, day, week_start(day), answers, total)


def _frame(rows: list[tuple], columns: list[str], order_by: str) -> pd.DataFrame:
    """The rows as a frame with nullable-integer ratings, sorted (stable) by ``order_by``.

    Sorted as rows and built column by column: the same frame as building it from the
    rows and sorting it, at a fraction of pandas' fixed cost (windows are small).
    """
    if not rows:
        return _typed(pd.DataFrame(rows, columns=columns))
    rows = sorted(rows, key=itemgetter(columns.index(order_by)))
    data = {
        column: pd.array(values, dtype="Int64") if column in _NULLABLE_INTS else values
        for column, values in zip(columns, map(list, zip(*rows, strict=True)), strict=True)
    }
    return pd.DataFrame(data, columns=columns)


def between(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.DataFrame:
    """Rows whose ``local_date`` lies in [start, end] (either bound may be open)."""
    return frame[in_period(frame, start, end)]


def in_period(frame: pd.DataFrame, start: date | None, end: date | None) -> np.ndarray:
    """Per row: its ``local_date`` lies in [start, end] (``between`` as a mask)."""
    days = frame["local_date"]
    # Dates are Python objects: compared as one numpy array, without pandas' per-step cost.
    days = days.to_numpy() if days.dtype == object else days
    keep = np.ones(len(frame), dtype=bool)
    if start is not None:
        keep &= np.asarray(days >= start, dtype=bool)
    if end is not None:
        keep &= np.asarray(days <= end, dtype=bool)
    return keep


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in _NULLABLE_INTS:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame
