"""Weekly trends and paired changes, checked against arithmetic done by hand."""

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from securebase.analytics.trends import (
    FALLING,
    IMPROVING,
    NO_CLEAR_CHANGE,
    NOT_ENOUGH_DATA,
    RISING,
    T_975,
    WORSENING,
    Trend,
    direction,
    paired_change,
    t_critical_95,
    weekly_trend,
)

FIRST_MONDAY = date(2026, 3, 2)


def series(values, offsets=None) -> pd.DataFrame:
    """Columns week, value; ``offsets`` are week numbers from FIRST_MONDAY (default 0, 1, ...)."""
    offsets = range(len(values)) if offsets is None else offsets
    weeks = [FIRST_MONDAY + timedelta(weeks=k) for k in offsets]
    return pd.DataFrame({"week": weeks, "value": values})


def trend(slope, low, high, n=5) -> Trend:
    """A trend over ``n`` consecutive weeks, so its span is n - 1 weeks."""
    return Trend(slope, 1.0, low, high, n, "", span_weeks=n - 1)


# --- weekly_trend ---------------------------------------------------------------


def test_a_perfect_fit_has_zero_standard_error_and_a_zero_width_interval():
    # 10, 20, 30 lie on y = 10 + 10x: slope 10, every residual 0, so SE 0 and CI [10, 10].
    fitted = weekly_trend(series([10, 20, 30]), better="up", min_effect=20)
    assert fitted.slope_per_week == pytest.approx(10)
    assert fitted.standard_error == pytest.approx(0, abs=1e-12)
    assert (fitted.ci_low, fitted.ci_high) == (pytest.approx(10), pytest.approx(10))
    assert fitted.n_weeks == 3
    # |10| * a span of 2 weeks = 20 >= 20 and the interval excludes 0.
    assert fitted.direction == IMPROVING
    assert weekly_trend(series([10, 20, 30]), better="up", min_effect=20.01).direction == (
        NO_CLEAR_CHANGE
    )
    assert weekly_trend(series([10, 20, 30]), better="down").direction == WORSENING


def test_a_constant_series_has_no_clear_change():
    # Slope 0 with SE 0: the interval [0, 0] touches 0, so it does not exclude it.
    fitted = weekly_trend(series([5, 5, 5, 5]), better="up")
    assert (fitted.slope_per_week, fitted.ci_low, fitted.ci_high) == (0, 0, 0)
    assert fitted.direction == NO_CLEAR_CHANGE


def test_a_noisy_five_week_series_matches_the_hand_computation():
    # x = 0..4, y = 1, 3, 2, 5, 4; mean x 2, mean y 3.
    # Sxx = 4 + 1 + 0 + 1 + 4 = 10; Sxy = (-2)(-2) + (-1)(0) + 0(-1) + 1(2) + 2(1) = 8.
    # slope = 8 / 10 = 0.8; fitted 1.4, 2.2, 3.0, 3.8, 4.6; residuals -0.4, 0.8, -1, 1.2, -0.6.
    # SSE = 0.16 + 0.64 + 1 + 1.44 + 0.36 = 3.6; SE = sqrt(3.6 / 3 / 10) = sqrt(0.12) = 0.34641.
    # CI = 0.8 +/- t(3) 3.182 * 0.34641 = 0.8 +/- 1.10228 = [-0.30228, 1.90228]: contains 0.
    fitted = weekly_trend(series([1, 3, 2, 5, 4]), better="up")
    assert fitted.slope_per_week == pytest.approx(0.8)
    assert fitted.standard_error == pytest.approx(math.sqrt(0.12))
    assert fitted.ci_low == pytest.approx(-0.30228, abs=1e-5)
    assert fitted.ci_high == pytest.approx(1.90228, abs=1e-5)
    assert fitted.direction == NO_CLEAR_CHANGE


def test_a_clear_noisy_rise_and_the_minimum_effect():
    # y = 2, 4, 5, 8, 10 on x = 0..4: mean y 5.8; Sxy = 7.6 + 1.8 + 0 + 2.2 + 8.4 = 20,
    # slope = 20 / 10 = 2; fitted 1.8, 3.8, 5.8, 7.8, 9.8; residuals .2, .2, -.8, .2, .2;
    # SSE = 0.8; SE = sqrt(0.8 / 3 / 10) = 0.163299; CI = 2 +/- 3.182 * 0.163299
    # = 2 +/- 0.519618 = [1.480382, 2.519618]. Effect |2| * a span of 4 weeks = 8.
    values = series([2, 4, 5, 8, 10])
    fitted = weekly_trend(values)
    assert fitted.slope_per_week == pytest.approx(2)
    assert fitted.standard_error == pytest.approx(0.163299, abs=1e-6)
    assert (fitted.ci_low, fitted.ci_high) == (
        pytest.approx(1.480382, abs=1e-6),
        pytest.approx(2.519618, abs=1e-6),
    )
    assert fitted.direction == RISING  # no ``better``: neutral words
    assert weekly_trend(values, better="up", min_effect=8).direction == IMPROVING
    assert weekly_trend(values, better="up", min_effect=8.01).direction == NO_CLEAR_CHANGE
    assert weekly_trend(values, better="down", min_effect=8).direction == WORSENING


def test_the_intercept_is_the_fitted_value_at_the_first_week():
    # The noisy series above: intercept = mean y - slope * mean x = 3 - 0.8 * 2 = 1.4,
    # the first fitted value; the line is 1.4 + 0.8k at week k (4.6 at week 4).
    fitted = weekly_trend(series([1, 3, 2, 5, 4]))
    assert fitted.intercept == pytest.approx(1.4)
    assert fitted.first_week == FIRST_MONDAY
    assert fitted.intercept + fitted.slope_per_week * 4 == pytest.approx(4.6)


def test_the_intercept_with_a_gap_counts_from_the_first_week_present():
    # Weeks 1, 2 and 4 after FIRST_MONDAY hold 5, 4, 1: x = 0, 1, 3; mean x 4/3, mean y 10/3.
    # Sxx = 16/9 + 1/9 + 25/9 = 14/3; Sxy = (-4/3)(5/3) + (-1/3)(2/3) + (5/3)(-7/3) = -19/3;
    # slope = -19/14; intercept = 10/3 + (19/14)(4/3) = 216/42 = 36/7.
    fitted = weekly_trend(series([5, 4, 1], offsets=[1, 2, 4]))
    assert fitted.slope_per_week == pytest.approx(-19 / 14)
    assert fitted.intercept == pytest.approx(36 / 7)
    assert fitted.first_week == FIRST_MONDAY + timedelta(weeks=1)


def test_missing_weeks_stay_absent_and_widen_the_x_axis():
    # Weeks 0, 1 and 3 (week 2 missing, week 4 without a value): y = x exactly, slope 1.
    # Had the weeks been taken as consecutive (x = 0, 1, 2) the slope would be 1.5.
    fitted = weekly_trend(series([0, 1, 3, None], offsets=[0, 1, 3, 4]))
    assert fitted.n_weeks == 3
    assert fitted.slope_per_week == pytest.approx(1)
    assert fitted.standard_error == pytest.approx(0, abs=1e-12)


def test_several_rows_for_one_week_are_averaged_first():
    # Week 0 holds 0 and 20 (mean 10), then 20, 30: the perfect line 10, 20, 30 again.
    fitted = weekly_trend(series([0, 20, 20, 30], offsets=[0, 0, 1, 2]))
    assert (fitted.n_weeks, fitted.slope_per_week) == (3, pytest.approx(10))


def test_nullable_integers_and_timestamps_are_accepted():
    frame = series(pd.array([10, 20, pd.NA, 30], dtype="Int64"))
    frame["week"] = pd.to_datetime(frame["week"])
    fitted = weekly_trend(frame)
    # Weeks 0, 1, 3 with 10, 20, 30: x mean 4/3, Sxx = 16/9 + 1/9 + 25/9 = 42/9,
    # Sxy = (-4/3)(-10) + (-1/3)(0) + (5/3)(10) = 90/3 = 30, slope = 30 / (42/9) = 45/7.
    assert fitted.n_weeks == 3
    assert fitted.slope_per_week == pytest.approx(45 / 7)


@pytest.mark.parametrize(
    ("values", "min_weeks"),
    [([], 3), ([7], 3), ([1, 2], 3), ([1, 2, 3], 4), ([1, 2], 2)],
)
def test_too_few_weeks_fit_nothing(values, min_weeks):
    # Two weeks never give an interval (n - 2 = 0 degrees of freedom), whatever min_weeks says.
    fitted = weekly_trend(series(values), min_weeks=min_weeks, better="up")
    span = max(len(values) - 1, 0)
    assert fitted == Trend(None, None, None, None, len(values), NOT_ENOUGH_DATA, span)


def test_an_empty_frame_with_the_right_columns_is_not_enough_data():
    empty = pd.DataFrame({"week": pd.Series([], dtype=object), "value": pd.Series([], dtype=float)})
    assert weekly_trend(empty).direction == NOT_ENOUGH_DATA


# --- direction ------------------------------------------------------------------


def test_direction_needs_an_interval():
    assert direction(Trend(None, None, None, None, 2, ""), "up", 0) == NOT_ENOUGH_DATA


def test_an_interval_touching_zero_does_not_exclude_it():
    assert direction(trend(2, 0.0, 4.0), "up", 1) == NO_CLEAR_CHANGE
    assert direction(trend(-2, -4.0, 0.0), "up", 1) == NO_CLEAR_CHANGE
    assert direction(trend(2, 1e-9, 4.0), "up", 1) == IMPROVING
    assert direction(trend(-2, -4.0, -1e-9), "up", 1) == WORSENING


def test_the_effect_over_the_period_must_reach_the_minimum():
    # slope 2 across 6 consecutive weeks: the line spans 5 weeks, a change of 10.
    assert direction(trend(2, 1, 3, n=6), "up", 10) == IMPROVING
    assert direction(trend(2, 1, 3, n=6), "up", 10.001) == NO_CLEAR_CHANGE
    assert direction(trend(-2, -3, -1, n=6), "down", 10) == IMPROVING
    assert direction(trend(-2, -3, -1, n=6), "down", 10.001) == NO_CLEAR_CHANGE


def test_a_gap_lengthens_the_span():
    # Weeks 0, 1 and 5: the line runs over 5 weeks although only 3 are present.
    fitted = weekly_trend(series([0, 2, 10], offsets=[0, 1, 5]), better="up")
    assert fitted.span_weeks == 5
    assert fitted.change_over_span == pytest.approx(fitted.slope_per_week * 5)


def test_better_sets_the_words():
    assert direction(trend(2, 1, 3), "down", 0) == WORSENING
    assert direction(trend(-2, -3, -1), "up", 0) == WORSENING
    assert direction(trend(2, 1, 3), None, 0) == RISING
    assert direction(trend(-2, -3, -1), None, 0) == FALLING
    with pytest.raises(ValueError, match="better"):
        direction(trend(2, 1, 3), "sideways", 0)


# --- t table --------------------------------------------------------------------


def test_t_critical_values_spot_checks():
    assert t_critical_95(1) == 12.706
    assert t_critical_95(10) == 2.228
    assert t_critical_95(30) == 2.042
    assert t_critical_95(31) == 1.96
    assert t_critical_95(500) == 1.96
    with pytest.raises(ValueError, match="degree"):
        t_critical_95(0)


def _t_cdf(t: float, df: int) -> float:
    """P(T <= t) for t > 0: 0.5 + the integral of the t density from 0 to t (trapezoid rule)."""
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    x = np.linspace(0.0, t, 200_001)
    density = np.exp(log_norm) * (1 + x * x / df) ** (-(df + 1) / 2)
    return 0.5 + float(np.sum((density[1:] + density[:-1]) / 2) * (x[1] - x[0]))


def test_the_whole_table_agrees_with_the_t_distribution():
    # Three decimals move the probability by at most density * 0.0005 < 1e-4.
    assert sorted(T_975) == list(range(1, 31))
    for df, value in T_975.items():
        assert _t_cdf(value, df) == pytest.approx(0.975, abs=1e-4), df


# --- paired_change --------------------------------------------------------------


def test_no_pairs_give_no_numbers():
    change = paired_change([], [])
    assert (change.n, change.mean_before, change.mean_drop, change.ci_low) == (0, None, None, None)


def test_one_pair_has_means_but_no_interval():
    change = paired_change([70], [40])
    assert (change.n, change.mean_before, change.mean_after, change.mean_drop) == (1, 70, 40, 30)
    assert (change.ci_low, change.ci_high) == (None, None)


def test_two_pairs_use_t_with_one_degree_of_freedom():
    # Drops 10 and 20: mean 15, sd = sqrt((25 + 25) / 1) = 7.0711, SE = 7.0711 / sqrt(2) = 5;
    # CI = 15 +/- 12.706 * 5 = 15 +/- 63.53.
    change = paired_change([50, 70], [40, 50])
    assert (change.n, change.mean_before, change.mean_after, change.mean_drop) == (2, 60, 45, 15)
    assert change.ci_low == pytest.approx(-48.53)
    assert change.ci_high == pytest.approx(78.53)


def test_five_pairs_and_incomplete_pairs_left_out():
    # Complete pairs: 80-60, 70-55, 60-50, 90-65, 50-40 -> drops 20, 15, 10, 25, 10, mean 16;
    # means before 70, after 54. Deviations 4, -1, -6, 9, -6: squares sum 170, var 170/4 = 42.5,
    # SE = sqrt(42.5 / 5) = sqrt(8.5) = 2.915476; CI = 16 +/- 2.776 * 2.915476 = 16 +/- 8.093361.
    before = pd.array([80, 70, 60, 90, 50, pd.NA, 40], dtype="Int64")
    after = pd.array([60, 55, 50, 65, 40, 30, pd.NA], dtype="Int64")
    change = paired_change(before, after)
    assert (change.n, change.mean_before, change.mean_after, change.mean_drop) == (5, 70, 54, 16)
    assert change.ci_low == pytest.approx(16 - 8.093361, abs=1e-6)
    assert change.ci_high == pytest.approx(16 + 8.093361, abs=1e-6)


def test_pairs_must_line_up():
    with pytest.raises(ValueError, match="as many"):
        paired_change([1, 2], [1])
