"""Settings: how soon the vault locks itself, locking now, the web journal address, what this
vault is, and the crisis resources clients see."""

import streamlit as st

from dashboard.crisis_settings import show_crisis_settings
from dashboard.state import IDLE_CHOICES, lock, save_idle_minutes, show_error, show_flash, vault
from dashboard.text import escape_markdown
from securebase.errors import SecureBaseError

st.title("Settings", anchor=False)
show_flash()

st.subheader("Automatic lock", anchor=False)
with st.form("idle", width=520):
    minutes = st.select_slider(
        "Lock the vault after this many minutes without activity",
        options=IDLE_CHOICES,
        value=st.session_state.idle_minutes,
    )
    if st.form_submit_button("Save"):
        save_idle_minutes(minutes)
        st.success(f"The vault now locks itself after {minutes} minutes without activity.")
st.caption(
    "Locking forgets everything this browser tab holds; the vault stays encrypted on disk. "
    "The setting is kept in the vault."
)
st.button("Lock now", icon=":material/lock:", on_click=lock, key="settings.lock")

st.subheader("Web journal address", anchor=False)
with st.form("journal_url", width=520):
    address = st.text_input(
        "Where your clients' web journal is hosted",
        value=vault().journal_url or "",
        placeholder="https://journal.example-practice.org/",
        help="Invitation links and QR codes open this address with the client's code after "
        "a #, which browsers never send to the server.",
    )
    if st.form_submit_button("Save address"):
        try:
            saved = vault().set_journal_url(address)
        except SecureBaseError as error:
            show_error(error)
        else:
            st.success(f"New invitations link to {escape_markdown(saved)}")

st.subheader("This vault", anchor=False)
opened = vault()
st.markdown(
    f"- Folder: {escape_markdown(str(opened.path))}\n"
    f"- Your name, as clients see it: {escape_markdown(opened.therapist_name)}\n"
    f"- Your fingerprint (clients confirm it with you): `{opened.identity.public.fingerprint}`"
)

st.subheader("Crisis resources for clients", anchor=False)
st.caption(
    "Your clients' journal shows these with urgent help whenever what they write, or a "
    "PHQ-9 item 9 answer, suggests they may be at risk. They reach each client signed, in "
    "their next homework pack; until then the journal shows the defaults below."
)
show_crisis_settings()
