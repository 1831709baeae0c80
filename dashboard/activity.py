"""Activity the server cannot see by itself, and the session-note draft that rides with it.

Rules:
- typing, clicking, scrolling and touching count as activity. Streamlit sends
  nothing to the server while a note is being typed (a form sends on save),
  so a small component in the sidebar reports, at most every
  ``report_seconds()``, that something happened; that reruns only the
  sidebar's idle watch, which records the activity. Nothing is reported while
  nothing happens, so a session left alone still locks on time;
- each report also carries the text of the session-note box (the only
  unsaved clinical text on any page): kept in ``note_draft`` for the client
  whose page it is. When the vault locks, ``state.lock`` keeps that draft and
  nothing else; the locked page never shows it, and the note form puts it
  back after the vault is unlocked again. It lives only in this session's
  memory, never on disk or in browser storage;
- the component's script is ours and static: no client text is ever passed
  into it, it only reads the note box's value.
"""

import os

import streamlit as st

IDLE_SECONDS_VARIABLE = "SECUREBASE_IDLE_SECONDS"  # tests: a shorter idle limit (never longer)
NOTE_KEY = "note_text"  # the session-note box's widget key (its element class is st-key-<key>)
REPORT_SECONDS = 10
CHECK_SECONDS = 20

_SCRIPT = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const events = ["keydown", "input", "pointerdown", "wheel", "touchstart"];
  let active = false;
  const mark = () => { active = true; };
  events.forEach((name) => document.addEventListener(name, mark, { capture: true, passive: true }));
  const timer = setInterval(() => {
    if (!active) return;
    active = false;
    const box = document.querySelector(data.draft_selector);
    setTriggerValue("active", { at: Date.now(), draft: box ? box.value : null });
  }, data.every_ms);
  return () => {
    clearInterval(timer);
    events.forEach((name) => document.removeEventListener(name, mark, { capture: true }));
  };
}
"""

_watch_component = st.components.v2.component("securebase_activity", js=_SCRIPT)


def idle_override_seconds() -> float | None:
    """A shorter idle limit from the environment (automated tests), or None."""
    value = os.environ.get(IDLE_SECONDS_VARIABLE)
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return seconds if seconds and seconds > 0 else None


def report_seconds() -> float:
    override = idle_override_seconds()
    return min(REPORT_SECONDS, override / 4) if override else REPORT_SECONDS


def check_seconds() -> float:
    override = idle_override_seconds()
    return min(CHECK_SECONDS, max(1.0, override / 3)) if override else CHECK_SECONDS


def browser_activity() -> dict | None:
    """Mount the reporter; the report when this run was caused by one, else None."""
    result = _watch_component(
        key="activity",
        data={
            "every_ms": int(report_seconds() * 1000),
            "draft_selector": f".st-key-{NOTE_KEY} textarea",
        },
        height=0,
        on_active_change=lambda: None,
    )
    return result.active


def keep_draft(report: dict) -> None:
    """Remember the note box's text for the client whose page it is on."""
    text = report.get("draft")
    if text is None:
        return
    client_id = st.session_state.get("client_id")
    st.session_state.note_draft = {"client_id": client_id, "text": text} if text.strip() else None


def kept_draft_for(client_id: str) -> str | None:
    """The draft kept across a lock for this client, handed over once."""
    kept = st.session_state.get("kept_draft")
    if not kept or kept["client_id"] != client_id:
        return None
    st.session_state.kept_draft = None
    return kept["text"]
