"""Triggers: how often each one came up, how much it hurt, when, and where the urges led."""

from datetime import timedelta

import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.data import ClientPeriod, computed
from securebase.analytics.triggers import (
    distress_by_trigger,
    trigger_counts_by_week,
    weekday_hour_counts,
)
from securebase.analytics.urges import urge_flow

NO_ENTRIES = "No journal entries in this period."
SANKEY_FRAME = "urge-flow-frame"
SANKEY_MIN_PX = 640
#: Fixed, never built from data (tests/test_injection.py allows only fixed styles).
SANKEY_FRAME_STYLE = (
    f"<style>.st-key-{SANKEY_FRAME} {{overflow-x: auto}} .st-key-{SANKEY_FRAME} "
    "[data-testid='stElementContainer']:has([data-testid='stPlotlyChart']) "
    f"{{min-width: {SANKEY_MIN_PX}px}}</style>"
)


def weeks_of(view: ClientPeriod) -> list:
    start, end = view.period.start, view.period.end
    return [start + timedelta(days=7 * n) for n in range((end - start).days // 7 + 1)] + [end]


def render(view: ClientPeriod) -> None:
    entries = view.entries
    counts = computed(
        view, "trigger_counts", lambda: trigger_counts_by_week(entries, weeks_of(view))
    )
    distress = computed(view, "distress_by_trigger", lambda: distress_by_trigger(entries))
    grid = computed(view, "weekday_hour", lambda: weekday_hour_counts(entries))
    flow = computed(view, "urge_flow", lambda: urge_flow(entries))
    empty = NO_ENTRIES if entries.empty else None

    left, right = st.columns(2)
    with left:
        show_chart(
            "trigger_weekly_bars",
            counts,
            empty=empty,
            key="chart.trigger_weekly",
            through=view.period.end,
        )
    with right:
        show_chart("distress_by_trigger_bars", distress, empty=empty, key="chart.distress_trigger")
    show_chart("weekday_hour_heatmap", grid, empty=empty, key="chart.weekday_hour")
    # Three columns of labels need ~640 px: on a narrower screen (a phone) the diagram keeps
    # that width and its frame scrolls sideways, instead of labels drawn over each other.
    st.html(SANKEY_FRAME_STYLE)
    with st.container(key=SANKEY_FRAME):
        show_chart(
            "urge_flow_sankey",
            flow,
            empty="No reassurance urges recorded in this period." if flow.empty else None,
            key="chart.urge_flow",
        )
