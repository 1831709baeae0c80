"""Entrypoint of the therapist's dashboard: page set-up, state, navigation.

Pages come from the registry in ``dashboard.pages``; this file only wires
them together so that the app's structure can be read in one place.
"""

import streamlit as st

from dashboard.pages import navigation_pages
from dashboard.state import init_state

st.set_page_config(page_title="SecureBase", page_icon="🌿", layout="wide")
init_state()
st.navigation(navigation_pages()).run()
