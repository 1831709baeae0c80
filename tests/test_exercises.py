"""The homework catalogue: DOMAIN.md's exercises as data, and a therapist's own exercises."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sample_data.roster import DEMO_DIR
from securebase.errors import ExerciseExists, UnknownExercise
from securebase.exercises import RECORDABLE, Exercise, built_in, exercise, exercise_catalogue
from securebase.therapist_records import InvalidRecord, add_assignment, add_custom_exercise
from securebase.vault import Vault

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_KEYS = re.findall(
    r"^- `([a-z_]+)` —",
    (ROOT / "docs" / "DOMAIN.md").read_text(encoding="utf-8").split("## Homework catalogue")[1],
    flags=re.MULTILINE,
)


def test_every_domain_exercise_is_in_the_catalogue():
    assert len(DOMAIN_KEYS) == 12
    assert set(DOMAIN_KEYS) <= set(exercise_catalogue())


@pytest.mark.parametrize("key", DOMAIN_KEYS)
def test_each_exercise_is_well_formed(key):
    item = exercise(key)
    assert item.key == key
    assert not item.custom
    assert 2 <= len(item.instructions) <= 6
    assert all(step.strip() and len(step) <= 300 for step in item.instructions)
    assert item.default_times >= 1
    assert item.default_per in ("day", "week")
    assert item.minutes is None or 1 <= item.minutes <= 120
    assert set(item.records) <= set(RECORDABLE)
    assert item.records
    assert item.title
    assert item.rationale
    assert "\n" not in item.rationale
    assert item.problems() == []


def test_an_unknown_key_is_a_typed_error():
    with pytest.raises(UnknownExercise):
        exercise("crystal_healing")


def test_demo_assignments_use_catalogue_keys():
    roster = json.loads((DEMO_DIR / "therapist.json").read_text(encoding="utf-8"))
    keys = {a["exercise"] for client in roster["clients"] for a in client["assignments"]}
    assert keys
    assert keys <= set(exercise_catalogue())


OWN = Exercise(
    key="worry_walk",
    title="Worry walk",
    instructions=("Walk for 20 minutes.", "Notice five things you can see."),
    default_times=3,
    default_per="week",
    minutes=20,
    records=("minutes", "helpfulness"),
    rationale="Behavioural activation with grounding.",
)


@pytest.fixture
def vault(tmp_path, monkeypatch):
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    return Vault.create(tmp_path / "vault", "correct horse battery staple")


def test_a_custom_exercise_is_stored_in_the_vault_and_listed(vault):
    added = add_custom_exercise(vault, OWN)
    assert added.custom
    assert added.instructions == OWN.instructions
    reopened = Vault.unlock(vault.path, "correct horse battery staple")
    assert exercise_catalogue(reopened.store.db)["worry_walk"] == added
    assert "worry_walk" not in exercise_catalogue()
    reopened.add_client("Alice")
    add_assignment(reopened, "Alice", "worry_walk", times=3, per="week", starts=date(2026, 1, 5))
    with pytest.raises(UnknownExercise):
        add_assignment(reopened, "Alice", "nope_nope", times=1, per="day", starts=date(2026, 1, 5))


def test_a_custom_exercise_cannot_shadow_or_break_rules(vault):
    with pytest.raises(ExerciseExists):
        add_custom_exercise(vault, Exercise(**{**OWN.__dict__, "key": "paced_breathing"}))
    add_custom_exercise(vault, OWN)
    with pytest.raises(ExerciseExists):
        add_custom_exercise(vault, OWN)
    broken = [
        {"key": "Bad Key"},
        {"key": "no_steps", "instructions": ()},
        {"key": "odd_records", "records": ("mood",)},
        {"key": "often", "default_times": 0},
    ]
    for change in broken:
        with pytest.raises(InvalidRecord):
            add_custom_exercise(vault, Exercise(**{**OWN.__dict__, **change}))


def test_exercises_with_the_partner_carry_a_caution_for_the_therapist_only():
    # DOMAIN.md, homework catalogue: approaching a partner who is abusive or controlling can
    # add risk, so these two say so where homework is assigned.
    catalogue = built_in()
    cautioned = {key for key, item in catalogue.items() if item.caution}
    assert cautioned == {"i_statement_practice", "partner_appreciation_log"}
    for key in cautioned:
        assert "coercive control" in catalogue[key].caution
        assert catalogue[key].problems() == []
