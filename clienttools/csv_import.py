"""Journal entries from a spreadsheet saved as CSV (docs/CLIENT.md, "Importing from a spreadsheet").

Rules:
- all or nothing: every row becomes a draft and is validated through
  ``clienttools.journal.new_entry`` before anything is saved;
- a problem names the row (numbered as a spreadsheet shows it: the column
  names are row 1) and the field path and rule, never a cell's text, which
  is client health text;
- a cell is text and only text: nothing is evaluated, so a cell that starts
  with "=" keeps those characters;
- importing the same file again adds nothing: a row's id is its ``id`` cell
  when given, otherwise derived from the row (``row_id``: the client id, the
  row's non-empty cells by column, and how many identical rows came before),
  and ``clienttools.scripted`` updates or skips ids it already holds;
- the file is UTF-8 with or without a byte-order mark, with any line
  endings, at most ``MAX_CSV_BYTES`` bytes and ``MAX_CSV_ROWS`` entries.

UI-free: the command line turns ``CsvRefused`` into words on the screen.
"""

import csv
import io
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clienttools.journal import ClientJournal, local_now, new_entry
from clienttools.scripted import ScriptedSave, save_scripted
from clienttools.settings import day_first
from clienttools.when import WhenProblem, parse_when
from securebase.errors import EntryInvalid, Problem

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_CSV_ROWS = 10_000
#: Separates items inside one cell: trigger keys, feeling=number pairs, tags, ...
ITEM_SEPARATOR = ";"

TOO_LARGE = ("The file is larger than 5 MB.", "Split it into smaller files and import each one.")
TOO_MANY_ROWS = (
    f"The file has more than {MAX_CSV_ROWS:,} entries.",
    "Split it into smaller files and import each one.",
)
NOT_UTF8 = ("The file is not saved as UTF-8 text.", 'In your spreadsheet, save it as "CSV UTF-8".')
SEMICOLONS = (
    "The columns seem to be separated by semicolons.",
    'In your spreadsheet, save it as "CSV UTF-8 (comma delimited)".',
)
UNKNOWN_COLUMN = (
    "Column {column} of the first row is not one of the template's column names.",
    "Compare the first row with docs/journal-import-template.csv; the names must match.",
)
REPEATED_COLUMN = (
    "Column {column} of the first row repeats a column name.",
    "Each column name may appear once.",
)
NO_SITUATION = (
    "The first row has no situation column.",
    "Every entry needs a situation; start from docs/journal-import-template.csv.",
)
NOT_CSV = (
    "Row {row} could not be read as CSV.",
    "Check that the quotes in that row come in pairs, or save the sheet as CSV again.",
)
EMPTY = ("There are no entries below the first row.", "Add one entry per row, then try again.")
NO_COLUMN_NAME = "has no column name in the first row"
CSV_IMPORTED = "Imported {new}."
CSV_CHECKED = "All {count} can be imported. Nothing was saved (dry run)."
CSV_UPDATED = "{updated} changed since the last import and {verb} updated."
CSV_UNCHANGED = "{unchanged} already in your journal, unchanged."
CSV_DELETED = "{deleted} you had deleted; {verb} not added back."
#: Derived row ids live under this namespace (with the client id), so they never collide
#: with another client's or with random (version 4) ids.
ROW_ID_NAMESPACE = uuid.UUID("6f1c2a52-3f0e-5d8b-9a41-5ecb0a5e0c5f")


class CsvRefused(ValueError):
    """The file as a whole cannot be read; ``text`` and ``hint`` hold no client text."""

    def __init__(self, words: tuple[str, str], **details):
        self.text = words[0].format(**details)
        self.hint = words[1]
        super().__init__(self.text)


class _CellProblem(ValueError):
    def __init__(self, rule: str):
        self.rule = rule
        super().__init__(rule)


@dataclass(frozen=True)
class ImportResult:
    valid: int
    outcome: ScriptedSave
    dry_run: bool

    def words(self) -> str:
        """What happened, e.g. "Imported 2 entries. 3 entries already in your journal, ..."."""
        outcome = self.outcome
        if self.dry_run:
            lines = [CSV_CHECKED.format(count=_entries(self.valid))]
        else:
            lines = [CSV_IMPORTED.format(new=_entries(outcome.new))]
        verb = "would be" if self.dry_run else "were"
        if outcome.updated:
            lines.append(CSV_UPDATED.format(updated=_entries(outcome.updated), verb=verb))
        if outcome.unchanged:
            lines.append(CSV_UNCHANGED.format(unchanged=_entries(outcome.unchanged)))
        if outcome.deleted:
            verb = "they would not be" if self.dry_run else "they were not"
            lines.append(CSV_DELETED.format(deleted=_entries(outcome.deleted), verb=verb))
        return " ".join(lines)


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def import_file(
    journal: ClientJournal, path: Path, *, now: datetime | None = None, dry_run: bool = False
) -> ImportResult:
    """Read, validate every row, then save the new and changed ones (a dry run saves none)."""
    now = now or local_now()
    rows = read_drafts(
        read_limited(path), now, day_first=day_first(journal), client=journal.therapist.client_id
    )
    outcome = save_scripted(
        journal,
        [draft for _row, draft in rows],
        now=now,
        places=[f"row {row}" for row, _draft in rows],
        dry_run=dry_run,
    )
    return ImportResult(valid=len(rows), outcome=outcome, dry_run=dry_run)


def read_limited(path: Path) -> bytes:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise CsvRefused(TOO_LARGE)
    with path.open("rb") as file:
        data = file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise CsvRefused(TOO_LARGE)
    return data


def read_drafts(
    data: bytes, now: datetime, *, day_first: bool | None = None, client: uuid.UUID | None = None
) -> list[tuple[int, dict]]:
    """Every row (its number, its validated draft with an id); ``EntryInvalid`` lists the
    problems of all rows."""
    if len(data) > MAX_CSV_BYTES:
        raise CsvRefused(TOO_LARGE)
    rows = _rows(_decode(data))
    columns = _header(next(rows, (1, []))[1])
    drafts, problems, seen = [], [], {}
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(drafts) == MAX_CSV_ROWS:
            raise CsvRefused(TOO_MANY_ROWS)
        draft, found = _row_draft(columns, cells, now, day_first)
        problems += [Problem(_where(number, p.path), p.rule) for p in found]
        if "id" not in draft:
            draft["id"] = str(row_id(client, columns, cells, seen))
        drafts.append((number, draft))
    if problems:
        raise EntryInvalid(problems)
    if not drafts:
        raise CsvRefused(EMPTY)
    return drafts


def row_id(client: uuid.UUID | None, columns: list[str], cells: list[str], seen: dict) -> uuid.UUID:
    """A stable id for a row without an ``id`` cell: the same row gives the same id."""
    named = sorted(
        (name, cell.strip()) for name, cell in zip(columns, cells, strict=False) if cell.strip()
    )
    canonical = "\x1f".join(f"{name}\x1e{cell}" for name, cell in named)
    repeat = seen.get(canonical, 0)
    seen[canonical] = repeat + 1
    return uuid.uuid5(ROW_ID_NAMESPACE, f"{client}\x1d{canonical}\x1d{repeat}")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    raise CsvRefused(NOT_UTF8)  # outside the handler: the error holds the bytes


def _rows(text: str):
    """(spreadsheet row number, cells) for each record; row 1 is the header."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problem = CsvRefused(NOT_CSV, row=number)
        else:
            yield number, cells
            continue
        raise problem  # outside the handler: csv errors can quote the line


def _header(cells: list[str]) -> list[str]:
    names = [cell.strip().casefold() for cell in cells]
    if len(names) == 1 and ITEM_SEPARATOR in names[0]:
        raise CsvRefused(SEMICOLONS)
    for index, name in enumerate(names):
        if name and name not in _COLUMNS:
            raise CsvRefused(UNKNOWN_COLUMN, column=_letter(index))
        if name and name in names[:index]:
            raise CsvRefused(REPEATED_COLUMN, column=_letter(index))
    if "situation" not in names:
        raise CsvRefused(NO_SITUATION)
    return names


def _row_draft(columns: list[str], cells: list[str], now: datetime, day_first: bool | None):
    """The draft one row describes, and its problems (paths without the row)."""
    draft: dict = {}
    problems = []
    for index, cell in enumerate(cells):
        name = columns[index] if index < len(columns) else ""
        if not cell.strip():
            continue
        if not name:
            problems.append(Problem(f"column {_letter(index)}", NO_COLUMN_NAME))
            continue
        path, read = _COLUMNS[name]
        try:
            _put(draft, path, read(cell, (now, day_first)))
        except _CellProblem as problem:
            problems.append(Problem(".".join(path), problem.rule))
    if "need_statement" in draft:
        draft["need_statement"].setdefault("shared", False)
    if not problems:
        problems = _model_problems(draft, now)
    return draft, problems


def _model_problems(draft: dict, now: datetime) -> list[Problem]:
    try:
        new_entry(draft, now, keep_id=True)
    except EntryInvalid as invalid:
        return invalid.problems
    return []


def _put(draft: dict, path: tuple[str, ...], value) -> None:
    if len(path) == 1:
        draft[path[0]] = value
    else:
        draft.setdefault(path[0], {})[path[1]] = value


def _where(row: int, path: str) -> str:
    return f"row {row}, {path}" if path else f"row {row}"


def _letter(index: int) -> str:
    """A spreadsheet's name for a column: A..Z, AA, AB, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


# -- reading one cell (never quoting it) ---------------------------------------


def _text(cell: str, _now=None) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def _items(cell: str, _now=None) -> list[str]:
    return [item for item in (_text(part) for part in cell.split(ITEM_SEPARATOR)) if item]


def _keys(cell: str, _now=None) -> list[str]:
    return [item.casefold() for item in _items(cell)]


_WHOLE = re.compile(r"^[+-]?\d{1,9}(\.0+)?$")


def _whole(cell: str, _now=None) -> int:
    text = cell.strip()
    if not _WHOLE.match(text):
        raise _CellProblem("should be a whole number")
    return int(float(text)) if "." in text else int(text)


def _yes_no(cell: str, _now=None) -> bool:
    word = cell.strip().casefold()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    raise _CellProblem("write yes or no")


def _moment(cell: str, when: tuple[datetime, bool | None]) -> str:
    now, day_first = when
    try:
        return parse_when(cell, now, day_first=day_first).isoformat()
    except WhenProblem as problem:
        rule = AMBIGUOUS_DATE if problem.kind == "ambiguous" else "write a date and time"
    raise _CellProblem(rule)


AMBIGUOUS_DATE = "date order unknown"


def _pairs(cell: str, *, number_required: bool, example: str) -> list[tuple[str, int | None]]:
    pairs = []
    for item in _items(cell):
        key, equals, number = (part.strip() for part in item.partition("="))
        if (number_required and not equals) or (equals and not _WHOLE.match(number)):
            raise _CellProblem(f"write each as name=number, e.g. {example}")
        pairs.append((key.casefold(), _whole(number) if equals else None))
    return pairs


def _emotions(cell: str, _now=None) -> list[dict]:
    pairs = _pairs(cell, number_required=True, example="anxiety=70")
    return [{"emotion": key, "intensity": number} for key, number in pairs]


def _soothing(cell: str, _now=None) -> list[dict]:
    pairs = _pairs(cell, number_required=False, example="paced_breathing=10")
    return [{"technique": key, "minutes": number} for key, number in pairs]


# column name: (where its value goes in the entry, how its cell is read)
_COLUMNS = {
    "id": (("id",), _text),
    "occurred_at": (("occurred_at",), _moment),
    "situation": (("situation",), _text),
    "triggers": (("triggers",), _keys),
    "trigger_note": (("trigger_note",), _text),
    "emotions": (("emotions",), _emotions),
    "body_sensations": (("body_sensations",), _text),
    "automatic_thought": (("automatic_thought",), _text),
    "belief_before": (("belief_before",), _whole),
    "distress_before": (("distress_before",), _whole),
    "distress_after": (("distress_after",), _whole),
    "urge_intensity": (("urge", "intensity"), _whole),
    "urge_acted": (("urge", "acted"), _yes_no),
    "urge_behaviours": (("urge", "behaviours"), _keys),
    "urge_delay_minutes": (("urge", "delay_minutes"), _whole),
    "soothing": (("soothing",), _soothing),
    "distortions": (("challenge", "distortions"), _keys),
    "evidence_for": (("challenge", "evidence_for"), _text),
    "evidence_against": (("challenge", "evidence_against"), _text),
    "balanced_thought": (("challenge", "balanced_thought"), _text),
    "belief_after": (("challenge", "belief_after"), _whole),
    "need_statement": (("need_statement", "text"), _text),
    "need_shared": (("need_statement", "shared"), _yes_no),
    "partner_positive": (("partner_positive",), _items),
    "tags": (("tags",), _items),
}
#: The template's columns, in order (``id`` is optional and not in the template).
COLUMNS = tuple(name for name in _COLUMNS if name != "id")
