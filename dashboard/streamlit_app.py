"""Entrypoint of the therapist's dashboard: page set-up, state, navigation, the lock.

Started by ``securebase dashboard`` (or ``make demo``) on 127.0.0.1 with the
vault folder in ``SECUREBASE_VAULT``. Pages come from the registry in
``dashboard.pages``; this file only wires them together so that the app's
structure can be read in one place.
"""

import streamlit as st

from dashboard.icon import page_icon
from dashboard.pages import navigation_pages
from dashboard.sidebar import show_sidebar
from dashboard.state import init_state, is_unlocked, show_error
from securebase.errors import SecureBaseError

st.set_page_config(page_title="SecureBase", page_icon=page_icon(), layout="wide")
init_state()
page = st.navigation(navigation_pages(is_unlocked()))
show_sidebar()
try:
    page.run()
except SecureBaseError as error:  # the one boundary: any core error a page did not handle
    show_error(error)
