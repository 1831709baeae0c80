"""Entrypoint of the client's local app: page set-up, state, navigation, the help note.

Started by ``securebase-journal app`` on 127.0.0.1 with the journal folder in
``SECUREBASE_HOME``. Pages come from ``clienttools.app_registry``; this file
only wires them together so the app's structure can be read in one place.
"""

import streamlit as st

from clienttools import wording
from clienttools.app_registry import navigation_pages
from clienttools.app_state import init_state, is_unlocked, lock, show_error
from clienttools.app_text import show_text
from securebase.errors import StoreError

st.set_page_config(page_title=wording.APP_TITLE, page_icon=":material/spa:", layout="centered")
init_state()
page = st.navigation(navigation_pages(is_unlocked()))

with st.sidebar:
    if is_unlocked():
        st.button("Lock", icon=":material/lock:", on_click=lock, width="stretch")
    st.caption(wording.NOT_MONITORED)
    with st.expander(wording.URGENT_HELP_LABEL):
        show_text(wording.URGENT_HELP)

try:
    page.run()
except StoreError as error:  # a save that found the disk full or the folder read-only
    show_error(error)
