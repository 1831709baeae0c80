"""Measures: each questionnaire over time, its change since the first check-in, every
threshold with its source, and the item answers of check-ins that raised a flag.

All check-ins up to the period's end are drawn (the baseline is the first
one), so change is always measured from the same starting point. Figures come
from ``analytics.measures`` (Jacobson & Truax, cutoff c, NHS Talking Therapies
paired metrics); the thresholds and their sources from ``securebase.measures``.
"""

import pandas as pd
import streamlit as st

from dashboard.client_views.charts import show_chart
from dashboard.data import ClientPeriod, computed
from securebase.analytics.measures import latest_measure, measure_history
from securebase.analytics.outcomes import STALE_DAYS
from securebase.measures import MEASURES


def render(view: ClientPeriod) -> None:
    checkins = view.frames.checkins
    until_end = checkins[checkins["local_date"] <= view.period.end]
    shown = [key for key in MEASURES if (until_end["measure"] == str(key)).any()] or ["gad7"]
    columns = st.columns(len(shown))
    for column, measure in zip(columns, shown, strict=True):
        with column:
            _show_measure(view, until_end, measure)
    _show_flagged_checkins(view, until_end)


def _show_measure(view: ClientPeriod, until_end: pd.DataFrame, measure: str) -> None:
    history = computed(view, f"history.{measure}", lambda: measure_history(until_end, measure))
    title = MEASURES[measure].title
    show_chart(
        "measure_chart",
        history,
        measure,
        empty=None if len(history) else f"No {title} check-ins up to the period's end.",
        key=f"chart.measure.{measure}",
    )
    latest = latest_measure(until_end, measure, as_of=view.period.end)
    if latest is None:
        return
    if latest["stale"]:
        st.warning(
            f"The latest {title} is {latest['days_old']} days old (more than {STALE_DAYS}): "
            "it may not describe the client now.",
            icon=":material/schedule:",
        )
    st.markdown(_change_words(latest))
    thresholds = latest["thresholds"]
    if thresholds:
        # A table that wraps its text: in half the page a grid cut the sources off.
        st.table(
            pd.DataFrame(
                {
                    "Threshold": [t["name"] for t in thresholds],
                    "Value": [t["value"] for t in thresholds],
                    "Source": [t["cite"] for t in thresholds],
                }
            ).set_index("Threshold")
        )
        with st.expander(f"{title}: full sources, and how far we could check them"):
            st.markdown("\n".join(f"- **{t['name']}**: {t['source']}" for t in thresholds))
    for note in history.attrs.get("notes", []):
        st.caption(f"{title}: {note}.")


def _change_words(latest: dict) -> str:
    parts = [
        f"**{latest['title']} {latest['total']}** ({latest['band']}) on "
        f"{latest['local_date']:%d %b}; first check-in {latest['baseline_total']} on "
        f"{latest['baseline_date']:%d %b}."
    ]
    if latest["reliable_change"]:
        parts.append(f"Jacobson & Truax: {latest['reliable_change']}")
    if latest["clinical"]:
        parts.append(f"clinically {latest['clinical']}")
    if latest["outcome_words"]:
        parts.append(f"NHS Talking Therapies: {latest['outcome_words']}")
    return " ".join(parts[:1]) + (" " + "; ".join(parts[1:]) + "." if parts[1:] else "")


def _show_flagged_checkins(view: ClientPeriod, until_end: pd.DataFrame) -> None:
    """Every check-in that answered a risk item above its minimum: its answers, item by item."""
    flagged = view.flags[view.flags["source"] == "checkin"]
    for source_id in dict.fromkeys(flagged["source_id"]):
        rows = view.frames.checkins[view.frames.checkins["id"] == source_id]
        if rows.empty:
            continue
        row = rows.iloc[0]
        spec = MEASURES[row["measure"]]
        st.error(
            f"**Flagged check-in: {spec.title} of {row['local_date']:%a %d %b %Y}** "
            f"(total {row['total']}): a safety item (⚑) was answered above "
            f"'{spec.options[0] if spec.options else spec.item_min}'. Please look.",
            icon=":material/flag:",
        )
        st.table(  # wraps the questions instead of cutting them off
            pd.DataFrame(
                {
                    "Item": [
                        f"{n}{' ⚑' if n in spec.risk_items else ''}"
                        for n in range(1, spec.item_count + 1)
                    ],
                    "Question": [text or "(wording not shipped)" for text in spec.items],
                    "Answer": [
                        spec.options[a - spec.item_min] if spec.options else str(a)
                        for a in row["answers"]
                    ],
                }
            ).set_index("Item")
        )
