"""Trigger analytics on hand-computed fixtures, and one look at the demo data.

Dates used throughout: Monday 2026-03-02 starts ISO week 10, Monday 2026-03-09
week 11. Europe's clocks went forward on Sunday 2026-03-29 (02:00 +01:00 ->
03:00 +02:00), in the ISO week that starts on Monday 2026-03-23.
"""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from securebase.analytics.frames import entries_frame
from securebase.analytics.triggers import (
    CHANGE_DTYPES,
    COUNT_DTYPES,
    DISTRESS_DTYPES,
    GRID_DTYPES,
    distress_by_trigger,
    trigger_behaviour_cooccurrence,
    trigger_changes,
    trigger_counts_by_week,
    trigger_distortion_cooccurrence,
    weekday_hour_counts,
)
from securebase.errors import InvalidPeriod
from securebase.period import Period
from tests.analytics_builders import entry, tombstone
from tests.demo_frames import demo_client_frames, demo_week_monday, merge_by_revision

WEEK_10, WEEK_11 = date(2026, 3, 2), date(2026, 3, 9)
DST_WEEK = date(2026, 3, 23)


def frame(*items):
    return entries_frame(items)


def counts(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(COUNT_DTYPES)).astype(COUNT_DTYPES)


def grid_cells(result: pd.DataFrame) -> dict[tuple[int, int], int]:
    """The non-zero cells of a weekday x hour grid."""
    busy = result[result["count"] > 0]
    return {(w, h): c for w, h, c in busy.itertuples(index=False)}


def urge(*behaviours, acted=True, intensity=6):
    return {"intensity": intensity, "acted": acted, "behaviours": list(behaviours)}


# --- empty input and the frame contract -----------------------------------------


@pytest.mark.parametrize(
    ("function", "columns"),
    [
        (trigger_counts_by_week, list(COUNT_DTYPES)),
        (distress_by_trigger, list(DISTRESS_DTYPES)),
        (trigger_distortion_cooccurrence, ["trigger", "distortion", "count"]),
        (trigger_behaviour_cooccurrence, ["trigger", "behaviour", "count"]),
    ],
)
def test_empty_input_gives_an_empty_frame_with_the_columns(function, columns):
    result = function(frame())
    assert list(result.columns) == columns
    assert result.empty


def test_empty_input_keeps_the_dtypes():
    assert_frame_equal(trigger_counts_by_week(frame()), counts([]))
    assert_frame_equal(
        distress_by_trigger(frame()),
        pd.DataFrame(columns=list(DISTRESS_DTYPES)).astype(DISTRESS_DTYPES),
    )


def test_empty_input_with_weeks_gives_no_rows():
    # No trigger was seen, so the weeks x triggers grid has no rows.
    assert_frame_equal(trigger_counts_by_week(frame(), weeks=[WEEK_10]), counts([]))


def test_empty_input_gives_the_full_grid_of_zeros():
    result = weekday_hour_counts(frame())
    assert len(result) == 7 * 24
    assert result["count"].sum() == 0
    assert list(result.columns) == list(GRID_DTYPES)
    assert (result.dtypes == pd.Series(GRID_DTYPES)).all()


def test_empty_input_gives_no_changes():
    result = trigger_changes(frame(), Period(WEEK_10, WEEK_10), Period(WEEK_11, WEEK_11))
    assert_frame_equal(result, pd.DataFrame(columns=list(CHANGE_DTYPES)).astype(CHANGE_DTYPES))


# --- counts by week -------------------------------------------------------------


def test_single_entry_with_two_triggers_counts_for_both():
    # Wednesday 2026-03-04 lies in the week of Monday 03-02.
    result = trigger_counts_by_week(
        frame(entry("2026-03-04T21:30:00+01:00", triggers=["tone_change", "conflict"]))
    )
    assert_frame_equal(result, counts([(WEEK_10, "conflict", 1), (WEEK_10, "tone_change", 1)]))


def test_entry_without_a_trigger_counts_under_none():
    result = trigger_counts_by_week(
        frame(
            entry("2026-03-04T21:30:00+01:00"),
            entry("2026-03-05T21:30:00+01:00", triggers=["conflict"]),
            entry("2026-03-06T21:30:00+01:00"),
        )
    )
    assert_frame_equal(result, counts([(WEEK_10, "conflict", 1), (WEEK_10, "none", 2)]))


def test_iso_week_boundary_sunday_night_and_monday_just_after_midnight():
    result = trigger_counts_by_week(
        frame(
            entry("2026-03-08T23:30:00+01:00", triggers=["conflict"]),  # Sunday: week 10
            entry("2026-03-09T00:10:00+01:00", triggers=["conflict"]),  # Monday: week 11
        )
    )
    assert_frame_equal(result, counts([(WEEK_10, "conflict", 1), (WEEK_11, "conflict", 1)]))


def test_same_instant_in_two_time_zones_follows_the_clients_wall_clock():
    east = entry("2026-03-09T00:30:00+10:00", triggers=["conflict"])  # Monday, week 11
    west = entry("2026-03-08T09:30:00-05:00", triggers=["conflict"])  # Sunday, week 10
    assert east.occurred_at == west.occurred_at == datetime.fromisoformat("2026-03-08T14:30Z")
    result = trigger_counts_by_week(frame(east, west))
    assert_frame_equal(result, counts([(WEEK_10, "conflict", 1), (WEEK_11, "conflict", 1)]))


def test_entries_either_side_of_the_dst_change_share_a_week():
    result = trigger_counts_by_week(
        frame(
            entry("2026-03-29T01:30:00+01:00", triggers=["conflict"]),
            entry("2026-03-29T03:30:00+02:00", triggers=["conflict"]),
        )
    )
    assert_frame_equal(result, counts([(DST_WEEK, "conflict", 2)]))


def test_weeks_argument_fills_zeros_and_drops_other_weeks():
    # Weeks asked for: 10 (given as its Thursday) and 12; week 11's entry is left out.
    # Triggers seen in those weeks: conflict, none -> a 2 x 2 grid.
    entries = frame(
        entry("2026-03-03T08:00:00+01:00", triggers=["conflict"]),
        entry("2026-03-04T08:00:00+01:00"),
        entry("2026-03-10T08:00:00+01:00", triggers=["jealousy"]),
    )
    week_12 = date(2026, 3, 16)
    result = trigger_counts_by_week(entries, weeks=[date(2026, 3, 5), week_12])
    expected = [
        (WEEK_10, "conflict", 1),
        (WEEK_10, "none", 1),
        (week_12, "conflict", 0),
        (week_12, "none", 0),
    ]
    assert_frame_equal(result, counts(expected))


def test_deleted_entries_are_not_counted():
    # The merged set holds "b" only as a tombstone: its jealousy trigger is gone.
    result = trigger_counts_by_week(
        frame(entry("2026-03-04T21:30:00+01:00", name="a", triggers=["conflict"]), tombstone("b"))
    )
    assert_frame_equal(result, counts([(WEEK_10, "conflict", 1)]))


def test_only_the_latest_revision_counts():
    first = entry("2026-03-04T21:30:00+01:00", name="r", triggers=["jealousy"], distress_before=90)
    second = entry(
        "2026-03-04T21:30:00+01:00",
        name="r",
        revision=2,
        triggers=["conflict"],
        distress_before=40,
        recorded_at="2026-03-06T10:00:00+01:00",
    )
    entries = frame(*merge_by_revision([second, first]))
    assert_frame_equal(trigger_counts_by_week(entries), counts([(WEEK_10, "conflict", 1)]))
    # Revision 2's rating, not revision 1's 90.
    assert distress_by_trigger(entries)["mean_distress"].tolist() == [40.0]


# --- distress by trigger --------------------------------------------------------


def test_distress_by_trigger_counts_unrated_entries_in_n_only():
    entries = frame(
        entry("2026-03-02T10:00:00+01:00", triggers=["conflict"], distress_before=70),
        entry(
            "2026-03-03T10:00:00+01:00", triggers=["conflict", "tone_change"], distress_before=50
        ),
        entry("2026-03-04T10:00:00+01:00", triggers=["conflict"]),
        entry("2026-03-05T10:00:00+01:00", triggers=["tone_change"], distress_before=20),
        entry("2026-03-06T10:00:00+01:00", distress_before=40),
        entry("2026-03-07T10:00:00+01:00", triggers=["jealousy"]),
    )
    # conflict: n 3, rated 70 and 50 -> mean 60, max 70
    # jealousy: n 1, none rated -> NaN, NA
    # none: n 1, rated 40
    # tone_change: n 2, rated 50 and 20 -> mean 35, max 50
    expected = pd.DataFrame(
        {
            "trigger": ["conflict", "jealousy", "none", "tone_change"],
            "n": [3, 1, 1, 2],
            "n_rated": [2, 0, 1, 2],
            "mean_distress": [60.0, float("nan"), 40.0, 35.0],
            "max_distress": [70, pd.NA, 40, 50],
        }
    ).astype(DISTRESS_DTYPES)
    assert_frame_equal(distress_by_trigger(entries), expected)


def test_distress_by_trigger_single_entry():
    result = distress_by_trigger(frame(entry("2026-03-02T10:00:00+01:00", distress_before=55)))
    assert result.to_dict("records") == [
        {"trigger": "none", "n": 1, "n_rated": 1, "mean_distress": 55.0, "max_distress": 55}
    ]


def test_distress_by_trigger_ignores_deleted_entries():
    entries = frame(
        entry("2026-03-02T10:00:00+01:00", name="kept", triggers=["conflict"], distress_before=30),
        tombstone("gone"),
    )
    assert distress_by_trigger(entries)[["trigger", "n", "mean_distress"]].to_dict("list") == {
        "trigger": ["conflict"],
        "n": [1],
        "mean_distress": [30.0],
    }


# --- weekday x hour -------------------------------------------------------------


def test_weekday_hour_single_entry():
    # Wednesday (weekday 2), 21 hours local.
    result = weekday_hour_counts(frame(entry("2026-03-04T21:30:00+01:00")))
    assert len(result) == 168
    assert grid_cells(result) == {(2, 21): 1}
    assert result[["weekday", "hour"]].iloc[[0, 1, 24, 167]].values.tolist() == [
        [0, 0],
        [0, 1],
        [1, 0],
        [6, 23],
    ]


def test_weekday_hour_across_the_dst_change_uses_local_hours():
    # 01:30+01:00 and 03:30+02:00 are one UTC hour apart but read 01 and 03 locally.
    result = weekday_hour_counts(
        frame(entry("2026-03-29T01:30:00+01:00"), entry("2026-03-29T03:30:00+02:00"))
    )
    assert grid_cells(result) == {(6, 1): 1, (6, 3): 1}


def test_weekday_hour_same_instant_in_two_time_zones():
    # 2026-03-08 14:30 UTC: Monday 00:30 in +10:00, Sunday 09:30 in -05:00.
    result = weekday_hour_counts(
        frame(entry("2026-03-09T00:30:00+10:00"), entry("2026-03-08T09:30:00-05:00"))
    )
    assert grid_cells(result) == {(0, 0): 1, (6, 9): 1}


def test_weekday_hour_week_boundary_and_tombstones():
    # Counts entries, not triggers: two triggers still make one entry.
    result = weekday_hour_counts(
        frame(
            entry("2026-03-08T23:30:00+01:00", triggers=["conflict", "jealousy"]),
            entry("2026-03-09T00:10:00+01:00", name="x"),
            entry("2026-03-09T00:40:00+01:00", name="y"),
            tombstone("z"),
        )
    )
    assert grid_cells(result) == {(6, 23): 1, (0, 0): 2}


# --- co-occurrence --------------------------------------------------------------


def test_trigger_distortion_cooccurrence():
    entries = frame(
        entry(
            "2026-03-02T10:00:00+01:00",
            triggers=["conflict", "tone_change"],
            challenge={"distortions": ["mind_reading", "catastrophizing"]},
        ),
        entry(
            "2026-03-03T10:00:00+01:00",
            triggers=["conflict"],
            challenge={"distortions": ["mind_reading"]},
        ),
        entry("2026-03-04T10:00:00+01:00", triggers=["jealousy"]),  # no challenge: left out
        entry("2026-03-05T10:00:00+01:00", triggers=["jealousy"], challenge={}),  # no distortion
        entry("2026-03-06T10:00:00+01:00", challenge={"distortions": ["labeling"]}),
    )
    # conflict x mind_reading: entries 1 and 2 -> 2; every other pair once.
    expected = pd.DataFrame(
        [
            ("conflict", "catastrophizing", 1),
            ("conflict", "mind_reading", 2),
            ("none", "labeling", 1),
            ("tone_change", "catastrophizing", 1),
            ("tone_change", "mind_reading", 1),
        ],
        columns=["trigger", "distortion", "count"],
    ).astype({"trigger": "str", "distortion": "str", "count": "int64"})
    assert_frame_equal(trigger_distortion_cooccurrence(entries), expected)


def test_trigger_behaviour_cooccurrence_acted_and_resisted_alike():
    deleted = entry(
        "2026-03-05T10:00:00+01:00", name="del", triggers=["conflict"], urge=urge("calling")
    )
    entries = frame(
        entry("2026-03-02T10:00:00+01:00", triggers=["delayed_reply"], urge=urge("calling")),
        entry(
            "2026-03-03T10:00:00+01:00",
            triggers=["delayed_reply"],
            urge=urge("calling", "checking_phone", acted=False),
        ),
        entry("2026-03-04T10:00:00+01:00", triggers=["conflict"], urge=urge()),  # no behaviour
        *merge_by_revision([deleted, tombstone("del")]),  # the tombstone wins (revision 2)
    )
    # delayed_reply x calling: entries 1 and 2 -> 2; x checking_phone: entry 2 -> 1.
    result = trigger_behaviour_cooccurrence(entries)
    assert result.values.tolist() == [
        ["delayed_reply", "calling", 2],
        ["delayed_reply", "checking_phone", 1],
    ]


def test_cooccurrence_single_entry_across_dst_and_tombstone():
    entries = frame(
        entry("2026-03-29T03:30:00+02:00", triggers=["exclusion"], urge=urge("withdrawing")),
        tombstone("gone"),
    )
    assert trigger_behaviour_cooccurrence(entries).values.tolist() == [
        ["exclusion", "withdrawing", 1]
    ]


# --- changes between two periods ------------------------------------------------

PERIOD_A = Period(date(2026, 3, 2), date(2026, 3, 8))  # 7 days = 1 week
PERIOD_B = Period(date(2026, 3, 9), date(2026, 3, 22))  # 14 days = 2 weeks


def _many(day: date, trigger: str, ratings: list[int | None]) -> list:
    stamp = f"{day.isoformat()}T20:00:00+01:00"
    return [
        entry(stamp, triggers=[trigger], **({"distress_before": r} if r is not None else {}))
        for r in ratings
    ]


def _change_fixture():
    a, b = PERIOD_A.start, PERIOD_B.start
    return frame(
        # conflict: A 1 (80), B 4 (60, 70, 80, 90 -> 75): rates 1 -> 2, |1|; distress -5
        *_many(a, "conflict", [80]),
        *_many(b, "conflict", [60, 70, 80, 90]),
        # tone_change: A 2 (40, 60 -> 50), B 2 (50, 70 -> 60): rates 2 -> 1, |1|; distress +10
        *_many(a, "tone_change", [40, 60]),
        *_many(b, "tone_change", [50, 70]),
        # jealousy: A 0, B 6 unrated: rates 0 -> 3, |3|; distress NaN
        *_many(b + timedelta(days=13), "jealousy", [None] * 6),
        # delayed_reply: A 1 (50), B 2 (50, 50): rates 1 -> 1, 0; distress 0
        *_many(a + timedelta(days=6), "delayed_reply", [50]),
        *_many(b, "delayed_reply", [50, 50]),
        # social_media: A 1 unrated, B 0: rates 1 -> 0, |1|; distress NaN
        *_many(a, "social_media", [None]),
        # no trigger (not ranked) and an entry after period B (not counted)
        entry("2026-03-10T20:00:00+01:00", distress_before=99),
        *_many(date(2026, 3, 23), "conflict", [10, 10, 10]),
    )


def test_trigger_changes_ranks_rate_then_distress_then_key():
    result = trigger_changes(_change_fixture(), PERIOD_A, PERIOD_B, top=None)
    nan = float("nan")
    # Order: jealousy |3|; then the |1| ties by |distress change|: tone_change 10,
    # conflict 5, social_media (missing); delayed_reply (0) last.
    expected = pd.DataFrame(
        [
            ("jealousy", 0, 6, 6, 0.0, 3.0, nan, nan, nan),
            ("tone_change", 2, 2, 0, 2.0, 1.0, 50.0, 60.0, 10.0),
            ("conflict", 1, 4, 3, 1.0, 2.0, 80.0, 75.0, -5.0),
            ("social_media", 1, 0, -1, 1.0, 0.0, nan, nan, nan),
            ("delayed_reply", 1, 2, 1, 1.0, 1.0, 50.0, 50.0, 0.0),
        ],
        columns=list(CHANGE_DTYPES),
    ).astype(CHANGE_DTYPES)
    assert_frame_equal(result, expected)


def test_trigger_changes_keeps_the_top_rows():
    result = trigger_changes(_change_fixture(), PERIOD_A, PERIOD_B, top=2)
    assert result["trigger"].tolist() == ["jealousy", "tone_change"]
    assert len(trigger_changes(_change_fixture(), PERIOD_A, PERIOD_B)) == 5  # default top 5


def test_trigger_changes_full_ties_fall_back_to_the_key():
    entries = frame(
        *_many(PERIOD_B.start, "plans_changed", [None]), *_many(PERIOD_B.start, "exclusion", [None])
    )
    result = trigger_changes(entries, PERIOD_A, PERIOD_B)
    assert result["trigger"].tolist() == ["exclusion", "plans_changed"]


def test_trigger_changes_equal_rate_changes_tie_exactly():
    # Three-week periods: 5 -> 6 and 1 -> 0 are both a change of 1/3 a week, which
    # floating point would compute as 0.33333333333333326 and 0.3333333333333333.
    # The tie is real, so the rated change (delayed_reply, +10) ranks first.
    a = Period(date(2026, 3, 2), date(2026, 3, 22))
    b = Period(date(2026, 3, 23), date(2026, 4, 12))
    entries = frame(
        *_many(a.start, "delayed_reply", [50] * 5),
        *_many(b.start, "delayed_reply", [60] * 6),
        *_many(a.start, "social_media", [None]),
    )
    result = trigger_changes(entries, a, b)
    assert result["trigger"].tolist() == ["delayed_reply", "social_media"]
    assert result["distress_change"].iloc[0] == pytest.approx(10.0)


def test_trigger_changes_single_entry_and_dst_week():
    # One entry on the DST Sunday; period B is that ISO week, A the week before.
    entries = frame(entry("2026-03-29T03:30:00+02:00", triggers=["conflict"], distress_before=60))
    before = Period(date(2026, 3, 16), date(2026, 3, 22))
    row = trigger_changes(entries, before, Period(DST_WEEK, date(2026, 3, 29))).iloc[0]
    assert row[["trigger", "count_a", "count_b", "count_change"]].tolist() == ["conflict", 0, 1, 1]
    assert row[["rate_a", "rate_b", "mean_distress_b"]].tolist() == [0.0, 1.0, 60.0]
    assert pd.isna(row["mean_distress_a"])
    assert pd.isna(row["distress_change"])


def test_trigger_changes_period_edges_use_the_local_date():
    # Sunday 23:30 local belongs to period A (ending that Sunday), Monday 00:10 to B,
    # even though in UTC both fall on Sunday.
    entries = frame(
        entry("2026-03-08T23:30:00+01:00", triggers=["conflict"]),
        entry("2026-03-09T00:10:00+01:00", triggers=["conflict"]),
        entry("2026-03-09T00:20:00+01:00", triggers=["conflict"]),
    )
    result = trigger_changes(entries, PERIOD_A, Period(date(2026, 3, 9), date(2026, 3, 15)))
    assert result[["count_a", "count_b"]].values.tolist() == [[1, 2]]


def test_trigger_changes_refuses_a_backwards_period():
    with pytest.raises(InvalidPeriod):
        trigger_changes(frame(), Period(WEEK_11, WEEK_10), PERIOD_B)


# --- the demo data --------------------------------------------------------------


def test_demo_bad_patch_has_more_conflict_and_rejection_in_its_bad_weeks():
    entries = demo_client_frames("bad_patch").entries
    before = Period(demo_week_monday(4), demo_week_monday(6) + timedelta(days=6))
    bad = Period(demo_week_monday(7), demo_week_monday(9) + timedelta(days=6))
    changes = trigger_changes(entries, before, bad, top=None).set_index("trigger")
    for trigger in ("conflict", "perceived_rejection"):
        assert changes.at[trigger, "count_b"] > changes.at[trigger, "count_a"], trigger
    # The two are the largest increases of all, which is the story the demo tells.
    assert set(changes.index[:2]) == {"conflict", "perceived_rejection"}
