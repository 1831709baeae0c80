"""The client view's period: two dates, a default, and quick choices.

The chosen period is kept in ``st.session_state.period`` as (client id,
``securebase.period.Period``) so it survives visits to other pages; the date
widgets are filled from it on every run and write back to it when changed
(two dates picked in either order: ``Period.ordered``). A new client starts
on ``period.default_period``: since the last session note, or the last
``DEFAULT_DAYS`` days.
"""

from datetime import date, timedelta

import streamlit as st

from dashboard import data
from dashboard.state import today
from securebase.period import DEFAULT_DAYS, Period

EARLIEST = date(2000, 1, 1)


def current_period(client_id: str) -> Period:
    kept = st.session_state.get("period")
    if kept and kept[0] == client_id:
        return kept[1]
    period = data.default_client_period(client_id)
    set_period(client_id, period.start, period.end)
    return period


def set_period(client_id: str, start: date, end: date) -> None:
    st.session_state.period = (client_id, Period.ordered(start, end))


def _dates_changed(client_id: str) -> None:
    start, end = st.session_state.period_start, st.session_state.period_end
    if start and end:
        set_period(client_id, start, end)


def show_period_picker(client_id: str, where) -> Period:
    """Two date inputs and quick choices in ``where`` (a row of columns); returns the period."""
    period = current_period(client_id)
    st.session_state.period_start, st.session_state.period_end = period.start, period.end
    start_col, end_col, quick_col = where
    common = {"min_value": EARLIEST, "max_value": today(), "format": "DD/MM/YYYY"}
    start_col.date_input(
        "From", key="period_start", on_change=_dates_changed, args=(client_id,), **common
    )
    end_col.date_input(
        "To", key="period_end", on_change=_dates_changed, args=(client_id,), **common
    )
    with quick_col:
        quick_choices(client_id)
    return current_period(client_id)


def quick_choices(client_id: str) -> None:
    end = today()
    default = data.default_client_period(client_id)
    last = data.last_session(client_id)
    choices = [
        ("Since last session" if last else "Last 4 weeks", default.start),
        ("Last 4 weeks", end - timedelta(days=DEFAULT_DAYS - 1)),
        ("Last 12 weeks", end - timedelta(days=83)),
    ]
    if not last:
        choices.pop(1)
    st.caption("Quick choice")
    row = st.container(horizontal=True, gap="small")
    for label, start in choices:
        row.button(
            label,
            key=f"period.{label}",
            on_click=set_period,
            args=(client_id, start, end),
            type="tertiary",
        )
