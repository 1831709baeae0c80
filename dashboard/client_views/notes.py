"""Session notes: write a note for a session date, and read earlier ones (newest first).

Notes are the therapist's words, kept only in the encrypted vault; the
newest note's date sets the default period ("since the last session").
"""

import streamlit as st

from dashboard.activity import NOTE_KEY, kept_draft_for
from dashboard.client_views.flags import flag_lines
from dashboard.client_views.words import day
from dashboard.data import ClientPeriod, computed
from dashboard.state import flash, show_error, show_flash, today, vault
from dashboard.text import show_text
from securebase.errors import SecureBaseError
from securebase.therapist_records import MAX_NOTE_CHARS, add_session_note, session_notes


def render(view: ClientPeriod) -> None:
    client_id = view.client.client_id
    restored = kept_draft_for(client_id)
    if restored is not None:
        st.session_state[NOTE_KEY] = restored
    show_flash()  # a note that marked flags reviewed says so after the page is redrawn
    write, read = st.columns([2, 3], gap="large")
    with write, st.form("session_note", clear_on_submit=True):
        st.markdown("**New session note**")
        if restored is not None:
            st.info("Your unsaved note from before the lock is back: save it when ready.")
        when = st.date_input(
            "Session date", value=today(), max_value=today(), format="DD/MM/YYYY", width=200
        )
        text = st.text_area("Note", max_chars=MAX_NOTE_CHARS, height=220, key=NOTE_KEY)
        reviewed = _reviewed_in_session(view)
        if st.form_submit_button("Save note", type="primary", icon=":material/save:"):
            save(client_id, when, text, reviewed)

    notes = computed(view, "notes", lambda: session_notes(vault(), client_id))
    with read:
        st.markdown(f"**Earlier notes** ({len(notes)})")
        if not notes:
            st.caption("No session notes yet.")
        for note in reversed(notes):
            with st.container(border=True):
                st.caption(f"{note.session_date:%a %d %b %Y}")
                show_text(note.text)


def _reviewed_in_session(view: ClientPeriod) -> list[str]:
    """Open flags the therapist marks reviewed with this note (ids; nothing ticked by default)."""
    lines = dict(flag_lines(_open(view.flags), view.frames.checkins))
    if not lines:
        return []
    return st.multiselect(
        "Flags reviewed in this session (marked reviewed with the note)",
        list(lines),
        format_func=lambda source_id: _plain(lines[source_id]),
        key="note_reviewed_flags",
    )


def _open(flags):
    return flags[(flags["level"] == "flag") & ~flags["reviewed"]]


def _plain(line: str) -> str:
    return line.replace("**", "")


def save(client_id: str, when, text: str, reviewed: list[str] = ()) -> None:
    if not text.strip():
        st.warning("The note is empty: nothing was saved.")
        return
    try:
        add_session_note(vault(), client_id, when, text, tuple(reviewed))
    except SecureBaseError as error:
        show_error(error)
    else:
        st.session_state.note_draft = None
        done = f"Note for {day(when)} saved in the vault."
        if not reviewed:
            st.success(done)
            return
        # The flags banner above was drawn before this save: draw the page again without them.
        flash("success", f"{done} {len(reviewed)} flag(s) marked reviewed.")
        st.rerun()
