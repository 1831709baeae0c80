"""The sidebar under the page list: who is signed in, the lock, and the idle timer."""

import streamlit as st

from dashboard.activity import browser_activity, check_seconds, keep_draft
from dashboard.state import idle_lock_due, is_demo, is_unlocked, lock, today, touch, vault
from dashboard.text import escape_markdown


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


def _idle_watch() -> None:
    """Every few seconds, without counting as activity: lock once the idle time has passed.

    Activity in the browser (typing a note counts) arrives here as a report; see
    ``dashboard.activity``.
    """
    report = browser_activity()
    if report:
        touch()
        keep_draft(report)
    if idle_lock_due():
        st.rerun(scope="app")


idle_watch = st.fragment(_idle_watch, run_every=check_seconds())
