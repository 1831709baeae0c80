"""Thought challenges: are they done, does belief in the anxious thought loosen, what fades.

Trends are fitted over the weeks of the chosen period (``trends.weekly_trend``
with the rules of ``challenges.TREND_RULES``); fewer than three weeks with
data give "not enough data", never a line.
"""

import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.data import ClientPeriod, computed
from securebase.analytics.challenges import (
    TREND_RULES,
    belief_drop_by_week,
    challenge_completion_by_week,
    distortions_by_week,
    distress_drop_by_week,
)
from securebase.analytics.trends import weekly_trend

NO_ENTRIES = "No journal entries in this period."


def with_trend(by_week, rule: str):
    better, min_effect = TREND_RULES[rule]
    series = by_week.rename(columns={"mean_drop": "value"})
    return by_week, weekly_trend(series, better=better, min_effect=min_effect)


def render(view: ClientPeriod) -> None:
    entries = view.entries
    completion = computed(view, "completion", lambda: challenge_completion_by_week(entries))
    belief = computed(
        view, "belief_drop", lambda: with_trend(belief_drop_by_week(entries), "belief_drop")
    )
    distress = computed(
        view, "distress_drop", lambda: with_trend(distress_drop_by_week(entries), "distress_drop")
    )
    distortions = computed(view, "distortions", lambda: distortions_by_week(entries))
    rated = entries[entries["belief_before"].notna() & entries["belief_after"].notna()]

    left, right = st.columns(2)
    with left:
        show_chart(
            "challenge_completion_bars",
            completion,
            empty=NO_ENTRIES if completion.empty else None,
            key="chart.completion",
            through=view.period.end,
        )
        show_chart(
            "belief_drop_chart",
            *belief,
            empty=None if len(belief[0]) else "No belief ratings before and after in this period.",
            key="chart.belief_drop",
        )
    with right:
        show_chart(
            "belief_before_after",
            entries,
            empty=None if len(rated) else "No challenge with belief rated before and after.",
            key="chart.belief_pairs",
        )
        show_chart(
            "distress_drop_chart",
            *distress,
            empty=None if len(distress[0]) else "No distress ratings before and after.",
            key="chart.distress_drop",
        )
    show_chart(
        "distortion_weekly_bars",
        distortions,
        empty=None if len(distortions) else "No thinking patterns named in this period.",
        key="chart.distortions",
        through=view.period.end,
    )
