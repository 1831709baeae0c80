"""Triggers: how often each one comes up, when, how much it hurts, and what changed.

Rules (all functions take an ``entries_frame`` and return a tidy frame):
- an entry with several triggers counts once for each of them, so counts are
  (entry, trigger) pairs and may add up to more than the number of entries;
- an entry with no trigger is counted under ``NO_TRIGGER`` ("none", which is
  not a trigger key), so no entry silently disappears from a count; only
  ``trigger_changes`` leaves it out, because it ranks triggers;
- distress is ``distress_before`` (how the trigger felt, before any soothing);
  an entry without that rating still counts in ``n`` but not in the means;
- weeks, weekdays and hours are the client's wall clock (see ``frames``);
- outputs use vocabulary keys, never labels; rows are sorted by their key
  columns (week, then keys in alphabetical order) unless a function says it
  ranks; an empty input gives an empty frame with the same columns and dtypes.
"""

from collections.abc import Iterable
from datetime import date

import pandas as pd

from securebase.analytics.frames import between, week_start
from securebase.period import Period

NO_TRIGGER = "none"

COUNT_DTYPES = {"week": "object", "trigger": "str", "count": "int64"}
DISTRESS_DTYPES = {
    "trigger": "str", "n": "int64", "n_rated": "int64",
    "mean_distress": "float64", "max_distress": "Int64",
}  # fmt: skip
GRID_DTYPES = {"weekday": "int64", "hour": "int64", "count": "int64"}
CHANGE_DTYPES = {
    "trigger": "str", "count_a": "int64", "count_b": "int64", "count_change": "int64",
    "rate_a": "float64", "rate_b": "float64", "mean_distress_a": "float64",
    "mean_distress_b": "float64", "distress_change": "float64",
}  # fmt: skip


def trigger_rows(entries: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """One row per (entry, trigger) with a ``trigger`` column; no trigger -> NO_TRIGGER.

    ``columns``: the entry columns to carry along (default all); naming only
    those a caller needs keeps the repeated rows small.
    """
    keys = [tuple(triggers) or (NO_TRIGGER,) for triggers in entries["triggers"]]
    carried = entries if columns is None else entries[columns]
    return carried.assign(trigger=keys).explode("trigger", ignore_index=True)


def _has_items(column: pd.Series) -> pd.Series:
    """True where a list-like cell (tuple of keys) is not empty."""
    return pd.Series([len(values) > 0 for values in column], index=column.index, dtype=bool)


def trigger_counts_by_week(
    entries: pd.DataFrame, weeks: Iterable[date] | None = None
) -> pd.DataFrame:
    """Columns week, trigger, count: how many entries named each trigger each week.

    Without ``weeks`` only (week, trigger) pairs that occurred are listed. With
    ``weeks`` (any day of each week; it is moved to its Monday) the result is
    the full grid of those weeks x every trigger seen in them, zeros included,
    and entries from other weeks are left out.
    """
    rows = trigger_rows(entries, ["week"])
    if weeks is None:
        counts = rows.groupby(["week", "trigger"]).size()
    else:
        counts = _zero_filled_counts(rows, sorted({week_start(day) for day in weeks}))
    frame = counts.rename("count").reset_index()
    return _tidy(frame, COUNT_DTYPES, ["week", "trigger"])


def _zero_filled_counts(rows: pd.DataFrame, mondays: list[date]) -> pd.Series:
    rows = rows[rows["week"].isin(mondays)]
    seen = sorted(set(rows["trigger"]))
    grid = pd.MultiIndex.from_product([mondays, seen], names=["week", "trigger"])
    return rows.groupby(["week", "trigger"]).size().reindex(grid, fill_value=0)


def distress_by_trigger(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns trigger, n, n_rated, mean_distress, max_distress.

    ``n``: entries naming the trigger; ``n_rated``: those with a
    ``distress_before`` rating, the only ones in the mean and max (NaN / NA
    when none is rated).
    """
    grouped = trigger_rows(entries, ["distress_before"]).groupby("trigger")["distress_before"]
    frame = grouped.agg(n="size", n_rated="count", mean_distress="mean", max_distress="max")
    return _tidy(frame.reset_index(), DISTRESS_DTYPES, ["trigger"])


def weekday_hour_counts(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns weekday (0 = Monday), hour (0-23), count: the full 7 x 24 grid, zeros included.

    Counts entries (not triggers) by the client's local wall clock.
    """
    grid = pd.MultiIndex.from_product([range(7), range(24)], names=["weekday", "hour"])
    counts = entries.groupby(["weekday", "hour"]).size().reindex(grid, fill_value=0)
    return _tidy(counts.rename("count").reset_index(), GRID_DTYPES, ["weekday", "hour"])


def trigger_distortion_cooccurrence(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns trigger, distortion, count: entries naming both (pairs that occur only).

    Only entries whose challenge names a distortion take part.
    """
    return _cooccurrence(entries, "distortions", "distortion")


def trigger_behaviour_cooccurrence(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns trigger, behaviour, count: entries naming both (pairs that occur only).

    Only entries whose urge names a behaviour take part, acted on or resisted.
    """
    return _cooccurrence(entries, "behaviours", "behaviour")


def _cooccurrence(entries: pd.DataFrame, list_column: str, key: str) -> pd.DataFrame:
    having = entries[_has_items(entries[list_column])]
    rows = trigger_rows(having, [list_column]).assign(**{key: lambda f: f[list_column]})
    rows = rows.explode(key)
    counts = rows.groupby(["trigger", key]).size().rename("count").reset_index()
    return _tidy(counts, {"trigger": "str", key: "str", "count": "int64"}, ["trigger", key])


def trigger_changes(
    entries: pd.DataFrame, period_a: Period, period_b: Period, top: int | None = 5
) -> pd.DataFrame:
    """How each trigger changed from period A to period B (``securebase.period.Period``).

    Columns: CHANGE_DTYPES. ``rate_*`` = count / (days in the period / 7), so
    periods of different lengths compare fairly. ``mean_distress_*`` is NaN
    when no entry with the trigger was rated in that period, and so is
    ``distress_change`` (B - A) when either side is missing. Triggers seen in
    either period are listed; NO_TRIGGER is not.

    Ranking: largest absolute change in weekly rate first; ties by the larger
    absolute distress change (a missing change ranks below any number); then
    by trigger key. ``top`` keeps the first rows (None keeps all).
    """
    days_a, days_b = _days(period_a), _days(period_b)
    a = _period_stats(entries, period_a).add_suffix("_a")
    b = _period_stats(entries, period_b).add_suffix("_b")
    table = a.join(b, how="outer").rename_axis("trigger").reset_index()
    table[["count_a", "count_b"]] = table[["count_a", "count_b"]].fillna(0)
    table = _tidy(
        table.assign(
            count_change=table["count_b"] - table["count_a"],
            rate_a=table["count_a"] / (days_a / 7),
            rate_b=table["count_b"] / (days_b / 7),
            distress_change=table["mean_distress_b"] - table["mean_distress_a"],
        ),
        CHANGE_DTYPES,
        [],
    )
    # |rate_b - rate_a| times days_a * days_b / 7: whole numbers, so equal changes tie exactly.
    rate_key = (table["count_b"] * days_a - table["count_a"] * days_b).abs()
    table = _ranked(table, rate_key)
    return table.head(top) if top is not None else table


def _days(period: Period) -> int:
    return period.days


def _period_stats(entries: pd.DataFrame, period: Period) -> pd.DataFrame:
    rows = trigger_rows(between(entries, period.start, period.end), ["distress_before"])
    rows = rows[rows["trigger"] != NO_TRIGGER]
    stats = rows.groupby("trigger")["distress_before"].agg(count="size", mean_distress="mean")
    return stats.astype({"count": "int64", "mean_distress": "float64"})


def _ranked(table: pd.DataFrame, rate_key: pd.Series) -> pd.DataFrame:
    keys = pd.DataFrame(
        {
            "rate": rate_key,
            # rounded so that equal changes computed from different means still tie
            "distress": table["distress_change"].abs().round(9).fillna(-1.0),
            "trigger": table["trigger"],
        }
    )
    order = keys.sort_values(
        ["rate", "distress", "trigger"], ascending=[False, False, True], kind="stable"
    ).index
    return table.loc[order].reset_index(drop=True)


def _tidy(frame: pd.DataFrame, dtypes: dict[str, str], sort_by: list[str]) -> pd.DataFrame:
    """Fixed column order and dtypes, rows sorted by ``sort_by``, a fresh index."""
    frame = frame[list(dtypes)].astype(dtypes)
    if sort_by:
        frame = frame.sort_values(sort_by, kind="stable")
    return frame.reset_index(drop=True)
