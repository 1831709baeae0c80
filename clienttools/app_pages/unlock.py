"""Unlock: the passphrase, in a form; a wrong one gets a plain message and stays locked."""

import streamlit as st

from clienttools import wording
from clienttools.app_state import home, show_error, show_flash, unlock
from securebase.errors import SecureBaseError, StoreMissing

st.title(wording.APP_TITLE)
show_flash()

if not home().exists():
    show_error(StoreMissing())
    st.info(wording.NO_JOURNAL)
    st.stop()

st.write(wording.UNLOCK_INTRO)
with st.form("unlock", clear_on_submit=True):
    passphrase = st.text_input("Passphrase", type="password", autocomplete="current-password")
    submitted = st.form_submit_button("Unlock", type="primary")

if submitted:
    try:
        with st.spinner("Opening your journal…"):
            unlock(passphrase)
    except SecureBaseError as error:
        show_error(error)
    else:
        st.rerun()
