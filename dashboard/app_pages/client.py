"""Client: one client's weeks at a glance, flags first, then one tab per part of the work.

Pick a client and a period (default: since the last session note, or the
last four weeks). Flags in the period are on top of every tab. Only the open
tab is computed.
"""

import streamlit as st

from dashboard import data
from dashboard.client_views import VIEWS
from dashboard.client_views.charts import warm_up_charts
from dashboard.client_views.flags import show_flag_banner
from dashboard.key_checks import show_key_notice
from dashboard.period import show_period_picker
from dashboard.text import escape_markdown

clients = data.clients()
if not clients:
    st.title("Client", anchor=False)
    st.info("No clients yet. Add one on the Caseload page.")
    st.stop()

by_label = {c.label: c for c in clients}  # labels are unique in a vault
if data.client_by_id(st.session_state.client_id) is None:  # none chosen yet: who needs it most
    st.session_state.client_id = data.caseload_table()["client_id"].iloc[0]
client = data.client_by_id(st.session_state.client_id)
st.session_state.client_picker = client.label


def picked() -> None:
    st.session_state.client_id = by_label[st.session_state.client_picker].client_id


st.title(escape_markdown(client.label), anchor=False)
pick_col, start_col, end_col, quick_col = st.columns([2, 1.2, 1.2, 3], vertical_alignment="bottom")
pick_col.selectbox("Client", list(by_label), key="client_picker", on_change=picked)
period = show_period_picker(client.client_id, (start_col, end_col, quick_col))
view = data.client_period(client, period)

last = data.last_session(client.client_id)
st.caption(
    f"{period.start:%a %d %b %Y} to {period.end:%a %d %b %Y} ({period.days} days): "
    f"{len(view.entries)} journal entries. Last session note: "
    + (f"{last:%a %d %b %Y}." if last else "none yet.")
)
show_flag_banner(view)
warm_up_charts()  # when the client page is the first one shown (a link, a reload)
show_key_notice(client)

tabs = st.tabs([title for title, _ in VIEWS], key="client_tab", on_change="rerun")
for tab, (_, render) in zip(tabs, VIEWS, strict=True):
    if tab.open:
        with tab:
            render(view)
