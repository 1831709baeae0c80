"""Homework: for each assignment, how much of what was asked was done, week by week.

Figures are the analytics' (``analytics.homework``), worded for a reader:
whole sessions ("about 17"), frequencies as the client reads them ("3 times a
week"), streaks with their unit, and a share past 100% shown as full with the
extra said in words, never as a bar past the chart's top.
"""

import pandas as pd
import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.client_views.homework_plan import show_plan
from dashboard.client_views.words import exercise_title, homework_share_words
from dashboard.data import ClientPeriod, computed
from dashboard.text import show_text
from securebase.analytics.homework import adherence_by_week, adherence_summary
from securebase.exercises import how_often


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
        times = dict(
            zip(frames.assignments["assignment_id"], frames.assignments["times"], strict=True)
        )
        table = table.assign(times=[int(times.get(a, 1)) for a in table["assignment_id"]])
        # A plain table wraps its cells: nine columns never need a sideways scroll.
        st.table(summary_frame(table).set_index("Exercise"))
        st.caption(SUMMARY_NOTE)
        show_notes(frames.assignments, set(table["assignment_id"]))
    st.divider()
    show_plan(view.client.client_id)


SUMMARY_NOTE = (
    "Expected: sessions asked for in this period, rounded (a weekly exercise set for part of a "
    "week owes that part). Done (share) never passes 100%, as in the chart; extra sessions "
    "are mentioned."
)


def streak_words(count: int, per: str) -> str:
    unit = "day" if per == "day" else "week"
    return f"{count} {unit}{'' if count == 1 else 's'}"


def summary_frame(table: pd.DataFrame) -> pd.DataFrame:
    times = table["times"] if "times" in table else pd.Series([1] * len(table))
    return pd.DataFrame(
        {
            "Exercise": [exercise_title(e) for e in table["exercise"]],
            "How often": [how_often(int(t), p) for t, p in zip(times, table["per"], strict=True)],
            "Done": table["done"],
            "Expected": [f"about {e:.0f}" if e % 1 else f"{e:.0f}" for e in table["expected"]],
            "Done (share)": [homework_share_words(s) for s in table["share"]],
            "Current streak": [
                streak_words(int(n), p)
                for n, p in zip(table["current_streak"], table["per"], strict=True)
            ],
            "Longest streak": [
                streak_words(int(n), p)
                for n, p in zip(table["longest_streak"], table["per"], strict=True)
            ],
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
