"""The flags banner on top of every client tab: where to look, never what was written.

A flag is a prompt to look, not an assessment (DOMAIN.md, Safety). Flags in
the chosen period are listed one line per entry or check-in; flags of the
last weeks that fall outside the period are counted in a second banner, so
a narrow period never hides one.
"""

import re

import pandas as pd
import streamlit as st

from dashboard.client_views.words import FIELD_WORDS, day, moment, risk_words
from dashboard.data import ClientPeriod
from securebase.analytics.caseload import RECENT_DAYS
from securebase.measures import MEASURES

_ITEM_KIND = re.compile(r"^(?P<measure>\w+)_item(?P<item>\d+)$")


def flag_lines(flags: pd.DataFrame, entries: pd.DataFrame) -> list[str]:
    """One line per flagged entry or check-in, oldest first (Markdown, our own words)."""
    times = dict(zip(entries["id"], entries["local_time"], strict=True))
    lines = []
    for (source, source_id), rows in flags.groupby(["source", "source_id"], sort=False):
        if source == "checkin":
            lines.append(_checkin_line(rows))
        else:
            lines.append(_entry_line(rows, times.get(source_id)))
    return lines


def _checkin_line(rows: pd.DataFrame) -> str:
    items = []
    for kind in rows["kind"]:
        found = _ITEM_KIND.match(kind)
        spec = MEASURES.get(found["measure"]) if found else None
        title = spec.title if spec else kind
        items.append(f"{title} item {found['item'] if found else ''}".strip())
    first = rows.iloc[0]
    return (
        f"**{', '.join(items)}** (a safety item) answered above 0 in the check-in of "
        f"**{day(first['local_date'])}**: see the Measures tab."
    )


def _entry_line(rows: pd.DataFrame, when) -> str:
    categories = sorted({risk_words(c) for c in rows["matched_term_category"]})
    fields = sorted({FIELD_WORDS.get(f, str(f)) for f in rows["measure_or_field"]})
    stamp = moment(when) if when is not None else day(rows.iloc[0]["local_date"])
    return (
        f"**Words about {', '.join(categories)}** in the {', '.join(fields)} of the entry of "
        f"**{stamp}**: see Brief, Entries in this period."
    )


def show_flag_banner(view: ClientPeriod) -> None:
    if len(view.flags):
        lines = flag_lines(view.flags, view.frames.entries)
        count = len(lines)
        st.error(
            f"**{count} place{'s' if count > 1 else ''} to look at in this period.** "
            "A flag is a prompt to look, not an assessment.\n\n"
            + "\n".join(f"- {line}" for line in lines),
            icon=":material/flag:",
        )
    outside = view.recent_flags[~view.recent_flags["source_id"].isin(view.flags["source_id"])]
    if len(outside):
        places = outside["source_id"].nunique()
        latest = outside["local_date"].max()
        st.warning(
            f"**{places} more flagged place{'s' if places > 1 else ''}** in the last "
            f"{RECENT_DAYS} days fall outside this period (the latest on {day(latest)}). "
            "Widen the period to see them.",
            icon=":material/flag:",
        )
