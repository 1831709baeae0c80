"""The caseload table as the therapist sees it: words, symbols, a red flag column.

Input is ``analytics.caseload.caseload`` (already in attention order); this
module only renames, words and colours it. Cells are rendered by
``st.dataframe`` as plain text, never as markup.
"""

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.client_views.words import homework_percent

FLAG_COLUMN = "Flag"
FLAG_STYLE = "background-color: #fdecea; color: #8a1c1c; font-weight: 600"
TREND_SYMBOLS = {
    "improving": "▲ improving",
    "worsening": "▼ worsening",
    "no clear change": "● no clear change",
    "not enough data": "○ too few weeks",
}


def flag_words(count: int) -> str:
    return f"⚑ {count} flag{'s' if count != 1 else ''}" if count else ""


def since_words(days) -> str:
    if days is None or pd.isna(days):
        return "no entries yet"
    days = int(days)
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


def import_words(stamp) -> str:
    if not isinstance(stamp, str):  # None, or NaN in a column pandas made numeric
        return "never"
    return f"{datetime.fromisoformat(stamp):%d %b}"


def trend_words(direction: str) -> str:
    return TREND_SYMBOLS.get(direction, direction)


def percent(share) -> int | None:
    """Homework as the Brief shows it: a whole percentage, at most 100 (extra work is said on
    the client's Homework tab)."""
    return homework_percent(share)


def display_frame(table: pd.DataFrame) -> pd.DataFrame:
    """One row per client in the caseload's order, with readable columns."""
    return pd.DataFrame(
        {
            FLAG_COLUMN: [flag_words(int(n)) for n in table["flags"]],
            "Client": table["label"],
            "Needs attention": [a or "–" for a in table["attention"]],
            "Last entry": [since_words(d) for d in table["days_since_last_entry"]],
            "This week": table["entries_this_week"].astype(int),
            "Belief": [trend_words(t) for t in table["belief_trend"]],
            "Urges resisted": [trend_words(t) for t in table["urge_trend"]],
            "Homework": [percent(s) for s in table["homework_share"]],
            "Last import": [import_words(s) for s in table["last_import"]],
        }
    )


def show_caseload_table(table: pd.DataFrame, key: str, on_select) -> None:
    shown = display_frame(table)
    styled = shown.style.map(lambda v: FLAG_STYLE if v else "", subset=[FLAG_COLUMN])
    text = st.column_config.TextColumn
    st.dataframe(
        styled,
        hide_index=True,
        key=key,
        on_select=on_select,
        selection_mode="single-row",
        column_config={
            # Widths add up to what a 1280 x 720 laptop shows beside the sidebar (820 px with
            # the row picker), so the last column is never cut off, and each fits its longest
            # words ("● no clear change", "no entries yet") at ~5.3 px a character.
            FLAG_COLUMN: text(
                help="Open risk flags: each stays until you mark it reviewed on the client's "
                "page (or with 'securebase flags review')",
                width=64,
            ),
            "Client": text(width=72),
            "Needs attention": text(
                help="In order: open flags, a reliable worsening on a questionnaire, a "
                "worsening trend, a long silence",
                width=108,
            ),
            "Last entry": text(width=92),
            "This week": st.column_config.NumberColumn(help="Entries this week", width=66),
            "Belief": text(
                help="8-week trend of belief in the anxious thought before a challenge (lower "
                "is better) and of the share of it a challenge takes away; worsening if "
                "either worsens",
                width=108,
            ),
            "Urges resisted": text(
                help="8-week trend of the share of strong reassurance urges resisted",
                width=108,
            ),
            "Homework": st.column_config.ProgressColumn(
                help="Share of expected homework sessions done since the last session note (or "
                "in the last 4 weeks), as on the client's Brief; at most 100%",
                min_value=0,
                max_value=100,
                format="%d%%",
                width=80,
            ),
            "Last import": text(width=75),
        },
    )
