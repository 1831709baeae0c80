"""Session state of the client's local app, initialised in one place, and its error display.

Rules:
- decrypted data (the identity, entries, export bytes) lives only in
  ``st.session_state``, which belongs to one browser session; never in
  ``st.cache_data`` or ``st.cache_resource``, which are shared;
- the unlocked journal is kept for the session and refreshed at each use:
  one ``stat`` of the file, and a reload only if another program (the
  command line, another window) saved in between;
- ``show_error`` is the app's single place that turns core errors into words;
- the journal locks itself after ``IDLE_LOCK_MINUTES`` without activity.
"""

import time

import streamlit as st

from clienttools import wording
from clienttools.app_text import escape_markdown, flash, show_flash  # noqa: F401 - pages use them from here
from clienttools.home import ClientHome, default_home
from clienttools.journal import ClientJournal, open_journal
from securebase.errors import DocumentError, SecureBaseError
from securebase.messages import describe

IDLE_LOCK_MINUTES = 15

DEFAULTS: dict[str, object] = {
    "identity": None,  # the unlocked client identity, or None while locked
    "journal": None,  # the unlocked ClientJournal (holds that identity)
    "last_active": None,  # time.monotonic() of the last script run while unlocked
    "flash": None,  # (kind, text): a one-time message for the next page shown
    "entry_error": None,  # why the last New entry save was refused (field paths only)
    "export": None,  # {"data", "file_name", "counts", "sequence", "sent"} of this session's file
}


def init_state() -> None:
    """Give every session-state key its starting value, once per session; lock when idle."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if is_unlocked():
        idle = time.monotonic() - (st.session_state.last_active or 0)
        if idle > IDLE_LOCK_MINUTES * 60:
            lock(wording.IDLE_LOCKED.format(minutes=IDLE_LOCK_MINUTES))
        else:
            st.session_state.last_active = time.monotonic()


def home() -> ClientHome:
    """The journal folder: ``$SECUREBASE_HOME`` (set by the launcher) or the default."""
    return default_home()


def is_unlocked() -> bool:
    return st.session_state.get("identity") is not None


def unlock(passphrase: str) -> None:
    """Open the journal with ``passphrase``; raises a core error if that fails."""
    journal = open_journal(home(), passphrase)
    st.session_state.journal = journal
    st.session_state.identity = journal.identity
    st.session_state.last_active = time.monotonic()


def lock(message: str = wording.LOCKED) -> None:
    """Forget everything this session holds (also usable as a button callback)."""
    st.session_state.clear()
    for key, value in DEFAULTS.items():
        st.session_state[key] = value
    flash("info", message)


def journal() -> ClientJournal:
    """The unlocked journal, up to date with the file on disk."""
    unlocked: ClientJournal = st.session_state.journal
    unlocked.store.refresh()
    return unlocked


def show_error(error: SecureBaseError) -> None:
    """The one place core errors become words on screen (no client text, no traceback)."""
    message = describe(error)
    lines = [escape_markdown(message.text)]
    if isinstance(error, DocumentError):
        fields = _field_names(error)
        if fields:
            lines.append("Please look at: " + escape_markdown(", ".join(fields)) + ".")
    lines.append(escape_markdown(message.hint))
    st.error("\n\n".join(lines))


def _field_names(error: DocumentError) -> list[str]:
    names: list[str] = []
    for problem in error.problems:
        path = problem.path.split("[")[0]
        name = wording.FIELD_NAMES.get(path) or wording.FIELD_NAMES.get(path.split(".")[0])
        if name and name not in names:
            names.append(name)
    return names
