"""The sidebar under the page list: who is signed in, the lock, and the idle timer."""

import streamlit as st

from dashboard.state import idle_lock_due, is_demo, is_unlocked, lock, today, vault
from dashboard.text import escape_markdown

IDLE_CHECK_SECONDS = 20


def show_sidebar() -> None:
    with st.sidebar:
        if is_unlocked():
            st.caption(f"Vault of {escape_markdown(vault().therapist_name)}")
            st.button("Lock now", icon=":material/lock:", on_click=lock, width="stretch")
            minutes = st.session_state.idle_minutes
            st.caption(f"Locks itself after {minutes} minutes without activity.")
            idle_watch()
        if is_demo():
            st.caption(
                f"Demo: synthetic clients, no real people. Dates are shown as of "
                f"{today():%a %d %b %Y}, the demo's last day."
            )


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def idle_watch() -> None:
    """Every few seconds, without counting as activity: lock once the idle time has passed."""
    if idle_lock_due():
        st.rerun(scope="app")
