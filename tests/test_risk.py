"""Risk flags: PHQ-9 item 9 and risk language in journal text (recall over precision)."""

import json
import random
import re
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from securebase.analytics.frames import between, checkins_frame, entries_frame
from securebase.analytics.risk import (
    FLAG_COLUMNS,
    STATED_PRECISION,
    TEXT_FIELDS,
    risk_categories,
    risk_flags,
    risk_flags_between,
)
from securebase.risk_screen import lexicon
from tests.analytics_builders import checkin, entry, make_id, tombstone

ROOT = Path(__file__).resolve().parent.parent
LABELLED = json.loads((ROOT / "tests/data/risk_labelled.json").read_text("utf-8"))["items"]
POSITIVES = [item for item in LABELLED if item["risk"]]
NEGATIVES = [item for item in LABELLED if not item["risk"]]


# --- the labelled phrases -------------------------------------------------------------------------


def test_the_labelled_set_is_large_and_varied():
    assert len(LABELLED) >= 60
    groups = {item["group"] for item in LABELLED}
    assert groups == {"positive", "negative", "negation", "misspelling", "hard_negative"}
    assert len(POSITIVES) >= 30
    assert len(NEGATIVES) >= 30
    assert len({item["text"] for item in LABELLED}) == len(LABELLED)


@pytest.mark.parametrize("item", POSITIVES, ids=[item["text"][:40] for item in POSITIVES])
def test_every_positive_is_flagged_with_its_category(item):
    assert set(item["categories"]) <= set(risk_categories(item["text"]))


def test_recall_is_one_and_precision_meets_the_stated_value():
    flagged = [item for item in LABELLED if risk_categories(item["text"])]
    true_flags = sum(item["risk"] for item in flagged)
    recall = true_flags / len(POSITIVES)
    precision = true_flags / len(flagged)
    assert recall == 1.0
    assert precision >= STATED_PRECISION, f"precision {precision:.3f}"


@pytest.mark.parametrize(
    "text",
    [item["text"] for item in LABELLED if item["group"] == "negation"],
)
def test_plain_negations_are_not_flagged(text):
    assert risk_categories(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm not ok and hopeless", ("hopelessness",)),  # "and" ends the negation's reach
        ("I'm not ok, hopeless really", ("hopelessness",)),  # so does a comma
        ("Not suicidal but hopeless", ("hopelessness", "suicide")),  # another term: keep both
        ("I am not suicidal. I feel hopeless.", ("hopelessness",)),  # per sentence
        ("Never felt this hopeless before", ("hopelessness",)),  # an intensifier is no negation
        ("I don't really know if I feel hopeless", ("hopelessness",)),  # negation 4+ words back
        ("not feeling at all hopeless", ("hopelessness",)),  # 4 words back: flag
        ("not really hopeless", ()),
    ],
)
def test_negation_is_narrow_and_errs_towards_flagging(text, expected):
    assert risk_categories(text) == expected


@pytest.mark.parametrize(
    "text",
    ["self harm", "self-harm", "selfharm", "SELF  HARM", "self–harming", "Self_harm"],
)
def test_spacing_case_and_hyphens_do_not_matter(text):
    assert risk_categories(text) == ("self_harm",)


@pytest.mark.parametrize("text", ["skill myself at chess", "the skills to cut", "ahopeless"])
def test_a_match_starts_on_a_word_boundary(text):
    assert risk_categories(text) == ()


@pytest.mark.parametrize("text", ["suicide_note", "hopelessly", "overdoses", "self harming"])
def test_a_starred_term_takes_any_word_ending(text):
    assert risk_categories(text)


@pytest.mark.parametrize("text", ["suicde", "sucide", "suiside", "sucidal", "hopeles", "hopless"])
def test_one_edit_misspellings_are_caught(text):
    assert risk_categories(text)


@pytest.mark.parametrize("text", ["homeless", "overdone", "overdo", "hopeful", "decide", "dead"])
def test_near_words_that_are_real_words_are_not_corrected(text):
    assert risk_categories(text) == ()


def test_benign_phrase_cancels_only_the_match_inside_it():
    assert risk_categories("I cut myself some slack") == ()
    assert risk_categories("I cut myself some slack, then I cut myself") == ("self_harm",)


# --- the lexicon file -----------------------------------------------------------------------------


def test_lexicon_is_package_data_with_categories_of_terms():
    data = json.loads(files("securebase").joinpath("data/risk_lexicon.json").read_text("utf-8"))
    categories = data["categories"]
    assert {"suicide", "self_harm", "hopelessness"} <= set(categories)
    assert sum(len(terms) for terms in categories.values()) >= 100
    assert all(term.glued for term in lexicon().terms)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "data/*.json" in pyproject["tool"]["setuptools"]["package-data"]["securebase"]


def test_lexicon_covers_the_terms_safety_asks_for():
    for text in [
        "suicide", "suicidal", "sucide", "suiside", "kill myself", "killing myself", "end it all",
        "end my life", "don't want to be here", "no reason to live", "better off without me",
        "hurt myself", "cut myself", "self harm", "self-harm", "overdose", "hopeless",
        "no way out", "can't go on", "give up on everything",
    ]:  # fmt: skip
        assert risk_categories(text), text


# --- risk_flags over the frames -------------------------------------------------------------------

RISKY = "If he leaves I think I'll kill myself"


def _flags(entries=(), checkins=()):
    return risk_flags(entries_frame(entries), checkins_frame(checkins))


def test_no_data_gives_an_empty_frame_with_the_columns():
    flags = _flags()
    assert flags.empty
    assert list(flags.columns) == FLAG_COLUMNS


@pytest.mark.parametrize("answer", [0, 1, 2, 3])
def test_phq9_item_9_flags_any_answer_above_zero(answer):
    flags = _flags(
        checkins=[checkin("2026-03-02T20:00:00+01:00", "phq9", [0] * 8 + [answer], name="p")]
    )
    if answer == 0:
        assert flags.empty
        return
    assert flags.to_dict("records") == [
        {
            "kind": "phq9_item9",
            "source": "checkin",
            "source_id": make_id("p"),
            "local_date": flags["local_date"][0],
            "measure_or_field": "phq9",
            "matched_term_category": None,
        }
    ]
    assert flags["local_date"][0].isoformat() == "2026-03-02"


def test_other_phq9_items_and_gad7_never_raise_the_item_flag():
    flags = _flags(
        checkins=[
            checkin("2026-03-02T20:00:00+01:00", "phq9", [3] * 8 + [0]),
            checkin("2026-03-02T20:00:00+01:00", "gad7", [3] * 7),
        ]
    )
    assert flags.empty


def test_every_flagged_checkin_is_listed():
    flags = _flags(
        checkins=[
            checkin("2026-03-02T20:00:00+01:00", "phq9", [0] * 8 + [1], name="a"),
            checkin("2026-03-09T20:00:00+01:00", "phq9", [0] * 9, name="b"),
            checkin("2026-03-16T20:00:00+01:00", "phq9", [1] * 9, name="c"),
        ]
    )
    assert list(flags["source_id"]) == [make_id("a"), make_id("c")]


def test_language_flags_point_at_the_entry_and_field():
    entries = [
        entry("2026-03-02T21:30:00+01:00", name="calm", situation="A slow reply at dinner."),
        entry("2026-03-03T22:10:00+01:00", name="risky", automatic_thought=RISKY),
        entry(
            "2026-03-04T08:00:00+01:00",
            name="tagged",
            tags=["work", "hopeless"],
            partner_positive=["Held my hand", "Said I'm not a burden"],
        ),
    ]
    flags = _flags(entries)
    rows = flags[["source_id", "measure_or_field", "matched_term_category"]].values.tolist()
    assert rows == [
        [make_id("risky"), "automatic_thought", "suicide"],
        [make_id("tagged"), "tags", "hopelessness"],
    ]
    assert set(flags["kind"]) == {"risk_language"}
    assert set(flags["source"]) == {"entry"}
    assert [d.isoformat() for d in flags["local_date"]] == ["2026-03-03", "2026-03-04"]


def test_every_text_field_is_scanned():
    challenge = {"evidence_for": RISKY, "evidence_against": RISKY, "balanced_thought": RISKY}
    flags = _flags(
        [
            entry(
                "2026-03-03T22:10:00+01:00",
                situation=RISKY,
                trigger_note=RISKY,
                body_sensations=RISKY,
                automatic_thought=RISKY,
                challenge=challenge,
                need_statement={"text": RISKY, "shared": False},
                partner_positive=[RISKY],
                tags=[RISKY],
            )
        ]
    )
    assert sorted(flags["measure_or_field"]) == sorted(TEXT_FIELDS)


def test_one_row_per_entry_field_and_category():
    text = "I want to kill myself. Suicidal all day. Hopeless."
    flags = _flags([entry("2026-03-03T22:10:00+01:00", situation=text)])
    assert sorted(flags["matched_term_category"]) == ["hopelessness", "suicide"]


def test_the_output_never_contains_the_client_text():
    texts = [item["text"] for item in POSITIVES]
    entries = [
        entry(f"2026-03-{day:02d}T21:00:00+01:00", name=f"e{day}", situation=text)
        for day, text in enumerate(texts[:28], start=1)
    ]
    flags = _flags(entries)
    assert len(set(flags["source_id"])) == 28
    categories = {term.category for term in lexicon().terms}
    for row in flags.to_dict("records"):
        assert row["kind"] == "risk_language"
        assert row["source"] == "entry"
        assert row["source_id"] in {make_id(f"e{day}") for day in range(1, 29)}
        assert row["measure_or_field"] == "situation"
        assert row["matched_term_category"] in categories
    dumped = flags.to_json().casefold()
    for text in texts:
        assert text.casefold() not in dumped


def test_deleted_entries_are_not_scanned():
    entries = [
        entry("2026-03-02T21:30:00+01:00", name="kept", situation="Waited before texting."),
        tombstone("gone"),
    ]
    assert entries_frame(entries)["id"].tolist() == [make_id("kept")]
    assert _flags(entries).empty


def test_checkin_and_entry_flags_together_oldest_first():
    flags = _flags(
        [entry("2026-03-05T21:30:00+01:00", name="e", situation="No way out of this.")],
        [checkin("2026-03-01T20:00:00+01:00", "phq9", [0] * 8 + [2], name="c")],
    )
    assert list(zip(flags["kind"], flags["source_id"], strict=True)) == [
        ("phq9_item9", make_id("c")),
        ("risk_language", make_id("e")),
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 2), date(2026, 3, 4)),
        (date(2026, 3, 3), date(2026, 3, 3)),
        (None, date(2026, 3, 3)),
        (date(2026, 3, 5), None),
        (date(2026, 4, 1), date(2026, 4, 30)),
    ],
)
def test_flags_between_scan_only_the_period_and_equal_the_filtered_flags(start, end):
    entries = [
        entry(f"2026-03-{day:02d}T21:30:00+01:00", name=f"e{day}", situation=text)
        for day, text in enumerate([RISKY, "Calm day.", "Hopeless again.", RISKY, RISKY], start=1)
    ]
    checkins = [
        checkin(f"2026-03-{day:02d}T20:00:00+01:00", "phq9", [0] * 8 + [day % 2], name=f"c{day}")
        for day in range(1, 7)
    ]
    frame, answers = entries_frame(entries), checkins_frame(checkins)
    expected = between(risk_flags(frame, answers), start, end).reset_index(drop=True)
    scoped = risk_flags_between(frame, answers, start, end)
    assert scoped.to_dict("records") == expected.to_dict("records")
    assert list(scoped.columns) == FLAG_COLUMNS
    if start == date(2026, 3, 2):
        assert len(scoped) == 3  # the hopeless and the risky entry, the check-in of the 3rd


def test_the_screen_finds_a_term_exactly_where_the_plain_alternation_does():
    """The prefix-factored screen is an optimisation: it must answer as "a|b|c" would."""
    lex = lexicon()
    plain = re.compile("|".join(re.escape(term.glued) for term in lex.terms))
    glued = [term.glued for term in lex.terms]
    rng = random.Random(5)
    texts = ["".join(item["text"].casefold().split()) for item in LABELLED]
    texts += [word[:cut] for word in glued for cut in range(len(word) + 1)]
    texts += [
        "".join(rng.choice([*glued, "the", "a", "so", "x"]) for _ in range(4)) for _ in range(500)
    ]
    texts += ["".join(rng.choice("abcdeghiklmnoprstuwy") for _ in range(60)) for _ in range(500)]
    for text in texts:
        found, expected = lex.screen.search(text), plain.search(text)
        assert bool(found) == bool(expected), text
        if expected:
            assert found.start() == expected.start(), text


def test_screening_many_texts_at_once_finds_every_flag_the_fields_give_alone():
    """``risk_flags`` screens a window's texts joined, then each entry's, before each field:
    the flags must be exactly those of scanning every field on its own."""
    rng = random.Random(11)
    phrases = [item["text"] for item in LABELLED] + [
        "I feel like I could kill",  # "kill" + "myself" in the next field: glued, not a term
        "myself some time alone",
        "cafe\u0301 with friends",  # combining accent at a text's end and start
        "\u0301and then it passed",
        "Dont wan't",
        "A slow reply at dinner.",
    ]
    entries = []
    for n in range(120):
        texts = [rng.choice(phrases) for _ in range(5)]
        entries.append(
            entry(
                f"2026-03-{1 + n % 28:02d}T{8 + n % 12:02d}:00:00+01:00",
                situation=texts[0],
                trigger_note=texts[1][:200],
                automatic_thought=texts[2],
                partner_positive=[texts[3][:200]],
                tags=[t[:40] for t in texts[4].split()[:3]],
            )
        )
    frame = entries_frame(entries)
    expected = sorted(
        (row["id"], field, category)
        for row in frame.to_dict("records")
        for field in TEXT_FIELDS
        for text in (row[field] if isinstance(row[field], tuple) else (row[field],))
        if isinstance(text, str)
        for category in risk_categories(text)
    )
    flags = risk_flags(frame, checkins_frame([]))
    found = flags[["source_id", "measure_or_field", "matched_term_category"]].values.tolist()
    assert sorted(map(tuple, found)) == sorted(set(expected))
    assert len(found) > 20
