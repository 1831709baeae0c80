"""The flags banner on top of every client tab: where to look, never what was written.

A flag is a prompt to look, not an assessment (DOMAIN.md, Safety). The vault
keeps each flag open until the therapist marks it reviewed
(``securebase.flag_store``), so the red banner lists every open flag, in the
period or not, each with where it points and a button to mark it reviewed
(an audited action). Reviewed flags and mentions (a denial, shown but not red)
of the period follow in a quiet note.
"""

import pandas as pd
import streamlit as st

from dashboard.data import ClientPeriod
from dashboard.state import vault
from securebase.analytics.flag_sources import describe_flags
from securebase.flag_review import review_flags
from securebase.risk_screen import category_words


def flag_lines(flags: pd.DataFrame, checkins: pd.DataFrame) -> list[tuple[str, str]]:
    """(source_id, Markdown line) per flagged entry or check-in, oldest first."""
    grouped: dict[str, list[dict]] = {}
    for flag in describe_flags(flags, checkins):
        grouped.setdefault(flag["source_id"], []).append(flag)
    return [(source_id, _line(rows)) for source_id, rows in grouped.items()]


def _line(rows: list[dict]) -> str:
    first = rows[0]
    if first["source"] == "checkin":
        return f"**{first['source_words']}** (a safety item): its answers are in the Measures tab."
    categories = sorted({_category(f["category"]) for f in rows})
    where = "; ".join(sorted({f["source_words"] for f in rows}))
    return f"**Words about {', '.join(categories)}**: {where} (id {first['flag_id']})."


def _category(key) -> str:
    return category_words(key)


def show_flag_banner(view: ClientPeriod) -> None:
    flags = view.flags
    if not len(flags):
        return
    checkins = view.frames.checkins
    red = flags[(flags["level"] == "flag") & ~flags["reviewed"]]
    quiet = flags[~flags.index.isin(red.index)]
    if len(red):
        _show_open(view, red, checkins)
    if len(quiet):
        lines = [f"- {line}" for _, line in flag_lines(quiet, checkins)]
        st.info(
            "**Reviewed flags and mentions in this period** (a mention is a denial or an "
            "ambivalent statement: shown, not red).\n\n" + "\n".join(lines),
            icon=":material/outlined_flag:",
        )


def _show_open(view: ClientPeriod, red: pd.DataFrame, checkins: pd.DataFrame) -> None:
    lines = flag_lines(red, checkins)
    count = len(lines)
    with st.container(border=True):
        st.error(
            f"**{count} place{'s' if count > 1 else ''} to look at**, open until you mark "
            "it reviewed. A flag is a prompt to look, not an assessment.",
            icon=":material/flag:",
        )
        for source_id, line in lines:
            text_col, button_col = st.columns([5, 1], vertical_alignment="center")
            text_col.markdown(line)
            if button_col.button("Mark reviewed", key=f"review.{source_id}"):
                review_flags(vault(), view.client.client_id, [source_id])
                st.toast("Marked reviewed (recorded in the audit log).")
                st.rerun()
