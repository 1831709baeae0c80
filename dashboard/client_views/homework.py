"""Homework: for each assignment, how much of what was asked was done, week by week."""

import pandas as pd
import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.client_views.homework_plan import show_plan
from dashboard.client_views.words import exercise_title
from dashboard.data import ClientPeriod, computed
from dashboard.text import show_text
from securebase.analytics.homework import adherence_by_week, adherence_summary


def render(view: ClientPeriod) -> None:
    frames, start, end = view.frames, view.period.start, view.period.end

    def weekly():
        return adherence_by_week(
            frames.assignments, frames.logs, start, end, entries=frames.entries
        )

    def summary():
        return adherence_summary(
            frames.assignments, frames.logs, start, end, entries=frames.entries
        )

    by_week = computed(view, "adherence_by_week", weekly)
    table = computed(view, "adherence_summary", summary)
    show_chart(
        "homework_adherence_chart",
        by_week,
        empty=None if len(by_week) else "No homework was assigned for this period.",
        key="chart.homework",
        through=view.period.end,
    )
    if len(table):
        st.dataframe(summary_frame(table), hide_index=True)
        show_notes(frames.assignments, set(table["assignment_id"]))
    st.divider()
    show_plan(view.client.client_id)


def summary_frame(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Exercise": [exercise_title(e) for e in table["exercise"]],
            "How often": [f"per {p}" for p in table["per"]],
            "Done": table["done"],
            "Expected": table["expected"].round(1),
            "Done (share)": [f"{s:.0%}" if pd.notna(s) else "–" for s in table["share"]],
            "Current streak": table["current_streak"],
            "Longest streak": table["longest_streak"],
            "Helpfulness (0-10)": [
                f"{m:.1f} (n={n})" if n else "–"
                for m, n in zip(table["mean_helpfulness"], table["n_helpfulness"], strict=True)
            ],
            "Distress drop (0-100)": [
                f"{m:.1f} (n={n})" if n else "–"
                for m, n in zip(table["mean_distress_drop"], table["n_distress"], strict=True)
            ],
        }
    )


def show_notes(assignments: pd.DataFrame, shown: set[str]) -> None:
    notes = assignments[assignments["assignment_id"].isin(shown) & (assignments["note"] != "")]
    if len(notes):
        with st.expander("Your notes on these assignments"):
            for row in notes.itertuples():
                show_text(f"{exercise_title(row.exercise)}: {row.note}")
