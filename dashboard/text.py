"""Showing text in Streamlit that the dashboard did not write itself: as text, never as markup.

Rule for every page: client-written text, homework notes, file names from an
upload and the therapist's own free text go through ``show_text``, which uses
``st.text``, an element that does no Markdown or HTML parsing at all. Where
such text has to sit inside something Streamlit reads as Markdown (a heading,
a widget label, an alert, a tab), it goes through ``escape_markdown`` first.
``flash`` keeps one message of our own words for the next page drawn.
(These helpers were shared with the Streamlit client app until the web
journal replaced it.)
"""

import re
import string

import streamlit as st

# CommonMark lets every ASCII punctuation character be escaped with a
# backslash; escaping all of them also covers Streamlit's own syntax
# (":red[...]" colours, ":material/...:" icons, "$...$" maths) and HTML.
_MARKUP = re.compile("([" + re.escape(string.punctuation) + "])")


def show_text(text: str, container=None) -> None:
    """Show ``text`` exactly as written, in ``container`` (default: the page)."""
    (container or st).text(text, width="stretch")


def escape_markdown(text: str) -> str:
    """``text`` made literal for a Markdown surface (label, heading, alert)."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def flash(kind: str, text: str) -> None:
    """Keep a message (our own words) to show once, on the next page drawn."""
    st.session_state.flash = (kind, text)


def show_flash() -> None:
    if st.session_state.get("flash"):
        kind, text = st.session_state.flash
        st.session_state.flash = None
        getattr(st, kind)(text)
