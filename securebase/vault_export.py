"""``securebase vault export``: the whole vault as plain CSV or JSON files.

The therapist asked for readable files, so this is the one place that
writes clinical text unencrypted, into a folder they chose. Rules: JSON
keeps every value exactly. CSV must stay inert in a spreadsheet whatever
list separator it reads with: ``,`` (English locales) or ``;`` (German,
French, ... Excel). So

- every cell is quoted, so a ``,`` reader never splits one;
- a cell that would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return, also after leading blanks) gets an
  apostrophe in front, and so does every such part after a ``;`` inside a
  cell, since a ``;`` reader starts a new cell there;
- list fields are joined with ``;`` from items that are each neutralised
  first, so no item can become a live cell of its own.

Columns are documented in docs/FORMAT.md section 5.
"""

import csv
import io
import json
import os
import re
from pathlib import Path

from securebase.atomic import make_private_folder

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BLANKS = " \t\r\n\f\v\u00a0"
#: A ``;`` followed (after blanks) by a formula sign: a ``;`` reader's new live cell.
_LIVE_AFTER_SEMICOLON = re.compile(";(?=[ \\n\\f\\v\\u00a0]*[=+\\-@\\t\\r])")

ENTRY_COLUMNS = [
    "client_id", "client_label", "id", "revision", "deleted", "occurred_at", "recorded_at",
    "situation", "triggers", "trigger_note", "emotions", "body_sensations",
    "automatic_thought", "belief_before", "distress_before", "distress_after",
    "urge_intensity", "urge_acted", "urge_behaviours", "urge_delay_minutes", "soothing",
    "distortions", "evidence_for", "evidence_against", "balanced_thought", "belief_after",
    "need_statement", "need_shared", "partner_positive", "assignment_id", "tags",
]  # fmt: skip

_TABLES = {
    "clients": "SELECT client_id, label, created_at, archived_at, signing_key, age_recipient,"
    " key_pinned_at, last_sequence, last_import_at FROM clients ORDER BY label",
    "homework_logs": "SELECT client_id, body FROM homework_logs ORDER BY client_id, done_at",
    "checkins": "SELECT client_id, body FROM checkins ORDER BY client_id, completed_at",
    "assignments": "SELECT * FROM assignments ORDER BY client_id, starts",
    "session_notes": "SELECT * FROM session_notes ORDER BY client_id, session_date",
    "custom_exercises": "SELECT * FROM custom_exercises ORDER BY key",
}


def neutralise(value) -> str:
    """A CSV cell that no spreadsheet will evaluate as a formula, whatever its separator."""
    text = "" if value is None else str(value)
    text = _LIVE_AFTER_SEMICOLON.sub(";'", text)
    # Spreadsheets skip leading blanks before a formula sign (" =1+1" still runs).
    return "'" + text if text.lstrip(_BLANKS).startswith(_FORMULA_STARTS) else text


def _joined(items) -> str:
    """A list field as one cell: each item neutralised, then joined with ``;``."""
    return ";".join(neutralise(item) for item in items)


def export_vault(vault, out_dir: Path, file_format: str) -> list[Path]:
    make_private_folder(out_dir)
    tables = {"entries": _entry_rows(vault.store.db)}
    tables |= {name: _rows(vault.store.db, query) for name, query in _TABLES.items()}
    tables["audit_log"] = _audit_rows(vault)
    writer = _write_csv if file_format == "csv" else _write_json
    return [writer(out_dir, name, rows) for name, rows in tables.items()]


def _rows(db, query: str) -> list[dict]:
    rows = []
    for row in db.execute(query):
        record = dict(row)
        body = record.pop("body", None)
        rows.append(record | (json.loads(body) if body else {}))
    return rows


def _audit_rows(vault) -> list[dict]:
    # Through the vault, not the table: recent unlocks may still be pending beside it.
    return [{**row, "detail": json.dumps(row["detail"])} for row in vault.audit_log()]


def _entry_rows(db) -> list[dict]:
    query = """SELECT e.client_id, c.label, e.body FROM entries e
               JOIN clients c USING (client_id) ORDER BY e.client_id, e.occurred_utc"""
    rows = []
    for client_id, label, body in db.execute(query):
        entry = json.loads(body)
        rows.append({"client_id": client_id, "client_label": label, **entry})
    return rows


def _flatten_entry(row: dict) -> dict:
    if row.get("deleted"):
        kept = ("client_id", "client_label", "id", "revision", "recorded_at")
        return {key: row.get(key) for key in kept} | {"deleted": True}
    entry = row
    urge = entry.get("urge") or {}
    challenge = entry.get("challenge") or {}
    need = entry.get("need_statement") or {}
    return {
        **{key: entry.get(key) for key in ENTRY_COLUMNS if key in entry},
        "triggers": _joined(entry.get("triggers", [])),
        "emotions": _joined(f"{e['emotion']}={e['intensity']}" for e in entry.get("emotions", [])),
        "urge_intensity": urge.get("intensity"),
        "urge_acted": urge.get("acted"),
        "urge_behaviours": _joined(urge.get("behaviours", [])),
        "urge_delay_minutes": urge.get("delay_minutes"),
        "soothing": _joined(
            f"{s['technique']}={s['minutes'] or ''}" for s in entry.get("soothing", [])
        ),
        "distortions": _joined(challenge.get("distortions", [])),
        "evidence_for": challenge.get("evidence_for"),
        "evidence_against": challenge.get("evidence_against"),
        "balanced_thought": challenge.get("balanced_thought"),
        "belief_after": challenge.get("belief_after"),
        "need_statement": need.get("text"),
        "need_shared": need.get("shared"),
        "partner_positive": _joined(entry.get("partner_positive", [])),
        "tags": _joined(entry.get("tags", [])),
    }


def _write_csv(out_dir: Path, name: str, rows: list[dict]) -> Path:
    if name == "entries":
        rows, columns = [_flatten_entry(row) for row in rows], ENTRY_COLUMNS
    else:
        columns = sorted({key for row in rows for key in row}) or ["empty"]
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, extrasaction="ignore", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise(_cell(row.get(key))) for key in columns})
    return _write_private(out_dir / f"{name}.csv", buffer.getvalue().encode("utf-8-sig"))


def _cell(value) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _write_json(out_dir: Path, name: str, rows: list[dict]) -> Path:
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return _write_private(out_dir / f"{name}.json", text.encode("utf-8"))


def _write_private(path: Path, data: bytes) -> Path:
    """Readable health information: owner-only from the first byte, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)  # a file that was already there keeps its old mode otherwise
    return path
