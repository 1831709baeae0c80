"""The New entry page's values, turned into an entry draft and saved.

The page's widgets keep their values in session state under ``entry.*``
keys (kept across page switches, cleared after a save and by Lock). The
draft is built in the export format's JSON shape and validated by the
journal, so the rules live in the model only; this module just leaves out
what the person did not fill in.
"""

from datetime import datetime

import streamlit as st

from clienttools import wording
from clienttools.app_state import flash, journal
from securebase.errors import EntryInvalid

PREFIX = "entry."
DEFAULT_FEELING = 50


def key(name: str) -> str:
    return PREFIX + name


def feeling_key(emotion: str) -> str:
    return key(f"feeling.{emotion}")


def minutes_key(technique: str) -> str:
    return key(f"minutes.{technique}")


def save_entry() -> None:
    """Button callback: save the draft, then start a fresh entry; or keep the error."""
    try:
        journal().add_entry(draft_from(st.session_state))
    except EntryInvalid as error:
        st.session_state.entry_error = error
        return
    for name in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[name]
    st.session_state.entry_error = None
    flash("success", wording.SAVED_ENTRY)


def draft_from(state) -> dict:
    """The entry the page's values describe (JSON shape; optional parts left out)."""

    def value(name, default=None):
        return state.get(key(name), default)

    draft = {
        "situation": (value("situation") or "").strip(),
        "occurred_at": _occurred_at(value("day"), value("time")),
        "triggers": list(value("triggers", [])),
        "emotions": [
            {"emotion": e, "intensity": state.get(feeling_key(e), DEFAULT_FEELING)}
            for e in value("emotions", [])
        ],
        "automatic_thought": (value("thought") or "").strip(),
        "belief_before": value("belief_before"),
        "distress_before": value("distress_before"),
        "distress_after": value("distress_after"),
        "urge": _urge(value),
        "soothing": [
            {"technique": t, "minutes": state.get(minutes_key(t))} for t in value("soothing", [])
        ],
        "challenge": _challenge(value),
        "need_statement": _need(value),
        "partner_positive": _lines(value("partner_positive")),
    }
    kept = {name: field for name, field in draft.items() if field not in (None, [], "")}
    kept["situation"] = draft["situation"]  # even when blank: the model says it is needed
    return kept


def _occurred_at(day, clock) -> str | None:
    if day is None or clock is None:
        return None
    return datetime.combine(day, clock.replace(second=0, microsecond=0)).astimezone().isoformat()


def _urge(value) -> dict | None:
    urge = {
        "intensity": value("urge", 0),
        "acted": value("acted"),
        "behaviours": list(value("behaviours", [])),
        "delay_minutes": value("delay"),
    }
    untouched = not urge["intensity"] and not urge["behaviours"]
    if untouched and urge["acted"] is None and urge["delay_minutes"] is None:
        return None
    if urge["acted"] is None:
        del urge["acted"]  # the model names it as missing: the page asks for it
    return urge


def _challenge(value) -> dict | None:
    challenge = {
        "distortions": list(value("distortions", [])),
        "evidence_for": (value("evidence_for") or "").strip(),
        "evidence_against": (value("evidence_against") or "").strip(),
        "balanced_thought": (value("balanced_thought") or "").strip(),
        "belief_after": value("belief_after"),
    }
    given = [field for field in challenge.values() if field not in (None, [], "")]
    return challenge if given else None


def _need(value) -> dict | None:
    text = (value("need") or "").strip()
    return {"text": text, "shared": bool(value("need_shared", False))} if text else None


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
