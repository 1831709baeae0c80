"""Homework adherence: what was asked, what was done, streaks, and how it helped.

Inputs are an ``assignments_frame`` (``load``), a ``logs_frame`` and, when
given, an ``entries_frame`` (some exercises, such as a thought challenge, are
done by writing a journal entry linked to the assignment by ``assignment_id``).
Every function takes an inclusive date range [start, end].

Rules:
- some exercises are done *in* the journal: an entry with a trigger is a
  ``trigger_journal`` session, a completed challenge a ``thought_challenge``,
  an "I" statement an ``i_statement_practice``, a noted partner action a
  ``partner_appreciation_log`` (``EVIDENCE_IN_ENTRIES``). Such an entry counts
  for every active assignment of that exercise unless it is linked to a
  specific assignment of that exercise, in which case it counts for that one
  only. An entry linked to another exercise's assignment (a trigger noted
  while doing a thought challenge) still counts for the trigger journal: the
  client did write it;
- a completion is a homework log, or a linked entry, whose local date lies in
  [start, end] on a day the assignment was active (``starts`` to ``ends``,
  both inclusive; ``ends`` None = still running). Completions outside that
  window are not counted anywhere;
- expected sessions in a stretch of days = the assignment's active days there
  (clipped to the assignment's dates and to [start, end]) times ``times`` for
  "per day", or times ``times`` / 7 for "per week": a weekly assignment active
  on 3 days of a week owes 3/7 of its sessions that week (fractional);
- share = done / expected (may pass 1.0 when the client did extra);
  share_capped caps each assignment-week at 1.0 first, so extra work one week
  cannot make up for a missed one; share is NaN where nothing was expected;
- streaks count consecutive periods -- days for "per day", ISO weeks for "per
  week" -- on which the assignment was fully done (a day: at least ``times``
  completions; a week: done >= that week's expected). Only the assignment's
  active periods inside [start, end] count. The longest streak is the longest
  such run. The current streak is the run ending at ``end``; the period that
  contains ``end`` may still be under way, so if the assignment is active on
  ``end`` and that period is not yet fully done, it neither adds to nor breaks
  the streak (today not done yet). For an assignment that has ended, it is the
  run it ended with;
- helpfulness (0-10) is the mean over completions that rated it (linked
  entries never do); distress drop = distress_before - distress_after over
  completions rating both. Counts say how many took part.
- rows follow the assignments' order, weeks ascending; an assignment with no
  active day in the range has no rows; empty inputs give empty frames with
  the same columns.
"""

from collections import Counter
from datetime import date, timedelta

import numpy as np
import pandas as pd

from securebase.analytics.frames import week_start

BY_WEEK_DTYPES = {
    "assignment_id": "str", "exercise": "str", "week": "object", "done": "int64",
    "expected": "float64", "share": "float64", "share_capped": "float64",
}  # fmt: skip
SUMMARY_DTYPES = {
    "assignment_id": "str", "exercise": "str", "per": "str", "done": "int64",
    "expected": "float64", "share": "float64", "share_capped": "float64",
    "current_streak": "int64", "longest_streak": "int64", "mean_helpfulness": "float64",
    "n_helpfulness": "int64", "mean_distress_drop": "float64", "n_distress": "int64",
}  # fmt: skip
_COMPLETION_COLUMNS = ["assignment_id", "local_date", "week", "helpfulness", "distress_before",
                       "distress_after"]  # fmt: skip
_ONE_WEEK = timedelta(days=7)
#: Exercises whose sessions show in the journal itself, and the test an entry must pass.
EVIDENCE_IN_ENTRIES = {
    "trigger_journal": lambda entries: entries["triggers"].map(bool),
    "thought_challenge": lambda entries: entries["challenge_completed"].astype(bool),
    "i_statement_practice": lambda entries: entries["need_text"].map(bool),
    "partner_appreciation_log": lambda entries: entries["partner_positive"].map(bool),
}


def expected_per_week(assignment_row, week: date) -> float:
    """Sessions the assignment expects in the ISO week containing ``week`` (module rules)."""
    monday = week_start(week)
    return _expected(assignment_row, monday, monday + timedelta(days=6))


def _expected(row, first: date, last: date) -> float:
    span = _active_span(row, first, last)
    if span is None:
        return 0.0
    days = (span[1] - span[0]).days + 1
    return float(row["times"] * (days if row["per"] == "day" else days / 7))


def _active_span(row, first: date, last: date) -> tuple[date, date] | None:
    ends = _day(row["ends"])
    low = max(_day(row["starts"]), first)
    high = last if ends is None else min(ends, last)
    return (low, high) if low <= high else None


def _day(value) -> date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value


def _active_on(row, day: date) -> bool:
    return _active_span(row, day, day) is not None


def _weeks(row, start: date, end: date) -> list[tuple[date, float]]:
    """(Monday, expected) for each week in [start, end] with something expected."""
    weeks, monday = [], week_start(start)
    while monday <= end:
        expected = _expected(row, max(monday, start), min(monday + timedelta(days=6), end))
        if expected > 0:
            weeks.append((monday, expected))
        monday += _ONE_WEEK
    return weeks


def _completions(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    entries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The counted completions (module rules): assignment_id, local_date, week, ratings."""
    found = _completion_columns(assignments, logs, start, end, entries)
    ratings = {c: pd.array(found[c], dtype="Int64") for c in _COMPLETION_COLUMNS[3:]}
    return pd.DataFrame({**found, **ratings}, columns=_COMPLETION_COLUMNS)


def _completion_columns(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    entries: pd.DataFrame | None = None,
    columns: list[str] = _COMPLETION_COLUMNS,
) -> dict[str, np.ndarray]:
    """``_completions`` column by column (object arrays; only ``columns``, which must start
    with assignment_id, local_date, week): logs, linked entries, then each assignment's
    evidence in entries, kept where the assignment was active on the day."""
    # A completion keeps its source's local date: only the range's logs and entries can count;
    # each column is read once, as an array, and filtered by masks (no frame copies).
    log_columns = _arrays(logs, columns)
    parts = [_kept(log_columns, _in_range(log_columns["local_date"], start, end))]
    if entries is not None and len(entries):
        entry_columns = _arrays(entries, columns)
        in_range = _in_range(entry_columns["local_date"], start, end)
        linked = entry_columns["assignment_id"] != None  # noqa: E711 (elementwise)
        parts.append(_kept(entry_columns, in_range & linked))
        exercise_of = dict(zip(assignments["assignment_id"], assignments["exercise"], strict=True))
        linked_to = np.array(
            [exercise_of.get(a) for a in entry_columns["assignment_id"]], dtype=object
        )
        tested: dict[str, np.ndarray] = {}
        for assignment_id, exercise in zip(
            assignments["assignment_id"], assignments["exercise"], strict=True
        ):
            test = EVIDENCE_IN_ENTRIES.get(exercise)
            if test is None or not in_range.any():
                continue
            if exercise not in tested:
                # An entry linked to this exercise's own assignment counted above; one
                # linked to another exercise is still evidence for this one.
                free = in_range & (linked_to != exercise)
                tested[exercise] = free & test(entries).to_numpy(dtype=bool)
            part = _kept(entry_columns, tested[exercise])
            part["assignment_id"] = np.full(len(part["week"]), assignment_id, dtype=object)
            parts.append(part)
    found = {c: np.concatenate([part[c] for part in parts]) for c in columns}
    keep = _on_active_days(assignments, found["assignment_id"], found["local_date"])
    return {c: values[keep] for c, values in found.items()}


def _in_range(days: np.ndarray, start: date, end: date) -> np.ndarray:
    """Per row: its local date lies in [start, end]."""
    return (days >= start) & (days <= end) if len(days) else np.zeros(0, dtype=bool)


def _arrays(frame: pd.DataFrame, columns: list[str]) -> dict[str, np.ndarray]:
    """``columns`` as object arrays (None where missing; an absent column is all None)."""
    return {
        c: frame[c].to_numpy(dtype=object, na_value=None)
        if c in frame
        else np.full(len(frame), None, dtype=object)
        for c in columns
    }


def _kept(arrays: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    return {c: values[keep] for c, values in arrays.items()}


def _on_active_days(assignments: pd.DataFrame, ids: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Per completion: its assignment exists and was active on its local date."""
    keep = np.zeros(len(ids), dtype=bool)
    if not len(ids):
        return keep
    for assignment, first, last in zip(
        assignments["assignment_id"], assignments["starts"], assignments["ends"], strict=True
    ):
        mine = (ids == assignment) & (days >= _day(first))
        if _day(last) is not None:
            mine &= days <= _day(last)
        keep |= mine
    return keep


def _weekly(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    entries: pd.DataFrame | None,
) -> list[dict]:
    """``adherence_by_week``'s rows (done and expected), before they become a frame."""
    found = _completion_columns(assignments, logs, start, end, entries, _COMPLETION_COLUMNS[:3])
    counts = Counter(zip(found["assignment_id"], found["week"], strict=True))
    return [
        {
            "assignment_id": row["assignment_id"],
            "exercise": row["exercise"],
            "week": monday,
            "done": counts[(row["assignment_id"], monday)],
            "expected": expected,
        }
        for row in assignments.to_dict("records")
        for monday, expected in _weeks(row, start, end)
    ]


def adherence_by_week(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    *,
    entries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Columns BY_WEEK_DTYPES: done vs expected per assignment and ISO week in [start, end]."""
    rows = _weekly(assignments, logs, start, end, entries)
    frame = pd.DataFrame(rows, columns=list(BY_WEEK_DTYPES)[:5])
    frame["share"] = frame["done"] / frame["expected"]
    frame["share_capped"] = frame["share"].clip(upper=1.0)
    return _tidy(frame, BY_WEEK_DTYPES)


def adherence_summary(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    *,
    entries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Columns SUMMARY_DTYPES: one row per assignment active in [start, end]."""
    weekly = adherence_by_week(assignments, logs, start, end, entries=entries)
    done = _completions(assignments, logs, start, end, entries)
    rows = [
        _summary_row(row, weekly, done, start, end)
        for _, row in assignments.iterrows()
        if (weekly["assignment_id"] == row["assignment_id"]).any()
    ]
    return _tidy(pd.DataFrame(rows, columns=list(SUMMARY_DTYPES)), SUMMARY_DTYPES)


def _summary_row(row, weekly: pd.DataFrame, done: pd.DataFrame, start: date, end: date) -> dict:
    weeks = weekly[weekly["assignment_id"] == row["assignment_id"]]
    mine = done[done["assignment_id"] == row["assignment_id"]]
    expected = float(weeks["expected"].sum())
    flags = _fully_done(row, weeks, mine, _active_span(row, start, end))
    current, longest = _streaks(flags, _active_on(row, end))
    helpfulness = mine["helpfulness"].astype("Float64").dropna()
    drops = (mine["distress_before"] - mine["distress_after"]).astype("Float64").dropna()
    return {
        "assignment_id": row["assignment_id"],
        "exercise": row["exercise"],
        "per": row["per"],
        "done": int(weeks["done"].sum()),
        "expected": expected,
        "share": weeks["done"].sum() / expected,
        "share_capped": (weeks["share_capped"] * weeks["expected"]).sum() / expected,
        "current_streak": current,
        "longest_streak": longest,
        "mean_helpfulness": helpfulness.mean() if len(helpfulness) else None,
        "n_helpfulness": len(helpfulness),
        "mean_distress_drop": drops.mean() if len(drops) else None,
        "n_distress": len(drops),
    }


def _fully_done(row, weeks: pd.DataFrame, mine: pd.DataFrame, span) -> list[bool]:
    """One flag per streak period (active days or weeks in the range), oldest first."""
    if row["per"] != "day":
        return [d >= e - 1e-9 for d, e in zip(weeks["done"], weeks["expected"], strict=True)]
    per_day = mine.groupby("local_date").size()
    first, last = span
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [int(per_day.get(day, 0)) >= row["times"] for day in days]


def _streaks(fully_done: list[bool], in_progress: bool) -> tuple[int, int]:
    """(current, longest) runs of True; an unfinished last period is skipped if in progress."""
    longest = run = 0
    for ok in fully_done:
        run = run + 1 if ok else 0
        longest = max(longest, run)
    if in_progress and fully_done and not fully_done[-1]:
        fully_done = fully_done[:-1]
    current = 0
    for ok in reversed(fully_done):
        if not ok:
            break
        current += 1
    return current, longest


def mean_capped_share(summary: pd.DataFrame) -> float | None:
    """The "homework done" share: the mean over assignments (an ``adherence_summary``) of each one's
    done / expected capped at 1, so 140% of one exercise cannot hide 0% of another; None
    when nothing was expected."""
    shares = summary["share"].dropna() if len(summary) else pd.Series(dtype="float64")
    return float(shares.clip(upper=1.0).mean()) if len(shares) else None


def overall_adherence(
    assignments: pd.DataFrame,
    logs: pd.DataFrame,
    start: date,
    end: date,
    *,
    entries: pd.DataFrame | None = None,
) -> tuple[int, float, float | None]:
    """(done, expected, done / expected) over every assignment; share None if nothing expected."""
    rows = _weekly(assignments, logs, start, end, entries)  # the weekly figures, no frame
    done = sum(row["done"] for row in rows)
    expected = float(np.array([row["expected"] for row in rows], dtype="float64").sum())
    return done, expected, (done / expected if expected > 0 else None)


def _tidy(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """Fixed column order and dtypes, a fresh index (row order is the caller's)."""
    return frame[list(dtypes)].astype(dtypes).reset_index(drop=True)
