"""Analytics for the pages, computed once per vault generation and kept in session state.

Rules:
- every figure on screen comes from a function of ``securebase.analytics``;
  this module only loads frames, limits them to a period and remembers
  results, so a page never recomputes what an earlier run already did;
- results are remembered in ``st.session_state.memo`` (this browser session
  only, dropped on lock), keyed by what they depend on, and all of them are
  forgotten as soon as the vault file changes (an import, a note, or a write
  from another window or the command line): the *generation* is the file's
  identity on disk, which every atomic write changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboard.state import today, vault
from securebase.analytics.brief import (
    Period,
    SessionBrief,
    brief_start,
    default_period,
    session_brief,
)
from securebase.analytics.caseload import RECENT_DAYS, caseload
from securebase.analytics.frames import between
from securebase.analytics.load import ClientFrames
from securebase.vault import Client
from securebase.vault_reads import caseload_client, client_frames, last_session_date, period_flags

T = TypeVar("T")


def generation() -> tuple:
    """Changes whenever the vault's database is replaced (and when the day changes)."""
    return (vault().generation(), today())


def remember(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``key`` and vault generation, in this session only."""
    current = generation()
    memo = st.session_state.memo
    if memo is None or memo["generation"] != current:
        memo = st.session_state.memo = {"generation": current, "values": {}}
    if key not in memo["values"]:
        memo["values"][key] = compute()
    return memo["values"][key]


# -- the caseload ------------------------------------------------------------------


def clients() -> list[Client]:
    return remember(("clients",), lambda: vault().clients())


def client_by_id(client_id: str) -> Client | None:
    return next((c for c in clients() if c.client_id == client_id), None)


def frames(client_id: str, since: date) -> ClientFrames:
    """The client's items from ``since`` on, and every check-in (measures start at the first)."""

    def compute():
        return client_frames(vault(), client_id, since, all_checkins=True)

    return remember(("frames", client_id, since), compute)


def caseload_table() -> pd.DataFrame:
    """``analytics.caseload`` for every active client, as of today."""

    def compute():
        unlocked, day = vault(), today()
        # Only the weeks the caseload reads, not each client's whole history.
        rows = [caseload_client(unlocked, c, day, last_session(c.client_id)) for c in clients()]
        return caseload(rows, day)

    return remember(("caseload",), compute)


# -- one client ------------------------------------------------------------------


def default_client_period(client_id: str) -> Period:
    """Since the last session note, or the last four weeks (``brief.default_period``)."""
    end = today()
    return default_period(end, last_session(client_id))


def last_session(client_id: str) -> date | None:
    end = today()
    return remember(("last_session", client_id), lambda: last_session_date(vault(), client_id, end))


@dataclass(frozen=True)
class ClientPeriod:
    """One client's data for the chosen period, as every client view needs it."""

    client: Client
    period: Period
    frames: ClientFrames
    entries: pd.DataFrame  # live entries whose local date lies in the period
    #: The vault's flags of the period (happened, written or received in it) and every
    #: open flag (``flag_store.period_flags``): where to look, never text.
    flags: pd.DataFrame


def view_start(period: Period) -> date:
    """The earliest day a client view reads: the brief's (the period before this one and the
    trend weeks) or the recent weeks' flags. Nothing older is loaded for the period."""
    return min(brief_start(period), today() - timedelta(days=RECENT_DAYS - 1))


def client_period(client: Client, period: Period) -> ClientPeriod:
    def compute():
        loaded = frames(client.client_id, view_start(period))
        return ClientPeriod(
            client,
            period,
            loaded,
            between(loaded.entries, period.start, period.end),
            flags_between(client.client_id, period.start, period.end),
        )

    return remember(("client_period", client.client_id, period), compute)


def flags_between(client_id: str, start: date, end: date) -> pd.DataFrame:
    """The vault's flags of [start, end] and every open flag (screened when received)."""

    def compute():
        return period_flags(vault(), client_id, start, end)

    return remember(("flags", client_id, start, end), compute)


def brief(view: ClientPeriod) -> SessionBrief:
    key = ("brief", view.client.client_id, view.period)
    client_id = view.client.client_id
    return remember(key, lambda: session_brief(client_id, view.frames, view.period, view.flags))


def computed(view: ClientPeriod, name: str, compute: Callable[[], T]) -> T:
    """A per-client, per-period result of a client view, remembered under ``name``."""
    return remember((name, view.client.client_id, view.period), compute)
