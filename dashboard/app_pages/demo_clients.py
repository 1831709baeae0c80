"""Clients (demo): the synthetic caseload, one row per client.

A placeholder until the vault lands: it reads the bundled demo documents
directly. The table is drawn by st.table, which renders cells as text, never
as markup.
"""

import pandas as pd
import streamlit as st

from sample_data.roster import demo_overview

COLUMN_TITLES = {
    "label": "Client",
    "trajectory": "Demo storyline",
    "exports": "Weekly exports",
    "entries": "Journal entries",
    "first_day": "From",
    "last_day": "To",
}

st.title("Clients")
st.caption("Demo caseload: synthetic clients, no real people.")

if st.session_state.demo_dir is None:
    st.info("No vault is open yet. Start the demo with `make demo` to see sample clients.")
    st.stop()

rows = demo_overview(st.session_state.demo_dir)
table = pd.DataFrame(rows).rename(columns=COLUMN_TITLES).set_index("Client")
st.table(table)
st.caption(f"{len(rows)} clients · the full dashboard arrives with the encrypted vault.")
