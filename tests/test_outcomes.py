"""NHS Talking Therapies paired metrics, hand-computed at every threshold.

PHQ-9: caseness 10+, reliable change 6+ points; GAD-7: caseness 8+, 4+ points
(NHS Talking Therapies manual; values and sources in securebase/measures.py).
Each case sits just below, at or just above a threshold.
"""

import pytest

from securebase.analytics.outcomes import measure_outcome, paired_outcome
from securebase.measures import GAD7, PHQ8, PHQ9

CASES = [
    # spec, pre, post, words
    (PHQ9, 10, 4, "reliable recovery"),  # a case at 10 (at), 6 points (at), below 10 after
    (PHQ9, 10, 5, "recovery (not reliable)"),  # 5 points: just below reliable
    (PHQ9, 9, 3, "reliable improvement"),  # 9: just below caseness, so no recovery
    (PHQ9, 15, 10, "no reliable change"),  # still a case at 10; 5 points
    (PHQ9, 15, 9, "reliable recovery"),  # 9: just below caseness after; 6 points
    (PHQ9, 4, 10, "reliable deterioration"),  # 6 points up (at)
    (PHQ9, 4, 9, "no reliable change"),  # 5 points up (just below)
    (PHQ9, 4, 11, "reliable deterioration"),  # 7 points up (above)
    (GAD7, 8, 4, "reliable recovery"),  # a case at 8 (at), 4 points (at)
    (GAD7, 7, 3, "reliable improvement"),  # 7: just below caseness
    (GAD7, 8, 5, "recovery (not reliable)"),  # 3 points: just below reliable
    (GAD7, 12, 8, "reliable improvement"),  # 8 after is still a case
    (GAD7, 12, 7, "reliable recovery"),
    (GAD7, 3, 7, "reliable deterioration"),  # 4 points up (at)
    (GAD7, 3, 6, "no reliable change"),  # 3 points up
    (GAD7, 3, 8, "reliable deterioration"),  # 5 points up (above)
]


@pytest.mark.parametrize(
    ("spec", "pre", "post", "words"), CASES, ids=[f"{c[0].title}-{c[1]}-{c[2]}" for c in CASES]
)
def test_each_measure_at_its_thresholds(spec, pre, post, words):
    outcome = measure_outcome(spec, pre, post)
    assert outcome.words == words
    assert outcome.case_pre == (pre >= spec.caseness.value)
    assert outcome.case_post == (post >= spec.caseness.value)


def test_a_measure_without_thresholds_is_not_assessed():
    assert measure_outcome(PHQ8, 20, 2) is None


def test_paired_improvement_needs_no_deterioration_on_the_other_measure():
    better_mood = measure_outcome(PHQ9, 16, 8)  # reliable recovery on the PHQ-9
    worse_anxiety = measure_outcome(GAD7, 5, 9)  # reliable deterioration, now a case
    paired = paired_outcome(better_mood, worse_anxiety)
    assert not paired.reliable_improvement
    assert not paired.reliable_deterioration
    assert paired.case_pre
    assert paired.case_post
    assert not paired.recovery
    assert paired.words == "no reliable change"


def test_paired_recovery_needs_both_below_caseness():
    phq = measure_outcome(PHQ9, 14, 6)
    gad = measure_outcome(GAD7, 9, 7)  # 2 points: not reliable, but below 8 now
    paired = paired_outcome(phq, gad)
    assert (paired.recovery, paired.reliable_improvement, paired.reliable_recovery) == (
        True,
        True,
        True,
    )
    still_anxious = paired_outcome(phq, measure_outcome(GAD7, 9, 8))
    assert not still_anxious.recovery
    assert still_anxious.words == "reliable improvement"
