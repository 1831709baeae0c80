"""``clienttools.when``: times as people write them, read relative to a fixed "now"."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clienttools.when import AmbiguousDate, WhenProblem, parse_day, parse_when

# Thursday 3 December 2026, 10:15, in this computer's time zone.
NOW = datetime(2026, 12, 3, 10, 15).astimezone()


def at(*parts: int) -> datetime:
    return datetime(*parts).astimezone()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clock time alone: the latest such moment (today, else yesterday)
        ("09:30", at(2026, 12, 3, 9, 30)),
        ("21:30", at(2026, 12, 2, 21, 30)),
        ("9pm", at(2026, 12, 2, 21, 0)),
        ("6pm", at(2026, 12, 2, 18, 0)),
        ("9am", at(2026, 12, 3, 9, 0)),
        ("9:45 am", at(2026, 12, 3, 9, 45)),
        ("9.30", at(2026, 12, 3, 9, 30)),
        ("7.15pm", at(2026, 12, 2, 19, 15)),
        ("9 p.m.", at(2026, 12, 2, 21, 0)),
        ("12am", at(2026, 12, 3, 0, 0)),
        ("12pm", at(2026, 12, 2, 12, 0)),
        ("noon", at(2026, 12, 2, 12, 0)),
        ("midnight", at(2026, 12, 3, 0, 0)),
        ("at 21h30", at(2026, 12, 2, 21, 30)),
        # days, and days with times
        ("now", NOW),
        ("", NOW),
        ("today", NOW),  # noon is still to come: now
        ("yesterday", at(2026, 12, 2, 12, 0)),
        ("Yesterday 21:30", at(2026, 12, 2, 21, 30)),
        ("yesterday at 9pm", at(2026, 12, 2, 21, 0)),
        ("9pm yesterday", at(2026, 12, 2, 21, 0)),
        ("day before yesterday", at(2026, 12, 1, 12, 0)),
        ("today 08:00", at(2026, 12, 3, 8, 0)),
        # parts of the day
        ("this morning", at(2026, 12, 3, 8, 0)),
        ("yesterday evening", at(2026, 12, 2, 19, 0)),
        ("yesterday afternoon", at(2026, 12, 2, 15, 0)),
        ("last night", at(2026, 12, 2, 22, 0)),
        ("Mon evening", at(2026, 11, 30, 19, 0)),
        # weekdays: the latest such day that is not in the future
        ("Mon 9pm", at(2026, 11, 30, 21, 0)),
        ("monday at 21:30", at(2026, 11, 30, 21, 30)),
        ("Tues 8am", at(2026, 12, 1, 8, 0)),
        ("thu 9am", at(2026, 12, 3, 9, 0)),  # today, already past
        ("thursday 9pm", at(2026, 11, 26, 21, 0)),  # today's is still to come: last week
        ("last thursday", at(2026, 11, 26, 12, 0)),
        ("Sunday", at(2026, 11, 29, 12, 0)),
        # ISO 8601
        ("2026-11-20", at(2026, 11, 20, 12, 0)),
        ("2026-11-20 08:15", at(2026, 11, 20, 8, 15)),
        ("2026-11-20T08:15:30", at(2026, 11, 20, 8, 15, 30)),
        ("2026-11-20T08:15+01:00", datetime.fromisoformat("2026-11-20T08:15+01:00")),
        ("2026-11-20T07:15Z", datetime.fromisoformat("2026-11-20T07:15+00:00")),
        # dates with month names, day first or month first, with or without a year
        ("12 March", at(2026, 3, 12, 12, 0)),
        ("12th of March 9pm", at(2026, 3, 12, 21, 0)),
        ("March 12 2025", at(2025, 3, 12, 12, 0)),
        ("Dec 25", at(2025, 12, 25, 12, 0)),  # this year's is still to come
        ("25 december 2025 18:00", at(2025, 12, 25, 18, 0)),
        # numbers that can only be read one way
        ("13/11/2026", at(2026, 11, 13, 12, 0)),
        ("11/13/2026 07:30", at(2026, 11, 13, 7, 30)),
        ("3/3/26", at(2026, 3, 3, 12, 0)),
        # relative
        ("2 hours ago", NOW - timedelta(hours=2)),
        ("an hour ago", NOW - timedelta(hours=1)),
        ("half an hour ago", NOW - timedelta(minutes=30)),
        ("about 20 minutes ago", NOW - timedelta(minutes=20)),
        ("45 mins ago", NOW - timedelta(minutes=45)),
    ],
)
def test_times_people_write(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("03/12/2026 07:30", True, at(2026, 12, 3, 7, 30)),
        ("03/12/2026 07:30", False, at(2026, 3, 12, 7, 30)),
        ("03.12.2026", True, at(2026, 12, 3, 10, 15)),  # today, noon still to come: now
        ("3/12", False, at(2026, 3, 12, 12, 0)),
        ("05/06/26 9pm", True, at(2026, 6, 5, 21, 0)),
        ("05/06/26 9pm", False, at(2026, 5, 6, 21, 0)),
        ("07/07/2026", None, at(2026, 7, 7, 12, 0)),  # the same either way: no need to ask
    ],
)
def test_the_client_date_order_settles_numbers(text, day_first, expected):
    assert parse_when(text, NOW, day_first=day_first) == expected


def test_an_ambiguous_date_offers_both_readings():
    with pytest.raises(AmbiguousDate) as both:
        parse_when("03/12/2026 07:30", NOW)
    assert (both.value.day_first, both.value.month_first) == (date(2026, 12, 3), date(2026, 3, 12))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("banana", "unreadable"),
        ("next tuesday", "unreadable"),
        ("soon", "unreadable"),
        ("31/02/2026", "no_such_date"),
        ("2026-02-30", "no_such_date"),
        ("30 February", "no_such_date"),
        ("25:00", "no_such_time"),
        ("13pm", "no_such_time"),
        ("9:75", "no_such_time"),
        ("yesterday banana", "unreadable"),
        ("99999999999 hours ago", "unreadable"),
        ("99999999 hours ago", "unreadable"),
        ("1/1/0001 1am", "no_such_date"),
        ("0001-01-01", "no_such_date"),
    ],
)
def test_what_cannot_be_read_says_why_without_the_text(text, kind):
    with pytest.raises(WhenProblem) as problem:
        parse_when(text, NOW)
    assert problem.value.kind == kind
    assert text not in str(problem.value)


def test_a_time_to_come_is_returned_for_the_caller_to_refuse():
    # The parser reads it; whether the future is allowed is the caller's rule.
    assert parse_when("tonight", NOW) == at(2026, 12, 3, 21, 0)
    assert parse_when("tomorrow 9am", NOW) == at(2026, 12, 4, 9, 0)
    assert parse_when("today 23:00", NOW) > NOW
    assert parse_when("2099-01-01 10:00", NOW) > NOW


def test_times_without_an_offset_use_this_computers_zone():
    moment = parse_when("2026-11-20 08:15", NOW)
    assert moment.utcoffset() == at(2026, 11, 20, 8, 15).utcoffset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("yesterday", date(2026, 12, 2)),
        ("Mon", date(2026, 11, 30)),
        ("12 March", date(2026, 3, 12)),
        ("13/11/2026", date(2026, 11, 13)),
    ],
)
def test_days_for_since_and_until(text, expected):
    assert parse_day(text, NOW) == expected


@pytest.mark.parametrize("text", ["yesterday 9pm", "this morning", "banana", "2026-13-01"])
def test_a_day_option_refuses_times_and_nonsense(text):
    with pytest.raises(WhenProblem):
        parse_day(text, NOW)


@settings(max_examples=400, deadline=None)
@given(
    st.text(max_size=40) | st.from_regex(r"[0-9 :/.\-apmyesterdaymonthurs]{1,25}", fullmatch=True)
)
def test_any_text_is_read_or_refused_never_raised_otherwise(text):
    for day_first in (None, True, False):
        try:
            moment = parse_when(text, NOW, day_first=day_first)
        except WhenProblem:
            continue
        assert moment.tzinfo is not None
