"""The entries of a period, newest first: our labels around the client's own words.

Every piece of client text goes through ``show_text`` (``st.text``: no
Markdown, no HTML). Flagged entries say so in their header. A long period
shows its ``SHOWN_ENTRIES`` newest entries and every flagged one, and says so.
"""

import pandas as pd
import streamlit as st

from dashboard.client_views.words import label, labels, moment
from dashboard.data import ClientPeriod
from dashboard.text import escape_markdown, show_text

#: A long period can hold thousands of entries; drawing them all would take seconds.
SHOWN_ENTRIES = 200
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
        shown = entries_to_show(entries, flagged)
        if len(shown) < len(entries):
            st.caption(
                f"The {SHOWN_ENTRIES} newest of {len(entries)} entries, and every flagged one. "
                "Choose a shorter period to read the others here."
            )
        for record in shown.to_dict("records"):
            show_entry(record, record["id"] in flagged)


def entries_to_show(entries: pd.DataFrame, flagged: set[str]) -> pd.DataFrame:
    """Newest first: the ``SHOWN_ENTRIES`` newest, then any older flagged entry (never hidden)."""
    newest = entries.iloc[::-1]
    older = newest.iloc[SHOWN_ENTRIES:]
    return pd.concat([newest.iloc[:SHOWN_ENTRIES], older[older["id"].isin(flagged)]])


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
