"""Moving between pages: open a client from anywhere, with state set first.

Button callbacks run before the script (and before the vault is reopened
for the run), so they only set session state; the page then switches at
its top with ``switch_if_requested``.
"""

import streamlit as st

from dashboard.pages import page_path

CLIENT_PAGE = "client.py"


def open_client(client_id: str) -> None:
    """Button callback: show ``client_id`` on the Client page."""
    st.session_state.client_id = client_id
    st.session_state.go_to = CLIENT_PAGE


def open_selected_row() -> None:
    """Selection callback of the caseload table: open the selected row's client."""
    rows = st.session_state.caseload_table.selection.rows
    order = st.session_state.get("caseload_order") or []
    if rows and rows[0] < len(order):
        open_client(order[rows[0]])


def switch_if_requested() -> None:
    target = st.session_state.get("go_to")
    if target:
        st.session_state.go_to = None
        st.switch_page(page_path(target))
