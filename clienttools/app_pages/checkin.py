"""Check-in: the GAD-7, worded exactly as published, with its copyright line.

Each question has the four published answers; none is pre-selected. The
total and its range are shown gently, as one snapshot to talk about.
"""

import streamlit as st

from clienttools import wording
from clienttools.app_state import journal, show_error
from securebase.errors import EntryInvalid
from securebase.measures import GAD7

st.title("Check-in")
st.caption(wording.CHECKIN_INTRO)

with st.form("gad7", clear_on_submit=True):
    st.subheader(GAD7.title)
    st.write(GAD7.stem)
    answers = [
        st.radio(
            f"{number}. {item}",
            range(len(GAD7.options)),
            format_func=GAD7.options.__getitem__,
            index=None,
            key=f"gad7.{number}",
        )
        for number, item in enumerate(GAD7.items, start=1)
    ]
    st.caption(GAD7.copyright)
    submitted = st.form_submit_button("Save my answers", type="primary")

if submitted and None in answers:
    st.warning(wording.CHECKIN_INCOMPLETE)
elif submitted:
    try:
        saved = journal().add_checkin(GAD7.key.value, answers)
    except EntryInvalid as error:
        show_error(error)
    else:
        total = GAD7.total(saved.answers)
        st.success(
            wording.CHECKIN_DONE.format(
                total=total, total_max=GAD7.total_max, band=GAD7.band(total).label
            )
        )
