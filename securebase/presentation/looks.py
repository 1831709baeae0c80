"""How every category is shown: its label, its colour and its grey-safe pattern.

Rules:
- one table per kind of category (``KINDS``); the keys are the stable keys
  of ``securebase.vocabulary``, the homework catalogue and the risk lexicon;
- labels of the clinical vocabularies are the enums' own labels, exercise
  labels are the catalogue's titles: this module never writes a second name;
- colours are listed here per kind, so a trigger has one colour on every
  chart, on screen and on paper; patterns follow from the colours
  (``palette.safe_patterns``) so every chart reads in grey print;
- "other" is always grey and "none" always light grey.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from securebase.presentation.palette import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    BROWN,
    GREY,
    LIGHT_GREY,
    OKABE_ITO,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
    safe_patterns,
)
from securebase.risk_screen import categories as risk_categories
from securebase.risk_screen import category_words
from securebase.vocabulary import (
    Behaviour,
    Distortion,
    Emotion,
    MeasureKey,
    SoothingTechnique,
    Trigger,
)

NONE, OTHER = "none", "other"


@dataclass(frozen=True)
class Look:
    """How one category is shown."""

    label: str
    colour: str
    pattern: str


#: Triggers keep the colours therapists already know from the dashboard.
TRIGGER_COLOURS = {
    "delayed_reply": ORANGE,
    "tone_change": SKY_BLUE,
    "exclusion": BLUISH_GREEN,
    "partner_unavailable": YELLOW,
    "plans_changed": BLUE,
    "conflict": VERMILLION,
    "perceived_rejection": REDDISH_PURPLE,
    "social_media": BLACK,
    "jealousy": BROWN,
    OTHER: GREY,
    NONE: LIGHT_GREY,
}

#: The risk screen's categories (``securebase.risk_screen``), in its own words for a
#: therapist ("Words about ... in an entry"): one wording on screen, on paper, in the brief.
RISK_WORDS = {category: category_words(category) for category in risk_categories()}

#: Whether a strong urge was sat with or acted on (urge charts and their legends).
URGE_OUTCOMES = {"resisted": ("Resisted", BLUISH_GREEN), "acted": ("Acted on", VERMILLION)}

NONE_LABELS = {"trigger": "No trigger named", "behaviour": "No behaviour named"}


def _cycle(keys: list[str]) -> dict[str, str]:
    """Okabe-Ito colours in order; "other" grey, "none" light grey."""
    colours, i = {}, 0
    for key in keys:
        if key in (OTHER, NONE):
            colours[key] = GREY if key == OTHER else LIGHT_GREY
        else:
            colours[key] = OKABE_ITO[i % len(OKABE_ITO)]
            i += 1
    return colours


def _table(labels: dict[str, str], colours: dict[str, str]) -> dict[str, Look]:
    keys = list(labels)
    patterns = safe_patterns([colours[k] for k in keys])
    return {k: Look(labels[k], colours[k], p) for k, p in zip(keys, patterns, strict=True)}


def _enum_labels(vocabulary, none_label: str | None = None) -> dict[str, str]:
    labels = {member.value: member.label for member in vocabulary}
    return {**labels, NONE: none_label} if none_label else labels


@cache
def catalogue_titles() -> dict[str, str]:
    """Built-in exercise titles by key, read straight from the catalogue file (no UI, no
    validation library: this module must load anywhere, the web journal's JSON included)."""
    text = resources.files("securebase").joinpath("data/exercises.json").read_text("utf-8")
    return {item["key"]: item["title"] for item in json.loads(text)["exercises"]}


@cache
def tables() -> dict[str, dict[str, Look]]:
    """Every kind's table, by kind then key."""
    trigger = _enum_labels(Trigger, NONE_LABELS["trigger"])
    behaviour = _enum_labels(Behaviour, NONE_LABELS["behaviour"])
    plain = {
        "emotion": _enum_labels(Emotion),
        "behaviour": behaviour,
        "technique": _enum_labels(SoothingTechnique),
        "distortion": _enum_labels(Distortion),
        "exercise": catalogue_titles(),
        "risk": RISK_WORDS,
        "measure": _enum_labels(MeasureKey),
    }
    result = {"trigger": _table(trigger, TRIGGER_COLOURS)}
    for kind, labels in plain.items():
        result[kind] = _table(labels, _cycle(list(labels)))
    outcome_labels = {k: label for k, (label, _) in URGE_OUTCOMES.items()}
    result["urge_outcome"] = _table(outcome_labels, {k: c for k, (_, c) in URGE_OUTCOMES.items()})
    return result


KINDS = (
    "trigger",
    "emotion",
    "behaviour",
    "technique",
    "distortion",
    "exercise",
    "risk",
    "measure",
    "urge_outcome",
)
