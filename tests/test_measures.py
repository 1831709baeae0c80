"""Measures: scoring, bands, reliable change (Jacobson & Truax 1991) and the registry as data."""

import dataclasses
import math
from datetime import date

import pandas as pd
import pytest

from securebase.analytics.frames import CHECKIN_COLUMNS, checkins_frame
from securebase.analytics.measures import (
    HISTORY_COLUMNS,
    NO_NORMS,
    NO_RCI_CONSTANTS,
    latest_measure,
    measure_history,
    reliable_change,
    score,
)
from securebase.measures import (
    GAD7,
    MEASURES,
    PHQ8,
    PHQ9,
    Band,
    MeasureSpec,
    Norm,
    Norms,
    Reliability,
    Scale,
    Sourced,
    Subscale,
    rci_constants,
    thresholds,
)
from securebase.vocabulary import MeasureKey
from tests.analytics_builders import checkin

PFIZER_LINE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)


def answers_for(spec: MeasureSpec, total: int) -> list[int]:
    """Item scores in item order that add up to ``total`` (no reverse keying)."""
    answers = []
    for _ in range(spec.item_count):
        answers.append(min(spec.item_max, total - sum(answers)))
    assert sum(answers) == total
    return answers


# --- bands ----------------------------------------------------------------------------------------

BOUNDARIES = {
    GAD7: [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")],
    PHQ9: [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ],
}
BAND_CASES = [
    (spec, total, label)
    for spec, bands in BOUNDARIES.items()
    for low, high, label in bands
    for total in (low, high)
]


@pytest.mark.parametrize(
    ("spec", "total", "label"), BAND_CASES, ids=[f"{s.title}-{t}" for s, t, _ in BAND_CASES]
)
def test_score_at_every_band_boundary(spec, total, label):
    result = score(spec, answers_for(spec, total))
    assert (result.total, result.band) == (total, label)
    assert spec.band(total).label == label  # the old API still answers the same


@pytest.mark.parametrize("spec", [GAD7, PHQ9], ids=["GAD-7", "PHQ-9"])
def test_bands_in_the_registry_are_exactly_the_published_ones(spec):
    assert [(b.low, b.high, b.label) for b in spec.bands] == BOUNDARIES[spec]


def test_score_keeps_item_scores_and_has_no_subscales_for_the_shipped_measures():
    result = score(GAD7, [0, 1, 2, 3, 0, 1, 2])
    assert result.item_scores == (0, 1, 2, 3, 0, 1, 2)
    assert result.total == 9
    assert result.subscales == {}


@pytest.mark.parametrize(
    ("answers", "message"),
    [([1] * 6, "exactly 7 answers"), ([1] * 8, "exactly 7 answers"), ([4] + [0] * 6, "0-3")],
)
def test_score_refuses_invalid_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        score(GAD7, answers)


# --- items and wording ----------------------------------------------------------------------------


def test_gad7_items_are_exact():
    assert GAD7.item_count == 7
    assert GAD7.items[0] == "Feeling nervous, anxious, or on edge"
    assert GAD7.items[-1] == "Feeling afraid, as if something awful might happen"
    assert GAD7.stem == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    assert GAD7.copyright == PFIZER_LINE


def test_phq9_items_are_exact():
    assert PHQ9.item_count == 9
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert PHQ9.items[-1] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert PHQ9.copyright == PFIZER_LINE
    assert all(PHQ9.items)


@pytest.mark.parametrize("spec", [GAD7, PHQ9], ids=["GAD-7", "PHQ-9"])
def test_scale_is_0_to_3_with_the_published_labels(spec):
    assert (spec.item_min, spec.item_max) == (0, 3)
    assert spec.options == (
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    )
    assert (spec.total_min, spec.total_max) == (0, 3 * spec.item_count)


def test_phq9_item_9_is_the_risk_item_and_gad7_has_none():
    assert PHQ9.risk_items == (9,)
    assert GAD7.risk_items == ()


def test_published_constants_carry_their_sources():
    # Hand check of the sources in DOMAIN.md ("Measures"): GAD-7 r .83 and alpha .92
    # (Spitzer 2006); PHQ-9 alpha .89 (Kroenke 2001); general-population norms pooled from
    # Löwe 2008 and Kocalevent 2013; clinical norms from NHS data (secondary source).
    assert (GAD7.sd.value, GAD7.reliability.r, GAD7.internal_consistency.r) == (4.5, 0.83, 0.92)
    assert "Spitzer" in GAD7.reliability.source
    assert "2006" in GAD7.reliability.source
    assert (PHQ9.sd.value, PHQ9.reliability.r) == (5.5, 0.89)
    assert "Kroenke" in PHQ9.internal_consistency.source
    assert (GAD7.norms.functional.mean, GAD7.norms.functional.sd) == (2.97, 3.37)
    assert "Löwe" in GAD7.norms.functional.source
    assert (PHQ9.norms.functional.mean, PHQ9.norms.functional.sd) == (2.91, 3.51)
    assert "Kocalevent" in PHQ9.norms.functional.source
    assert (GAD7.norms.dysfunctional.mean, PHQ9.norms.dysfunctional.mean) == (14.0, 15.4)
    assert "secondary source" in GAD7.norms.dysfunctional.source  # marked as not verified
    assert (GAD7.caseness.value, GAD7.reliable_points.value) == (8, 4)
    assert (PHQ9.caseness.value, PHQ9.reliable_points.value) == (10, 6)
    assert "NHS Talking Therapies" in PHQ9.caseness.source
    for spec in MEASURES.values():
        for constant in (spec.sd, spec.reliability, spec.internal_consistency):
            assert constant is None or constant.source
        assert spec.source


def test_phq8_borrows_no_constants_it_does_not_have():
    assert PHQ8.items == PHQ9.items[:8]
    assert PHQ8.risk_items == ()
    assert (PHQ8.sd, PHQ8.norms, PHQ8.caseness) == (None, None, None)
    assert rci_constants(PHQ8) is None
    assert thresholds(PHQ8) == []


def test_every_threshold_is_listed_with_its_source():
    listed = {t["name"]: t for t in thresholds(GAD7)}
    assert listed["caseness"]["value"] == "8+"
    assert listed["reliable change (NHS)"]["value"] == "4+ points"
    assert listed["reliable change index"]["value"] == "> 5.1 points"
    assert listed["clinical cutoff c"]["value"] == "7.7"
    assert all(t["source"] for t in listed.values())


def test_registry_keeps_the_shape_existing_callers_use():
    assert set(MEASURES) == {MeasureKey.GAD7, MeasureKey.PHQ9, MeasureKey.PHQ8}
    assert MEASURES[MeasureKey("gad7")] is GAD7
    assert GAD7.total([0, 1, 2, 3, 0, 1, 2]) == 9
    assert GAD7.band(9) == Band(5, 9, "mild")
    with pytest.raises(ValueError, match="0-21"):
        GAD7.band(22)


# --- reliable change ------------------------------------------------------------------------------


def test_rci_hand_computed_for_gad7_and_phq9():
    # GAD-7: SE = 4.5 * sqrt(0.17) = 1.8554; S_diff = sqrt(2) * SE = 2.6239; 1.96 * S_diff = 5.14
    s_diff, threshold = rci_constants(GAD7)
    assert (round(s_diff, 4), round(threshold, 2)) == (2.6239, 5.14)
    # PHQ-9: SE = 5.5 * sqrt(0.11) = 1.8241; S_diff = 2.5797; 1.96 * S_diff = 5.06
    s_diff, threshold = rci_constants(PHQ9)
    assert (round(s_diff, 4), round(threshold, 2)) == (2.5797, 5.06)
    result = reliable_change(GAD7, 15, 9)
    assert math.isclose(result.rci, -6 / rci_constants(GAD7)[0])
    # c = (SD_dys * M_func + SD_func * M_dys) / (SD_dys + SD_func)
    assert GAD7.norms.cutoff == pytest.approx((4.5 * 2.97 + 3.37 * 14.0) / (4.5 + 3.37))  # 7.69
    assert PHQ9.norms.cutoff == pytest.approx((5.5 * 2.91 + 3.51 * 15.4) / (5.5 + 3.51))  # 7.78


# 5 points is below the reliable change of both (5.14 / 5.06), 6 is above; c is 7.69 / 7.78,
# so a post score of 7 is on the functional side and 8 is not.
RCI_CASES = [
    (GAD7, 15, 10, "no reliable change", "unchanged"),  # 5 points: |RC| 1.91
    (GAD7, 15, 9, "improved", "improved"),  # 6 points: |RC| 2.29; 9 is above c
    (GAD7, 13, 7, "improved", "recovered"),  # 6 points and crossed c
    (GAD7, 13, 8, "no reliable change", "unchanged"),  # crossed c, 5 points only
    (GAD7, 14, 8, "improved", "improved"),  # reliable, 8 is above c
    (GAD7, 10, 15, "no reliable change", "unchanged"),
    (GAD7, 9, 15, "deteriorated", "deteriorated"),
    (GAD7, 21, 0, "improved", "recovered"),
    (GAD7, 7, 7, "no reliable change", "unchanged"),
    (PHQ9, 13, 8, "no reliable change", "unchanged"),  # 5 points: |RC| 1.94
    (PHQ9, 14, 8, "improved", "improved"),  # 6 points: |RC| 2.33; 8 is above c 7.78
    (PHQ9, 14, 7, "improved", "recovered"),
    (PHQ9, 8, 13, "no reliable change", "unchanged"),
    (PHQ9, 8, 14, "deteriorated", "deteriorated"),
    (PHQ9, 27, 0, "improved", "recovered"),
]


@pytest.mark.parametrize(
    ("spec", "pre", "post", "category", "clinical"),
    RCI_CASES,
    ids=[f"{c[0].title}-{c[1]}-{c[2]}" for c in RCI_CASES],
)
def test_reliable_and_clinical_change_at_the_boundaries(spec, pre, post, category, clinical):
    result = reliable_change(spec, pre, post)
    assert (result.category, result.clinical) == (category, clinical)
    assert result.notes == ()


def test_phq8_says_reliable_change_was_not_assessed():
    result = reliable_change(PHQ8, 20, 5)
    assert (result.s_diff, result.rci, result.threshold_points, result.category) == (None,) * 4
    assert result.clinical is None
    assert NO_RCI_CONSTANTS in result.notes
    assert NO_NORMS in result.notes
    assert NO_NORMS == "no norms: clinical significance not assessed"


def _with_norms(func_mean, func_sd, dys_mean, dys_sd, **changes):
    """GAD-7's RCI constants with made-up norms (test data only, never shipped)."""
    norms = Norms(
        functional=Norm(func_mean, func_sd, "made-up functional group", "this test"),
        dysfunctional=Norm(dys_mean, dys_sd, "made-up clinical group", "this test"),
    )
    return dataclasses.replace(GAD7, norms=norms, **changes)


def test_cutoff_c_follows_jacobson_and_truax():
    spec = _with_norms(3, 3, 13, 5)
    assert spec.norms.cutoff == pytest.approx((5 * 3 + 3 * 13) / (5 + 3))  # 6.75


@pytest.mark.parametrize(
    ("pre", "post", "clinical"),
    [
        (12, 5, "recovered"),  # reliable improvement and crossed c = 6
        (12, 6, "improved"),  # reliable, but a score at c has not crossed it
        (6, 0, "recovered"),  # a score at c is not yet on the functional side
        (12, 7, "unchanged"),  # crossed nothing reliable: 5 points
        (3, 9, "deteriorated"),
        (3, 8, "unchanged"),
    ],
)
def test_clinical_categories_at_the_boundaries(pre, post, clinical):
    spec = _with_norms(0, 4, 12, 4)
    assert spec.norms.cutoff == 6
    result = reliable_change(spec, pre, post)
    assert result.clinical == clinical
    assert result.cutoff == 6
    assert result.notes == ()


def test_an_improvement_that_started_on_the_functional_side_is_not_recovery():
    spec = _with_norms(3, 3, 13, 5)  # c = 6.75
    assert reliable_change(spec, 6, 0).clinical == "improved"
    assert reliable_change(spec, 7, 0).clinical == "recovered"


def test_higher_is_better_measures_reverse_the_direction():
    spec = _with_norms(12, 4, 0, 4, lower_is_better=False)
    assert reliable_change(spec, 9, 15).category == "improved"
    assert reliable_change(spec, 0, 7).clinical == "recovered"
    assert reliable_change(spec, 15, 9).clinical == "deteriorated"


# --- the registry as data -------------------------------------------------------------------------

TOY = MeasureSpec(
    key="toy4",
    title="Toy-4",
    source="made up for this test",
    items=("I worry.", None, "I check.", "I ask."),  # item 2's wording "not shippable"
    scale=Scale(1, 5, ("never", "rarely", "sometimes", "often", "always")),
    reverse_items=frozenset({2}),
    subscales=(
        Subscale("worry", "Worry", (1, 2)),
        Subscale("checking", "Checking", (3, 4), method="mean"),
    ),
    bands=(Band(4, 9, "low"), Band(10, 14, "middle"), Band(15, 20, "high")),
    sd=Sourced(4.0, "made up"),
    reliability=Reliability(0.75, "made up", "made up"),
    norms=Norms(Norm(6, 2, "made up", "made up"), Norm(16, 3, "made up", "made up")),
    risk_items=(4,),
)


def test_a_new_measure_is_pure_data():
    assert (TOY.item_count, TOY.total_min, TOY.total_max) == (4, 4, 20)
    result = score(TOY, [5, 1, 2, 4])
    assert result.item_scores == (5, 5, 2, 4)  # item 2 reverse-keyed: 1 + 5 - 1
    assert result.total == 16
    assert result.band == "high"
    assert result.subscales == {"worry": 10, "checking": 3.0}
    assert TOY.norms.cutoff == pytest.approx((3 * 6 + 2 * 16) / 5)  # 10
    assert reliable_change(TOY, 16, 8).clinical == "recovered"


def test_a_registered_measure_flows_through_the_history(monkeypatch):
    monkeypatch.setitem(MEASURES, "toy4", TOY)
    rows = [
        ["a", "toy4", pd.Timestamp("2026-03-02T09:00+00:00"), "2026-03-02", None, (5, 1, 5, 5)],
        ["b", "toy4", pd.Timestamp("2026-03-09T09:00+00:00"), "2026-03-09", None, (2, 5, 1, 1)],
    ]
    frame = pd.DataFrame([[*row, None] for row in rows], columns=CHECKIN_COLUMNS)
    history = measure_history(frame, "toy4")
    assert list(history["total"]) == [20, 5]
    assert list(history["band"]) == ["high", "low"]
    assert list(history["clinical"]) == ["unchanged", "recovered"]


@pytest.mark.parametrize(
    "changes",
    [
        {"bands": (Band(4, 9, "low"), Band(11, 20, "high"))},  # gap
        {"bands": (Band(0, 20, "all"),)},  # does not start at the minimum total
        {"reverse_items": frozenset({5})},
        {"subscales": (Subscale("x", "X", (0, 1)),)},
        {"risk_items": (7,)},
    ],
)
def test_a_malformed_measure_is_refused_when_defined(changes):
    with pytest.raises(ValueError, match="Toy-4"):
        dataclasses.replace(TOY, **changes)


def test_a_scale_needs_one_label_per_value():
    with pytest.raises(ValueError, match="one option label"):
        Scale(0, 3, ("a", "b"))


# --- history on hand-made check-ins ---------------------------------------------------------------


@pytest.fixture
def checkins():
    return checkins_frame(
        [
            checkin("2026-03-16T20:00:00+01:00", "gad7", answers_for(GAD7, 9), name="g3"),
            checkin("2026-03-02T20:00:00+01:00", "gad7", answers_for(GAD7, 15), name="g1"),
            checkin("2026-03-09T20:00:00+01:00", "gad7", answers_for(GAD7, 12), name="g2"),
            checkin("2026-03-23T20:00:00+01:00", "gad7", answers_for(GAD7, 16), name="g4"),
            checkin("2026-03-02T20:05:00+01:00", "phq9", answers_for(PHQ9, 21), name="p1"),
            checkin("2026-03-23T20:05:00+01:00", "phq9", [0] * 8 + [1], name="p2"),
        ]
    )


def test_measure_history_compares_each_score_with_the_first(checkins):
    history = measure_history(checkins, "gad7")
    assert list(history.columns) == HISTORY_COLUMNS
    assert list(history["total"]) == [15, 12, 9, 16]
    assert [d.isoformat() for d in history["local_date"]] == [
        "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23",
    ]  # fmt: skip
    assert list(history["band"]) == ["severe", "moderate", "mild", "severe"]
    s_diff = rci_constants(GAD7)[0]
    assert list(history["rci_from_baseline"]) == pytest.approx(
        [0, -3 / s_diff, -6 / s_diff, 1 / s_diff]
    )
    assert list(history["reliable_change"]) == [
        "no reliable change", "no reliable change", "improved", "no reliable change",
    ]  # fmt: skip
    assert list(history["clinical"]) == ["unchanged", "unchanged", "improved", "unchanged"]
    assert history.attrs["notes"] == []


def test_measure_history_without_constants_leaves_the_change_columns_empty():
    frame = checkins_frame(
        [
            checkin("2026-03-02T20:05:00+01:00", "phq8", [3] * 7 + [0], name="q1"),
            checkin("2026-03-23T20:05:00+01:00", "phq8", [0] * 8, name="q2"),
        ]
    )
    history = measure_history(frame, MeasureKey.PHQ8)
    assert list(history["total"]) == [21, 0]
    assert list(history["band"]) == ["severe", "minimal"]
    assert history["rci_from_baseline"].isna().all()
    assert list(history["reliable_change"]) == [None, None]
    assert NO_RCI_CONSTANTS in history.attrs["notes"]


def test_measure_history_of_an_unused_measure_is_empty():
    history = measure_history(checkins_frame([]), "gad7")
    assert history.empty
    assert list(history.columns) == HISTORY_COLUMNS


def test_latest_measure_for_the_session_brief(checkins):
    latest = latest_measure(checkins, "gad7")
    assert latest["total"] == 16
    assert latest["band"] == "severe"
    assert (latest["baseline_total"], latest["change"], latest["count"]) == (15, 1, 4)
    assert latest["reliable_change"] == "no reliable change"
    assert latest["threshold_points"] == pytest.approx(5.14, abs=0.01)
    assert latest["clinical"] == "unchanged"
    assert latest["notes"] == []
    assert latest["local_date"].isoformat() == "2026-03-23"
    assert latest["risk_items_endorsed"] == []
    assert latest["outcome_words"] == "no reliable change"  # 15 -> 16: a case both times
    assert latest["days_old"] is None
    assert latest["stale"] is False


@pytest.mark.parametrize(("as_of", "stale"), [("2026-04-19", False), ("2026-04-21", True)])
def test_a_check_in_older_than_four_weeks_is_called_old(checkins, as_of, stale):
    # The latest GAD-7 is of 23 Mar: 27 days old on 19 Apr, 29 on 21 Apr (limit 28).
    latest = latest_measure(checkins, "gad7", as_of=date.fromisoformat(as_of))
    assert latest["stale"] is stale
    assert latest["days_old"] == (date.fromisoformat(as_of) - date(2026, 3, 23)).days


def test_latest_phq9_reports_item_9_and_what_was_not_assessed(checkins):
    latest = latest_measure(checkins, "phq9")
    assert (latest["total"], latest["band"], latest["change"]) == (1, "minimal", -20)
    assert (latest["reliable_change"], latest["clinical"]) == ("improved", "recovered")
    assert latest["outcome_words"] == "reliable recovery"
    assert latest["risk_items_endorsed"] == [9]


def test_latest_measure_is_none_without_check_ins():
    assert latest_measure(checkins_frame([]), "phq9") is None
    only_gad = checkins_frame([checkin("2026-03-02T20:00:00+01:00", "gad7", [0] * 7)])
    assert latest_measure(only_gad, "phq9") is None
