"""Measures: each questionnaire of the registry over time, with bands and reliable change.

All check-ins up to the period's end are drawn (the baseline is the first
one), so change is always measured from the same starting point. The
questionnaires are those of ``securebase.measures.MEASURES``: adding one
there adds its chart here.
"""

import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.data import ClientPeriod, computed
from securebase.analytics.measures import measure_history
from securebase.measures import MEASURES

SHOWN = tuple(MEASURES)


def render(view: ClientPeriod) -> None:
    checkins = view.frames.checkins
    until_end = checkins[checkins["local_date"] <= view.period.end]
    columns = st.columns(len(SHOWN))
    for column, measure in zip(columns, SHOWN, strict=True):
        history = computed(
            view, f"history.{measure}", lambda m=measure: measure_history(until_end, m)
        )
        title = MEASURES[measure].title
        with column:
            show_chart(
                "measure_chart",
                history,
                measure,
                empty=None if len(history) else f"No {title} check-ins up to the period's end.",
                key=f"chart.measure.{measure}",
            )
            notes = history.attrs.get("notes", [])
            if notes:
                st.caption(f"{title}: " + "; ".join(notes) + ".")
