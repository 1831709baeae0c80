"""The demo clients' analytics frames, built in memory from the demo generator.

``demo_client_frames("bad_patch")`` returns the ``ClientFrames`` the vault
would hold after importing all twelve of that client's weekly exports: the
generator's in-memory export documents (``sample_data.generate.plan``) are
merged the way the importer merges them, by ``frames_from_documents``. Nothing
is encrypted, written or read from disk. Results are cached: do not mutate them.

``frames_from_documents(documents, assignments=None)`` does the merge for any
list of ``ExportDocument``: per id the highest ``revision`` wins (an equal one
changes nothing, as in the importer), a tombstone or deleted log removes the
item, a check-in is kept as first received.

``demo_week_monday(n)`` is the Monday of demo week n (1-based).
"""

from collections.abc import Iterable
from datetime import date
from functools import cache

import pandas as pd

from sample_data.clients import Client, week_monday
from sample_data.generate import DEFAULT_END, DEFAULT_SEED, plan
from securebase.analytics.frames import checkins_frame, entries_frame, logs_frame
from securebase.analytics.load import ASSIGNMENT_COLUMNS, ClientFrames
from securebase.journal import ExportDocument


def merge_by_revision(items: Iterable) -> list:
    """One object per id: the highest ``revision`` (first received wins a tie), tombstones kept."""
    latest: dict = {}
    for item in items:
        kept = latest.get(item.id)
        if kept is None or item.revision > kept.revision:
            latest[item.id] = item
    return list(latest.values())


def _first_by_id(items: Iterable) -> list:
    kept: dict = {}
    for item in items:
        kept.setdefault(item.id, item)
    return list(kept.values())


def frames_from_documents(
    documents: Iterable[ExportDocument], assignments: pd.DataFrame | None = None
) -> ClientFrames:
    """The frames of one client's merged export documents, in the order received."""
    documents = list(documents)
    if assignments is None:
        assignments = pd.DataFrame(columns=ASSIGNMENT_COLUMNS)
    return ClientFrames(
        entries=entries_frame(merge_by_revision(e for d in documents for e in d.entries)),
        logs=logs_frame(merge_by_revision(g for d in documents for g in d.homework_logs)),
        checkins=checkins_frame(_first_by_id(c for d in documents for c in d.checkins)),
        assignments=assignments,
    )


def _assignments(client: Client) -> pd.DataFrame:
    rows = [
        [str(a.assignment_id), a.plan.exercise, a.plan.times, a.plan.per, a.start, a.until,
         a.plan.note]
        for a in sorted(client.assignments, key=lambda a: a.start)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)


@cache
def _demo(seed: int, end: date):
    return plan(seed, end)


@cache
def demo_client_frames(
    trajectory: str, seed: int = DEFAULT_SEED, end: date = DEFAULT_END
) -> ClientFrames:
    """The merged frames of the demo client whose storyline is ``trajectory``."""
    demo = next(c for c in _demo(seed, end).clients if c.client.cast.trajectory == trajectory)
    documents = sorted(demo.documents, key=lambda d: d.sequence)
    return frames_from_documents(documents, _assignments(demo.client))


def demo_week_monday(week: int, end: date = DEFAULT_END) -> date:
    """Monday of demo week ``week`` (1-based; week 12 ends on ``end``)."""
    return week_monday(end, week)
