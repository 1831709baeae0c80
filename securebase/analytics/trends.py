"""Weekly trends and paired before/after changes, with honest uncertainty.

Two small statistical tools the other analytics modules share:

``weekly_trend`` fits a straight line (ordinary least squares) to one number
per week. The x axis is the week index counted from the first week present
(0, 1, 2, ...); a week with no value is simply absent, so a gap widens the x
axis instead of pretending the weeks were consecutive. Rows with a missing
value are dropped; several rows for one week are averaged first.

- slope b = Sxy / Sxx, with Sxx = sum (x - mean x)^2, Sxy = sum (x - mean x)(y - mean y);
- intercept a = mean y - b * mean x: the fitted value at the first week (x = 0),
  so the line is a + b * k at week k (``first_week`` + k weeks);
- standard error SE = sqrt(SSE / (n - 2) / Sxx), SSE = sum of squared residuals;
- 95% interval b +/- t(0.975, n - 2) * SE (Student's t, table below).

A perfect fit (every point on the line) has SE 0 and an interval of width 0
around the slope; a constant series has slope 0 and interval [0, 0].
With fewer than ``min_weeks`` weeks (default 3; never fewer than 3, since two
points leave no degrees of freedom for the error) no line is fitted: slope,
intercept, first week, SE and interval are None.

``direction`` turns a trend into words, by this rule:

1. no fitted interval (fewer than ``min_weeks`` weeks) -> "not enough data";
2. the 95% interval excludes 0 (ci_low > 0 or ci_high < 0; an interval that
   touches 0 does not exclude it) AND |slope| * span_weeks >= min_effect (the
   change across the period is large enough to matter clinically) ->
   "improving" when the slope points the ``better`` way ("up" or "down"),
   else "worsening";
3. otherwise -> "no clear change".

Without ``better`` (None) the words are neutral: "rising" / "falling".

``paired_change`` summarises before/after ratings of the same moments (belief
before and after a challenge, distress before and after soothing): the mean
drop (before - after, so a positive drop is relief) with a 95% t interval,
mean +/- t(0.975, n - 1) * sd / sqrt(n), sd with n - 1 in the denominator.
Pairs with either side missing are left out; with fewer than 2 pairs the
interval is None (and with none, so are the means).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

IMPROVING = "improving"
WORSENING = "worsening"
NO_CLEAR_CHANGE = "no clear change"
NOT_ENOUGH_DATA = "not enough data"
RISING = "rising"
FALLING = "falling"

#: Two-sided 95% critical values of Student's t, t(0.975, df), for df 1..30,
#: to three decimals. Source: NIST/SEMATECH e-Handbook of Statistical Methods,
#: section 1.3.6.7.2, "Critical Values of the Student's t Distribution"
#: (column 0.975); checked in the tests against a numerical integral of the
#: t density. Beyond 30 degrees of freedom the normal value 1.96 is used
#: (slightly narrow: the exact value is 2.021 at df 40, 2.000 at df 60).
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
    16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
    23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
    30: 2.042,
}  # fmt: skip
Z_975 = 1.96


@dataclass(frozen=True)
class Trend:
    """A fitted weekly line; numbers are None when too few weeks were given."""

    slope_per_week: float | None
    standard_error: float | None
    ci_low: float | None
    ci_high: float | None
    n_weeks: int
    direction: str
    #: Weeks from the first to the last point (gaps included): the line's length.
    span_weeks: float = 0.0
    #: The fitted value at ``first_week`` (x = 0); the line is intercept + slope * k at week k.
    intercept: float | None = None
    #: Monday of the first week with a value (x = 0).
    first_week: date | None = None

    @property
    def change_over_span(self) -> float | None:
        """The fitted change from the first to the last week."""
        return None if self.slope_per_week is None else self.slope_per_week * self.span_weeks


@dataclass(frozen=True)
class PairedChange:
    """Mean before, after and drop (before - after) over complete pairs."""

    n: int
    mean_before: float | None
    mean_after: float | None
    mean_drop: float | None
    ci_low: float | None
    ci_high: float | None


def t_critical_95(df: int) -> float:
    """t(0.975, df) from ``T_975``; 1.96 beyond df 30."""
    if df < 1:
        raise ValueError("a t interval needs at least one degree of freedom")
    return T_975.get(df, Z_975)


def weekly_trend(
    series: pd.DataFrame,
    *,
    min_weeks: int = 3,
    better: str | None = None,
    min_effect: float = 0.0,
) -> Trend:
    """OLS line through ``series`` (columns week, value); see the module rules.

    ``better`` and ``min_effect`` only shape ``Trend.direction`` (see ``direction``).
    """
    first, x, y = _week_points(series)
    n = len(x)
    span = x[-1] - x[0] if x else 0.0
    if n < max(min_weeks, 3):
        return Trend(None, None, None, None, n, NOT_ENOUGH_DATA, span)
    slope, intercept, se = _ols_fit(x, y)
    half = t_critical_95(n - 2) * se
    fitted = Trend(
        slope, se, slope - half, slope + half, n, NOT_ENOUGH_DATA, span, intercept, first
    )
    return replace(fitted, direction=direction(fitted, better, min_effect))


def _week_points(series: pd.DataFrame) -> tuple[date | None, list[float], list[float]]:
    """(first week, x in weeks from it, weekly mean values); (None, [], []) when empty."""
    points = _distinct_week_points(series)
    if points is not None:
        return points
    values = pd.to_numeric(series["value"], errors="coerce").astype("float64")
    frame = pd.DataFrame({"week": pd.to_datetime(series["week"]), "value": values}).dropna()
    means = frame.groupby("week")["value"].mean().sort_index()
    if means.empty:
        return None, [], []
    days = (means.index - means.index[0]).days
    return means.index[0].date(), [d / 7 for d in days], [float(v) for v in means]


def _distinct_week_points(series: pd.DataFrame) -> tuple[date | None, list, list] | None:
    """``_week_points`` without pandas for the usual input (float values, one row per week
    as a ``date``): each week's mean is then its one value. None for any other input."""
    if series["value"].dtype != "float64" or series["week"].dtype != object:
        return None
    weeks, values = series["week"].tolist(), series["value"].tolist()
    if any(type(w) is not date for w in weeks) or len(set(weeks)) != len(weeks):
        return None
    points = sorted((w, v) for w, v in zip(weeks, values, strict=True) if not math.isnan(v))
    if not points:
        return None, [], []
    first = points[0][0]
    return first, [(w - first).days / 7 for w, _ in points], [v for _, v in points]


def _ols_fit(x: list[float], y: list[float]) -> tuple[float, float, float]:
    """(slope, intercept at x = 0, standard error of the slope)."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sxx
    sse = sum((b - my - slope * (a - mx)) ** 2 for a, b in zip(x, y, strict=True))
    return slope, my - slope * mx, math.sqrt(sse / (n - 2) / sxx)


def direction(trend: Trend, better: str | None, min_effect: float = 0.0) -> str:
    """The module's direction rule, in words.

    Fewer than ``min_weeks`` weeks (no interval) -> "not enough data"; the 95%
    interval excludes 0 and |slope| * span_weeks >= ``min_effect`` -> "improving"
    or "worsening" by the slope's sign and ``better`` ("up" / "down"; None
    gives "rising" / "falling"); otherwise "no clear change".
    """
    if better not in ("up", "down", None):
        raise ValueError(f"better must be 'up', 'down' or None, not {better!r}")
    if trend.slope_per_week is None or trend.ci_low is None or trend.ci_high is None:
        return NOT_ENOUGH_DATA
    excludes_zero = trend.ci_low > 0 or trend.ci_high < 0
    if not excludes_zero or abs(trend.change_over_span) < min_effect:
        return NO_CLEAR_CHANGE
    rising = trend.slope_per_week > 0
    if better is None:
        return RISING if rising else FALLING
    return IMPROVING if rising == (better == "up") else WORSENING


def paired_change(before: Iterable, after: Iterable) -> PairedChange:
    """Mean drop (before - after) with a 95% t interval; see the module rules."""
    before, after = list(before), list(after)
    if len(before) != len(after):
        raise ValueError("paired ratings need as many 'after' values as 'before' values")
    pairs = pd.DataFrame({"before": _numbers(before), "after": _numbers(after)}).dropna()
    n = len(pairs)
    if n == 0:
        return PairedChange(0, None, None, None, None, None)
    drops = pairs["before"] - pairs["after"]
    mean_drop = float(drops.mean())
    low = high = None
    if n >= 2:
        half = t_critical_95(n - 1) * float(drops.std(ddof=1)) / math.sqrt(n)
        low, high = mean_drop - half, mean_drop + half
    return PairedChange(
        n, float(pairs["before"].mean()), float(pairs["after"].mean()), mean_drop, low, high
    )


def _numbers(values: list) -> pd.Series:
    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype("float64")
