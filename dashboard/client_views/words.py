"""Display words for vocabulary keys, dates and flags (our own words, never client text)."""

from datetime import date, datetime

from securebase.analytics import flag_sources
from securebase.risk_screen import categories
from securebase.risk_screen import label as screen_label
from securebase.vocabulary import Behaviour, Distortion, Emotion, SoothingTechnique, Trigger

_VOCABULARIES = {
    "trigger": Trigger,
    "emotion": Emotion,
    "behaviour": Behaviour,
    "technique": SoothingTechnique,
    "distortion": Distortion,
}
FIELD_WORDS = flag_sources.FIELD_WORDS  # one wording, kept in the core
RISK_CATEGORY_WORDS = {key: screen_label(key) for key in categories()}  # the screen's own labels


def label(kind: str, key: str) -> str:
    """The display label of a vocabulary key (``kind``: trigger, emotion, ...)."""
    try:
        return _VOCABULARIES[kind](key).label
    except (KeyError, ValueError):
        return "No trigger named" if key == "none" else str(key).replace("_", " ").capitalize()


def labels(kind: str, keys) -> str:
    return ", ".join(label(kind, key) for key in keys) or "–"


def exercise_title(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


def day(value: date | datetime) -> str:
    return f"{value:%a %d %b}"


def moment(value: datetime) -> str:
    return f"{value:%a %d %b, %H:%M}"
