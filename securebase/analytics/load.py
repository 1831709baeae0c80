"""Reading one client's data from the vault database into analytics frames.

The only analytics module that touches the database.

Rule: stored bodies are trusted, not validated again on the way out. Every
body was validated by the strict models when its export was imported
(``securebase.importer``), and the importer is the only writer of the item
tables (it stores the model's own ``model_dump_json``); the database is read
only from ``vault.db.age``, whose payload age authenticates, so a file changed
after it was written is refused as tampered before a byte is used. A body
therefore holds exactly what the models accepted, and parsing it again with
pydantic (most of the time of reading a window) would only re-check the
importer's own output. (Age does not say *who* encrypted a file: someone able
to write the vault folder and holding the therapist's public recipient could
put a whole new database there. Re-validating never guarded against that: such
a forger can write false items that pass every model. Values stay data either
way, escaped wherever they are shown.) What is kept is a cheap check of the
shape: each body must be a JSON object whose keys the model knows, or the read
fails with ``VaultFormatUnknown`` (a database written by some other program or
version). ``client_frames(..., revalidate=True)`` runs the full model
validation for checks and tests; both paths give identical frames (tested on
the demo vault).
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from pydantic import TypeAdapter

from securebase.analytics.frames import checkins_frame, entries_frame, logs_frame
from securebase.errors import VaultFormatUnknown
from securebase.journal import CheckIn, EntryTombstone, HomeworkLog, JournalEntry

ASSIGNMENT_COLUMNS = ["assignment_id", "exercise", "times", "per", "starts", "ends", "note"]
_ANY_ENTRY = TypeAdapter(JournalEntry | EntryTombstone)
#: Per table: the full validation (``revalidate``) and the keys a trusted body may have.
_MODELS = {
    "entries": (
        _ANY_ENTRY.validate_json,
        {*JournalEntry.model_fields, *EntryTombstone.model_fields},
    ),
    "homework_logs": (HomeworkLog.model_validate_json, set(HomeworkLog.model_fields)),
    "checkins": (CheckIn.model_validate_json, set(CheckIn.model_fields)),
}


@dataclass(frozen=True)
class ClientFrames:
    """Everything analytics needs about one client."""

    entries: pd.DataFrame
    logs: pd.DataFrame
    checkins: pd.DataFrame
    assignments: pd.DataFrame


#: Local time is within a day of UTC; the indexed UTC column is searched this much wider.
_UTC_MARGIN = timedelta(days=2)
# Each table's local-time column: its first ten characters are the local date.
_QUERIES = {
    "entries": """SELECT body FROM entries WHERE client_id = :client AND (:since IS NULL
                  OR (deleted = 0 AND occurred_utc >= :utc_since
                      AND substr(occurred_at, 1, 10) >= :since))""",
    "homework_logs": """SELECT body FROM homework_logs WHERE client_id = :client
                        AND (:since IS NULL OR substr(done_at, 1, 10) >= :since)""",
    "checkins": """SELECT body FROM checkins WHERE client_id = :client
                   AND (:since IS NULL OR substr(completed_at, 1, 10) >= :since)""",
}


def client_frames(
    db,
    client_id: str,
    since: date | None = None,
    *,
    all_checkins: bool = False,
    revalidate: bool = False,
) -> ClientFrames:
    """A client's frames; with ``since``, only the items whose local date is on or after it
    (with ``all_checkins``, every check-in still: measures count change from the first).
    ``revalidate``: parse every body through its model again (module rule)."""
    window = {
        "client": client_id,
        "since": since.isoformat() if since else None,
        "utc_since": (since - _UTC_MARGIN).isoformat() if since else None,
    }
    whole = {"client": client_id, "since": None, "utc_since": None}

    def items(table: str) -> list:
        chosen = whole if table == "checkins" and all_checkins else window
        bodies = [row[0] for row in db.execute(_QUERIES[table], chosen)]
        validate, keys = _MODELS[table]
        return [validate(b) for b in bodies] if revalidate else _trusted(bodies, keys)

    return ClientFrames(
        entries=entries_frame(items("entries")),
        logs=logs_frame(items("homework_logs")),
        checkins=checkins_frame(items("checkins")),
        assignments=assignments_frame(db, client_id),
    )


def _trusted(bodies: list[str], keys: set[str]) -> list[dict]:
    """Stored bodies as dicts (module rule: trusted), after the cheap check of their shape."""
    try:
        items = json.loads(f"[{','.join(bodies)}]")  # one parse: one body, one object
    except ValueError:
        raise VaultFormatUnknown() from None
    if len(items) != len(bodies) or not all(
        type(item) is dict and item.keys() <= keys for item in items
    ):
        raise VaultFormatUnknown()
    return items


def last_entry_date(db, client_id: str, on_or_before: date) -> date | None:
    """The local date of the client's latest live entry up to ``on_or_before``."""
    row = db.execute(
        """SELECT MAX(substr(occurred_at, 1, 10)) FROM entries
           WHERE client_id = ? AND deleted = 0 AND substr(occurred_at, 1, 10) <= ?""",
        (client_id, on_or_before.isoformat()),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def first_entry_date(db, client_id: str) -> date | None:
    """The local date of the client's first live entry (None before any): no comparison
    should reach back before it."""
    row = db.execute(
        """SELECT MIN(substr(occurred_at, 1, 10)) FROM entries
           WHERE client_id = ? AND deleted = 0""",
        (client_id,),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def assignments_frame(db, client_id: str) -> pd.DataFrame:
    """The therapist's assignments for a client; ``ends`` is None while open-ended.

    An assignment ended early counts as ending on the day it was ended.
    """
    rows = db.execute(
        """SELECT assignment_id, exercise, times, per, starts,
                  COALESCE(MIN(ends, substr(ended_at, 1, 10)), ends, substr(ended_at, 1, 10))
                    AS ends, note
           FROM assignments WHERE client_id = ? ORDER BY starts""",
        (client_id,),
    ).fetchall()
    frame = pd.DataFrame([dict(row) for row in rows], columns=ASSIGNMENT_COLUMNS)
    for column in ("starts", "ends"):
        frame[column] = [
            date.fromisoformat(v) if isinstance(v, str) else None for v in frame[column]
        ]
    return frame


def last_session_date(db, client_id: str, on_or_before: date) -> date | None:
    """The latest session note's date up to ``on_or_before`` (None if no notes)."""
    row = db.execute(
        "SELECT MAX(session_date) FROM session_notes WHERE client_id = ? AND session_date <= ?",
        (client_id, on_or_before.isoformat()),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
