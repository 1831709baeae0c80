"""Soothing analytics on hand-computed fixtures.

Each fixture entry is written as (distress_before -> distress_after); its drop
is the difference. Time plays no part in these figures, so the time-zone and
DST tests only show that where and when an entry was written changes nothing.
"""

from datetime import timedelta

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from securebase.analytics.frames import entries_frame
from securebase.analytics.soothing import (
    EFFECTIVENESS_DTYPES,
    MIN_N_FOR_RANKING,
    BestTechnique,
    best_technique,
    soothing_effectiveness,
)
from tests.analytics_builders import entry, tombstone
from tests.demo_frames import merge_by_revision

NAN = float("nan")
_counter = iter(range(10_000))


def used(*techniques, before=None, after=None, minutes=None, when=None, **fields):
    """An entry that used ``techniques`` (each for ``minutes``) with the given ratings."""
    if when is None:  # a fresh minute each time, on Monday 2026-03-02 onwards
        stamp = pd.Timestamp("2026-03-02T08:00:00+01:00") + timedelta(minutes=next(_counter))
        when = stamp.isoformat()
    ratings = {"distress_before": before, "distress_after": after}
    return entry(
        when,
        soothing=[{"technique": t, "minutes": minutes} for t in techniques],
        **{k: v for k, v in ratings.items() if v is not None},
        **fields,
    )


def frame(*items):
    return entries_frame(items)


def table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(EFFECTIVENESS_DTYPES)).astype(EFFECTIVENESS_DTYPES)


def test_constant():
    assert MIN_N_FOR_RANKING == 3


def test_empty_input():
    assert_frame_equal(soothing_effectiveness(frame()), table([]))
    assert best_technique(frame()) is None


def test_entries_without_soothing_give_an_empty_table():
    entries = frame(entry("2026-03-02T08:00:00+01:00", distress_before=80, distress_after=20))
    assert_frame_equal(soothing_effectiveness(entries), table([]))


def test_single_entry_is_listed_but_not_ranked():
    entries = frame(used("grounding", before=60, after=40, minutes=5))
    # 60 -> 40: drop 20, one rated use, below the 3 needed to rank
    assert_frame_equal(
        soothing_effectiveness(entries), table([("grounding", 1, 1, 20.0, 5.0, False, pd.NA)])
    )
    assert best_technique(entries) is None
    assert best_technique(entries, min_n=1) == BestTechnique("grounding", 20.0, 1)


def test_ranking_boundary_two_versus_three_rated_uses():
    entries = frame(
        # paced_breathing: 3 rated uses, drops 10, 20, 30 -> mean 20
        used("paced_breathing", before=50, after=40, minutes=5),
        used("paced_breathing", before=60, after=40, minutes=10),
        used("paced_breathing", before=70, after=40, minutes=20),
        # grounding: 3 uses but only 2 rated (drops 40, 50 -> 45); the third has no "after"
        used("grounding", before=90, after=50),
        used("grounding", before=80, after=30),
        used("grounding", before=70),
    )
    # grounding's larger mean does not rank: 2 rated uses < 3
    expected = table(
        [
            ("paced_breathing", 3, 3, 20.0, 10.0, True, 1),
            ("grounding", 3, 2, 45.0, NAN, False, pd.NA),
        ]
    )
    assert_frame_equal(soothing_effectiveness(entries), expected)
    assert best_technique(entries) == BestTechnique("paced_breathing", 20.0, 3)
    # with min_n = 2 both rank, grounding first
    ranked = soothing_effectiveness(entries, min_n=2)
    assert ranked[["technique", "rank"]].values.tolist() == [
        ["grounding", 1],
        ["paced_breathing", 2],
    ]
    assert best_technique(entries, min_n=2) == BestTechnique("grounding", 45.0, 2)


def test_two_techniques_in_one_entry_count_for_both_and_a_repeat_counts_once():
    entries = frame(
        # 80 -> 50: drop 30 for mindfulness and for journaling
        used("mindfulness", "journaling", before=80, after=50, minutes=10),
        # journaling listed twice in one entry: one use, 10 + 10 = 20 minutes; 40 -> 30: 10
        used("journaling", "journaling", before=40, after=30, minutes=10),
    )
    # journaling: uses 2, drops 30 and 10 -> 20; minutes 10 and 20 -> median 15
    # mindfulness: uses 1, drop 30, minutes 10
    expected = table(
        [
            ("journaling", 2, 2, 20.0, 15.0, False, pd.NA),
            ("mindfulness", 1, 1, 30.0, 10.0, False, pd.NA),
        ]
    )
    assert_frame_equal(soothing_effectiveness(entries), expected)


def test_minutes_median_skips_uses_without_minutes():
    entries = frame(
        used("nature", minutes=5),
        used("nature", minutes=10),
        used("nature"),
        used("nature", minutes=20),
    )
    # minutes 5, 10, 20 -> median 10; no ratings -> mean NaN, not ranked
    assert_frame_equal(
        soothing_effectiveness(entries), table([("nature", 4, 0, NAN, 10.0, False, pd.NA)])
    )
    assert best_technique(entries, min_n=0) is None  # nothing rated, nothing lowered


def test_ties_share_a_rank_and_list_more_rated_uses_first():
    entries = frame(
        # mindfulness: drops 20, 20, 20 -> 20 over 3
        *[used("mindfulness", before=50, after=30) for _ in range(3)],
        # self_compassion: drops 10, 30, 20, 20 -> 80 / 4 = 20 over 4
        used("self_compassion", before=50, after=40),
        used("self_compassion", before=50, after=20),
        *[used("self_compassion", before=50, after=30) for _ in range(2)],
        # exercise: drops 5, 5, 5 -> 5
        *[used("exercise", before=50, after=45) for _ in range(3)],
        # grounding: drops 20, 20, 20 -> 20 over 3, ties mindfulness on n too -> by key
        *[used("grounding", before=50, after=30) for _ in range(3)],
    )
    result = soothing_effectiveness(entries)
    assert result[["technique", "n_rated", "mean_drop", "rank"]].values.tolist() == [
        ["self_compassion", 4, 20.0, 1],
        ["grounding", 3, 20.0, 1],
        ["mindfulness", 3, 20.0, 1],
        ["exercise", 3, 5.0, 4],
    ]
    assert best_technique(entries) == BestTechnique("self_compassion", 20.0, 4)


def test_no_best_technique_when_distress_did_not_drop():
    entries = frame(
        *[used("support_contact", before=40, after=50) for _ in range(3)],  # -10 each
        *[used("exercise", before=40, after=40) for _ in range(3)],  # 0 each
    )
    result = soothing_effectiveness(entries)
    assert result[["technique", "mean_drop", "rank"]].values.tolist() == [
        ["exercise", 0.0, 1],
        ["support_contact", -10.0, 2],
    ]
    assert best_technique(entries) is None


def test_deleted_entries_and_earlier_revisions_do_not_count():
    # "r" revision 1 had no "after" rating; revision 2 added 30. "d" was deleted.
    first = used("grounding", before=70, when="2026-03-02T20:00:00+01:00", name="r")
    second = used(
        "grounding",
        before=70,
        after=30,
        when="2026-03-02T20:00:00+01:00",
        name="r",
        revision=2,
        recorded_at="2026-03-03T08:00:00+01:00",
    )
    gone = used("grounding", before=90, after=0, when="2026-03-02T21:00:00+01:00", name="d")
    entries = frame(*merge_by_revision([first, gone, second, tombstone("d")]))
    # only revision 2 of "r": one use, 70 -> 30 = 40
    assert_frame_equal(
        soothing_effectiveness(entries), table([("grounding", 1, 1, 40.0, NAN, False, pd.NA)])
    )


@pytest.mark.parametrize(
    "stamps",
    [
        # either side of Europe's DST change, and a Sunday-night/Monday-morning pair
        ("2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T00:10:00+02:00"),
        # one UTC instant on three wall clocks
        ("2026-03-09T00:30:00+10:00", "2026-03-08T09:30:00-05:00", "2026-03-08T14:30:00+00:00"),
    ],
)
def test_time_of_writing_does_not_change_the_figures(stamps):
    entries = frame(*[used("grounding", before=60, after=30, when=s) for s in stamps])
    # three uses, each 60 -> 30: mean drop 30, ranked first
    assert_frame_equal(
        soothing_effectiveness(entries), table([("grounding", 3, 3, 30.0, NAN, True, 1)])
    )
