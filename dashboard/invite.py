"""Adding a client: their label, then the invitation to hand over in session.

The invitation code (and its QR image, when a QR library is available) is
shown until the therapist dismisses it or adds the next client. The code
carries the therapist's public keys and a fresh client id, no secret.
"""

from datetime import date

import streamlit as st

from dashboard.navigate import open_client
from dashboard.qr import invitation_png
from dashboard.state import show_error, vault
from dashboard.text import escape_markdown
from reports.invitation import invitation_pdf
from securebase.errors import SecureBaseError
from securebase.vault import MAX_CLIENT_LABEL_CHARS


def show_add_client() -> None:
    st.subheader("Add a client", anchor=False)
    added = st.session_state.added_client
    if added:
        show_invitation(added)
    with st.form("add_client", clear_on_submit=True, width=520):
        label = st.text_input(
            "Client label",
            max_chars=MAX_CLIENT_LABEL_CHARS,
            placeholder="e.g. Robin A.",
            help="How you will see this client. It is printed on their invitation and never "
            "leaves this computer otherwise.",
        )
        submitted = st.form_submit_button("Add client", icon=":material/person_add:")
    if submitted:
        try:
            client, code = vault().add_client(label)
        except SecureBaseError as error:
            show_error(error)
        else:
            st.session_state.added_client = {
                "client_id": client.client_id,
                "label": client.label,
                "code": code,
                "link": vault().invitation_link(code),
                "fingerprint": vault().identity.public.fingerprint,
            }
            st.rerun()


def show_invitation(added: dict) -> None:
    with st.container(border=True):
        st.success(
            f"{escape_markdown(added['label'])} is on your caseload now. "
            "Give them this invitation in session."
        )
        picture, words = st.columns([1, 2])
        png = invitation_png(added.get("link") or added["code"])
        if png is not None:
            picture.image(png, caption="Invitation QR code", width=240)
        else:
            picture.markdown(
                "No QR library is installed here: the QR code comes with the invitation PDF."
            )
        words.markdown("**Invitation code** (the client types or scans it when setting up):")
        words.code(added["code"], language=None, wrap_lines=True)
        if added.get("link"):
            words.markdown("**Link** that opens their web journal with the code (QR above):")
            words.code(added["link"], language=None, wrap_lines=True)
        words.markdown(
            f"**Your fingerprint**, for them to check on their screen: `{added['fingerprint']}`"
        )
        buttons = words.container(horizontal=True)
        buttons.download_button(
            "Invitation sheet (PDF)",
            data=invitation_pdf(
                added["code"],
                added["label"],
                vault().therapist_name,
                added["fingerprint"],
                date.today(),
                link=added.get("link"),
            ),
            file_name="securebase-invitation.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            key="invitation.pdf",
        )
        buttons.button(
            "Open this client", on_click=open_client, args=(added["client_id"],), key="open.added"
        )
        buttons.button("Done", on_click=dismiss_invitation, key="invitation.done")


def dismiss_invitation() -> None:
    st.session_state.added_client = None
