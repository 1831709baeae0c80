"""The urgent-help panel in the client's local app: shown at once when a save needs it.

The words and the rule are ``clienttools.safety``'s (the same as the command
line); this module only draws them. Resource texts are escaped like client text.
"""

import streamlit as st

from clienttools import safety
from clienttools.app_text import escape_markdown
from clienttools.journal import ClientJournal

PENDING = "urgent_help_pending"  # set by a button callback, drawn on the next run


def show_urgent_help(book: ClientJournal) -> None:
    with st.container(border=True, key="urgent_help"):
        st.subheader(safety.PANEL_TITLE, anchor=False)
        st.markdown(escape_markdown(safety.PANEL_OPENING))
        st.markdown(escape_markdown(safety.PANEL_HONEST))
        st.markdown(escape_markdown(safety.PANEL_ASK))
        items = []
        for r in safety.journal_resources(book):
            note = f"  \n  {escape_markdown(r.note)}" if r.note else ""
            items.append(f"- **{escape_markdown(r.name)}**: {escape_markdown(r.contact)}{note}")
        st.markdown("\n".join(items))
        st.markdown(escape_markdown(safety.PANEL_CLOSING))


def show_pending_urgent_help(book: ClientJournal) -> None:
    """Draw the panel a callback asked for (``PENDING``), once."""
    if st.session_state.pop(PENDING, False):
        show_urgent_help(book)
