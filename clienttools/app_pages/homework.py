"""Homework: the therapist's current exercises, each with a small form to log it as done.

Titles, notes and instructions come from the therapist's homework pack and
are shown as text (``show_text`` / ``escape_markdown``), never as markup.
"""

from datetime import date

import streamlit as st

from clienttools import wording
from clienttools.app_state import journal, show_error
from clienttools.app_text import escape_markdown, show_text
from clienttools.homework_import import steps
from clienttools.journal import Assignment, ClientJournal
from securebase import limits
from securebase.errors import EntryInvalid
from securebase.exercises import built_in

OPTIONAL = {"value": None, "placeholder": "optional"}


def how_often(assignment: Assignment) -> str:
    times = {1: "Once", 2: "Twice"}.get(assignment.times, f"{assignment.times} times")
    return f"{times} a {assignment.per}"


def _urge_inputs(assignment: Assignment, left, right) -> dict:
    """The urge before and after waiting, for exercises that ask for it (reassurance delay)."""
    known = built_in().get(assignment.exercise)  # the pack does not keep what a log records
    if known is None or "urge_before" not in known.records:
        return {}
    return {
        "urge_before": left.number_input("Urge before waiting (0-10)", 0, 10, **OPTIONAL),
        "urge_after": right.number_input("Urge after waiting (0-10)", 0, 10, **OPTIONAL),
    }


def log_form(book: ClientJournal, assignment: Assignment) -> None:
    with st.form(f"log-{assignment.assignment_id}", clear_on_submit=True):
        st.write("**Log it as done**")
        left, right = st.columns(2)
        fields = {
            "minutes": left.number_input("Minutes", 0, limits.MAX_ACTIVITY_MINUTES, **OPTIONAL),
            "helpfulness": right.number_input("How helpful was it? (0-10)", 0, 10, **OPTIONAL),
            "distress_before": left.number_input("Distress before (0-100)", 0, 100, **OPTIONAL),
            "distress_after": right.number_input("Distress after (0-100)", 0, 100, **OPTIONAL),
            **_urge_inputs(assignment, left, right),
            "note": st.text_area(
                "Note", max_chars=limits.MAX_TEXT_CHARS, placeholder="optional"
            ).strip(),
        }
        submitted = st.form_submit_button("Log as done", type="primary")
    if submitted:
        draft = {name: value for name, value in fields.items() if value not in (None, "")}
        try:
            book.log_homework({"assignment_id": assignment.assignment_id, **draft})
        except EntryInvalid as error:
            show_error(error)
        else:
            st.success(wording.HOMEWORK_LOGGED)


st.title("Homework")
st.caption(wording.HOMEWORK_INTRO)

book = journal()
current = book.assignments(on=date.today())
if not current:
    st.info(wording.HOMEWORK_NONE)

for assignment in current:
    with st.container(border=True):
        st.subheader(escape_markdown(assignment.title))
        st.caption(how_often(assignment))
        if assignment.note:
            st.write("**A note from your therapist**")
            show_text(assignment.note)
        if assignment.instructions:
            st.write("**How to do it**")
            for number, step in enumerate(steps(assignment), start=1):
                show_text(f"{number}. {step}")
        log_form(book, assignment)
        done = len(book.homework_logs(assignment.assignment_id))
        st.caption(f"Logged {done} {'time' if done == 1 else 'times'} so far.")
