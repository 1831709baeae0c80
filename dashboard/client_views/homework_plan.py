"""Homework planning on the Client page: assign, end early, the pack, and a text handout.

Rules: exercise titles, steps and rationale come from the catalogue
(``securebase.exercises``); the therapist's notes are shown as text. The
homework pack is sealed only when asked for (a button), kept in session
state for the download, and dropped when another client's pack is made; its
file name says whose it is. Ending an assignment asks first, and an
assignment ended today says so on its card with an Undo. Assigning an
exercise the client already has running is refused by the core.
"""

import re
from datetime import date

import streamlit as st

from dashboard.state import show_error, today, vault
from dashboard.text import escape_markdown, show_text
from securebase.client_measures import set_client_measures
from securebase.errors import SecureBaseError
from securebase.exercises import Exercise, how_often
from securebase.homework_pack import seal_pack
from securebase.measures import MEASURES
from securebase.therapist_records import (
    MAX_ASSIGNMENT_NOTE_CHARS,
    MAX_TIMES,
    AssignmentRecord,
    add_assignment,
    assignments,
    end_assignment,
    resume_assignment,
)
from securebase.vault_reads import client_measures, exercise_catalogue

CONFIRM_END = "confirm_end"  # session key: the assignment whose "End today" awaits a yes


def catalogue() -> dict[str, Exercise]:
    return exercise_catalogue(vault())


def current_assignments(client_id: str) -> list[AssignmentRecord]:
    return assignments(vault(), client_id, include_ended=False, on=today())


def show_plan(client_id: str) -> None:
    """The assign form beside the current assignments, then the pack and the handout."""
    left, right = st.columns([2, 3], gap="large")
    with left:
        show_assign_form(client_id)
    with right:
        show_current(client_id)
    show_pack(client_id)
    show_handout(client_id)


def show_assign_form(client_id: str) -> None:
    exercises = catalogue()
    st.markdown("**Assign an exercise**")
    key = st.selectbox(
        "Exercise",
        list(exercises),
        format_func=lambda k: exercises[k].title + ("  (yours)" if exercises[k].custom else ""),
        key="assign_exercise",
    )
    item = exercises[key]
    st.caption(escape_markdown(item.rationale))
    if item.caution:
        st.warning(escape_markdown(item.caution), icon=":material/warning:")
    with st.form(f"assign-{key}", clear_on_submit=True):
        times_col, per_col = st.columns(2)
        times = times_col.number_input("Times", 1, MAX_TIMES, item.default_times)
        per = per_col.selectbox(
            "Per", ["day", "week"], index=["day", "week"].index(item.default_per)
        )
        from_col, until_col = st.columns(2)
        starts = from_col.date_input("From", value=today(), format="DD/MM/YYYY")
        ends = until_col.date_input("Until (optional)", value=None, format="DD/MM/YYYY")
        note = st.text_area("Note for the client", max_chars=MAX_ASSIGNMENT_NOTE_CHARS)
        if st.form_submit_button("Assign", type="primary", icon=":material/add_task:"):
            assign(client_id, key, int(times), per, starts, ends, note.strip())


def assign(client_id: str, key: str, times: int, per: str, starts: date, ends, note: str) -> None:
    try:
        add_assignment(vault(), client_id, key, times=times, per=per, starts=starts, ends=ends,
                       note=note)  # fmt: skip
    except SecureBaseError as error:
        show_error(error)
    else:
        st.success(f"Assigned: {escape_markdown(catalogue()[key].title)}.")


def show_current(client_id: str) -> None:
    current = current_assignments(client_id)
    exercises = catalogue()
    st.markdown(f"**Current assignments** ({len(current)})")
    if not current:
        st.caption("No current homework. Assign an exercise, then make the homework pack.")
    for record in current:
        item = exercises.get(record.exercise)
        title = item.title if item else record.exercise
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(title)}**")
            show_card_actions(record)


def show_card_actions(record: AssignmentRecord) -> None:
    """When it runs, and End today -> confirm; or, once ended today, that and an Undo."""
    ended_today = record.ended_at is not None and record.last_day == today()
    until = f" until {record.last_day:%d %b %Y}" if record.last_day else ""
    st.caption(f"{how_often(record.times, record.per)}, from {record.starts:%d %b %Y}{until}")
    key = record.assignment_id
    if ended_today:
        st.warning("Ended today: today is its last day.", icon=":material/event_busy:")
        if st.button("Undo", key=f"undo-{key}", icon=":material/undo:"):
            change(resume_assignment, key)
    elif st.session_state.get(CONFIRM_END) == key:
        st.markdown("End this assignment today? Sessions already done still count.")
        yes, no = st.columns(2)
        if yes.button("Yes, end it today", key=f"yes-{key}", type="primary"):
            st.session_state[CONFIRM_END] = None
            change(lambda unlocked, ref: end_assignment(unlocked, ref, today()), key)
        if no.button("Keep it", key=f"no-{key}"):
            st.session_state[CONFIRM_END] = None
            st.rerun()
    elif st.button("End today", key=f"end-{key}", icon=":material/stop:"):
        st.session_state[CONFIRM_END] = key
        st.rerun()


def change(operation, assignment_id: str) -> None:
    try:
        operation(vault(), assignment_id)
    except SecureBaseError as error:
        show_error(error)
    else:
        st.rerun()


def make_pack(client_id: str) -> None:
    try:
        made = seal_pack(vault(), client_id, on=today())
    except SecureBaseError as error:
        st.session_state.homework_pack = {"client_id": client_id, "error": error}
        return
    st.session_state.homework_pack = {
        "client_id": client_id,
        "data": made.sealed,
        "file_name": pack_file_name(vault().client(client_id).label, made.pack.issued_at),
        "assignments": len(made.pack.assignments),
    }


def pack_file_name(label: str, issued_at) -> str:
    """``securebase-homework-casey-e-2026-11-22.age``: whose pack it is, and from when."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "client"
    return f"securebase-homework-{slug}-{issued_at:%Y-%m-%d}.age"


def show_measures(client_id: str) -> None:
    """The questionnaires this client is asked between sessions (sent with the next pack)."""
    current = client_measures(vault(), client_id)
    chosen = st.multiselect(
        "Questionnaires the client is asked",
        list(MEASURES),
        default=list(current),
        format_func=lambda key: MEASURES[key].title,
        help="Sent with the next homework pack. Choose the PHQ-8 instead of the PHQ-9 when "
        "nobody can watch item 9 (thoughts of self-harm) between sessions.",
        key=f"measures.{client_id}",
    )
    if tuple(chosen) != current and st.button(
        "Save questionnaires", key=f"save_measures.{client_id}"
    ):
        try:
            set_client_measures(vault(), client_id, chosen)
        except SecureBaseError as error:
            show_error(error)
            return
        st.toast("Saved: the next homework pack carries them.")
        st.rerun()


def show_pack(client_id: str) -> None:
    show_measures(client_id)
    st.markdown("**Homework pack for the client**")
    st.caption(
        "An encrypted file only this client can open, signed by you. They import it with "
        "their journal; it replaces the homework they had."
    )
    # Not an on_click callback: callbacks run before this run reopens the vault on its thread.
    if st.button("Make the homework pack", icon=":material/package_2:"):
        make_pack(client_id)
    made = st.session_state.homework_pack
    if not made or made["client_id"] != client_id:
        return
    if "error" in made:
        show_error(made["error"])
        return
    st.download_button(
        "Download homework pack",
        data=made["data"],
        file_name=made["file_name"],
        mime="application/octet-stream",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(f"{made['assignments']} assignment(s): {escape_markdown(made['file_name'])}")


def show_handout(client_id: str) -> None:
    """Each current assignment as the client will read it (until the PDF handout lands)."""
    current = current_assignments(client_id)
    if not current:
        return
    exercises = catalogue()
    with st.expander("Handout text for the client"):
        for record in current:
            item = exercises.get(record.exercise)
            if item is None:
                continue
            st.markdown(
                f"**{escape_markdown(item.title)}**: {how_often(record.times, record.per).lower()}"
            )
            for number, step in enumerate(item.instructions, start=1):
                show_text(f"{number}. {step}")
            if record.note:
                show_text(f"Note: {record.note}")
