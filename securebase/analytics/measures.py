"""Questionnaire scores over time: bands, reliable change and clinical significance.

Reliable change follows Jacobson & Truax (1991): SE = SD * sqrt(1 - r),
S_diff = sqrt(2) * SE, RC = (post - pre) / S_diff; a change is reliable when
|RC| > 1.96, i.e. when |post - pre| exceeds ``threshold_points`` = 1.96 * S_diff.
Which direction is improvement comes from the measure (``lower_is_better``).

Clinical significance uses the cutoff c = (SD_dys * M_func + SD_func * M_dys)
/ (SD_dys + SD_func) when the measure has norms: *recovered* = a reliable
improvement that crossed c (pre on the dysfunctional side, post on the
functional side; a score exactly at c has not crossed); *improved* = a
reliable improvement only; *unchanged* = no reliable change; *deteriorated* =
a reliable worsening. Without norms the clinical category is ``None`` and the
result says "no norms: clinical significance not assessed"; without an SD or
reliability, reliable change is likewise ``None`` with its own note. Nothing
is ever estimated to fill a gap.

Baseline is the measure's first check-in; every later score is compared to it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from securebase.analytics.outcomes import STALE_DAYS, measure_outcome
from securebase.measures import MEASURES, MeasureSpec, rci_constants, thresholds

RELIABLE_Z = 1.96
NO_NORMS = "no norms: clinical significance not assessed"
NO_RCI_CONSTANTS = "no SD or reliability: reliable change not assessed"
HISTORY_COLUMNS = [
    "completed_at", "local_date", "total", "band", "rci_from_baseline", "reliable_change",
    "clinical",
]  # fmt: skip


@dataclass(frozen=True)
class Score:
    total: int
    band: str | None
    subscales: dict[str, float]
    item_scores: tuple[int, ...]


@dataclass(frozen=True)
class RCI:
    """Reliable change from ``pre`` to ``post``; ``None`` fields were not assessable."""

    s_diff: float | None
    rci: float | None
    threshold_points: float | None
    category: str | None  # "improved" | "deteriorated" | "no reliable change"
    clinical: str | None = None  # "recovered" | "improved" | "unchanged" | "deteriorated"
    cutoff: float | None = None
    notes: tuple[str, ...] = ()


def spec_for(measure: str | MeasureSpec) -> MeasureSpec:
    """The registry's spec for a key, or the spec itself."""
    return measure if isinstance(measure, MeasureSpec) else MEASURES[measure]


def score(spec: MeasureSpec, answers: Sequence[int]) -> Score:
    """Keyed item scores, total, band and subscales; ValueError on invalid answers."""
    answers = list(answers)
    spec.check_answers(answers)
    keyed = spec.keyed(answers)
    total = sum(keyed)
    subscales = {}
    for sub in spec.subscales:
        values = [keyed[n - 1] for n in sub.items]
        subscales[sub.key] = sum(values) / len(values) if sub.method == "mean" else sum(values)
    band = spec.band(total).label if spec.bands else None
    return Score(total=total, band=band, subscales=subscales, item_scores=tuple(keyed))


def reliable_change(spec: MeasureSpec, pre: float, post: float) -> RCI:
    """Jacobson & Truax reliable change and clinical significance from ``pre`` to ``post``."""
    constants = rci_constants(spec)
    if constants is None:
        notes = (NO_RCI_CONSTANTS,) if spec.norms else (NO_RCI_CONSTANTS, NO_NORMS)
        return RCI(None, None, None, None, notes=notes)
    s_diff, threshold = constants
    rci = (post - pre) / s_diff
    better = -rci if spec.lower_is_better else rci
    if abs(rci) <= RELIABLE_Z:
        category = "no reliable change"
    else:
        category = "improved" if better > 0 else "deteriorated"
    if spec.norms is None:
        return RCI(s_diff, rci, threshold, category, notes=(NO_NORMS,))
    cutoff = spec.norms.cutoff
    clinical = _clinical(category, _crossed(spec, pre, post, cutoff))
    return RCI(s_diff, rci, threshold, category, clinical, cutoff)


def _crossed(spec: MeasureSpec, pre: float, post: float, cutoff: float) -> bool:
    """Pre on the dysfunctional side of c and post strictly on the functional side."""
    if spec.lower_is_better:
        return pre >= cutoff > post
    return pre <= cutoff < post


def _clinical(category: str, crossed: bool) -> str:
    if category == "improved":
        return "recovered" if crossed else "improved"
    return "deteriorated" if category == "deteriorated" else "unchanged"


def _rows(checkins: pd.DataFrame, spec: MeasureSpec) -> pd.DataFrame:
    rows = checkins[checkins["measure"] == str(spec.key)]
    return rows.sort_values("completed_at", kind="stable")


def measure_history(checkins: pd.DataFrame, measure: str | MeasureSpec) -> pd.DataFrame:
    """One row per check-in of ``measure``, oldest first, each compared with the first.

    Columns: HISTORY_COLUMNS. ``rci_from_baseline``, ``reliable_change`` and
    ``clinical`` are None where the measure lacks the constants; the reasons
    are in ``frame.attrs["notes"]``.
    """
    spec = spec_for(measure)
    rows = _rows(checkins, spec)
    scores = [score(spec, answers) for answers in rows["answers"]]
    records = []
    for completed_at, local_date, now in zip(
        rows["completed_at"], rows["local_date"], scores, strict=True
    ):
        change = reliable_change(spec, scores[0].total, now.total)
        records.append(
            {
                "completed_at": completed_at,
                "local_date": local_date,
                "total": now.total,
                "band": now.band,
                "rci_from_baseline": change.rci,
                "reliable_change": change.category,
                "clinical": change.clinical,
            }
        )
    frame = pd.DataFrame(records, columns=HISTORY_COLUMNS)
    frame.attrs["notes"] = list(reliable_change(spec, 0, 0).notes)
    return frame


def latest_measure(
    checkins: pd.DataFrame, measure: str | MeasureSpec, as_of: date | None = None
) -> dict | None:
    """The latest score of ``measure`` and its change since baseline, for the session brief.

    None when the client has no check-in of that measure. ``notes`` says what
    could not be assessed (missing SD, reliability or norms). ``outcome``: the
    NHS Talking Therapies paired metrics (``outcomes``), None where the measure
    has no thresholds; ``thresholds``: every threshold applied, with its source.
    With ``as_of``, ``days_old`` and ``stale`` (older than ``STALE_DAYS``) say
    whether the latest score may still describe the client.
    """
    spec = spec_for(measure)
    rows = _rows(checkins, spec)
    if rows.empty:
        return None
    first = score(spec, rows["answers"].iloc[0])
    last_answers = rows["answers"].iloc[-1]
    last = score(spec, last_answers)
    change = reliable_change(spec, first.total, last.total)
    outcome = measure_outcome(spec, first.total, last.total)
    local_date = rows["local_date"].iloc[-1]
    days_old = (as_of - local_date).days if as_of is not None else None
    return {
        "measure": str(spec.key),
        "title": spec.title,
        "count": len(rows),
        "completed_at": rows["completed_at"].iloc[-1],
        "local_date": rows["local_date"].iloc[-1],
        "total": last.total,
        "total_max": spec.total_max,
        "band": last.band,
        "baseline_date": rows["local_date"].iloc[0],
        "baseline_total": first.total,
        "change": last.total - first.total,
        "rci": change.rci,
        "threshold_points": change.threshold_points,
        "reliable_change": change.category,
        "clinical": change.clinical,
        "risk_items_endorsed": [n for n in spec.risk_items if last_answers[n - 1] > spec.item_min],
        "notes": list(change.notes),
        "cutoff": change.cutoff,
        "outcome": outcome.as_json() if outcome else None,
        "outcome_words": outcome.words if outcome else None,
        "thresholds": thresholds(spec),
        "checkin_id": rows["id"].iloc[-1],
        "days_old": days_old,
        "stale": days_old is not None and days_old > STALE_DAYS,
    }
