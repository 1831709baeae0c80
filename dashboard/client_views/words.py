"""Display words for vocabulary keys, dates and flags (our own words, never client text).

Labels of keys come from the one presentation vocabulary
(``securebase.presentation``), shared with the PDF and the command lines.
"""

from datetime import date, datetime

import pandas as pd

from securebase import presentation
from securebase.analytics import flag_sources

FIELD_WORDS = flag_sources.FIELD_WORDS  # one wording, kept in the core


def label(kind: str, key: str) -> str:
    """The display label of a vocabulary key (``kind``: trigger, emotion, ...)."""
    return presentation.label(kind, key)


def labels(kind: str, keys) -> str:
    return ", ".join(label(kind, key) for key in keys) or "–"


def exercise_title(key: str, titles: dict[str, str] | None = None) -> str:
    """The catalogue title (``titles`` adds the therapist's own exercises)."""
    return (titles or {}).get(key) or presentation.label("exercise", key)


def homework_share_words(share) -> str:
    """Done out of expected as a percentage, at most 100%; extra work said in words."""
    if share is None or pd.isna(share):
        return "–"
    if share > 1:
        return f"100% (and extra: {share:.0%} of what was asked)"
    return f"{share:.0%}"


def homework_percent(share) -> int | None:
    """The same share as a whole percentage for a progress bar: capped at 100."""
    return None if share is None or pd.isna(share) else round(100 * min(float(share), 1.0))


def risk_words(category: str) -> str:
    """A lexicon category in the words a therapist reads ("wishing to be dead")."""
    return presentation.label("risk", category)


def day(value: date | datetime) -> str:
    return f"{value:%a %d %b}"


def moment(value: datetime) -> str:
    return f"{value:%a %d %b, %H:%M}"
