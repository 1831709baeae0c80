"""New entry: one thought record, in the order the work is done.

What happened (and when, and what set it off) -> feelings -> the thought ->
the urge to seek reassurance -> what helped -> challenging the thought ->
an "I" statement -> what the partner did -> distress now. Only "What
happened" is required. Values stay while the person visits other pages.
"""

from datetime import date, timedelta

import streamlit as st

from clienttools import wording
from clienttools.app_entry import (
    DEFAULT_FEELING,
    feeling_key,
    key,
    minutes_key,
    save_entry,
)
from clienttools.app_state import show_error, show_flash
from securebase import limits
from securebase.vocabulary import Behaviour, Distortion, Emotion, SoothingTechnique, Trigger

KEEP = {"persist_state": "session"}
TEXT = {"max_chars": limits.MAX_TEXT_CHARS, **KEEP}


def rating(label: str, name: str, top: int = 100, hint: str = "0-100, optional") -> None:
    st.number_input(
        label,
        min_value=0,
        max_value=top,
        value=None,
        step=5 if top == 100 else 1,
        placeholder=hint,
        key=key(name),
        **KEEP,
    )


st.title("New entry")
st.caption(wording.NEW_ENTRY_INTRO)

with st.container(border=True):
    st.subheader("What happened")
    st.text_area(
        "In a sentence or two (the one part that is needed)",
        key=key("situation"),
        placeholder="For example: I sent a message at lunch and had no reply by the evening.",
        **TEXT,
    )
    day, clock = st.columns(2)
    day.date_input("Day", max_value=date.today(), key=key("day"), **KEEP)
    clock.time_input("Time", step=timedelta(minutes=5), key=key("time"), **KEEP)
    st.multiselect(
        "What set it off?",
        list(Trigger),
        format_func=lambda t: Trigger(t).label,
        key=key("triggers"),
        placeholder="Choose any that fit",
        **KEEP,
    )

with st.container(border=True):
    st.subheader("Feelings")
    emotions = st.multiselect(
        "Which feelings came up?",
        list(Emotion),
        format_func=lambda e: Emotion(e).label,
        key=key("emotions"),
        placeholder="Choose any that fit",
        **KEEP,
    )
    for emotion in emotions:
        st.slider(
            f"{Emotion(emotion).label}: how strong? (0-100)",
            0,
            100,
            DEFAULT_FEELING,
            step=5,
            key=feeling_key(emotion),
            **KEEP,
        )

with st.container(border=True):
    st.subheader("The thought")
    st.text_area(
        "What went through your mind? (the “hot” thought)",
        key=key("thought"),
        placeholder="For example: They are losing interest in me.",
        **TEXT,
    )
    belief, distress = st.columns(2)
    with belief:
        rating("How much did you believe it?", "belief_before")
    with distress:
        rating("How distressed did you feel?", "distress_before")

with st.container(border=True):
    st.subheader("The urge to seek reassurance")
    st.slider("How strong was the urge? (0 = none)", 0, 10, 0, key=key("urge"), **KEEP)
    st.radio(
        "What did you do with it?",
        list(wording.URGE_ACTED_OPTIONS),
        format_func=wording.URGE_ACTED_OPTIONS.get,
        index=None,
        horizontal=True,
        key=key("acted"),
        **KEEP,
    )
    st.multiselect(
        "What did you do, or want to do?",
        list(Behaviour),
        format_func=lambda b: Behaviour(b).label,
        key=key("behaviours"),
        placeholder="Choose any that fit",
        **KEEP,
    )
    rating(
        "Minutes you waited before acting (or in all, if you did not act)",
        "delay",
        top=limits.MAX_DELAY_MINUTES,
        hint="minutes, optional",
    )

with st.container(border=True):
    st.subheader("What helped")
    techniques = st.multiselect(
        "What did you do to soothe yourself?",
        list(SoothingTechnique),
        format_func=lambda s: SoothingTechnique(s).label,
        key=key("soothing"),
        placeholder="Choose any that fit",
        **KEEP,
    )
    for technique in techniques:
        st.number_input(
            f"{SoothingTechnique(technique).label}: minutes",
            min_value=0,
            max_value=limits.MAX_ACTIVITY_MINUTES,
            value=None,
            placeholder="optional",
            key=minutes_key(technique),
            **KEEP,
        )

with st.expander("Challenge the thought"):
    st.multiselect(
        "Thinking patterns you notice",
        list(Distortion),
        format_func=lambda d: Distortion(d).label,
        key=key("distortions"),
        placeholder="Choose any that fit",
        **KEEP,
    )
    st.text_area("Evidence for the thought", key=key("evidence_for"), **TEXT)
    st.text_area("Evidence against the thought", key=key("evidence_against"), **TEXT)
    st.text_area("A more balanced way to see it", key=key("balanced_thought"), **TEXT)
    rating("How much do you believe the first thought now?", "belief_after")

with st.expander("An “I” statement"):
    st.text_area(
        "What you feel, and what you would like",
        key=key("need"),
        placeholder="For example: I feel uneasy when plans change at short notice; "
        "could you tell me as early as you can?",
        **TEXT,
    )
    st.checkbox("I shared it", key=key("need_shared"), **KEEP)

with st.container(border=True):
    st.subheader("Noticing your partner")
    st.text_area(
        "Caring or reliable things your partner did (one per line)",
        key=key("partner_positive"),
        placeholder="For example: Called when they said they would.",
        **TEXT,
    )

with st.container(border=True):
    st.subheader("Now")
    rating("How distressed do you feel now?", "distress_after")

st.button("Save entry", type="primary", on_click=save_entry)
if st.session_state.entry_error is not None:
    show_error(st.session_state.entry_error)
    st.session_state.entry_error = None
show_flash()
