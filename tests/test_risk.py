"""Risk flags: PHQ-9 item 9 and risk language in journal text (recall over precision)."""

import json
from datetime import date
from pathlib import Path

import pytest

from securebase.analytics.frames import between, checkins_frame, entries_frame
from securebase.analytics.risk import (
    FLAG_COLUMNS,
    TEXT_FIELDS,
    risk_categories,
    risk_flags,
    risk_flags_between,
)
from securebase.risk_screen import categories
from tests.analytics_builders import checkin, entry, make_id, tombstone

ROOT = Path(__file__).resolve().parent.parent
CORPUS = json.loads((ROOT / "tests/data/risk_corpus.json").read_text("utf-8"))["items"]
POSITIVES = [item for item in CORPUS if item["categories"]]


# The screen itself (levels, normalisation, the corpus figures) is tested in
# tests/test_risk_screen.py and tests/test_risk_corpus.py; here, its use as flags.


def test_risk_categories_are_the_flag_level_categories_of_the_screen():
    assert risk_categories("I am not suicidal.") == ()  # a plain denial: a mention
    assert risk_categories("Not suicidal, but I keep cutting myself") == (
        "active_ideation",
        "self_harm",
    )


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
        [make_id("risky"), "automatic_thought", "active_ideation"],
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
    assert sorted(flags["matched_term_category"]) == ["active_ideation", "hopelessness"]


def test_the_output_never_contains_the_client_text():
    texts = [item["text"] for item in POSITIVES]
    entries = [
        entry(f"2026-03-{day:02d}T21:00:00+01:00", name=f"e{day}", situation=text)
        for day, text in enumerate(texts[:28], start=1)
    ]
    flags = _flags(entries)
    assert len(set(flags["source_id"])) == 28
    known = set(categories())
    for row in flags.to_dict("records"):
        assert row["kind"] == "risk_language"
        assert row["source"] == "entry"
        assert row["source_id"] in {make_id(f"e{day}") for day in range(1, 29)}
        assert row["measure_or_field"] == "situation"
        assert row["matched_term_category"] in known
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
