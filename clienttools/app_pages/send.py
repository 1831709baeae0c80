"""Send to therapist: what goes in, one button to make the encrypted file, then download it.

The sealed bytes are kept in session state (they are encrypted to the
therapist) so the download button stays until the journal is locked.
"""

import streamlit as st

from clienttools import wording
from clienttools.app_state import journal, show_error
from clienttools.app_text import escape_markdown
from clienttools.journal import local_now
from securebase.errors import SecureBaseError

COLUMN_TITLES = {"entries": "Entries", "homework_logs": "Homework logs", "checkins": "Check-ins"}


def make_file() -> None:
    """Button callback: seal the export and keep the bytes for the download button."""
    book = journal()
    kept: dict = {}
    try:
        summary = book.export(lambda sealed: kept.update(data=sealed))
    except SecureBaseError as error:
        st.session_state.export = {"error": error}
        return
    st.session_state.export = {
        "data": kept["data"],
        "file_name": f"securebase-export-{local_now():%Y-%m-%d}-{summary.sequence}.age",
        "counts": summary.counts,
    }


st.title("Send to therapist")
book = journal()
therapist = book.therapist
st.write(escape_markdown(wording.EXPORT_INTRO.format(therapist=therapist.label)))

preview = book.preview_export()
counts = {name: len(getattr(preview, name)) for name in COLUMN_TITLES}
st.write("**What will go in**")
for column, (name, title) in zip(st.columns(3), COLUMN_TITLES.items(), strict=True):
    column.metric(title, counts[name])
st.caption(wording.EXPORT_FINGERPRINT.format(fingerprint=therapist.fingerprint))
st.caption(wording.APP_YOUR_FINGERPRINT.format(fingerprint=book.identity.public.fingerprint))

st.button("Make the encrypted file", type="primary", on_click=make_file)

made = st.session_state.export
if made and "error" in made:
    show_error(made["error"])
elif made:
    st.success(wording.EXPORT_READY.format(counts=wording.count_words(made["counts"])))
    st.download_button(
        "Download the file",
        data=made["data"],
        file_name=made["file_name"],
        mime="application/octet-stream",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(escape_markdown(made["file_name"]))
st.info(wording.EXPORT_ONLY_THERAPIST)
