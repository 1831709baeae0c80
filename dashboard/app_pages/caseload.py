"""Caseload: who needs attention first, a way into each client, and adding a client.

Flagged clients come first (analytics.caseload orders them), a red banner
names how many have flags, and the Flag column says it in words and a symbol.
"""

import streamlit as st

from dashboard import data
from dashboard.caseload_table import show_caseload_table
from dashboard.client_views.charts import warm_up_charts
from dashboard.invite import show_add_client
from dashboard.key_checks import show_key_checks
from dashboard.navigate import open_client, open_selected_row, switch_if_requested
from dashboard.state import show_flash, today
from dashboard.text import escape_markdown

switch_if_requested()
st.title("Caseload", anchor=False)
show_flash()
warm_up_charts()
table = data.caseload_table()
st.caption(
    f"{len(table)} clients as of {today():%A %d %B %Y}. "
    "Clients who need attention come first: open risk flags, then a reliable worsening on "
    "a questionnaire, then worsening trends, then the longest time without an entry."
)

flagged = table[table["flags"] > 0]
if len(flagged):
    names = ", ".join(escape_markdown(label) for label in flagged["label"])
    st.error(
        f"**{len(flagged)} client{'s have' if len(flagged) > 1 else ' has'} risk flags** "
        f"not yet reviewed ({names}). Open the client to see where to look and to mark "
        "each one reviewed. A flag is a prompt to look, not an assessment.",
        icon=":material/flag:",
    )

show_key_checks()

if table.empty:
    st.info("No clients yet. Add your first client below; their invitation code appears here.")
else:
    st.session_state.caseload_order = list(table["client_id"])
    show_caseload_table(table, key="caseload_table", on_select=open_selected_row)
    st.caption("Select a row, or use a button below, to open that client.")
    with st.container(horizontal=True):
        for row in table.itertuples():
            st.button(
                escape_markdown(row.label),
                key=f"open.{row.client_id}",
                icon=":material/flag:" if row.flags else ":material/person:",
                type="primary" if row.flags else "secondary",
                on_click=open_client,
                args=(row.client_id,),
            )

st.divider()
show_add_client()
