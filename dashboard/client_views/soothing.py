"""Soothing and urges: how often strong urges were resisted, and what soothing went with relief."""

import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.data import ClientPeriod, computed
from securebase.analytics.soothing import soothing_effectiveness
from securebase.analytics.urges import (
    URGE_THRESHOLD,
    resisted_delay_minutes,
    urge_resistance_by_week,
)


def render(view: ClientPeriod) -> None:
    entries = view.entries
    resistance = computed(view, "urge_resistance", lambda: urge_resistance_by_week(entries))
    soothing = computed(view, "soothing", lambda: soothing_effectiveness(entries))
    delays = computed(view, "delays", lambda: resisted_delay_minutes(entries))

    left, right = st.columns(2)
    with left:
        show_chart(
            "urge_resistance_chart",
            resistance,
            URGE_THRESHOLD,
            empty=None if resistance["urges"].sum() else "No strong urges in this period.",
            key="chart.urge_resistance",
            through=view.period.end,
        )
        if delays.n:
            st.caption(
                f"Resisted urges were put off for {delays.median:.0f} minutes "
                f"(median of {delays.n} with a recorded delay)."
            )
    with right:
        show_chart(
            "soothing_effectiveness_bars",
            soothing,
            empty=None if len(soothing) else "No soothing techniques recorded in this period.",
            key="chart.soothing",
        )
        st.caption(window_words(view))


def window_words(view: ClientPeriod) -> str:
    """Which days the chart counts: the period, as the Brief's 'most helpful soothing'."""
    start, end = view.period.start, view.period.end
    return (
        f"Counts the entries of this period ({start:%d %b} to {end:%d %b}), as the Brief's "
        "'most helpful soothing' does."
    )
