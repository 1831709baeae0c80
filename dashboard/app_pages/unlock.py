"""Unlock or create: the only page while the vault is locked.

With a vault in the folder: the passphrase, in a form; a wrong one gets a
plain message and the vault stays locked. Without one: create a vault
(your name as clients see it, the passphrase twice, a strength hint).
"""

import streamlit as st

from dashboard.passphrase import strength_hint
from dashboard.state import (
    create,
    is_demo,
    show_error,
    show_flash,
    unlock,
    vault_exists,
    vault_path,
)
from dashboard.text import escape_markdown
from securebase.demo import DEMO_VAULT_PASSPHRASE
from securebase.errors import SecureBaseError, WeakPassphrase

st.title("SecureBase", anchor=False)
st.caption(f"Vault folder: {escape_markdown(str(vault_path()))}")
show_flash()

if vault_exists():
    st.subheader("Unlock your vault", anchor=False)
    if is_demo():
        st.info(
            "This is the demo vault with synthetic clients. "
            f"Its passphrase is `{DEMO_VAULT_PASSPHRASE}` (published, demo only)."
        )
    with st.form("unlock", clear_on_submit=True, width=520):
        passphrase = st.text_input("Passphrase", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Unlock", type="primary", icon=":material/lock_open:")
    if submitted:
        try:
            with st.spinner("Opening the vault…"):
                unlock(passphrase)
        except SecureBaseError as error:
            show_error(error)
        else:
            st.rerun()
    st.stop()

st.subheader("Create a vault", anchor=False)
st.write(
    "No vault was found in this folder. A vault keeps your clients' journals, "
    "your notes and your keys, encrypted with a passphrase only you know."
)
with st.container(width=520):
    name = st.text_input(
        "Your name, as clients will see it", placeholder="e.g. Dr. Rivera", key="create.name"
    )
    first = st.text_input("Passphrase", type="password", key="create.first")
    second = st.text_input("The same passphrase again", type="password", key="create.second")
    hint = strength_hint(first, (name,))
    (st.success if hint.strong else st.caption)(hint.text)
    st.caption(
        "There is no way to recover a forgotten passphrase: without it the vault cannot be "
        "opened. Write it down and keep it somewhere safe."
    )
    if st.button("Create vault", type="primary", icon=":material/add_moderator:"):
        if not hint.strong:
            show_error(WeakPassphrase())
        elif first != second:
            st.warning("The two passphrases are not the same. Please type them again.")
        elif not name.strip():
            st.warning("Please enter your name as clients will see it.")
        else:
            try:
                with st.spinner("Creating the vault…"):
                    create(first, name.strip())
            except SecureBaseError as error:
                show_error(error)
            else:
                for key in ("create.name", "create.first", "create.second"):
                    st.session_state.pop(key, None)
                st.rerun()
