"""What the front ends read from an unlocked vault, each read named by what it gives.

Rule: no SQLite connection or cursor leaves ``securebase/``. The dashboard,
the reports and both command lines take an unlocked ``Vault`` and call these
reads (and the core's named writes: ``therapist_records``, ``flag_review``,
``client_measures``, the ``Vault`` methods); they never touch ``vault.store``,
a database or SQL (``tests/test_purity.py`` proves it). The analytics
functions that take a connection stay inside the core, and this module is
their only door: it hands them the vault's database and returns their frames
and plain values. A new read a front end needs is added here, named for what
it gives, not for the table it comes from.

The analytics modules (pandas) are imported inside the reads that use them, so
a command line that only asks for the catalogue stays quick to start.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from securebase import client_measures as measures_setting
from securebase import exercises
from securebase.exercises import Exercise
from securebase.vault import Client, Vault

if TYPE_CHECKING:
    import pandas as pd

    from securebase.analytics.caseload import CaseloadClient
    from securebase.analytics.load import ClientFrames


def client_frames(
    vault: Vault, client_id: str, since: date | None = None, *, all_checkins: bool = False
) -> ClientFrames:
    """A client's entries, homework logs, check-ins and assignments as frames; with
    ``since``, only items dated on or after it (``all_checkins``: every check-in still)."""
    from securebase.analytics import load

    return load.client_frames(vault.store.db, client_id, since, all_checkins=all_checkins)


def first_entry_date(vault: Vault, client_id: str) -> date | None:
    """The local date of the client's first live entry (None before any)."""
    from securebase.analytics import load

    return load.first_entry_date(vault.store.db, client_id)


def last_session_date(vault: Vault, client_id: str, on_or_before: date) -> date | None:
    """The latest session note's date up to ``on_or_before`` (None without notes)."""
    from securebase.analytics import load

    return load.last_session_date(vault.store.db, client_id, on_or_before)


def assignments_frame(vault: Vault, client_id: str) -> pd.DataFrame:
    """The client's homework assignments (``ends``: the earlier of planned and ended)."""
    from securebase.analytics import load

    return load.assignments_frame(vault.store.db, client_id)


def period_flags(vault: Vault, client_id: str, start: date, end: date) -> pd.DataFrame:
    """The flags and mentions of [start, end] and every open flag (``flag_store``)."""
    from securebase import flag_store

    return flag_store.period_flags(vault.store.db, client_id, start, end)


def open_flag_count(vault: Vault, client_id: str) -> int:
    """How many of the client's items carry an open flag."""
    from securebase import flag_store

    return len(set(flag_store.open_flags(vault.store.db, client_id)["source_id"]))


def exercise_catalogue(vault: Vault | None = None) -> dict[str, Exercise]:
    """The built-in exercises, then (given a vault) the therapist's own, by key."""
    return exercises.exercise_catalogue(vault.store.db if vault is not None else None)


def client_measures(vault: Vault, client_id: str) -> tuple[str, ...]:
    """The questionnaires the client is asked between sessions (``client_measures``)."""
    return measures_setting.client_measures(vault.store.db, client_id)


def caseload_client(
    vault: Vault, client: Client, today: date, last_session: date | None
) -> CaseloadClient:
    """One client's row input for ``analytics.caseload``, read for the weeks it needs."""
    from securebase.analytics import caseload

    return caseload.caseload_client(
        vault.store.db, client.client_id, client.label, client.last_import_at, today, last_session
    )
