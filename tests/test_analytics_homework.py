"""Homework adherence: expected sessions, done vs expected, streaks, ratings.

March 2026: Mon 2 - Sun 8, Mon 9 - Sun 15, Mon 16 - Sun 22, Mon 23 - Sun 29.
"""

from datetime import date

import pandas as pd
import pytest

from sample_data.generate import DEFAULT_END
from securebase.analytics.frames import entries_frame, logs_frame
from securebase.analytics.homework import (
    BY_WEEK_DTYPES,
    SUMMARY_DTYPES,
    adherence_by_week,
    adherence_summary,
    expected_per_week,
    mean_capped_share,
    overall_adherence,
)
from securebase.analytics.load import ASSIGNMENT_COLUMNS
from tests.analytics_builders import entry, log, make_id
from tests.demo_frames import demo_client_frames, demo_week_monday, merge_by_revision

W1, W2, W3, W4 = date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23)


def assignment(name, times, per, starts, ends=None, exercise="paced_breathing") -> dict:
    return {
        "assignment_id": make_id(name),
        "exercise": exercise,
        "times": times,
        "per": per,
        "starts": starts,
        "ends": ends,
        "note": "",
    }


def assignments(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=ASSIGNMENT_COLUMNS)


def logs(name: str, *days: int, **fields) -> list:
    """One log per March day in ``days`` (08:00 UTC+1) for assignment ``name``."""
    return [log(f"2026-03-{day:02d}T08:00:00+01:00", name, **fields) for day in days]


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(row) for row in frame[columns].itertuples(index=False)]


# --- expected sessions ------------------------------------------------------------


def test_expected_per_day_counts_active_days_of_the_week():
    # Starts Wednesday 4th: Wed-Sun = 5 days in week 1, then 7 a week; nothing before.
    daily = assignment("breathing", 1, "day", date(2026, 3, 4))
    assert expected_per_week(daily, W1) == 5
    assert expected_per_week(daily, W2) == 7
    assert expected_per_week(daily, date(2026, 2, 23)) == 0
    # Twice a day, ended on Tuesday 10th: Mon + Tue = 2 days * 2 = 4.
    ended = assignment("twice", 2, "day", W1, date(2026, 3, 10))
    assert expected_per_week(ended, W2) == 4
    assert expected_per_week(ended, W3) == 0


def test_expected_per_week_is_prorated_by_active_days():
    # 3 a week from Thursday 5th: Thu-Sun = 4 of 7 days -> 3 * 4/7 = 12/7.
    weekly = assignment("pmr", 3, "week", date(2026, 3, 5))
    assert expected_per_week(weekly, W1) == pytest.approx(12 / 7)
    assert expected_per_week(weekly, W2) == 3
    # Any day of the week names the week: Wednesday 11th is week 2.
    assert expected_per_week(weekly, date(2026, 3, 11)) == 3
    # Tuesday 10th to Thursday 12th: 3 days -> 9/7.
    short = assignment("short", 3, "week", date(2026, 3, 10), date(2026, 3, 12))
    assert expected_per_week(short, W2) == pytest.approx(9 / 7)


def test_expected_accepts_a_frame_row_with_a_missing_end():
    row = assignments(assignment("open", 2, "week", W1)).iloc[0]
    assert expected_per_week(row, W3) == 2


# --- done vs expected per week ----------------------------------------------------------


def test_per_day_weeks_with_a_late_start_and_extra_sessions():
    # Daily from Wednesday 4th; range Mar 2-15.
    # Week 1: logs 4, 5, 5 (twice), 7 -> 4 done of 5 expected (share 0.8). The log on the 3rd
    # (before the start) does not count.
    # Week 2: every day 9-15 plus a second one on the 14th -> 8 of 7: share 8/7, capped 1.
    # The log on the 16th is outside the range.
    plan = assignments(assignment("breathing", 1, "day", date(2026, 3, 4)))
    done = logs_frame(logs("breathing", 3, 4, 5, 5, 7, 9, 10, 11, 12, 13, 14, 14, 15, 16))
    frame = adherence_by_week(plan, done, W1, date(2026, 3, 15))
    assert list(frame.columns) == list(BY_WEEK_DTYPES)
    assert rows(frame, ["week", "done", "expected", "share", "share_capped"]) == [
        (W1, 4, 5.0, 0.8, 0.8),
        (W2, 8, 7.0, pytest.approx(8 / 7), 1.0),
    ]
    assert set(frame["exercise"]) == {"paced_breathing"}


def test_the_range_clips_expected_like_the_assignment_dates():
    # Twice a week from Mar 2, range Wednesday 4th - Wednesday 11th:
    # week 1 Wed-Sun 5 days -> 10/7, week 2 Mon-Wed 3 days -> 6/7.
    plan = assignments(assignment("walks", 2, "week", W1))
    frame = adherence_by_week(plan, logs_frame([]), date(2026, 3, 4), date(2026, 3, 11))
    assert rows(frame, ["week", "done", "expected"]) == [
        (W1, 0, pytest.approx(10 / 7)),
        (W2, 0, pytest.approx(6 / 7)),
    ]


def test_a_log_counts_in_the_client_s_local_week():
    # Sunday 23:30 in New York is Monday 04:30 UTC, but it is the client's Sunday: week 1.
    plan = assignments(assignment("pmr", 1, "week", W1))
    done = logs_frame([log("2026-03-08T23:30:00-05:00", "pmr")])
    frame = adherence_by_week(plan, done, W1, date(2026, 3, 15))
    assert rows(frame, ["week", "done"]) == [(W1, 1), (W2, 0)]


# --- summaries and streaks --------------------------------------------------------------


def test_weekly_assignment_starting_midweek_and_ended_early():
    # 3 a week, Thursday 5th to Friday 13th; range Mar 2-22.
    # Week 1: Thu-Sun 4 days -> 12/7 expected; logs 6, 8 -> 2 >= 12/7: fully done.
    # Week 2: Mon-Fri 5 days -> 15/7 expected; log 10 -> 1: not fully done.
    # Week 3: not active -> no row; the log on the 14th (after the end) is not counted.
    # done 3, expected 27/7, share 3 / (27/7) = 21/27; capped (12/7 + 1) / (27/7) = 19/27.
    # Streak flags [yes, no]; the assignment is not active on the 22nd -> current 0, longest 1.
    plan = assignments(assignment("pmr", 3, "week", date(2026, 3, 5), date(2026, 3, 13)))
    done = logs_frame(logs("pmr", 6, 8, 10, 14))
    assert len(adherence_by_week(plan, done, W1, date(2026, 3, 22))) == 2
    summary = adherence_summary(plan, done, W1, date(2026, 3, 22))
    assert list(summary.columns) == list(SUMMARY_DTYPES)
    (row,) = summary.to_dict("records")
    assert (row["per"], row["done"], row["expected"]) == ("week", 3, pytest.approx(27 / 7))
    assert row["share"] == pytest.approx(21 / 27)
    assert row["share_capped"] == pytest.approx(19 / 27)
    assert (row["current_streak"], row["longest_streak"]) == (0, 1)


DAILY = assignments(assignment("breathing", 1, "day", W1))
TODAY = date(2026, 3, 12)  # Thursday


def streaks(*days: int) -> tuple[int, int]:
    summary = adherence_summary(DAILY, logs_frame(logs("breathing", *days)), W1, TODAY)
    return int(summary["current_streak"].iloc[0]), int(summary["longest_streak"].iloc[0])


def test_a_missed_day_breaks_a_streak_and_today_is_not_over_yet():
    # Done 2, 3, 4, (5 missed), 6-11; today (12th) not yet done.
    # Runs: 2-4 (3 days), 6-11 (6 days). Today may still come, so it does not break the run.
    assert streaks(2, 3, 4, 6, 7, 8, 9, 10, 11) == (6, 6)
    # Done today as well: the run reaches 7.
    assert streaks(2, 3, 4, 6, 7, 8, 9, 10, 11, 12) == (7, 7)
    # Yesterday missed: nothing runs up to today; the longest is 6-10 (5 days).
    assert streaks(2, 3, 4, 6, 7, 8, 9, 10) == (0, 5)
    # Nothing done at all.
    assert streaks() == (0, 0)


def test_a_day_counts_only_when_all_its_sessions_are_done():
    # Twice a day, Mar 2-4: 2, 1, 2 logs -> flags yes, no, yes -> current 1, longest 1.
    plan = assignments(assignment("twice", 2, "day", W1))
    summary = adherence_summary(
        plan, logs_frame(logs("twice", 2, 2, 3, 4, 4)), W1, W1.replace(day=4)
    )
    (row,) = summary.to_dict("records")
    assert (row["done"], row["expected"], row["current_streak"], row["longest_streak"]) == (
        5, 6.0, 1, 1
    )  # fmt: skip


def test_weekly_streaks_and_the_week_still_under_way():
    # Once a week from Mar 2; range up to Wednesday 25th. Logs 3, 10, 17: weeks 1-3 done.
    # Week 4 (Mon-Wed in range, expected 3/7) has nothing yet: it is under way, so the
    # current streak is still 3.
    plan = assignments(assignment("weekly", 1, "week", W1))
    summary = adherence_summary(plan, logs_frame(logs("weekly", 3, 10, 17)), W1, date(2026, 3, 25))
    (row,) = summary.to_dict("records")
    assert (row["current_streak"], row["longest_streak"]) == (3, 3)
    # A missed week 2 breaks it: runs of 1 (week 1) and 1 (week 3).
    summary = adherence_summary(plan, logs_frame(logs("weekly", 3, 17)), W1, date(2026, 3, 25))
    assert tuple(summary[["current_streak", "longest_streak"]].iloc[0]) == (1, 1)


def test_ratings_are_averaged_over_the_logs_that_have_them():
    # Helpfulness 4, -, 8 -> mean 6 over 2. Distress 60->40, 50->-, -->30, 70->60 -> drops
    # 20 and 10, mean 15 over 2.
    done = logs_frame(
        [
            log("2026-03-02T08:00:00+01:00", "breathing", helpfulness=4, distress_before=60,
                distress_after=40),
            log("2026-03-03T08:00:00+01:00", "breathing", distress_before=50),
            log("2026-03-04T08:00:00+01:00", "breathing", helpfulness=8, distress_after=30),
            log("2026-03-05T08:00:00+01:00", "breathing", distress_before=70, distress_after=60),
        ]
    )  # fmt: skip
    (row,) = adherence_summary(DAILY, done, W1, date(2026, 3, 8)).to_dict("records")
    assert (row["mean_helpfulness"], row["n_helpfulness"]) == (6.0, 2)
    assert (row["mean_distress_drop"], row["n_distress"]) == (15.0, 2)


def test_no_ratings_give_nan_means_and_zero_counts():
    (row,) = adherence_summary(DAILY, logs_frame(logs("breathing", 2)), W1, W1).to_dict("records")
    assert pd.isna(row["mean_helpfulness"])
    assert pd.isna(row["mean_distress_drop"])
    assert (row["n_helpfulness"], row["n_distress"]) == (0, 0)


def test_linked_journal_entries_count_when_given():
    # A daily thought challenge done by writing entries linked to it on the 2nd and 3rd.
    plan = assignments(assignment("challenge", 1, "day", W1, exercise="thought_challenge"))
    linked = entries_frame(
        [
            entry("2026-03-02T21:00:00+01:00", assignment_id=make_id("challenge"),
                  distress_before=60, distress_after=40),
            entry("2026-03-03T21:00:00+01:00", assignment_id=make_id("challenge")),
            entry("2026-03-04T21:00:00+01:00"),  # not linked
        ]
    )  # fmt: skip
    end = date(2026, 3, 4)
    assert overall_adherence(plan, logs_frame([]), W1, end) == (0, 3.0, 0.0)
    assert overall_adherence(plan, logs_frame([]), W1, end, entries=linked) == (2, 3.0, 2 / 3)
    (row,) = adherence_summary(plan, logs_frame([]), W1, end, entries=linked).to_dict("records")
    assert (row["n_helpfulness"], row["mean_distress_drop"], row["n_distress"]) == (0, 20.0, 1)


def test_overall_adherence_adds_up_every_assignment():
    # Daily breathing Mar 2-8: 7 expected, 5 done; weekly 2x walks: 2 expected, 3 done.
    # (5 + 3) / (7 + 2) = 8/9.
    plan = assignments(
        assignment("breathing", 1, "day", W1),
        assignment("walks", 2, "week", W1, exercise="self_worth_activity"),
    )
    done = logs_frame(logs("breathing", 2, 3, 4, 5, 6) + logs("walks", 3, 5, 7))
    assert overall_adherence(plan, done, W1, date(2026, 3, 8)) == (8, 9.0, pytest.approx(8 / 9))
    summary = adherence_summary(plan, done, W1, date(2026, 3, 8))
    assert list(summary["exercise"]) == ["paced_breathing", "self_worth_activity"]
    assert list(summary["share_capped"]) == [pytest.approx(5 / 7), 1.0]


# --- deletions, revisions, empty input ----------------------------------------------


def test_deleted_logs_are_gone_and_revised_logs_count_once():
    merged = merge_by_revision(
        [
            log("2026-03-02T08:00:00+01:00", "breathing", name="kept", helpfulness=3),
            log("2026-03-02T08:00:00+01:00", "breathing", name="kept", revision=2,
                helpfulness=7),
            log("2026-03-03T08:00:00+01:00", "breathing", name="gone"),
            log("2026-03-03T08:00:00+01:00", "breathing", name="gone", revision=2, deleted=True),
        ]
    )  # fmt: skip
    (row,) = adherence_summary(DAILY, logs_frame(merged), W1, date(2026, 3, 3)).to_dict("records")
    assert (row["done"], row["mean_helpfulness"]) == (1, 7.0)


@pytest.mark.parametrize(
    ("plan", "start", "end"),
    [
        (DAILY, date(2026, 3, 8), date(2026, 3, 2)),  # a range that runs backwards
        (DAILY, date(2026, 2, 1), date(2026, 2, 28)),  # before the assignment started
        (assignments(), W1, W4),  # no assignments
    ],
)
def test_empty_ranges_give_empty_frames(plan, start, end):
    done = logs_frame(logs("breathing", 2, 3))
    by_week = adherence_by_week(plan, done, start, end)
    summary = adherence_summary(plan, done, start, end, entries=entries_frame([]))
    assert (list(by_week.columns), len(by_week)) == (list(BY_WEEK_DTYPES), 0)
    assert (list(summary.columns), len(summary)) == (list(SUMMARY_DTYPES), 0)
    assert overall_adherence(plan, done, start, end) == (0, 0.0, None)


# --- the demo clients -------------------------------------------------------------------


def test_the_sparse_demo_client_has_the_lowest_homework_adherence():
    start = demo_week_monday(1)
    shares = {}
    for story in ("steady_improvement", "plateau", "bad_patch", "sparse"):
        frames = demo_client_frames(story)
        args = (frames.assignments, frames.logs, start, DEFAULT_END)
        shares[story] = overall_adherence(*args, entries=frames.entries)[2]
        assert overall_adherence(*args)[2] <= shares[story]  # linked entries only add
    assert min(shares, key=shares.get) == "sparse"


def test_journal_based_exercises_count_matching_entries():
    # Week of W1 (Mon 2 - Sun 8 March). trigger_journal 1/day from Wed 4 March: 5 days expected.
    # Entries: Wed 4 with a trigger (counts), Thu 5 without (does not), Fri 6 with a trigger but
    # linked to the breathing assignment (counts there, and for the journal: it is a trigger
    # entry all the same), Mon 2 with a trigger (before start).
    plan = assignments(
        assignment("journal", 1, "day", date(2026, 3, 4), exercise="trigger_journal"),
        assignment("breathing", 1, "day", W1),
    )
    journal = entries_frame(
        [
            entry("2026-03-04T21:00:00+01:00", triggers=["conflict"]),
            entry("2026-03-05T21:00:00+01:00"),
            entry(
                "2026-03-06T21:00:00+01:00",
                triggers=["delayed_reply"],
                assignment_id=make_id("breathing"),
            ),
            entry("2026-03-02T21:00:00+01:00", triggers=["exclusion"]),
        ]
    )
    weekly = adherence_by_week(plan, logs_frame([]), W1, date(2026, 3, 8), entries=journal)
    done = dict(zip(weekly["assignment_id"], weekly["done"], strict=True))
    assert done == {make_id("journal"): 2, make_id("breathing"): 1}


def test_an_entry_linked_to_one_assignment_does_not_count_for_another_of_its_exercise():
    """Two trigger journals: an entry linked to the first counts there only (no double count)."""
    plan = assignments(
        assignment("journal", 1, "day", W1, exercise="trigger_journal"),
        assignment("journal-2", 1, "day", W1, exercise="trigger_journal"),
    )
    journal = entries_frame(
        [
            entry(
                "2026-03-04T21:00:00+01:00", triggers=["conflict"], assignment_id=make_id("journal")
            )
        ]
    )
    weekly = adherence_by_week(plan, logs_frame([]), W1, date(2026, 3, 8), entries=journal)
    done = dict(zip(weekly["assignment_id"], weekly["done"], strict=True))
    assert done == {make_id("journal"): 1, make_id("journal-2"): 0}


def test_only_logs_on_an_assignment_s_active_days_count():
    """Logs before the start, after the end, or for an unknown assignment are never counted."""
    plan = assignments(
        assignment("early", 1, "day", date(2026, 3, 5), date(2026, 3, 10)),
        assignment("late", 2, "week", date(2026, 3, 12)),
    )
    frame = logs_frame(
        [
            *logs("early", *range(1, 16)),
            *logs("late", *range(1, 30, 2)),
            *logs("unknown", 6, 7, 8),
        ]
    )
    weekly = adherence_by_week(plan, frame, date(2026, 3, 1), date(2026, 3, 29))
    done = weekly.groupby("assignment_id")["done"].sum().to_dict()
    assert done == {make_id("early"): 6, make_id("late"): 9}  # 5-10 March; odd days 13-29


def test_homework_done_is_the_mean_of_capped_shares():
    """140% of one exercise and 0% of another is 50% done, not 70%."""
    summary = pd.DataFrame({"share": [1.4, 0.0, float("nan")]})
    assert mean_capped_share(summary) == 0.5
    assert mean_capped_share(summary.iloc[2:]) is None
    assert mean_capped_share(summary.iloc[:0]) is None
