"""Session state of the dashboard, initialised in one place, and its error display.

Rules:
- decrypted data (the unlocked ``Vault`` with its identity and database,
  analytics frames, import results) lives only in ``st.session_state``,
  which belongs to one browser session; never in ``st.cache_data`` or
  ``st.cache_resource``, which are shared between sessions;
- the unlocked vault is kept for the session; each script run starts with
  ``Vault.refresh()``: one ``stat`` of the file, and a reload only if
  another window or the command line saved in between;
- the vault locks itself after ``idle_minutes`` without activity (checked at
  the top of every run and by a timer in the sidebar); locking forgets
  everything this session holds;
- ``show_error`` is the dashboard's single place that turns core errors into
  words (no client text, no traceback).
"""

import os
import time
from datetime import date
from pathlib import Path

import streamlit as st

from dashboard.activity import idle_override_seconds
from dashboard.page_messages import page_message
from dashboard.text import escape_markdown, flash, show_flash  # noqa: F401 - pages use them from here
from securebase import environment
from securebase.errors import SecureBaseError
from securebase.passphrase_rules import check_new_passphrase
from securebase.vault import Vault, default_vault_path

DEFAULT_IDLE_MINUTES = 15
IDLE_CHOICES = (5, 10, 15, 20, 30, 45, 60)
IDLE_SETTING = "dashboard_idle_minutes"
DEMO_VARIABLE = "SECUREBASE_DEMO"

DEFAULTS: dict[str, object] = {
    "vault": None,  # the unlocked Vault (reopened each run), or None while locked
    "vault_path": None,  # the vault folder this session works on
    "last_activity": None,  # time.monotonic() of the last script run while unlocked
    "idle_minutes": DEFAULT_IDLE_MINUTES,
    "client_id": None,  # the client shown on the Client page
    "period_client": None,  # whose period the period widgets hold
    "memo": None,  # per-session analytics results (see dashboard.data)
    "flash": None,  # (kind, text): a one-time message for the next page drawn
    "import_results": None,  # what the last import did, file by file
    "uploader_round": 0,  # bumped after an import, to give a fresh, empty uploader
    "added_client": None,  # the client added last, with the invitation to hand over
    "caseload_order": [],  # client ids in the caseload table's row order
    "go_to": None,  # a page a button callback asked to switch to
    "homework_pack": None,  # {client_id, data, file_name}: the last homework pack made
    "note_draft": None,  # {client_id, text}: the session note being typed (dashboard.activity)
    "kept_draft": None,  # the note draft kept across a lock, restored after unlock
    "confirm_end": None,  # the assignment whose "End today" waits for a yes
    "charts_warm": False,  # plotly's script started in this browser session (client_views.charts)
    "charts_seen": False,  # the first-charts hint was shown
}


def init_state() -> None:
    """Give every key its starting value once per session; lock when idle; reopen the vault."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if st.session_state.vault_path is None:
        st.session_state.vault_path = default_vault_path()
    if not is_unlocked():
        return
    if idle_seconds() > idle_limit_seconds():
        minutes = st.session_state.idle_minutes
        lock(f"The vault locked itself after {minutes} minutes without activity.")
        return
    touch()
    st.session_state.vault.refresh()


def is_unlocked() -> bool:
    return st.session_state.get("vault") is not None


def vault() -> Vault:
    """The unlocked vault of this session (call only on unlocked pages)."""
    return st.session_state.vault


def vault_path() -> Path:
    return Path(st.session_state.vault_path)


def vault_exists() -> bool:
    return (vault_path() / "vault.json").exists()


def is_demo() -> bool:
    return os.environ.get(DEMO_VARIABLE) == "1"


def today() -> date:
    """Today, or the day pinned by ``SECUREBASE_TODAY`` (the demo's last day)."""
    return environment.today()


# -- unlocking and locking ------------------------------------------------------


def unlock(passphrase: str) -> None:
    """Open the vault with ``passphrase``; raises a core error if that fails."""
    opened(Vault.unlock(vault_path(), passphrase))


def create(passphrase: str, therapist_name: str) -> None:
    """Create a new vault at the session's vault path and open it (a weak passphrase refused)."""
    check_new_passphrase(passphrase, (therapist_name,))
    opened(Vault.create(vault_path(), passphrase, therapist_name))


def opened(unlocked: Vault) -> None:
    st.session_state.vault = unlocked
    st.session_state.idle_minutes = saved_idle_minutes(unlocked)
    touch()
    if st.session_state.get("kept_draft"):
        flash(
            "info",
            "Your unsaved session note was kept while the vault was locked: it is back in "
            "that client's Session notes tab.",
        )


def lock(message: str = "The vault is locked.") -> None:
    """Forget everything this session holds (also usable as a button callback)."""
    path = st.session_state.get("vault_path")
    unlocked = st.session_state.get("vault")
    # The one thing kept: a session note being typed (nothing typed is lost). It is shown
    # again only once this vault is unlocked.
    draft = st.session_state.get("note_draft") or st.session_state.get("kept_draft")
    if unlocked is not None:
        unlocked.close()  # drop the decrypted database now, not whenever it is collected
    st.session_state.clear()
    for key, value in DEFAULTS.items():
        st.session_state[key] = value
    st.session_state.vault_path = path
    st.session_state.kept_draft = draft
    flash("info", message)


def touch() -> None:
    """Record activity now (every script run while unlocked counts as activity)."""
    st.session_state.last_activity = time.monotonic()


def idle_seconds() -> float:
    return time.monotonic() - (st.session_state.get("last_activity") or 0)


def idle_limit_seconds() -> float:
    """The chosen idle time; ``SECUREBASE_IDLE_SECONDS`` (tests) can only shorten it."""
    chosen = st.session_state.idle_minutes * 60
    override = idle_override_seconds()
    return min(chosen, override) if override else chosen


def idle_lock_due() -> bool:
    return is_unlocked() and idle_seconds() > idle_limit_seconds()


# -- the idle-time setting, kept in the vault -----------------------------------


def saved_idle_minutes(unlocked: Vault) -> int:
    saved = unlocked.front_end_setting(IDLE_SETTING)
    try:
        minutes = int(saved) if saved else DEFAULT_IDLE_MINUTES
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return minutes if minutes in IDLE_CHOICES else DEFAULT_IDLE_MINUTES


def save_idle_minutes(minutes: int) -> None:
    vault().set_front_end_setting(IDLE_SETTING, str(minutes))
    st.session_state.idle_minutes = minutes


# -- messages ------------------------------------------------------------------


def show_error(error: SecureBaseError) -> None:
    """The one place core errors become words on screen (no client text, no traceback)."""
    message = page_message(error)
    st.error(f"{escape_markdown(message.text)}\n\n{escape_markdown(message.hint)}")
