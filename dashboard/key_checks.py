"""Keys waiting for the therapist: unconfirmed first contacts, conflicts, key changes.

Shown on the caseload above the table (``securebase.client_keys`` explains
the states). Each client whose key needs the therapist gets one line in
plain words with the fingerprint on record and a small form: the therapist
types the code the client reads out from their journal, and only a matching
code confirms a key. Nothing here is client-written text but the label,
which is escaped.
"""

import streamlit as st

from dashboard import data
from dashboard.state import show_error, vault
from dashboard.text import escape_markdown, flash
from securebase.errors import SecureBaseError

NEEDS_THE_THERAPIST = ("unconfirmed", "conflict", "changed")
WORDS = {
    "unconfirmed": "**{label}**: key not confirmed yet (on record: `{key}`). Their entries are "
    "shown, but no homework pack is sealed to them until you confirm it.",
    "conflict": "**{label}**: two devices answered this invitation. Imported so far: `{key}`; "
    "held and not imported: {held}. Only one of them is your client.",
    "changed": "**{label}**: a new key is waiting ({held}); exports signed with it are held "
    "until you confirm it. Their current key stays `{key}`.",
}


def show_key_checks() -> None:
    waiting = [c for c in data.clients() if c.key_status in NEEDS_THE_THERAPIST]
    if not waiting:
        return
    with st.container(border=True):
        st.warning(
            "Confirm each key below with the client, in session: ask them for the key code "
            "their journal shows (four groups of four) and type it here.",
            icon=":material/key:",
        )
        for client in waiting:
            _show_one(client)


def _show_one(client) -> None:
    held = ", ".join(f"`{key['fingerprint']}`" for key in vault().held_keys(client.client_id))
    st.markdown(
        WORDS[client.key_status].format(
            label=escape_markdown(client.label), key=client.key_fingerprint, held=held
        )
    )
    with st.form(f"confirm_key.{client.client_id}", clear_on_submit=True, width=520):
        typed = st.text_input("Key code the client reads out", placeholder="ABCD-EFGH-IJKL-MNOP")
        if st.form_submit_button("Confirm this key", icon=":material/verified_user:"):
            try:
                vault().confirm_key(client.client_id, typed)
            except SecureBaseError as error:
                show_error(error)
            else:
                flash("success", f"Key confirmed for {escape_markdown(client.label)}.")
                st.rerun()


def show_key_notice(client) -> None:
    """On a client's page: say plainly when what is shown came from an unconfirmed key."""
    if client.key_status in ("unconfirmed", "conflict"):
        st.warning(
            "Not confirmed yet: these entries came from a key you have not checked with the "
            "client. Confirm their key code on the Caseload page before relying on them.",
            icon=":material/key:",
        )
