"""Session state of the dashboard, initialised in one place, and its error display.

Rules: decrypted data lives only in ``st.session_state`` (per browser
session), never in ``st.cache_data`` or ``st.cache_resource``, which are
shared between sessions. ``show_error`` is the dashboard's single place that
turns core errors into words.
"""

import os
from pathlib import Path

import streamlit as st

from securebase.errors import SecureBaseError
from securebase.messages import describe

DEFAULTS: dict[str, object] = {
    "demo_dir": None,
}


def init_state() -> None:
    """Give every session-state key its starting value, once per session."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if st.session_state.demo_dir is None and os.environ.get("SECUREBASE_DEMO_DIR"):
        st.session_state.demo_dir = Path(os.environ["SECUREBASE_DEMO_DIR"])


def show_error(error: SecureBaseError) -> None:
    message = describe(error)
    st.error(f"{message.text}\n\n{message.hint}")
