"""The entries of a period, newest first: our labels around the client's own words.

Every piece of client text goes through ``show_text`` (``st.text``: no
Markdown, no HTML). Flagged entries say so in their header.
"""

import pandas as pd
import streamlit as st

from dashboard.client_views.words import label, labels, moment
from dashboard.data import ClientPeriod
from dashboard.text import escape_markdown, show_text

TEXT_FIELDS = [
    ("situation", "What happened"),
    ("trigger_note", "About the trigger"),
    ("body_sensations", "In the body"),
    ("automatic_thought", "Anxious thought"),
    ("evidence_for", "Evidence for"),
    ("evidence_against", "Evidence against"),
    ("balanced_thought", "Balanced thought"),
    ("need_text", "'I' statement"),
]


def show_entries(view: ClientPeriod) -> None:
    entries = view.entries
    flagged = set(view.flags["source_id"])
    title = f"Entries in this period ({len(entries)})"
    with st.expander(title, expanded=bool(flagged), icon=":material/menu_book:"):
        if entries.empty:
            st.caption("No entries in this period.")
            return
        for record in entries.iloc[::-1].to_dict("records"):
            show_entry(record, record["id"] in flagged)


def show_entry(record: dict, flagged: bool) -> None:
    with st.container(border=True):
        marker = ":red[:material/flag: **Flagged: please read**] · " if flagged else ""
        st.markdown(
            f"{marker}**{moment(record['local_time'])}** · {escape_markdown(facts(record))}"
        )
        for field, title in TEXT_FIELDS:
            if record.get(field):
                show_text(f"{title}: {record[field]}")
        for action in record["partner_positive"]:
            show_text(f"Partner's caring action: {action}")
        if record["tags"]:
            show_text("Tags: " + ", ".join(record["tags"]))


def facts(record: dict) -> str:
    """The entry's ratings and choices, in our own words (keys and numbers only)."""
    parts = [labels("trigger", record["triggers"])]
    if record["emotions"]:
        parts.append(", ".join(f"{label('emotion', e)} {n}" for e, n in record["emotions"]))
    before, after = record["distress_before"], record["distress_after"]
    if not pd.isna(before):
        parts.append(f"distress {before}" + ("" if pd.isna(after) else f" → {after}"))
    if not pd.isna(record["urge_intensity"]):
        outcome = "acted on" if record["urge_acted"] else "resisted"
        parts.append(f"urge {record['urge_intensity']}/10, {outcome}")
    if not pd.isna(record["belief_before"]):
        after = record["belief_after"]
        parts.append(
            f"belief {record['belief_before']}" + ("" if pd.isna(after) else f" → {after}")
        )
    if record["soothing"]:
        parts.append("soothing: " + ", ".join(label("technique", t) for t, _ in record["soothing"]))
    return " · ".join(parts)
