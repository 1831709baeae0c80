"""Thought challenges: are they done, do they loosen the anxious thought, what fades.

Rules (every function takes an ``entries_frame``, already limited to the date
range the therapist chose, and returns a tidy frame or plain numbers):
- weeks are the ``week`` column (Monday of the client's local ISO week); a
  week without a qualifying entry is absent, never a row of zeros, so it is
  also absent from the trends (see ``trends``);
- completion share = entries with a completed challenge (a balanced thought
  written and belief re-rated, ``challenge_completed``) / all entries;
- belief drop = belief_before - belief_after, distress drop = distress_before
  - distress_after, from entries that carry both ratings only (a positive
  drop is relief);
- what is *trended* is a level or a proportion, never a raw drop: as a client
  improves, belief before a challenge falls and leaves less room to drop, so
  a shrinking raw drop is often progress. The judged series are the level
  of belief before the challenge and of distress before soothing (lower is
  better) and the proportional drop, drop / before (higher is better; entries
  rated 0 before are left out: there is nothing to drop). Raw drops are still
  charted, with neutral words (rising / falling);
- distortions named per entry are neutral too (rising / falling): naming more
  of them early in therapy is a skill being learnt, not a worsening;
- distortions are counted once per entry naming them; "distortions per
  entry" divides by the entries with a challenge (distortions are only named
  inside one), so doing more challenges does not look like more distortion;
- a weekly rate is count / (days in the period / 7); a distortion "fades"
  when its rate is lower in the later period;
- ``challenge_trends`` fits ``trends.weekly_trend`` to four weekly series and
  names the direction with ``trends.direction``: a trend counts only when its
  95% interval excludes 0 and |slope| * weeks reaches the series' minimum
  clinically noticeable change (``TREND_RULES``).
"""

import math
from datetime import date

import numpy as np
import pandas as pd

from securebase.analytics.frames import between
from securebase.analytics.trends import (
    IMPROVING,
    WORSENING,
    PairedChange,
    Trend,
    paired_change,
    weekly_trend,
)
from securebase.period import Period

COMPLETION_DTYPES = {"week": "object", "entries": "int64", "completed": "int64", "share": "float64"}
DROP_DTYPES = {"week": "object", "n": "int64", "mean_drop": "float64"}
DISTORTION_DTYPES = {"week": "object", "distortion": "str", "count": "int64"}
FADING_DTYPES = {"distortion": "str", "rate_a": "float64", "rate_b": "float64", "change": "float64"}

LEVEL_DTYPES = {"week": "object", "n": "int64", "mean": "float64"}

#: Minimum change across the period that a therapist would notice, per series.
COMPLETION_SHARE_MIN_EFFECT = 0.15  # 15 percentage points of entries completed
BELIEF_DROP_MIN_EFFECT = 10.0  # points on the 0-100 belief scale
DISTRESS_DROP_MIN_EFFECT = 10.0  # points on the 0-100 distress scale
LEVEL_MIN_EFFECT = 10.0  # points on a 0-100 rating (belief or distress before)
RELATIVE_DROP_MIN_EFFECT = 0.15  # 15% of the rating before
DISTORTIONS_PER_ENTRY_MIN_EFFECT = 0.3  # distortions named per challenged entry

#: series -> (which way is better, or None for neutral words; minimum noticeable change)
TREND_RULES = {
    "completion_share": ("up", COMPLETION_SHARE_MIN_EFFECT),
    "belief_before": ("down", LEVEL_MIN_EFFECT),
    "belief_drop_share": ("up", RELATIVE_DROP_MIN_EFFECT),
    "distress_before": ("down", LEVEL_MIN_EFFECT),
    "distress_drop_share": ("up", RELATIVE_DROP_MIN_EFFECT),
    "belief_drop": (None, BELIEF_DROP_MIN_EFFECT),
    "distress_drop": (None, DISTRESS_DROP_MIN_EFFECT),
    "distortions_per_entry": (None, DISTORTIONS_PER_ENTRY_MIN_EFFECT),
}


def challenge_completion_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, entries, completed, share (completed / entries)."""
    grouped = entries.groupby("week")["challenge_completed"]
    frame = grouped.agg(entries="size", completed="sum").reset_index()
    frame["share"] = frame["completed"] / frame["entries"]
    return _tidy(frame, COMPLETION_DTYPES, ["week"])


def belief_change(entries: pd.DataFrame) -> PairedChange:
    """Belief in the hot thought before vs after the challenge (rated pairs only)."""
    return paired_change(entries["belief_before"], entries["belief_after"])


def belief_drop_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, n (rated pairs), mean_drop (belief_before - belief_after)."""
    return _drop_by_week(entries, "belief_before", "belief_after")


def distress_change(entries: pd.DataFrame) -> PairedChange:
    """Distress before vs after soothing or challenging (rated pairs only)."""
    return paired_change(entries["distress_before"], entries["distress_after"])


def distress_drop_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, n (rated pairs), mean_drop (distress_before - distress_after)."""
    return _drop_by_week(entries, "distress_before", "distress_after")


def _drop_by_week(entries: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    # Grouped in plain Python over three arrays: a window holds tens to hundreds of rows,
    # where pandas' fixed cost per step is most of the time. Ratings are integers, so each
    # week's sum is exact and the mean is the same as pandas' to the last bit.
    weeks = entries["week"].to_numpy(dtype=object)
    drops = entries[before].to_numpy("float64", na_value=np.nan) - entries[after].to_numpy(
        "float64", na_value=np.nan
    )
    rated = ~np.isnan(drops)
    by_week: dict[date, list[float]] = {}
    for week, drop in zip(weeks[rated], drops[rated].tolist(), strict=True):
        by_week.setdefault(week, []).append(drop)
    order = sorted(by_week)
    return pd.DataFrame(
        {
            "week": np.array(order, dtype=object),
            "n": np.array([len(by_week[w]) for w in order], dtype="int64"),
            "mean_drop": np.array(
                [math.fsum(by_week[w]) / len(by_week[w]) for w in order], dtype="float64"
            ),
        }
    )


def level_by_week(entries: pd.DataFrame, column: str) -> pd.DataFrame:
    """Columns week, n, mean: the weekly mean of a 0-100 rating (``belief_before``,
    ``distress_before``) over the entries that carry it."""
    values = entries[column].to_numpy("float64", na_value=np.nan)
    return _mean_by_week(entries["week"].to_numpy(dtype=object), values, "mean")


def relative_drop_by_week(entries: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Columns week, n, mean: the weekly mean of (before - after) / before, over entries
    rated both times with ``before`` > 0 (module rules)."""
    first = entries[before].to_numpy("float64", na_value=np.nan)
    second = entries[after].to_numpy("float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(first > 0, (first - second) / first, np.nan)
    return _mean_by_week(entries["week"].to_numpy(dtype=object), share, "mean")


def _mean_by_week(weeks: np.ndarray, values: np.ndarray, name: str) -> pd.DataFrame:
    rated = ~np.isnan(values)
    by_week: dict[date, list[float]] = {}
    for week, value in zip(weeks[rated], values[rated].tolist(), strict=True):
        by_week.setdefault(week, []).append(value)
    order = sorted(by_week)
    return pd.DataFrame(
        {
            "week": np.array(order, dtype=object),
            "n": np.array([len(by_week[w]) for w in order], dtype="int64"),
            name: np.array([math.fsum(by_week[w]) / len(by_week[w]) for w in order], "float64"),
        }
    )


def belief_trends(entries: pd.DataFrame) -> dict[str, Trend]:
    """The belief trends the brief and the caseload report: the level of belief in the
    anxious thought before a challenge (lower is better) and the proportional drop after
    it (higher is better); module rules."""
    series = {
        "belief_before": level_by_week(entries, "belief_before"),
        "belief_drop_share": relative_drop_by_week(entries, "belief_before", "belief_after"),
    }
    return {
        name: weekly_trend(
            frame.rename(columns={"mean": "value"}),
            better=TREND_RULES[name][0],
            min_effect=TREND_RULES[name][1],
        )
        for name, frame in series.items()
    }


def headline_direction(trends: dict[str, Trend]) -> str:
    """One word for several judged trends: "worsening" if any worsens, else "improving" if
    any improves, else the first trend's own words (no clear change, not enough data)."""
    directions = [trend.direction for trend in trends.values()]
    for word in (WORSENING, IMPROVING):
        if word in directions:
            return word
    return directions[0]


def distortions_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, distortion, count: entries naming each distortion each week."""
    rows = _distortion_rows(entries)
    frame = rows.groupby(["week", "distortion"]).size().rename("count").reset_index()
    return _tidy(frame, DISTORTION_DTYPES, ["week", "distortion"])


def _distortion_rows(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per (entry, distinct distortion named)."""
    named = [tuple(dict.fromkeys(values)) or None for values in entries["distortions"]]
    rows = entries[["week", "local_date"]].assign(distortion=named).dropna(subset=["distortion"])
    return rows.explode("distortion", ignore_index=True)


def distortion_rate_change(
    entries: pd.DataFrame, period_a: Period, period_b: Period
) -> pd.DataFrame:
    """Columns distortion, rate_a, rate_b, change (rate_b - rate_a), largest drop first.

    Periods are ``securebase.period.Period`` (both days included). Rates are per week
    (count / (days / 7)); every distortion named in either period is listed, ties by key.
    """
    a, b = _weekly_rates(entries, period_a), _weekly_rates(entries, period_b)
    table = pd.DataFrame({"rate_a": a, "rate_b": b}).fillna(0.0)
    table["change"] = table["rate_b"] - table["rate_a"]
    table = table.rename_axis("distortion").reset_index()
    return _tidy(table, FADING_DTYPES, ["change", "distortion"])


def fading_distortions(entries: pd.DataFrame, period_a: Period, period_b: Period) -> pd.DataFrame:
    """The rows of ``distortion_rate_change`` whose weekly rate fell (change < 0)."""
    table = distortion_rate_change(entries, period_a, period_b)
    return table[table["change"] < 0].reset_index(drop=True)


def _weekly_rates(entries: pd.DataFrame, period: Period) -> pd.Series:
    rows = _distortion_rows(between(entries, period.start, period.end))
    return (rows.groupby("distortion").size() / (period.days / 7)).astype("float64")


def distortions_per_entry_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, value: distortions named per entry with a challenge."""
    challenged = entries[entries["has_challenge"].astype(bool)]
    named = challenged.assign(named=[len(set(v)) for v in challenged["distortions"]])
    frame = named.groupby("week")["named"].mean().rename("value").reset_index()
    return _tidy(frame, {"week": "object", "value": "float64"}, ["week"])


def challenge_trends(entries: pd.DataFrame) -> dict[str, Trend]:
    """Weekly trends of the challenge series, directions per ``TREND_RULES``.

    A direction is "improving" / "worsening" only for a series with a better
    way, when the 95% interval of the weekly slope excludes 0 and |slope| *
    weeks >= the series' minimum effect; raw drops and distortions per entry
    get neutral words (rising / falling); fewer than 3 weeks -> "not enough
    data"; otherwise "no clear change".
    """
    completion = challenge_completion_by_week(entries)
    series = {
        "completion_share": completion.rename(columns={"share": "value"}),
        "belief_before": level_by_week(entries, "belief_before"),
        "belief_drop_share": relative_drop_by_week(entries, "belief_before", "belief_after"),
        "distress_before": level_by_week(entries, "distress_before"),
        "distress_drop_share": relative_drop_by_week(entries, "distress_before", "distress_after"),
        "belief_drop": belief_drop_by_week(entries).rename(columns={"mean_drop": "value"}),
        "distress_drop": distress_drop_by_week(entries).rename(columns={"mean_drop": "value"}),
        "distortions_per_entry": distortions_per_entry_by_week(entries),
    }
    series = {name: frame.rename(columns={"mean": "value"}) for name, frame in series.items()}
    return {
        name: weekly_trend(series[name], better=better, min_effect=min_effect)
        for name, (better, min_effect) in TREND_RULES.items()
    }


def _tidy(frame: pd.DataFrame, dtypes: dict[str, str], sort_by: list[str]) -> pd.DataFrame:
    """Fixed column order and dtypes, rows sorted by ``sort_by``, a fresh index."""
    frame = frame[list(dtypes)].astype(dtypes)
    if sort_by:
        frame = frame.sort_values(sort_by, kind="stable")
    return frame.reset_index(drop=True)
