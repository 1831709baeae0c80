"""Urgent help at the moment of writing, and the crisis resources that travel with it.

Driven through the real command lines: ``securebase-journal`` (``ClientKit``)
and ``securebase`` (``Therapist``), with a real vault, real sealed packs.
"""

import json

import pytest

from clienttools import safety
from securebase.crisis import (
    Resource,
    crisis_resources,
    default_resources,
    parse_resources,
)
from securebase.errors import InvalidCrisisResources
from securebase.homework_pack import build_pack
from securebase.identity import Identity
from securebase.messages import CATALOGUE
from tests.clientkit import ClientKit, lines
from tests.test_homework_loop import WORK_FACTOR, join
from tests.test_therapist_cli import Therapist

RISKY = "I want to end it all tonight"
CALM = "A slow reply at dinner, then a calm evening."
OWN = [
    {"name": "Riverside crisis team", "contact": "Call 555 0100", "source": "our leaflet"},
    {"name": "Emergency services", "contact": "Call 911"},
]


@pytest.fixture
def kit(tmp_path) -> ClientKit:
    return ClientKit(tmp_path / "home", Identity.generate()).init()


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", WORK_FACTOR)
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


def before(out: str, first: str, then: str) -> bool:
    return first in out and then in out and out.index(first) < out.index(then)


# -- the defaults ---------------------------------------------------------------------


def test_the_defaults_name_the_lines_the_issue_asked_for_each_with_a_source():
    found = default_resources()
    text = " ".join(f"{r.name} {r.contact}" for r in found)
    for number in ("911", "112", "999", "988", "116 123"):
        assert number in text
    assert "Samaritans" in text
    assert "Canada" in text
    assert "Ireland" in text
    assert "findahelpline.com" in text
    assert all(r.source for r in found)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        [{"name": "x", "contact": "y"}] * 9,
        [{"name": "x"}],
        [{"name": "  ", "contact": "y"}],
        [{"name": "x", "contact": "y\x1b[2J"}],
        [{"name": "x", "contact": "y", "note": "not a field"}],
        [{"name": "x", "contact": 988}],
        [{"name": "x", "contact": "y" * 301}],
        {"name": "x", "contact": "y"},
        "Call 988",
    ],
)
def test_a_bad_list_is_refused(bad):
    with pytest.raises(InvalidCrisisResources):
        parse_resources(bad)


def test_spacing_is_tidied_and_optional_fields_default_to_empty():
    assert parse_resources([{"name": " A  line ", "contact": "Call\n988"}]) == (
        Resource("A line", "Call 988", ""),
    )


# -- the client's panel ---------------------------------------------------------------


def test_a_risk_entry_shows_urgent_help_before_saved(kit):
    out = kit.ok("add", "--situation", RISKY).stdout
    assert before(out, safety.PANEL_TITLE, "Saved.")
    assert "your next export" in out
    assert "suicide or self-harm" in out
    flat = " ".join(out.split())  # the panel is wrapped to the terminal's width
    for resource in default_resources():
        assert resource.contact in flat
    assert len(kit.ids()) == 1  # saved all the same


def test_a_calm_entry_shows_no_panel(kit):
    out = kit.ok("add", "--situation", CALM).stdout
    assert safety.PANEL_TITLE not in out
    assert out.splitlines()[-1].startswith("Saved.")


def test_a_plain_denial_still_shows_the_panel(kit):
    """On the client's side any match shows help: a mention costs a moment to read."""
    out = kit.ok("add", "--situation", "I'm not suicidal, just so tired.").stdout
    assert before(out, safety.PANEL_TITLE, "Saved.")


def test_risk_in_any_field_shows_the_panel(kit):
    out = kit.ok(
        "add", "--situation", CALM, "--automatic-thought", "Everyone is better off without me"
    ).stdout
    assert before(out, safety.PANEL_TITLE, "Saved.")


def test_with_json_the_panel_goes_to_stderr_and_the_object_says_so(kit):
    result = kit.ok("add", "--situation", RISKY, "--json")
    found = json.loads(result.stdout)
    assert found["urgent_help"] is True
    assert safety.PANEL_TITLE in result.stderr
    calm = json.loads(kit.ok("add", "--situation", CALM, "--json").stdout)
    assert "urgent_help" not in calm


def test_the_guided_entry_shows_the_panel_before_its_closing_words(kit):
    answers = [RISKY, *[""] * 11]
    out = kit.ok("add", "-i", input=lines(*answers)).stdout
    assert before(out, safety.PANEL_TITLE, "Saved.")


def test_an_edit_that_adds_risk_shows_the_panel(kit):
    entry_id = kit.add("--situation", CALM)
    out = kit.ok(
        "edit", entry_id, "--situation", "I keep thinking about jumping off the bridge"
    ).stdout
    assert before(out, safety.PANEL_TITLE, "Updated.")


def test_the_panel_never_repeats_what_was_written(kit):
    out = kit.ok("add", "--situation", "PRIVATE-7731 I want to die").stdout
    start = out.index(safety.PANEL_TITLE)
    panel = out[start : out.index(safety.PANEL_CLOSING) + len(safety.PANEL_CLOSING)]
    assert start < out.index("Saved.")
    assert "PRIVATE-7731" not in panel
    assert "want to die" not in panel


def test_a_gad7_checkin_has_no_risk_item_and_shows_no_panel(kit):
    out = kit.ok("checkin", "gad7", "--answers", "3,3,3,3,3,3,3").stdout
    assert safety.PANEL_TITLE not in out


@pytest.mark.parametrize(("item9", "needed"), [(0, False), (1, True), (3, True)])
def test_phq9_item_9_above_zero_needs_the_panel(item9, needed):
    assert safety.answers_need_help("phq9", [0] * 8 + [item9]) is needed
    assert safety.answers_need_help("phq9", [3] * 8 + [0]) is False
    assert safety.answers_need_help("gad7", [3] * 7) is False


# -- from the therapist to the client, signed -----------------------------------------


def test_the_therapist_sets_shows_and_resets_the_list(therapist, tmp_path):
    shown = therapist("settings", "crisis", "show", "--json").json()
    assert shown["own"] is False
    assert [r["name"] for r in shown["resources"]] == [r.name for r in default_resources()]

    listed = tmp_path / "crisis.json"
    listed.write_text(json.dumps(OWN), "utf-8")
    made = therapist("settings", "crisis", "set", str(listed))
    assert made.code == 0, made.err
    assert "next homework pack" in made.out
    shown = therapist("settings", "crisis", "show", "--json").json()
    assert shown["own"] is True
    assert shown["resources"][0]["name"] == "Riverside crisis team"
    actions = [line["action"] for line in therapist.vault().audit_log()]
    assert "crisis_resources_set" in actions

    assert therapist("settings", "crisis", "reset").code == 0
    assert therapist("settings", "crisis", "show", "--json").json()["own"] is False


@pytest.mark.parametrize("content", ["not json", "[]", json.dumps([{"name": "No contact"}])])
def test_a_bad_list_is_a_clear_error_and_changes_nothing(therapist, tmp_path, content):
    listed = tmp_path / "crisis.json"
    listed.write_text(json.dumps(OWN), "utf-8")
    assert therapist("settings", "crisis", "set", str(listed)).code == 0
    listed.write_text(content, "utf-8")
    refused = therapist("settings", "crisis", "set", str(listed))
    assert refused.code != 0
    assert CATALOGUE["invalid_crisis_resources"].text in refused.err
    vault = therapist.vault()
    assert crisis_resources(vault)[0].name == "Riverside crisis team"


def test_the_list_travels_signed_in_the_pack_and_the_client_shows_it(therapist, tmp_path):
    listed = tmp_path / "crisis.json"
    listed.write_text(json.dumps(OWN), "utf-8")
    assert therapist("settings", "crisis", "set", str(listed)).code == 0
    client_id, kit = join(therapist, tmp_path, "Alice")

    # Before any pack: the defaults (the invitation is unsigned and carries none).
    out = kit.ok("add", "--situation", RISKY).stdout
    assert "116 123" in out
    assert "Riverside" not in out

    pack = build_pack(therapist.vault(), client_id)
    assert [set(r.model_dump()) for r in pack.crisis_resources] == [{"name", "contact"}] * 2
    assert [r.name for r in pack.crisis_resources] == [
        "Riverside crisis team",
        "Emergency services",
    ]
    sealed = tmp_path / "pack.age"
    assert therapist("homework", "pack", "Alice", "--out", str(sealed)).code == 0
    assert kit.json("homework", "import", str(sealed))["status"] == "imported"

    out = kit.ok("add", "--situation", RISKY).stdout
    assert before(out, "Riverside crisis team: Call 555 0100", "Saved.")
    assert "116 123" not in out


def test_a_homework_log_note_with_risk_shows_the_panel_before_logged(therapist, tmp_path):
    _, kit = join(therapist, tmp_path, "Bea")
    assigned = therapist("homework", "assign", "Bea", "paced_breathing", "--json")
    assert assigned.code == 0, assigned.err
    sealed = tmp_path / "pack.age"
    assert therapist("homework", "pack", "Bea", "--out", str(sealed)).code == 0
    kit.ok("homework", "import", str(sealed))
    out = kit.ok("homework", "log", "paced_breathing", "--note", "sh urges all evening").stdout
    assert before(out, safety.PANEL_TITLE, "Logged.")
    calm = kit.ok("homework", "log", "paced_breathing", "--note", "Felt calmer after.").stdout
    assert safety.PANEL_TITLE not in calm


@pytest.mark.parametrize(("item9", "shown"), [(0, False), (2, True)])
def test_a_saved_phq9_checkin_with_item_9_above_zero_shows_the_panel(kit, item9, shown, capsys):
    """The check-in command's hook, on a real PHQ-9 check-in saved in the journal
    (the command line offers PHQ-9 once the therapist can choose it for a client)."""
    journal = kit.journal()
    saved = journal.add_checkin("phq9", [1] * 8 + [item9])
    result = safety.after_save(journal, saved, False, answers=list(saved.answers))
    journal.store.close()
    assert (result == {"urgent_help": True}) is shown
    assert (safety.PANEL_TITLE in capsys.readouterr().out) is shown
