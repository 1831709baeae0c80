"""Risk flags kept in the vault until the therapist has reviewed them.

A flag is a prompt to look, not an assessment (DOMAIN.md, "Safety"). The
importer screens every entry and check-in as it arrives and keeps what the
screen found in ``risk_flags`` (where to look, never the client's words);
this module owns that table and ``flag_reviews``.

Rules:
- *screened when received*: what an item says is screened when it reaches the
  vault, whatever date the client gave it, so an entry written today about a
  night weeks ago, or dated ahead by a wrong clock, is flagged all the same;
- *open until reviewed*: a flag at level ``flag`` stays open (on the caseload,
  at the top of the brief and the summary) until the therapist marks its item
  reviewed, however old it is. A review covers one item (an entry or a
  check-in) at the revision reviewed: if the client edits the entry later and
  the new text still flags, it is open again. Reviews are audited (ids only);
- a period's flags are those whose item happened, was written, or was
  received in the period, plus every open flag;
- level ``mention`` (a plain denial, ``risk_screen``) is shown, never red, and
  needs no review;
- the screen and the measure registry can change: ``SCREEN_VERSION`` names
  the screen's data and code, and a vault screened by another version is
  screened again as a whole (``rescreen``) the next time it is unlocked or
  imported into; reviews are kept across a rescreen.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd

from securebase.errors import FlagNotFound
from securebase.measures import MEASURES
from securebase.risk_screen import screen

#: The entry fields screened, as named in flags (their place in the JSON form below).
ENTRY_FIELDS = (
    "situation", "trigger_note", "body_sensations", "automatic_thought", "evidence_for",
    "evidence_against", "balanced_thought", "need_text", "partner_positive", "tags",
)  # fmt: skip
FLAG_LEVEL, MENTION_LEVEL = "flag", "mention"
STORED_COLUMNS = [
    "client_id", "source", "source_id", "revision", "kind", "field", "category", "level",
    "answer", "local_date", "recorded_at", "received_at",
]  # fmt: skip
MIN_REFERENCE = 4


@cache
def screen_version() -> str:
    """A digest of what decides a flag: the screen's code and data, and the risk items."""
    digest = hashlib.sha256()
    package = files("securebase")
    # The screen's modules (risk_screen.py and any helper named risk*.py) and its data.
    for folder, suffix in ((package, ".py"), (package.joinpath("data"), ".json")):
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.startswith("risk") and item.name.endswith(suffix):
                digest.update(item.read_bytes())
    digest.update(package.joinpath("flag_store.py").read_bytes())
    digest.update(repr(sorted((str(k), s.risk_items) for k, s in MEASURES.items())).encode())
    return digest.hexdigest()[:16]


# -- screening one item ----------------------------------------------------------------------


def _field_texts(entry: dict) -> dict[str, list[str]]:
    """Each screened field's texts, from an entry's JSON form."""
    challenge = entry.get("challenge") or {}
    need = entry.get("need_statement") or {}
    return {
        "situation": [entry.get("situation", "")],
        "trigger_note": [entry.get("trigger_note", "")],
        "body_sensations": [entry.get("body_sensations", "")],
        "automatic_thought": [entry.get("automatic_thought", "")],
        "evidence_for": [challenge.get("evidence_for", "")],
        "evidence_against": [challenge.get("evidence_against", "")],
        "balanced_thought": [challenge.get("balanced_thought", "")],
        "need_text": [need.get("text", "")],
        "partner_positive": list(entry.get("partner_positive", ())),
        "tags": list(entry.get("tags", ())),
    }


def entry_findings(entry: dict) -> list[tuple[str, str, str]]:
    """(field, category, level) for each category a live entry's field touches."""
    texts = _field_texts(entry)
    # Most entries hold no term: one screen over all fields first (sentences end at a line
    # break, so joining fields makes no match that no field has alone).
    if not screen("\n".join(t for parts in texts.values() for t in parts if t)):
        return []
    found = []
    for field, parts in texts.items():
        levels: dict[str, str] = {}
        for match in (m for text in parts if text for m in screen(text)):
            if levels.get(match.category) != FLAG_LEVEL:
                levels[match.category] = match.level
        found += [(field, category, level) for category, level in sorted(levels.items())]
    return found


def checkin_findings(checkin: dict) -> list[tuple[str, int, int]]:
    """(kind, item, answer) for each risk item a check-in answered above its minimum."""
    spec = MEASURES.get(checkin["measure"])
    if spec is None:
        return []
    answers = checkin["answers"]
    return [
        (f"{spec.key}_item{n}", n, answers[n - 1])
        for n in spec.risk_items
        if answers[n - 1] > spec.item_min
    ]


@dataclass(frozen=True)
class ItemFlags:
    """What the importer writes for one item: its flags, ready but for the receipt time."""

    source: str
    source_id: str
    rows: tuple[tuple, ...]  # STORED_COLUMNS without client_id and received_at

    @classmethod
    def of_entry(cls, entry: dict) -> "ItemFlags":
        source_id, revision = str(entry["id"]), entry["revision"]
        if entry.get("deleted"):
            return cls("entry", source_id, ())
        day, recorded = entry["occurred_at"][:10], entry["recorded_at"]
        fixed = ("entry", source_id, revision, "risk_language")
        rows = tuple(
            (*fixed, field, category, level, None, day, recorded)
            for field, category, level in entry_findings(entry)
        )
        return cls("entry", source_id, rows)

    @classmethod
    def of_checkin(cls, checkin: dict) -> "ItemFlags":
        source_id, completed = str(checkin["id"]), checkin["completed_at"]
        measure, day = checkin["measure"], completed[:10]
        rows = tuple(
            ("checkin", source_id, 1, kind, measure, "", FLAG_LEVEL, answer, day, completed)
            for kind, _item, answer in checkin_findings(checkin)
        )
        return cls("checkin", source_id, rows)


def store_item_flags(db, client_id: str, items: list[ItemFlags], received_at: str) -> None:
    """Replace the stored flags of each item with ``items`` (called inside the import)."""
    if not items:
        return
    db.executemany(
        "DELETE FROM risk_flags WHERE client_id = ? AND source = ? AND source_id = ?",
        [(client_id, item.source, item.source_id) for item in items],
    )
    rows = [(client_id, *row, received_at) for item in items for row in item.rows]
    marks = ", ".join("?" * len(STORED_COLUMNS))
    db.executemany(f"INSERT INTO risk_flags VALUES ({marks})", rows)  # noqa: S608 - fixed


# -- keeping the table current ---------------------------------------------------------------


def is_current(db) -> bool:
    row = db.execute("SELECT value FROM settings WHERE key = 'risk_screen_version'").fetchone()
    return row is not None and row[0] == screen_version()


def rescreen(db) -> int:
    """Screen every stored item again (module rules); returns the number of flags kept.

    An item keeps the receipt time of the export that brought its current revision.
    """
    db.execute("DELETE FROM risk_flags")
    for table, make in (("entries", ItemFlags.of_entry), ("checkins", ItemFlags.of_checkin)):
        query = f"""SELECT t.client_id, t.body, COALESCE(r.received_at, '') AS received_at
                    FROM {table} t LEFT JOIN received_files r ON r.sha256 = t.source_sha256"""  # noqa: S608
        for row in db.execute(query).fetchall():
            store_item_flags(db, row[0], [make(json.loads(row[1]))], row[2])
    db.execute(
        """INSERT INTO settings VALUES ('risk_screen_version', ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
        (screen_version(),),
    )
    return db.execute("SELECT COUNT(*) FROM risk_flags").fetchone()[0]


# -- reading ---------------------------------------------------------------------------------

_SELECT = """
    SELECT f.*, (rv.revision IS NOT NULL AND rv.revision >= f.revision) AS reviewed,
           rv.reviewed_at
    FROM risk_flags f LEFT JOIN flag_reviews rv
      ON rv.client_id = f.client_id AND rv.source = f.source AND rv.source_id = f.source_id
    WHERE f.client_id = :client
"""
_OPEN = "(f.level = 'flag' AND NOT (rv.revision IS NOT NULL AND rv.revision >= f.revision))"
_IN_PERIOD = """(f.local_date BETWEEN :start AND :end
                 OR substr(f.recorded_at, 1, 10) BETWEEN :start AND :end
                 OR substr(f.received_at, 1, 10) BETWEEN :start AND :end)"""
_ORDER = " ORDER BY f.local_date, f.source, f.source_id, f.kind, f.field, f.category"


def open_flags(db, client_id: str) -> pd.DataFrame:
    """Every open flag of a client, however old (module rules), oldest first."""
    return _frame(db.execute(_SELECT + f" AND {_OPEN}" + _ORDER, {"client": client_id}))


def period_flags(db, client_id: str, start, end) -> pd.DataFrame:
    """The flags and mentions of a period (happened, written or received in it) and every
    open flag; ``reviewed`` says which have been reviewed."""
    window = {"client": client_id, "start": start.isoformat(), "end": end.isoformat()}
    query = _SELECT + f" AND ({_IN_PERIOD} OR {_OPEN})" + _ORDER
    return _frame(db.execute(query, window))


def _frame(rows) -> pd.DataFrame:
    columns = [*STORED_COLUMNS, "reviewed", "reviewed_at"]
    frame = pd.DataFrame([dict(row) for row in rows], columns=columns)
    frame["reviewed"] = frame["reviewed"].astype(bool)
    frame["local_date"] = pd.to_datetime(frame["local_date"]).dt.date
    return frame


# -- reviewing -------------------------------------------------------------------------------


def resolve(db, client_id: str, references: list[str]) -> list[tuple[str, str, int]]:
    """(source, source_id, revision) of each flagged item a reference names: its id, or
    an unambiguous start of it (``MIN_REFERENCE`` characters or more)."""
    stored = db.execute(
        "SELECT source, source_id, MAX(revision) FROM risk_flags WHERE client_id = ? "
        "GROUP BY source, source_id",
        (client_id,),
    ).fetchall()
    found = []
    for reference in references:
        wanted = reference.strip().lower()
        matches = [tuple(row) for row in stored if row[1].lower().startswith(wanted)]
        if len(wanted) < MIN_REFERENCE or len(matches) != 1:
            raise FlagNotFound()
        found.append(matches[0])
    return found


def record_reviews(
    db, client_id: str, items: list[tuple[str, str, int]], at: str, note_id: str | None = None
) -> None:
    db.executemany(
        """INSERT INTO flag_reviews VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (client_id, source, source_id) DO UPDATE SET revision = excluded.revision,
             reviewed_at = excluded.reviewed_at, session_note_id = excluded.session_note_id""",
        [(client_id, source, source_id, rev, at, note_id) for source, source_id, rev in items],
    )
