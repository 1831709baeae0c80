"""Self-soothing: which techniques the client used and how far distress dropped with them.

Rules (all functions take an ``entries_frame``):
- a *use* is an entry that lists the technique; a technique listed twice in
  one entry is one use, its minutes added up;
- the drop is ``distress_before - distress_after`` of that entry, over the
  uses that have both ratings (``n_rated``); it can be negative. An entry with
  two techniques counts its whole drop for both: the figures show what went
  with relief, not what caused it (a thought challenge in the same entry
  helps too);
- a technique is ranked only with at least ``min_n`` rated uses
  (``MIN_N_FOR_RANKING``); the others are listed with rank NA. Rank 1 is the
  largest mean drop; equal means share a rank (1, 1, 3);
- outputs use vocabulary keys, never labels; an empty input gives an empty
  frame with the same columns and dtypes.
"""

from typing import NamedTuple

import pandas as pd

#: Below three rated uses, one unusually good or bad evening decides the average.
MIN_N_FOR_RANKING = 3

EFFECTIVENESS_DTYPES = {
    "technique": "str", "uses": "int64", "n_rated": "int64", "mean_drop": "float64",
    "minutes_median": "float64", "ranked": "bool", "rank": "Int64",
}  # fmt: skip


class BestTechnique(NamedTuple):
    technique: str
    mean_drop: float
    n: int  # rated uses behind the mean


def technique_uses(entries: pd.DataFrame) -> pd.DataFrame:
    """Columns technique, minutes, drop: one row per (entry, technique); NaN when not recorded."""
    change = entries["distress_before"] - entries["distress_after"]  # NA unless both rated
    drops = change.astype("Float64").to_numpy(dtype="float64", na_value=float("nan"))
    rows = [
        (technique, minutes, drop)
        for soothing, drop in zip(entries["soothing"], drops.tolist(), strict=True)
        for technique, minutes in _minutes_by_technique(soothing).items()
    ]
    return pd.DataFrame(rows, columns=["technique", "minutes", "drop"]).astype(
        {"technique": "str", "minutes": "float64", "drop": "float64"}
    )


def _minutes_by_technique(soothing: tuple) -> dict[str, int | None]:
    """Minutes per technique in one entry, summed when listed twice; None if none recorded."""
    minutes: dict[str, int | None] = {}
    for technique, spent in soothing:
        so_far = minutes.get(technique)
        minutes[technique] = spent if so_far is None else so_far + (spent or 0)
    return minutes


def soothing_effectiveness(entries: pd.DataFrame, min_n: int = MIN_N_FOR_RANKING) -> pd.DataFrame:
    """Columns technique, uses, n_rated, mean_drop, minutes_median, ranked, rank.

    ``mean_drop`` is NaN without rated uses; ``minutes_median`` is over uses
    with minutes recorded. Rows: ranked techniques by rank (ties by more
    rated uses, then key), then the unranked ones by key.
    """
    grouped = technique_uses(entries).groupby("technique")
    table = grouped.agg(
        uses=("drop", "size"),
        n_rated=("drop", "count"),
        mean_drop=("drop", "mean"),
        minutes_median=("minutes", "median"),
    ).reset_index()
    table["ranked"] = table["n_rated"] >= min_n
    table["rank"] = table["mean_drop"].where(table["ranked"]).rank(method="min", ascending=False)
    table = table[list(EFFECTIVENESS_DTYPES)].astype(EFFECTIVENESS_DTYPES)
    order = ["ranked", "rank", "n_rated", "technique"]
    table = table.sort_values(order, ascending=[False, True, False, True], kind="stable")
    return table.reset_index(drop=True)


def best_technique(entries: pd.DataFrame, min_n: int = MIN_N_FOR_RANKING) -> BestTechnique | None:
    """The first-ranked technique, or None when none is ranked or none lowered distress.

    A tie for rank 1 goes to the technique with more rated uses, then the
    earlier key, as in ``soothing_effectiveness``.
    """
    table = soothing_effectiveness(entries, min_n)
    if table.empty or not table.at[0, "ranked"] or not table.at[0, "mean_drop"] > 0:
        return None
    top = table.iloc[0]
    return BestTechnique(str(top["technique"]), float(top["mean_drop"]), int(top["n_rated"]))
