"""Merging a verified file's rows into the vault (the importer's last step).

Rules (idempotent, order-independent): an item is stored once per (client,
id); a higher ``revision`` replaces a lower one; a tombstone deletes; an
equal or lower revision changes nothing, so a replayed or late-arriving
older export never rolls back newer data. The same id and revision with
other content is a conflict (``RevisionConflict``), never settled by which
file came first; a check-in has no revision, so the same id must carry the
same content. Counts go into the caller's result (``new``, ``updated``,
``removed``).
"""

import json

from securebase.errors import RevisionConflict

# Positions in the rows: entries (client_id, id, revision, deleted, occurred_at,
# occurred_utc, recorded_at, body, sha256), homework_logs (client_id, id,
# assignment_id, revision, deleted, done_at, body, sha256), checkins (client_id,
# id, measure, completed_at, body, sha256). A layout is (revision, deleted, body).
_ID = 1
ENTRY_LAYOUT, LOG_LAYOUT, _CHECKIN_BODY = (2, 3, 7), (3, 4, 6), 4


def merge_rows(db, table: str, rows: list[tuple], layout: tuple, result) -> list[tuple]:
    """Write the rows newer than what is stored (module rules), counting as we go;
    returns the rows written.

    One query finds what is stored; rows are then taken in order, so an id
    that appears twice in one file behaves as if it came in two files. A row
    with the revision already stored must carry the same content, else the
    whole file is refused (``RevisionConflict``): whichever arrived first
    would otherwise win silently.
    """
    revision, deleted, body = layout
    client_id = result.client_id
    ids = json.dumps([row[_ID] for row in rows])
    query = (
        f"SELECT id, revision, deleted, body FROM {table} WHERE client_id = ?"  # noqa: S608
        " AND id IN (SELECT value FROM json_each(?))"
    )
    stored = {found[0]: tuple(found[1:]) for found in db.execute(query, (client_id, ids))}
    newer = []
    for row in rows:
        before = stored.get(row[_ID])
        if before is not None and before[0] == row[revision] and before[2] != row[body]:
            raise RevisionConflict()
        if before is not None and before[0] >= row[revision]:
            continue
        _count(result, before, deleted=bool(row[deleted]))
        stored[row[_ID]] = (row[revision], row[deleted], row[body])
        newer.append(row)
    marks = ", ".join("?" * len(rows[0])) if rows else ""
    if newer:
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", newer)  # noqa: S608
    return newer


def check_checkins(db, client_id: str, rows: list[tuple]) -> None:
    """A check-in is never revised: the same id with other content is a conflict."""
    ids = json.dumps([row[_ID] for row in rows])
    query = (
        "SELECT id, body FROM checkins WHERE client_id = ?"
        " AND id IN (SELECT value FROM json_each(?))"
    )
    stored = dict(db.execute(query, (client_id, ids)).fetchall())
    if any(row[_ID] in stored and stored[row[_ID]] != row[_CHECKIN_BODY] for row in rows):
        raise RevisionConflict()


def _count(result, stored: tuple[int, int] | None, *, deleted: bool) -> None:
    if stored is None:
        result.new += 0 if deleted else 1
    elif deleted:
        result.removed += 0 if stored[1] else 1
    else:
        result.updated += 1
