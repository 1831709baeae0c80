"""This week: the last 7 days of entries, newest first, each as a small card.

The situation is the person's own words and is shown with ``show_text``
(plain text, never Markdown or HTML); the time and triggers are the app's
own labels.
"""

from datetime import date, timedelta

import streamlit as st

from clienttools import wording
from clienttools.app_state import journal
from clienttools.app_text import show_text
from securebase.vocabulary import Trigger

st.title("This week")
st.caption(wording.WEEK_INTRO)

entries = journal().entries(since=date.today() - timedelta(days=6))
if not entries:
    st.info(wording.WEEK_EMPTY)

for entry in entries:
    with st.container(border=True):
        triggers = " · ".join(Trigger(t).label for t in entry.triggers)
        st.caption(f"{entry.occurred_at:%A %d %B, %H:%M}" + (f" — {triggers}" if triggers else ""))
        show_text(entry.situation)
