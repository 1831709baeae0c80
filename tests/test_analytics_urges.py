"""Urge analytics on hand-computed fixtures, and one look at the demo data.

Monday 2026-03-02 starts ISO week 10, Monday 2026-03-09 week 11; Europe's
clocks went forward on Sunday 2026-03-29 (week of Monday 2026-03-23).
"""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from securebase.analytics.frames import entries_frame
from securebase.analytics.urges import (
    DELAY_DTYPES,
    FLOW_DTYPES,
    RESISTANCE_DTYPES,
    SERIES_DTYPES,
    URGE_THRESHOLD,
    DelaySummary,
    Share,
    resisted_delay_by_week,
    resisted_delay_minutes,
    resisted_share,
    urge_flow,
    urge_resistance_by_week,
    urge_series,
)
from tests.analytics_builders import entry, tombstone
from tests.demo_frames import demo_client_frames, demo_week_monday, merge_by_revision

WEEK_10, WEEK_11 = date(2026, 3, 2), date(2026, 3, 9)
NAN = float("nan")


def frame(*items):
    return entries_frame(items)


def urge(intensity=6, *, acted=False, behaviours=(), delay=None):
    return {
        "intensity": intensity,
        "acted": acted,
        "behaviours": list(behaviours),
        "delay_minutes": delay,
    }


def resistance(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(RESISTANCE_DTYPES)).astype(RESISTANCE_DTYPES)


def empty(dtypes: dict) -> pd.DataFrame:
    return pd.DataFrame(columns=list(dtypes)).astype(dtypes)


# --- empty input and a single entry ---------------------------------------------


def test_empty_input():
    entries = frame()
    assert_frame_equal(urge_series(entries), empty(SERIES_DTYPES))
    assert_frame_equal(urge_resistance_by_week(entries), empty(RESISTANCE_DTYPES))
    assert_frame_equal(resisted_delay_by_week(entries), empty(DELAY_DTYPES))
    assert_frame_equal(urge_flow(entries), empty(FLOW_DTYPES))
    assert resisted_share(entries) == Share(0, 0, None)
    assert resisted_delay_minutes(entries) == DelaySummary(0, None, None)


def test_entries_without_urges_give_empty_results_but_weeks_remain():
    entries = frame(entry("2026-03-04T21:30:00+01:00", triggers=["conflict"]))
    assert urge_series(entries).empty
    assert urge_flow(entries).empty
    assert_frame_equal(urge_resistance_by_week(entries), resistance([(WEEK_10, 0, 0, NAN)]))
    assert resisted_share(entries) == Share(0, 0, None)


def test_single_resisted_urge():
    entries = frame(
        entry(
            "2026-03-04T21:30:00+01:00",
            triggers=["delayed_reply"],
            urge=urge(7, behaviours=["calling"], delay=20),
        )
    )
    expected_series = pd.DataFrame(
        {
            "local_time": [datetime(2026, 3, 4, 21, 30)],
            "week": [WEEK_10],
            "urge_intensity": [7],
            "urge_acted": [False],
            "delay_minutes": [20],
        }
    ).astype(SERIES_DTYPES)
    assert_frame_equal(urge_series(entries), expected_series)
    assert_frame_equal(urge_resistance_by_week(entries), resistance([(WEEK_10, 1, 1, 1.0)]))
    assert resisted_share(entries) == Share(1, 1, 1.0)
    assert resisted_delay_minutes(entries) == DelaySummary(1, 20.0, 20.0)
    assert resisted_delay_by_week(entries).values.tolist() == [[WEEK_10, 1, 20.0, 20.0]]
    assert urge_flow(entries).values.tolist() == [["delayed_reply", "resisted", "calling", 1]]


# --- the series -----------------------------------------------------------------


def test_urge_series_keeps_urges_only_in_local_time_order_across_dst():
    # 03:30+02:00 is written first but 01:30+01:00 happened first; both are
    # Sunday 2026-03-29 in the week of Monday 03-23, at 01:30 and 03:30 local.
    entries = frame(
        entry("2026-03-29T03:30:00+02:00", urge=urge(4, acted=True)),
        entry("2026-03-29T02:45:00+02:00"),  # no urge
        entry("2026-03-29T01:30:00+01:00", urge=urge(8, delay=15)),
    )
    result = urge_series(entries)
    assert result["local_time"].tolist() == [
        pd.Timestamp("2026-03-29 01:30"),
        pd.Timestamp("2026-03-29 03:30"),
    ]
    assert result["week"].tolist() == [date(2026, 3, 23)] * 2
    assert result["urge_intensity"].tolist() == [8, 4]
    assert result["urge_acted"].tolist() == [False, True]
    assert result["delay_minutes"].tolist() == [15, pd.NA]


def test_urge_series_same_instant_in_two_time_zones():
    # 2026-03-08 14:30 UTC: Monday 00:30 in +10:00 (week 11), Sunday 09:30 in -05:00 (week 10).
    entries = frame(
        entry("2026-03-09T00:30:00+10:00", urge=urge(6)),
        entry("2026-03-08T09:30:00-05:00", urge=urge(6)),
    )
    result = urge_series(entries)
    assert result["local_time"].tolist() == [
        pd.Timestamp("2026-03-08 09:30"),
        pd.Timestamp("2026-03-09 00:30"),
    ]
    assert result["week"].tolist() == [WEEK_10, WEEK_11]


# --- resistance and the threshold -----------------------------------------------


def _threshold_fixture():
    return frame(
        entry("2026-03-02T20:00:00+01:00", urge=urge(4)),  # resisted, below 5
        entry("2026-03-03T20:00:00+01:00", urge=urge(5, acted=True)),
        entry("2026-03-04T20:00:00+01:00", urge=urge(5)),  # resisted
        entry("2026-03-05T20:00:00+01:00", urge=urge(10)),  # resisted
    )


def test_threshold_constant():
    assert URGE_THRESHOLD == 5


def test_resistance_threshold_boundary_four_versus_five():
    entries = _threshold_fixture()
    # threshold 5: urges 5, 5, 10 -> 3, resisted 2 -> 2/3
    assert resisted_share(entries) == Share(2, 3, pytest.approx(2 / 3))
    assert_frame_equal(urge_resistance_by_week(entries), resistance([(WEEK_10, 3, 2, 2 / 3)]))
    # threshold 4: the 4 joins -> 4 urges, 3 resisted -> 0.75
    assert resisted_share(entries, threshold=4) == Share(3, 4, 0.75)
    assert_frame_equal(
        urge_resistance_by_week(entries, threshold=4), resistance([(WEEK_10, 4, 3, 0.75)])
    )


def test_resistance_by_week_across_the_iso_week_boundary():
    entries = frame(
        entry("2026-03-08T23:30:00+01:00", urge=urge(6)),  # Sunday, week 10: resisted
        entry("2026-03-09T00:10:00+01:00", urge=urge(6, acted=True)),  # Monday, week 11
        entry("2026-03-16T12:00:00+01:00", urge=urge(2)),  # week 12: only a weak urge
    )
    expected = resistance(
        [(WEEK_10, 1, 1, 1.0), (WEEK_11, 1, 0, 0.0), (date(2026, 3, 16), 0, 0, NAN)]
    )
    assert_frame_equal(urge_resistance_by_week(entries), expected)


def test_resistance_by_week_across_dst_and_time_zones():
    entries = frame(
        entry("2026-03-29T01:30:00+01:00", urge=urge(6)),
        entry("2026-03-29T03:30:00+02:00", urge=urge(6, acted=True)),
        # the same UTC instant, two wall clocks: weeks 10 and 11
        entry("2026-03-09T00:30:00+10:00", urge=urge(6)),
        entry("2026-03-08T09:30:00-05:00", urge=urge(6, acted=True)),
    )
    expected = resistance(
        [(WEEK_10, 1, 0, 0.0), (WEEK_11, 1, 1, 1.0), (date(2026, 3, 23), 2, 1, 0.5)]
    )
    assert_frame_equal(urge_resistance_by_week(entries), expected)


def test_only_the_latest_revision_and_no_deleted_entry_counts():
    # "r" was first logged as acted on, then corrected to resisted; "d" was deleted.
    first = entry("2026-03-04T20:00:00+01:00", name="r", urge=urge(8, acted=True))
    second = entry(
        "2026-03-04T20:00:00+01:00",
        name="r",
        revision=2,
        urge=urge(8, delay=30),
        recorded_at="2026-03-05T09:00:00+01:00",
    )
    gone = entry("2026-03-04T21:00:00+01:00", name="d", urge=urge(9, acted=True))
    entries = frame(*merge_by_revision([first, gone, second, tombstone("d")]))
    assert resisted_share(entries) == Share(1, 1, 1.0)
    assert resisted_delay_minutes(entries) == DelaySummary(1, 30.0, 30.0)
    assert urge_flow(entries).values.tolist() == [["none", "resisted", "none", 1]]


# --- delays ---------------------------------------------------------------------


def test_resisted_delays_overall_and_by_week():
    entries = frame(
        entry("2026-03-02T20:00:00+01:00", urge=urge(6, delay=10)),
        entry("2026-03-08T23:30:00+01:00", urge=urge(2, delay=20)),  # weak urges count too
        entry("2026-03-09T00:10:00+01:00", urge=urge(6, delay=60)),
        entry("2026-03-10T20:00:00+01:00", urge=urge(6)),  # resisted, no delay recorded
        entry("2026-03-11T20:00:00+01:00", urge=urge(6, acted=True, delay=5)),  # acted on
    )
    # overall: 10, 20, 60 -> n 3, median 20, mean 30
    assert resisted_delay_minutes(entries) == DelaySummary(3, 20.0, 30.0)
    # week 10: 10, 20 -> median 15, mean 15; week 11: 60
    expected = pd.DataFrame(
        [(WEEK_10, 2, 15.0, 15.0), (WEEK_11, 1, 60.0, 60.0)], columns=list(DELAY_DTYPES)
    ).astype(DELAY_DTYPES)
    assert_frame_equal(resisted_delay_by_week(entries), expected)


def test_resisted_delays_across_time_zones():
    # The same instant lands in week 11 (+10:00) and week 10 (-05:00).
    entries = frame(
        entry("2026-03-09T00:30:00+10:00", urge=urge(6, delay=40)),
        entry("2026-03-08T09:30:00-05:00", urge=urge(6, delay=10)),
    )
    assert resisted_delay_by_week(entries).values.tolist() == [
        [WEEK_10, 1, 10.0, 10.0],
        [WEEK_11, 1, 40.0, 40.0],
    ]
    assert resisted_delay_minutes(entries) == DelaySummary(2, 25.0, 25.0)


# --- the flow -------------------------------------------------------------------


def test_urge_flow_pairs_triggers_with_behaviours_and_fills_none():
    entries = frame(
        # 2 triggers x 2 behaviours: four links of 1
        entry(
            "2026-03-02T20:00:00+01:00",
            triggers=["conflict", "tone_change"],
            urge=urge(7, acted=True, behaviours=["calling", "repeated_messages"]),
        ),
        # resisted, no behaviour named; intensity 0 still flows
        entry("2026-03-03T20:00:00+01:00", triggers=["conflict"], urge=urge(0)),
        # no trigger
        entry("2026-03-04T20:00:00+01:00", urge=urge(3, behaviours=["checking_phone"])),
        # a second conflict -> acted -> calling
        entry(
            "2026-03-05T20:00:00+01:00",
            triggers=["conflict"],
            urge=urge(9, acted=True, behaviours=["calling"]),
        ),
        entry("2026-03-06T20:00:00+01:00", triggers=["conflict"]),  # no urge: no flow
    )
    expected = pd.DataFrame(
        [
            ("conflict", "acted", "calling", 2),
            ("conflict", "acted", "repeated_messages", 1),
            ("conflict", "resisted", "none", 1),
            ("none", "resisted", "checking_phone", 1),
            ("tone_change", "acted", "calling", 1),
            ("tone_change", "acted", "repeated_messages", 1),
        ],
        columns=list(FLOW_DTYPES),
    ).astype(FLOW_DTYPES)
    assert_frame_equal(urge_flow(entries), expected)


def test_urge_flow_across_dst_and_week_boundary_adds_up():
    entries = frame(
        entry("2026-03-29T01:30:00+01:00", triggers=["exclusion"], urge=urge(5)),
        entry("2026-03-29T03:30:00+02:00", triggers=["exclusion"], urge=urge(5)),
        entry("2026-03-29T23:30:00+02:00", triggers=["exclusion"], urge=urge(5)),
        entry("2026-03-30T00:10:00+02:00", triggers=["exclusion"], urge=urge(5)),
    )
    assert urge_flow(entries).values.tolist() == [["exclusion", "resisted", "none", 4]]


# --- the demo data --------------------------------------------------------------


def test_demo_steady_improvement_resists_more_urges_in_its_last_three_weeks():
    entries = demo_client_frames("steady_improvement").entries
    first = entries[entries["week"] <= demo_week_monday(3)]
    last = entries[entries["week"] >= demo_week_monday(10)]
    assert first["week"].nunique() == last["week"].nunique() == 3
    early, late = resisted_share(first), resisted_share(last)
    assert early.total > 0
    assert late.total > 0
    assert late.share > early.share
    # The weekly table tells the same story as the two plain numbers.
    weekly = urge_resistance_by_week(entries).set_index("week")
    assert weekly.loc[demo_week_monday(1) : demo_week_monday(3), "resisted"].sum() == early.resisted
    assert weekly.loc[demo_week_monday(10) :, "urges"].sum() == late.total
    assert demo_week_monday(12) + timedelta(days=6) >= entries["local_date"].max()
