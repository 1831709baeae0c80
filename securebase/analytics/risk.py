"""Risk flags: journal text and questionnaire answers the therapist must not miss.

A flag is a prompt to look, not an assessment. It says only *where* to look
(which entry or check-in, which field, which screen category) and never
repeats the client's words; the absence of a flag means nothing clinically.
When in doubt the rules flag: recall over precision (DOMAIN.md, "Safety").

Two kinds of flag (columns: FLAG_COLUMNS):

- ``<measure>_item<n>`` (e.g. ``phq9_item9``), source ``"checkin"``: a check-in
  answered a measure's risk item (``MeasureSpec.risk_items``) above the
  item's minimum. Every such check-in is flagged, not only the latest.
- ``risk_language``, source ``"entry"``: an entry's free text matched the risk
  screen (``securebase.risk_screen``) at level "flag"; ``measure_or_field`` is
  the field (``situation``, ``automatic_thought``, ...) and
  ``matched_term_category`` the screen's category (``plan_method``,
  ``active_ideation``, ``self_harm``, ...). One row per entry, field and
  category. Only live entries are scanned: deleted entries never reach
  ``entries_frame``.

The text screen itself (normalisation, terms, misspellings, negation, levels)
is ``securebase.risk_screen``; only its flag-level matches become flags here.
Its measured recall and precision are in docs/RISK_SCREEN.md.
"""

from datetime import date
from operator import itemgetter

import numpy as np
import pandas as pd

from securebase.analytics.frames import in_period
from securebase.measures import MEASURES
from securebase.risk_screen import screen

FLAG_COLUMNS = [
    "kind", "source", "source_id", "local_date", "measure_or_field", "matched_term_category",
]  # fmt: skip
TEXT_FIELDS = [
    "situation", "trigger_note", "body_sensations", "automatic_thought", "evidence_for",
    "evidence_against", "balanced_thought", "need_text", "partner_positive", "tags",
]  # fmt: skip
_FLAG_ORDER = itemgetter("local_date", "source", "source_id", "kind", "measure_or_field")


def risk_categories(text: str) -> tuple[str, ...]:
    """The flag-level categories of ``text`` (``securebase.risk_screen.screen``), sorted."""
    return tuple(m.category for m in screen(text) if m.level == "flag")


def _texts(value) -> list[str]:
    """A field's texts: itself, or the parts of a list-like field (``tags``, ...)."""
    if type(value) is str or isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [text for part in value for text in _texts(part)]
    return []


def _field_categories(value) -> set[str]:
    return {category for text in _texts(value) for category in risk_categories(text)}


def _language_flags(entries: dict[str, list]) -> list[dict]:
    """Flags of the entries given column by column (``_columns``)."""
    rows = []
    fields = [field for field in TEXT_FIELDS if field in entries]
    if not fields:
        return rows
    found = zip(entries["id"], entries["local_date"], *(entries[f] for f in fields), strict=True)
    for source_id, local_date, *values in found:
        for field, value in zip(fields, values, strict=True):
            rows += [
                {
                    "kind": "risk_language",
                    "source": "entry",
                    "source_id": source_id,
                    "local_date": local_date,
                    "measure_or_field": field,
                    "matched_term_category": category,
                }
                for category in sorted(_field_categories(value))
            ]
    return rows


def _item_flags(checkins: dict[str, list]) -> list[dict]:
    """Flags of the check-ins given column by column (``_columns``)."""
    rows = []
    for measure, source_id, local_date, answers in zip(
        *(checkins[name] for name in _CHECKIN_READS), strict=True
    ):
        spec = MEASURES.get(measure)
        if spec is None:
            continue
        rows += [
            {
                "kind": f"{spec.key}_item{n}",
                "source": "checkin",
                "source_id": source_id,
                "local_date": local_date,
                "measure_or_field": str(spec.key),
                "matched_term_category": None,
            }
            for n in spec.risk_items
            if answers[n - 1] > spec.item_min
        ]
    return rows


def _columns(frame: pd.DataFrame, names: list[str], keep: np.ndarray | None = None) -> dict:
    """The named columns that ``frame`` has, as lists: every row, or the rows ``keep`` marks.
    Only what the scan reads, and no filtered copy of the frame."""
    if keep is None:
        return {name: frame[name].tolist() for name in names if name in frame}
    names = [name for name in names if name in frame]
    return {name: frame[name].to_numpy(dtype=object)[keep].tolist() for name in names}


_ENTRY_READS = ["id", "local_date", *TEXT_FIELDS]
_CHECKIN_READS = ["measure", "id", "local_date", "answers"]


def _flag_frame(entries: dict[str, list], checkins: dict[str, list]) -> pd.DataFrame:
    rows = _item_flags(checkins) + _language_flags(entries)
    rows.sort(key=_FLAG_ORDER)  # stable, as a stable sort of the frame by these columns
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def risk_flags(entries: pd.DataFrame, checkins: pd.DataFrame) -> pd.DataFrame:
    """Every risk flag for one client, oldest first. Columns: FLAG_COLUMNS.

    ``entries`` is ``entries_frame`` output, ``checkins`` ``checkins_frame``
    output. The frame holds no client text, only where to look.
    """
    return _flag_frame(_columns(entries, _ENTRY_READS), _columns(checkins, _CHECKIN_READS))


def risk_flags_between(
    entries: pd.DataFrame, checkins: pd.DataFrame, start: date | None, end: date | None
) -> pd.DataFrame:
    """``risk_flags`` of the entries and check-ins whose ``local_date`` lies in [start, end].

    The same frame as ``between(risk_flags(entries, checkins), start, end)``:
    a flag carries its source's local date, so only the rows in the period
    are scanned (the text scan is the costly part of a long history).
    """
    return _flag_frame(
        _columns(entries, _ENTRY_READS, in_period(entries, start, end)),
        _columns(checkins, _CHECKIN_READS, in_period(checkins, start, end)),
    )
