"""The one Period: its validation, its words and its windows (``securebase.period``)."""

from datetime import date

import pytest

from securebase import period as period_module
from securebase.errors import InvalidPeriod
from securebase.messages import CATALOGUE, describe
from securebase.period import DEFAULT_DAYS, TREND_WEEKS, Period, default_period, trend_window


def test_a_backwards_period_is_refused_with_a_stable_code():
    with pytest.raises(InvalidPeriod) as caught:
        Period(date(2026, 3, 2), date(2026, 3, 1))
    assert caught.value.code == "invalid_period"
    assert describe(caught.value).text == CATALOGUE["invalid_period"].text


def test_two_dates_picked_in_either_order_make_one_period():
    one, other = date(2026, 3, 9), date(2026, 3, 2)
    assert Period.ordered(one, other) == Period.ordered(other, one) == Period(other, one)


def test_days_before_and_contains():
    week = Period(date(2026, 3, 2), date(2026, 3, 8))
    assert week.days == 7
    assert week.before() == Period(date(2026, 2, 23), date(2026, 3, 1))
    assert week.contains(date(2026, 3, 8))
    assert not week.contains(date(2026, 3, 9))
    assert week.as_json() == {"start": "2026-03-02", "end": "2026-03-08"}


def test_the_default_period():
    today = date(2026, 3, 29)
    assert default_period(today, None).days == DEFAULT_DAYS
    assert default_period(today, date(2026, 3, 19)) == Period(date(2026, 3, 20), today)


def test_the_trend_window_is_eight_iso_weeks_or_the_period_when_longer():
    # Sun 29 Mar ends the ISO week of Mon 23 Mar; eight weeks back starts Mon 2 Feb.
    short = Period(date(2026, 3, 20), date(2026, 3, 29))
    assert trend_window(short) == Period(date(2026, 2, 2), short.end)
    assert TREND_WEEKS == 8
    # A 12-week period: from the Monday of its first day's week.
    long = Period(date(2026, 1, 7), date(2026, 3, 29))
    assert trend_window(long) == Period(date(2026, 1, 5), long.end)


def test_there_is_one_period_type():
    """The brief, the dashboard and the PDF use the core's class (no copies)."""
    from dashboard import period as dashboard_period
    from reports import batch, summary
    from securebase.analytics import brief

    for module in (brief, dashboard_period, batch, summary):
        assert module.Period is period_module.Period, module.__name__
