"""Reassurance urges: how strong, how often resisted, how long delayed, and where they lead.

Rules (all functions take an ``entries_frame``):
- an urge is an entry with an ``urge`` (``urge_intensity`` present); it is
  resisted when ``urge_acted`` is false, acted on when true;
- resistance is counted over urges at or above a threshold (``URGE_THRESHOLD``
  by default) so that easy, weak urges do not flatter the share;
- delays are the minutes a resisted urge was put off, where the client
  recorded them; a resisted urge without a delay is left out of delay figures;
- weeks are ISO weeks in the client's local time (see ``frames``);
- outputs use vocabulary keys, never labels; rows are sorted by their key
  columns; an empty input gives an empty frame with the same columns and
  dtypes, and plain-number results say "no data" with None, never NaN.
"""

from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd

from securebase.analytics.triggers import trigger_rows

#: Urges of 5 or more out of 10 are strong enough that resisting one is real practice.
URGE_THRESHOLD = 5
#: A change in the weekly share of strong urges resisted worth calling a trend.
URGE_RESISTANCE_MIN_EFFECT = 0.15
NO_BEHAVIOUR = "none"
ACTED, RESISTED = "acted", "resisted"

SERIES_DTYPES = {
    "local_time": "datetime64[us]", "week": "object", "urge_intensity": "Int64",
    "urge_acted": "bool", "delay_minutes": "Int64",
}  # fmt: skip
RESISTANCE_DTYPES = {"week": "object", "urges": "int64", "resisted": "int64",
                     "share_resisted": "float64"}  # fmt: skip
DELAY_DTYPES = {"week": "object", "n": "int64", "median_minutes": "float64",
                "mean_minutes": "float64"}  # fmt: skip
FLOW_DTYPES = {"trigger": "str", "outcome": "str", "behaviour": "str", "count": "int64"}


class Share(NamedTuple):
    """Resisted urges out of all urges at or above the threshold; share None when none."""

    resisted: int
    total: int
    share: float | None


class DelaySummary(NamedTuple):
    """Resisted urges with a recorded delay, and their median and mean minutes."""

    n: int
    median: float | None
    mean: float | None


def urge_entries(entries: pd.DataFrame, threshold: int = 0) -> pd.DataFrame:
    """The entries with an urge of at least ``threshold`` (0 = every urge)."""
    return entries[entries["urge_intensity"].ge(threshold).fillna(False).astype(bool)]


def _resisted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame["urge_acted"].astype(bool)]


def urge_series(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns local_time, week, urge_intensity, urge_acted, delay_minutes; one row per urge."""
    frame = urge_entries(entries)[list(SERIES_DTYPES)].astype(SERIES_DTYPES)
    return frame.sort_values("local_time", kind="stable").reset_index(drop=True)


def urge_resistance_by_week(entries: pd.DataFrame, threshold: int = URGE_THRESHOLD) -> pd.DataFrame:
    """Columns week, urges, resisted, share_resisted, for every week that has an entry.

    ``urges`` counts urges at or above ``threshold``; a week with none of
    them has 0 and 0 and a share of NaN (not 0: nothing was there to resist).
    """
    # Counted in plain Python over three arrays (a window is small: pandas' fixed cost per
    # step would be most of the time); the same rules as ``urge_entries`` and ``_resisted``.
    weeks = entries["week"].to_numpy(dtype=object)
    strong = entries["urge_intensity"].to_numpy("float64", na_value=np.nan) >= threshold
    acted = entries["urge_acted"].to_numpy(dtype=object)[strong]
    urges = Counter(weeks[strong].tolist())
    resisted = Counter(w for w, a in zip(weeks[strong].tolist(), acted, strict=True) if not a)
    order = sorted(set(weeks.tolist()))
    counts = np.array([urges[w] for w in order], dtype="int64")
    kept = np.array([resisted[w] for w in order], dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(counts > 0, kept / np.where(counts > 0, counts, 1), np.nan)
    return pd.DataFrame(
        {
            "week": np.array(order, dtype=object),
            "urges": counts,
            "resisted": kept,
            "share_resisted": share.astype("float64"),
        }
    )


def resisted_share(entries: pd.DataFrame, threshold: int = URGE_THRESHOLD) -> Share:
    """(resisted, total, share) over urges at or above ``threshold``; share None when total 0."""
    strong = urge_entries(entries, threshold)
    resisted, total = len(_resisted(strong)), len(strong)
    return Share(resisted, total, resisted / total if total else None)


def _delays(entries: pd.DataFrame) -> pd.DataFrame:
    resisted = _resisted(urge_entries(entries))
    return resisted[resisted["delay_minutes"].notna()].astype({"delay_minutes": "float64"})


def resisted_delay_minutes(entries: pd.DataFrame) -> DelaySummary:
    """How long resisted urges were put off: n, median and mean minutes (None when n is 0)."""
    delays = _delays(entries)["delay_minutes"]
    if delays.empty:
        return DelaySummary(0, None, None)
    return DelaySummary(len(delays), float(delays.median()), float(delays.mean()))


def resisted_delay_by_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns week, n, median_minutes, mean_minutes: weeks with at least one recorded delay."""
    grouped = _delays(entries).groupby("week")["delay_minutes"]
    frame = grouped.agg(n="size", median_minutes="median", mean_minutes="mean").reset_index()
    frame = frame[list(DELAY_DTYPES)].astype(DELAY_DTYPES)
    return frame.sort_values("week", kind="stable").reset_index(drop=True)


def urge_flow(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns trigger, outcome ("acted"/"resisted"), behaviour, count: a Sankey's links.

    Every urge (any intensity) flows from each of its triggers (``"none"``
    when it has none) to its outcome and on to each behaviour it named
    (``"none"`` when it named none). Counts are (trigger, behaviour) pairs:
    an urge with two triggers and two behaviours adds 1 to four rows.
    """
    rows = trigger_rows(urge_entries(entries), ["urge_acted", "behaviours"])
    rows = rows.assign(
        outcome=[ACTED if acted else RESISTED for acted in rows["urge_acted"]],
        behaviour=[tuple(keys) or (NO_BEHAVIOUR,) for keys in rows["behaviours"]],
    ).explode("behaviour")
    keys = ["trigger", "outcome", "behaviour"]
    frame = rows.groupby(keys).size().rename("count").reset_index()
    frame = frame[list(FLOW_DTYPES)].astype(FLOW_DTYPES)
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
