"""Thought challenges per week, paired changes, fading distortions and their trends."""

from datetime import date

import pandas as pd
import pytest

from securebase.analytics.caseload import CaseloadClient, caseload
from securebase.analytics.challenges import (
    belief_change,
    belief_drop_by_week,
    belief_trends,
    challenge_completion_by_week,
    challenge_trends,
    distortion_rate_change,
    distortions_by_week,
    distortions_per_entry_by_week,
    distress_change,
    distress_drop_by_week,
    fading_distortions,
    headline_direction,
)
from securebase.analytics.frames import checkins_frame, entries_frame, logs_frame
from securebase.analytics.load import ASSIGNMENT_COLUMNS, ClientFrames
from securebase.analytics.trends import (
    FALLING,
    IMPROVING,
    NO_CLEAR_CHANGE,
    NOT_ENOUGH_DATA,
    RISING,
    WORSENING,
)
from securebase.errors import InvalidPeriod
from securebase.period import Period
from tests.analytics_builders import entry, tombstone
from tests.demo_frames import demo_client_frames, demo_week_monday, merge_by_revision

W1, W2, W5 = date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 30)  # weeks 3 and 4 are empty


def challenge(belief_after=None, distortions=(), balanced="A kinder, truer reading.") -> dict:
    return {
        "distortions": list(distortions),
        "evidence_for": "",
        "evidence_against": "",
        "balanced_thought": balanced,
        "belief_after": belief_after,
    }


@pytest.fixture
def entries() -> pd.DataFrame:
    """Three weeks with entries (W1, W2, W5); W3 and W4 have none.

    | week | belief   | distress  | challenge                       | distortions            |
    | W1   | 80 -> 50 | 70 -> 40  | completed                       | mind_reading, catastr. |
    | W1   | 70 -> 60 | 60 -> 50  | completed                       | mind_reading           |
    | W1   | 90 -> -  | 80 -> -   | balanced thought, no re-rating  | fortune_telling        |
    | W2   | 60 -> -  | 50 -> 50  | none                            |                        |
    | W2   | -  -> 40 | -  -> -   | re-rated, no balanced thought   | (none named)           |
    | W5   | 75 -> 45 | -  -> -   | completed                       | catastrophizing        |
    | W5   | 50 -> 40 | 40 -> 20  | completed                       | (none named)           |
    """
    return entries_frame(
        [
            entry("2026-03-02T21:00:00+01:00", belief_before=80, distress_before=70,
                  distress_after=40,
                  challenge=challenge(50, ["mind_reading", "catastrophizing"])),
            entry("2026-03-04T08:00:00+01:00", belief_before=70, distress_before=60,
                  distress_after=50, challenge=challenge(60, ["mind_reading"])),
            entry("2026-03-08T23:00:00+01:00", belief_before=90, distress_before=80,
                  challenge=challenge(None, ["fortune_telling"])),
            entry("2026-03-10T12:00:00+01:00", belief_before=60, distress_before=50,
                  distress_after=50),
            entry("2026-03-11T12:00:00+01:00", challenge=challenge(40, balanced="")),
            entry("2026-03-31T22:00:00+02:00", belief_before=75,
                  challenge=challenge(45, ["catastrophizing"])),
            entry("2026-04-05T22:00:00+02:00", belief_before=50, distress_before=40,
                  distress_after=20, challenge=challenge(40)),
        ]
    )  # fmt: skip


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in frame.itertuples(index=False)]


# --- completion -----------------------------------------------------------------


def test_completion_share_per_week_with_empty_weeks_absent(entries):
    # W1: 3 entries, 2 completed (the third has no re-rating) -> 2/3.
    # W2: 2 entries, none completed (no challenge; no balanced thought) -> 0.
    # W3, W4: no entries -> no rows (not a share of 0). W5: 2 of 2.
    frame = challenge_completion_by_week(entries)
    assert list(frame.columns) == ["week", "entries", "completed", "share"]
    assert rows(frame) == [(W1, 3, 2, pytest.approx(2 / 3)), (W2, 2, 0, 0.0), (W5, 2, 2, 1.0)]


def test_the_completion_trend_keeps_the_empty_weeks_as_a_gap(entries):
    # x = 0, 1, 4 (W5 is four weeks after W1), y = 2/3, 0, 1: mean x 5/3, mean y 5/9.
    # Sxx = 25/9 + 4/9 + 49/9 = 78/9; Sxy = (-5/3)(1/9) + (-2/3)(-5/9) + (7/3)(4/9)
    # = (-5 + 10 + 28)/27 = 33/27 = 11/9; slope = (11/9) / (78/9) = 11/78.
    # (Consecutive weeks x = 0, 1, 2 would give 1/6.)
    completion = challenge_trends(entries)["completion_share"]
    assert completion.n_weeks == 3
    assert completion.slope_per_week == pytest.approx(11 / 78)


# --- paired changes ---------------------------------------------------------------


def test_belief_drop_uses_only_entries_rated_before_and_after(entries):
    # Pairs 80-50, 70-60 (W1), 75-45, 50-40 (W5); 90 without re-rating, 60 without a
    # challenge and 40 without a first rating are left out. W1 mean (30 + 10) / 2 = 20,
    # W5 mean (30 + 10) / 2 = 20; W2 has no pair and no row.
    assert rows(belief_drop_by_week(entries)) == [(W1, 2, 20.0), (W5, 2, 20.0)]
    # Overall: means 68.75 -> 48.75, drop 20; drops 30, 10, 30, 10 -> var 400/3,
    # SE = sqrt(400/3 / 4) = 5.773503; CI = 20 +/- 3.182 * 5.773503 = 20 +/- 18.371286.
    change = belief_change(entries)
    assert (change.n, change.mean_before, change.mean_after, change.mean_drop) == (
        4, 68.75, 48.75, 20.0
    )  # fmt: skip
    assert change.ci_low == pytest.approx(20 - 18.371286, abs=1e-6)
    assert change.ci_high == pytest.approx(20 + 18.371286, abs=1e-6)


def test_distress_drop_by_week_and_overall(entries):
    # Pairs: 70-40, 60-50 (W1); 50-50 (W2); 40-20 (W5). W1 mean 20, W2 0, W5 20.
    assert rows(distress_drop_by_week(entries)) == [(W1, 2, 20.0), (W2, 1, 0.0), (W5, 1, 20.0)]
    # Drops 30, 10, 0, 20: mean 15; before (70+60+50+40)/4 = 55, after (40+50+50+20)/4 = 40.
    # Deviations 15, -5, -15, 5: var 500/3; SE = sqrt(500/3 / 4) = 6.454972;
    # CI = 15 +/- 3.182 * 6.454972 = 15 +/- 20.539721.
    change = distress_change(entries)
    assert (change.n, change.mean_before, change.mean_after, change.mean_drop) == (4, 55, 40, 15)
    assert change.ci_low == pytest.approx(15 - 20.539721, abs=1e-6)


# --- distortions --------------------------------------------------------------------


def test_distortions_by_week_count_entries_naming_them(entries):
    assert rows(distortions_by_week(entries)) == [
        (W1, "catastrophizing", 1),
        (W1, "fortune_telling", 1),
        (W1, "mind_reading", 2),
        (W5, "catastrophizing", 1),
    ]


def test_distortions_per_challenged_entry(entries):
    # W1: 2 + 1 + 1 named over 3 challenged entries; W2: 0 over 1 (the entry without a
    # challenge does not count); W5: 1 + 0 over 2.
    assert rows(distortions_per_entry_by_week(entries)) == [
        (W1, pytest.approx(4 / 3)),
        (W2, 0.0),
        (W5, 0.5),
    ]


def fading_fixture() -> pd.DataFrame:
    """Period A = 2 weeks (Mar 2-15), period B = 1 week (Mar 16-22), one entry outside both.

    A: mind_reading x4, catastrophizing x2, labeling x1; B: mind_reading, catastrophizing x2,
    should_statements.
    """
    named = [
        ("2026-03-02T20:00:00+00:00", ["mind_reading", "catastrophizing"]),
        ("2026-03-05T20:00:00+00:00", ["mind_reading"]),
        ("2026-03-10T20:00:00+00:00", ["mind_reading", "labeling"]),
        ("2026-03-15T23:30:00-05:00", ["mind_reading", "catastrophizing"]),  # local Sunday
        ("2026-03-16T20:00:00+00:00", ["mind_reading", "catastrophizing"]),
        ("2026-03-22T20:00:00+00:00", ["catastrophizing", "should_statements"]),
        ("2026-03-25T20:00:00+00:00", ["labeling", "mind_reading"]),  # after B: ignored
    ]
    return entries_frame(
        [entry(at, belief_before=70, challenge=challenge(50, kinds)) for at, kinds in named]
    )


PERIOD_A = Period(date(2026, 3, 2), date(2026, 3, 15))
PERIOD_B = Period(date(2026, 3, 16), date(2026, 3, 22))


def test_distortion_rates_per_week_and_the_fading_ones():
    # Weekly rates: A = count / 2 weeks: mind_reading 2.0, catastrophizing 1.0, labeling 0.5;
    # B = count / 1 week: mind_reading 1, catastrophizing 2, should_statements 1.
    # Changes B - A: mind_reading -1, labeling -0.5, catastrophizing +1, should_statements +1.
    table = distortion_rate_change(fading_fixture(), PERIOD_A, PERIOD_B)
    assert list(table.columns) == ["distortion", "rate_a", "rate_b", "change"]
    assert rows(table) == [
        ("mind_reading", 2.0, 1.0, -1.0),
        ("labeling", 0.5, 0.0, -0.5),
        ("catastrophizing", 1.0, 2.0, 1.0),
        ("should_statements", 0.0, 1.0, 1.0),
    ]
    fading = fading_distortions(fading_fixture(), PERIOD_A, PERIOD_B)
    assert list(fading["distortion"]) == ["mind_reading", "labeling"]


def test_a_period_must_not_run_backwards():
    with pytest.raises(InvalidPeriod):
        fading_distortions(fading_fixture(), Period(date(2026, 3, 15), date(2026, 3, 2)), PERIOD_B)


# --- trends -------------------------------------------------------------------------


def improving_client() -> pd.DataFrame:
    """Four consecutive weeks, two entries each, both with a challenge.

    | week | completed | belief drops | distress drops | distortions per entry |
    | 0    | 1 of 2    | 5 (other unfinished)   | 0, 0   | 3 |
    | 1    | 1 of 2    | 15 (other unfinished)  | 5, 5   | 2 |
    | 2    | 2 of 2    | 25, 25                 | 10, 10 | 1 |
    | 3    | 2 of 2    | 35, 35                 | 15, 15 | 0 |
    """
    three = ["mind_reading", "catastrophizing", "fortune_telling"]
    plan = [(0, 5, None, 0, 3), (1, 15, None, 5, 2), (2, 25, 25, 10, 1), (3, 35, 35, 15, 0)]
    made = []
    for week, drop_a, drop_b, relief, named in plan:
        for hour, drop in ((9, drop_a), (20, drop_b)):
            after = None if drop is None else 80 - drop
            made.append(
                entry(
                    f"2026-03-{2 + 7 * week:02d}T{hour:02d}:00:00+01:00",
                    belief_before=80,
                    distress_before=60,
                    distress_after=60 - relief,
                    challenge=challenge(after, three[:named]),
                )
            )
    return entries_frame(made)


def test_challenge_trends_apply_the_rule_to_each_series():
    trends = challenge_trends(improving_client())
    assert list(trends) == [
        "completion_share", "belief_before", "belief_drop_share", "distress_before",
        "distress_drop_share", "belief_drop", "distress_drop", "distortions_per_entry",
    ]  # fmt: skip
    # Belief drop share 5/80, 15/80, 25/80, 35/80: slope 0.125, 0.125 * 4 = 0.5 >= 0.15.
    share = trends["belief_drop_share"]
    assert (share.slope_per_week, share.direction) == (pytest.approx(0.125), IMPROVING)
    # Belief before stays 80: no clear change in the level.
    assert trends["belief_before"].direction == NO_CLEAR_CHANGE
    # Raw drops 5, 15, 25, 35 (slope 10) are charted with neutral words only.
    raw = trends["belief_drop"]
    assert (raw.slope_per_week, raw.direction) == (pytest.approx(10), RISING)
    # Distress drop share 0, 5/60, 10/60, 15/60: slope 1/12 a week, 4/12 >= 0.15.
    assert trends["distress_drop_share"].direction == IMPROVING
    assert trends["distress_drop"].direction == RISING
    # Distortions per challenged entry 3, 2, 1, 0: neutral (naming them is a skill).
    assert trends["distortions_per_entry"].direction == FALLING
    # Share 0.5, 0.5, 1, 1: mean 0.75, Sxy = 0.375 + 0.125 + 0.125 + 0.375 = 1, Sxx = 5,
    # slope 0.2; residuals .05, -.15, .15, -.05, SSE 0.05, SE = sqrt(0.05 / 2 / 5) = 0.070711;
    # CI = 0.2 +/- 4.303 * 0.070711 = [-0.104, 0.504]: contains 0 -> no clear change.
    completion = trends["completion_share"]
    assert completion.slope_per_week == pytest.approx(0.2)
    assert completion.ci_low == pytest.approx(0.2 - 4.303 * 0.0707107, abs=1e-6)
    assert completion.direction == NO_CLEAR_CHANGE


# --- local weeks, deletions, revisions, empty input ---------------------------------


def test_entries_fall_into_the_client_s_local_iso_week():
    stamps = [
        "2026-03-01T23:30:00-05:00",  # Sunday evening in New York (Monday 04:30 UTC)
        "2026-03-02T08:00:00+10:00",  # Monday morning in Sydney (Sunday 22:00 UTC)
        "2026-03-08T23:30:00-04:00",  # Sunday night after the US change to summer time
        "2026-03-09T00:15:00-04:00",  # 45 minutes later: Monday
        "2026-03-29T01:30:00+01:00",  # Sunday before the EU change to summer time
        "2026-03-29T23:30:00+02:00",  # the same Sunday, after it
        "2026-03-30T00:30:00+02:00",  # Monday 00:30 local (Sunday 22:30 UTC)
    ]
    frame = challenge_completion_by_week(entries_frame([entry(at) for at in stamps]))
    weeks = [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 23), W5]
    assert list(zip(frame["week"], frame["entries"], strict=True)) == list(
        zip(weeks, [1, 2, 1, 2, 1], strict=True)
    )


def test_deleted_entries_are_gone_and_revisions_count_once():
    # "kept" was finished in a second revision; "gone" was deleted (a tombstone).
    merged = merge_by_revision(
        [
            entry("2026-03-03T20:00:00+01:00", name="kept", belief_before=80),
            entry("2026-03-04T20:00:00+01:00", name="gone", belief_before=90,
                  challenge=challenge(30)),
            entry("2026-03-03T20:00:00+01:00", name="kept", revision=2, belief_before=80,
                  challenge=challenge(60), recorded_at="2026-03-06T10:00:00+01:00"),
            tombstone("gone", revision=2),
        ]
    )  # fmt: skip
    frame = entries_frame(merged)
    assert rows(challenge_completion_by_week(frame)) == [(W1, 1, 1, 1.0)]
    assert belief_change(frame).mean_drop == 20


def test_empty_entries_give_empty_frames_and_no_trends():
    empty = entries_frame([])
    for build, columns in [
        (challenge_completion_by_week, ["week", "entries", "completed", "share"]),
        (belief_drop_by_week, ["week", "n", "mean_drop"]),
        (distress_drop_by_week, ["week", "n", "mean_drop"]),
        (distortions_by_week, ["week", "distortion", "count"]),
    ]:
        frame = build(empty)
        assert (list(frame.columns), len(frame)) == (columns, 0)
    assert len(fading_distortions(empty, PERIOD_A, PERIOD_B)) == 0
    assert belief_change(empty).n == distress_change(empty).n == 0
    assert {t.direction for t in challenge_trends(empty).values()} == {NOT_ENOUGH_DATA}


# --- the demo clients -----------------------------------------------------------------


def improving_client_whose_drops_shrink() -> pd.DataFrame:
    """Eight weeks, two challenged entries a week: belief before a challenge falls from 80
    to 30 (lower is better) and each challenge halves it, so the raw drop shrinks from 40
    to 15 while the client gets better; distress before soothing falls 70 -> 35 and each
    time drops by a third."""
    made = []
    for week in range(8):
        before = 80 - round(week * 50 / 7)  # 80, 73, 66, 59, 51, 44, 37, 30
        distress = 70 - 5 * week
        for hour in (9, 20):
            made.append(
                entry(
                    f"2026-03-{2 + 7 * week:02d}T{hour:02d}:00:00+01:00"
                    if 2 + 7 * week <= 31
                    else f"2026-04-{2 + 7 * week - 31:02d}T{hour:02d}:00:00+02:00",
                    belief_before=before,
                    distress_before=distress,
                    distress_after=distress - distress // 3,
                    challenge=challenge(before // 2, ["mind_reading"]),
                )
            )
    return entries_frame(made)


def test_an_improving_client_whose_drops_shrink_is_not_called_worsening():
    entries = improving_client_whose_drops_shrink()
    trends = challenge_trends(entries)
    # The raw drop falls 40 -> 15: the old rule called this "worsening".
    assert trends["belief_drop"].slope_per_week < 0
    assert trends["belief_drop"].direction == FALLING  # neutral words, never worsening
    assert trends["belief_before"].direction == IMPROVING  # 80 -> 30, lower is better
    assert trends["belief_drop_share"].direction == NO_CLEAR_CHANGE  # half each time
    assert trends["distress_before"].direction == IMPROVING
    assert trends["distress_drop"].direction == FALLING
    assert WORSENING not in {t.direction for t in trends.values()}
    assert headline_direction(belief_trends(entries)) == IMPROVING


def test_the_caseload_does_not_call_the_improving_client_worsening():
    frames = ClientFrames(
        improving_client_whose_drops_shrink(),
        logs_frame([]),
        checkins_frame([]),
        pd.DataFrame(columns=ASSIGNMENT_COLUMNS),
    )
    today = date(2026, 4, 26)  # the Sunday of the eighth week
    row = caseload([CaseloadClient("c", "Improving", None, frames)], today).iloc[0]
    assert (row["belief_trend"], row["worsening"]) == (IMPROVING, 0)
    assert "worsening" not in row["attention"]


def test_demo_stories_show_in_the_challenge_analytics():
    steady = demo_client_frames("steady_improvement").entries
    assert challenge_trends(steady)["belief_before"].direction == IMPROVING
    # The bad patch (weeks 7-9, after an argument) hurts more than the weeks before it.
    entries = demo_client_frames("bad_patch").entries
    bad = entries["week"].isin([demo_week_monday(n) for n in (7, 8, 9)])
    before = entries["week"] < demo_week_monday(7)
    assert entries[bad]["distress_before"].mean() > entries[before]["distress_before"].mean() + 3
