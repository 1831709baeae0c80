"""The one presentation vocabulary covers every key, in colour and in grey print.

Every front end reads ``securebase.presentation``; these tests fail when a key
of any vocabulary, of the homework catalogue or of the risk lexicon has no
label, colour or pattern there, or when two categories of a chart would print
the same in grey.
"""

import json
import re

import pytest

from securebase import presentation, risk_screen
from securebase.exercises import built_in
from securebase.presentation.palette import GREY_STEP, grey_level, safe_patterns
from securebase.vocabulary import (
    Behaviour,
    Distortion,
    Emotion,
    MeasureKey,
    SoothingTechnique,
    Trigger,
)

HEX = re.compile(r"^#[0-9A-F]{6}$")
KIND_OF = {
    "trigger": Trigger,
    "emotion": Emotion,
    "behaviour": Behaviour,
    "technique": SoothingTechnique,
    "distortion": Distortion,
    "measure": MeasureKey,
}


def risk_categories() -> set[str]:
    return set(risk_screen.categories())


def expected_keys() -> dict[str, set[str]]:
    keys = {kind: {m.value for m in vocab} for kind, vocab in KIND_OF.items()}
    keys["exercise"] = set(built_in())
    keys["risk"] = risk_categories()
    keys["urge_outcome"] = {"resisted", "acted"}
    return keys


@pytest.mark.parametrize("kind", sorted(expected_keys()))
def test_every_key_of_every_kind_has_a_label_colour_and_pattern(kind):
    table = presentation.tables()[kind]
    missing = expected_keys()[kind] - set(table)
    assert not missing, f"{kind}: no look for {sorted(missing)}"
    for key, item in table.items():
        assert item.label.strip(), f"{kind}.{key} has no label"
        assert HEX.match(item.colour), f"{kind}.{key} colour {item.colour!r}"
        assert item.pattern in presentation.PATTERNS, f"{kind}.{key} pattern {item.pattern!r}"


def test_every_kind_is_listed():
    assert set(presentation.KINDS) == set(presentation.tables())


@pytest.mark.parametrize("kind", presentation.KINDS)
def test_categories_sharing_a_pattern_differ_in_grey(kind):
    items = list(presentation.tables()[kind].items())
    for i, (key, a) in enumerate(items):
        for other, b in items[i + 1 :]:
            if a.pattern == b.pattern:
                gap = abs(grey_level(a.colour) - grey_level(b.colour))
                assert gap >= GREY_STEP, f"{kind}: {key} and {other} print alike in grey"


@pytest.mark.parametrize("kind", presentation.KINDS)
def test_labels_are_unique_within_a_kind(kind):
    labels = [item.label for item in presentation.tables()[kind].values()]
    assert len(labels) == len(set(labels))


def test_exercise_labels_are_the_catalogue_titles():
    for key, exercise in built_in().items():
        assert presentation.label("exercise", key) == exercise.title
    assert presentation.label("exercise", "self_worth_activity") == "Time for yourself"


def test_flag_words_are_plain_words():
    words = presentation.label("risk", "passive_death_wish")
    assert words == risk_screen.category_words("passive_death_wish")  # the screen's own words
    assert "_" not in words


def test_a_trigger_has_one_colour_and_jealousy_is_not_delayed_reply():
    jealousy = presentation.look("trigger", "jealousy")
    delayed = presentation.look("trigger", "delayed_reply")
    assert (jealousy.colour, jealousy.pattern) != (delayed.colour, delayed.pattern)


def test_an_unknown_key_is_shown_not_dropped():
    item = presentation.look("trigger", "new_trigger_from_a_newer_client")
    assert item.label == "New trigger from a newer client"
    assert HEX.match(item.colour)
    assert item.pattern in presentation.PATTERNS
    assert presentation.ordered("trigger", ["none", "zzz_new", "jealousy", "conflict"]) == [
        "conflict",
        "jealousy",
        "zzz_new",
        "none",
    ]


def test_safe_patterns_refuses_what_it_cannot_keep_apart():
    with pytest.raises(ValueError, match="no grey-safe pattern"):
        safe_patterns(["#000000"] * (len(presentation.PATTERNS) + 1))


def test_every_chart_has_a_title_and_a_guide_without_jargon():
    for key, text in presentation.CHARTS.items():
        assert text.title.strip(), key
        assert text.guide.strip(), key
        assert "ISO" not in text.title + text.guide, key
    assert "ISO" not in presentation.WEEK_AXIS_TITLE


def test_as_json_is_plain_json_with_every_kind():
    data = json.loads(json.dumps(presentation.as_json()))
    assert set(data["kinds"]) == set(presentation.KINDS)
    assert data["kinds"]["trigger"]["jealousy"]["label"] == Trigger.JEALOUSY.label
