"""Brief: the session brief in plain sentences, a few numbers, and the entries themselves.

The facts come from ``analytics.brief``; this view says its figures in the
shared words of ``presentation.brief_words`` (flags are in the banner above
every tab, so they are not repeated here). Entries are shown newest first,
with every piece of client text through ``dashboard.text.show_text``.
"""

import streamlit as st

from dashboard import data
from dashboard.client_views.entries import show_entries
from dashboard.client_views.words import homework_percent
from dashboard.data import ClientPeriod
from dashboard.state import vault
from dashboard.text import escape_markdown
from reports.batch import file_name
from reports.summary import summary_pdf
from securebase.presentation.brief_words import figure_sentences


def render(view: ClientPeriod) -> None:
    brief = data.brief(view)
    show_numbers(brief)
    st.subheader("Session brief", anchor=False)
    lines = figure_sentences(brief)
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))
    st.caption(window_words(brief))
    offer_summary_pdf(view)
    show_entries(view)


def window_words(brief) -> str:
    """Which days the Brief counts: the tabs' period, and the weeks of the belief trend."""
    period, trend = brief.period, brief.trend_window
    return (
        f"This period: {period.start:%d %b} to {period.end:%d %b}, the days every tab counts; "
        "'before' is the same number of days just before it. Only the belief trend looks "
        f"further back, over the weeks from {trend.start:%d %b}."
    )


def offer_summary_pdf(view: ClientPeriod) -> None:
    """A download of the session summary PDF for this client and period (built on click).

    Streamlit calls ``data`` after the script run, outside it, where ``st.session_state``
    is out of reach: the callable holds the unlocked vault itself, taken now. (Its database
    is shared safely across threads, see ``securebase.store``.)
    """
    unlocked, client_id, period = vault(), view.client.client_id, view.period
    st.download_button(
        "Session summary (PDF)",
        data=lambda: summary_pdf(unlocked, client_id, period),
        file_name=file_name(view.client.label, view.client.client_id),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        help="The PDF holds readable health information: keep it somewhere safe.",
        key=f"summary_pdf.{view.client.client_id}",
    )


def show_numbers(brief) -> None:
    urges, belief, homework = brief.urges, brief.belief, brief.homework
    one, two, three, four = st.columns(4)
    one.metric(
        "Journal entries",
        brief.entries,
        delta=brief.entries - brief.entries_previous,
        delta_color="off",
        help="Entries in this period; the change is against the same number of days before.",
        border=True,
    )
    share, before = urges["share"], urges["share_previous"]
    # Short values and labels: a quarter of a 1280 px laptop's page shows ~14 characters.
    two.metric(
        "Urges resisted"
        if share is None
        else f"Urges resisted: {urges['resisted']} of {urges['total']}",
        "–" if share is None else f"{share:.0%}",
        delta=None if share is None or before is None else f"{100 * (share - before):+.0f} pts",
        help=f"{urges['resisted']} of {urges['total']} urges of {urges['threshold']}+ out of 10 "
        "were resisted; the change is against the same number of days before.",
        border=True,
    )
    three.metric(
        "Belief drop",
        "–" if belief["mean_drop"] is None else f"{belief['mean_drop']:.0f} pts",
        help=f"Mean fall in belief in the anxious thought after a challenge, over {belief['n']} "
        "completed challenges (0-100 scale).",
        border=True,
    )
    share = homework["share"]
    four.metric(
        "Homework done",
        "–" if share is None else f"{homework_percent(share)}%",
        help=f"{homework['done']} of about {homework['expected']:.0f} expected sessions"
        + (" (more than asked: counted as 100%)." if share and share > 1 else "."),
        border=True,
    )
