"""The guided entry and edit: scripted keyboard input, wrong answers, skips, leaving early.

Input comes through click's ``CliRunner`` (no terminal); ``test_client_terminal.py`` drives
the same flows through a real pseudo-terminal (interruptions, arrow keys, drafts).
"""

from datetime import date, datetime, timedelta

import pytest
from click.testing import CliRunner

from clienttools import asking, guided, prompts, wording
from clienttools.asking import Asker
from clienttools.journal import Assignment, ClientJournal, new_entry
from clienttools.prompts import summary, walk_edit
from securebase.errors import DiskFull
from tests.clientkit import lines

NUMBER_0_100 = "Please give a number from 0 to 100, or press Enter to skip."


pytest_plugins = ["tests.client_kit_fixtures"]  # therapist and kit


def yesterday() -> date:
    return datetime.now().astimezone().date() - timedelta(days=1)


# Every step, with wrong answers first where a step can get one.
FULL_WALK = [
    *("", "   ", "Partner went quiet at dinner."),  # situation: blank twice, then text
    *("banana", "2099-01-01 10:00", "1990-05-05 10:00", "yesterday 21:30"),  # when
    *("banana", "11", "1, Feeling left out"),  # triggers
    "At dinner with friends.",  # trigger note
    *("anxiety; 3", "150", "seventy", "70", ""),  # feelings; sadness left unrated
    "Tight chest.",  # body
    *("They are angry with me.", "80%"),  # thought, belief
    "60",  # distress before
    *("11", "7", "", "maybe", "n", "checking_phone", "25"),  # urge, acted, behaviours, delay
    *("1, grounding", "10", ""),  # soothing and minutes
    "40",  # distress after
    *("y", "5 6", "They were quiet.", "They smiled when I spoke."),  # challenge
    *("A quiet mood, not about me.", "30"),
    *("I feel uneasy when it goes quiet; could you tell me if you are tired?", "maybe", "y"),
    *("Held my hand on the way home.", "Made me tea.", ""),  # partner, then done
]


def test_full_walk_with_wrong_answers_saves_every_step(kit):
    result = kit.ok("add", "--interactive", input=lines(*FULL_WALK))
    out = result.stdout
    assert out.count(prompts.AGAIN_SITUATION) == 2
    assert asking.AGAIN_WHEN in out
    assert asking.AGAIN_FUTURE in out
    assert asking.AGAIN_TOO_EARLY in out
    assert out.count(asking.AGAIN_CHOICE) == 2
    assert out.count(NUMBER_0_100) == 2
    assert "Please give a number from 0 to 10, or press Enter to skip." in out
    assert out.count(asking.AGAIN_YES_NO) == 3
    assert "  1. Slow or missing reply" in out
    assert out.splitlines()[-1] == (
        "Saved. You noticed the urge and waited 25 minutes — that counts. "
        "Your belief in the thought went from 80 to 30."
    )
    [entry_id] = kit.ids()
    entry = kit.show(entry_id)
    assert entry["occurred_at"].startswith(f"{yesterday()}T21:30:00")
    expected = {
        "situation": "Partner went quiet at dinner.",
        "triggers": ["delayed_reply", "exclusion"],
        "trigger_note": "At dinner with friends.",
        "emotions": [{"emotion": "anxiety", "intensity": 70}],
        "body_sensations": "Tight chest.",
        "automatic_thought": "They are angry with me.",
        "belief_before": 80,
        "distress_before": 60,
        "urge": {
            "intensity": 7,
            "acted": False,
            "behaviours": ["checking_phone"],
            "delay_minutes": 25,
        },
        "soothing": [
            {"technique": "paced_breathing", "minutes": 10},
            {"technique": "grounding", "minutes": None},
        ],
        "distress_after": 40,
        "challenge": {
            "distortions": ["mind_reading", "fortune_telling"],
            "evidence_for": "They were quiet.",
            "evidence_against": "They smiled when I spoke.",
            "balanced_thought": "A quiet mood, not about me.",
            "belief_after": 30,
        },
        "need_statement": {
            "text": "I feel uneasy when it goes quiet; could you tell me if you are tired?",
            "shared": True,
        },
        "partner_positive": ["Held my hand on the way home.", "Made me tea."],
        "assignment_id": None,
        "tags": [],
    }
    assert {key: entry[key] for key in expected} == expected


# Situation, then Enter for: when, triggers, feelings, body, thought, distress,
# urge, soothing, distress after, "I" statement, partner.
ONLY_THE_SITUATION = ["Slow reply.", *[""] * 11]


def test_every_step_but_the_situation_can_be_skipped(kit):
    before = datetime.now().astimezone().replace(microsecond=0)
    result = kit.ok("add", "-i", input=lines(*ONLY_THE_SITUATION))
    assert prompts.OFFER_CHALLENGE not in result.stdout  # no thought, no challenge
    assert prompts.ASK_TRIGGER_NOTE not in result.stdout  # no trigger, no note
    assert result.stdout.splitlines()[-1] == f"Saved. {prompts.SUMMARY_DEFAULT}"
    entry = kit.show(kit.ids()[0])
    assert entry["situation"] == "Slow reply."
    assert datetime.fromisoformat(entry["occurred_at"]) >= before
    assert entry["urge"] is entry["challenge"] is entry["need_statement"] is None
    assert entry["emotions"] == entry["triggers"] == entry["partner_positive"] == []


def test_the_challenge_is_offered_once_a_thought_is_written(kit):
    answers = ["Slow reply.", "", "", "", "", "They left.", "", "", "", "", "", "", "", ""]
    result = kit.ok("add", "-i", input=lines(*answers))
    assert prompts.OFFER_CHALLENGE in result.stdout
    assert kit.show(kit.ids()[0])["challenge"] is None  # offered, declined with Enter


def test_urge_of_zero_asks_nothing_more_about_it(kit):
    answers = ["Slow reply.", "", "", "", "", "", "", "0", "", "", "", ""]
    result = kit.ok("add", "-i", input=lines(*answers))
    assert prompts.ASK_ACTED not in result.stdout
    urge = kit.show(kit.ids()[0])["urge"]
    assert urge == {"intensity": 0, "acted": False, "behaviours": [], "delay_minutes": None}


@pytest.mark.parametrize(
    ("typed", "again"),
    [
        ("x" * 301, "That is a little long; please keep it under 300 characters."),
        ("\x1b[A", asking.AGAIN_CONTROL),
    ],
    ids=["too long", "arrow key"],
)
def test_text_that_could_not_be_saved_is_asked_again(kit, typed, again):
    answers = ["Slow reply.", "", "1", typed, "Late again.", *[""] * 10]
    result = kit.ok("add", "-i", input=lines(*answers))
    assert again in result.stdout
    assert kit.show(kit.ids()[0])["trigger_note"] == "Late again."


@pytest.mark.parametrize(
    ("answered", "rest"),
    [
        (["Slow reply."], [""] * 11),
        (["Slow reply.", "", "", "", "", "", "", "7", "n"], [""] * 6),  # mid-urge
        (ONLY_THE_SITUATION[:-1], [""]),  # at the very last question
    ],
    ids=["after the situation", "mid-urge", "last step"],
)
def test_leaving_early_saves_no_entry_but_keeps_the_answers(kit, answered, rest):
    kit.add("--situation", "Already here.")
    journal_before = kit.files()["journal.db.age"]
    result = kit.run("add", "-i", input=lines(*answered))
    assert result.exit_code == 1
    assert result.stderr.strip() == guided.PAUSED
    assert "Aborted" not in result.output + result.stderr
    assert kit.files()["journal.db.age"] == journal_before
    assert "draft-add.age" in kit.files()
    assert b"Slow reply." not in kit.files()["draft-add.age"]  # encrypted
    resumed = kit.ok("add", "-i", input=lines("y", *rest))
    assert guided.RESUMING in resumed.stdout
    assert prompts.ASK_SITUATION not in resumed.stdout  # the kept answers are not asked again
    assert sorted(kit.show(i)["situation"] for i in kit.ids()) == ["Already here.", "Slow reply."]
    assert "draft-add.age" not in kit.files()


def test_list_mentions_unfinished_answers_until_they_are_saved(kit):
    kit.add("--situation", "Already here.")
    kit.run("add", "-i", input=lines("Half done."))
    assert kit.ok("list").stdout.splitlines()[-1] == (
        "Unfinished answers are waiting for you: securebase-journal add"
    )
    assert "Unfinished" not in kit.ok("list", "--json").stdout
    kit.ok("add", "-i", input=lines("y", *[""] * 11))
    assert "Unfinished" not in kit.ok("list").stdout


def test_leaving_at_once_keeps_nothing(kit):
    before = kit.files()
    result = kit.run("add", "-i", input="")
    assert result.exit_code == 1
    assert result.stderr.strip() == guided.NOTHING_KEPT
    assert kit.files() == before


def test_a_draft_can_be_discarded_or_kept_for_later(kit):
    kit.run("add", "-i", input=lines("First try."))
    kept = kit.run("add", "-i", input=lines("n", "n"))
    assert kept.exit_code == 1
    assert guided.DRAFT_KEPT in kept.stdout
    assert "draft-add.age" in kit.files()
    fresh = kit.ok("add", "-i", input=lines("n", "y", *ONLY_THE_SITUATION))
    assert prompts.ASK_SITUATION in fresh.stdout
    assert [kit.show(i)["situation"] for i in kit.ids()] == ["Slow reply."]
    assert "draft-add.age" not in kit.files()


def test_going_back_one_question_asks_it_again(kit):
    answers = ["Slow reply.", "yesterday 21:30", "<", "<", "Slow reply, again.", "", *[""] * 10]
    result = kit.ok("add", "-i", input=lines(*answers))
    assert result.stdout.count(guided.BACK_ONE) == 2
    assert result.stdout.count(prompts.ASK_SITUATION) == 2
    entry = kit.show(kit.ids()[0])
    assert entry["situation"] == "Slow reply, again."
    assert not entry["occurred_at"].startswith(f"{yesterday()}T21:30")  # that answer was undone


def test_back_at_the_first_question_says_so(kit):
    result = kit.ok("add", "-i", input=lines("<", *ONLY_THE_SITUATION))
    assert asking.FIRST_QUESTION in result.stdout
    assert len(kit.ids()) == 1


def test_homework_can_be_linked_when_some_is_active(kit):
    assignment = Assignment(
        assignment_id="a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        exercise="reassurance_delay",
        title="Wait with the urge",
        times=3,
        per="week",
        starts=date(2026, 1, 1),
        ends=None,
    )
    kit.journal().replace_assignments([assignment])
    result = kit.ok("add", "-i", input=lines(*ONLY_THE_SITUATION, "2", "1"))
    assert "   1. Wait with the urge" in result.stdout
    assert asking.AGAIN_ONE_CHOICE in result.stdout
    assert kit.show(kit.ids()[0])["assignment_id"] == assignment.assignment_id


def test_interactive_with_other_flags_is_a_usage_error(kit):
    result = kit.run("add", "-i", "--situation", "Both.")
    assert result.exit_code == 2
    assert "--interactive" in result.stderr
    assert kit.ids() == []


def test_without_a_terminal_add_needs_flags_or_interactive(kit):
    result = kit.run("add", input="Slow reply.\n")
    assert result.exit_code == 2
    assert "--interactive" in result.stderr


# -- guided_edit -----------------------------------------------------------------------


NOW = datetime(2026, 3, 5, 12, 0).astimezone()


def an_entry():
    return new_entry(
        {
            "occurred_at": "2026-03-04T21:00:00+01:00",
            "situation": "Before.",
            "triggers": ["conflict"],
            "automatic_thought": "X.",
            "belief_before": 70,
            "urge": {"intensity": 5, "acted": True},
            "challenge": {"evidence_for": "For.", "evidence_against": "Against."},
            "partner_positive": ["A."],
        },
        NOW,
    )


def edit_with(entry, answers: list[str]) -> dict:
    with CliRunner().isolation(input=lines(*answers)):
        return walk_edit(Asker(editing=True, now=NOW, latest=entry.recorded_at), entry)


def test_guided_edit_returns_only_what_changed():
    answers = [
        *("", "", "1", "", "", ""),  # situation, when, triggers -> 1, note, feelings, body
        *("", "75", ""),  # thought, belief -> 75, distress before
        *("", "n", "", "20"),  # urge kept, acted -> no, behaviours, delay -> 20
        *("", ""),  # soothing, distress after
        *("", "", "-", "", "", ""),  # challenge walked: evidence for cleared
        "",  # "I" statement
        *("n", "B.", ""),  # partner: drop the old, add one
    ]
    changes = edit_with(an_entry(), answers)
    assert changes == {
        "triggers": ["delayed_reply"],
        "belief_before": 75,
        "urge": {"intensity": 5, "acted": False, "behaviours": [], "delay_minutes": 20},
        "challenge": {
            "distortions": [],
            "evidence_for": "",
            "evidence_against": "Against.",
            "balanced_thought": "",
            "belief_after": None,
        },
        "partner_positive": ["B."],
    }


def test_guided_edit_with_only_enter_changes_nothing():
    assert edit_with(an_entry(), [""] * 25) == {}


def test_guided_edit_keeps_the_time_to_the_second_and_refuses_a_later_one():
    entry = an_entry()
    out_of_range = "2026-03-06 09:00"  # after the entry was written down
    changes = edit_with(entry, ["", out_of_range, "2026-03-04 20:00", *[""] * 25])
    assert changes == {"occurred_at": datetime(2026, 3, 4, 20, 0).astimezone().isoformat()}


# -- the closing word -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, f"Saved. {prompts.SUMMARY_DEFAULT}"),
        (
            {"urge": {"intensity": 6, "acted": False, "delay_minutes": 25}},
            "Saved. You noticed the urge and waited 25 minutes — that counts.",
        ),
        (
            {"urge": {"intensity": 6, "acted": True, "delay_minutes": 1}},
            "Saved. You noticed the urge and waited 1 minute — that counts.",
        ),
        ({"urge": {"intensity": 6, "acted": False}}, f"Saved. {prompts.SUMMARY_HELD}"),
        ({"urge": {"intensity": 6, "acted": True}}, f"Saved. {prompts.SUMMARY_DEFAULT}"),
        (
            {"urge": {"intensity": 6, "acted": True, "delay_minutes": 0}},
            f"Saved. {prompts.SUMMARY_DEFAULT}",
        ),
        (
            {"distress_before": 70, "distress_after": 30},
            "Saved. Your distress went from 70 to 30.",
        ),
        ({"distress_before": 30, "distress_after": 70}, f"Saved. {prompts.SUMMARY_DEFAULT}"),
        (
            {"belief_before": 90, "challenge": {"belief_after": 40}, "distress_before": 50},
            "Saved. Your belief in the thought went from 90 to 40.",
        ),
    ],
)
def test_summary_names_what_went_well(fields, expected):
    entry = new_entry({"situation": "Something.", **fields}, NOW)
    assert summary(entry) == expected


def test_an_unchanged_interactive_edit_says_nothing_changed(kit):
    entry_id = kit.add("--situation", "Same.")
    result = kit.ok("edit", entry_id, "-i", input=lines(*[""] * 12))
    assert result.stdout.endswith(wording.NOTHING_CHANGED + "\n")
    assert not [name for name in kit.files() if name.startswith("draft-")]


def test_an_unreadable_draft_is_left_alone(kit):
    (kit.home / "draft-add.age").write_bytes(b"not an age file")
    result = kit.run("add", "-i", input=lines(*ONLY_THE_SITUATION))
    assert result.exit_code == 1
    assert "could not be opened" in result.stderr
    assert (kit.home / "draft-add.age").read_bytes() == b"not an age file"
    assert kit.ids() == []


def test_homework_log_asks_keeps_a_draft_and_resumes(kit):
    journal = kit.journal()
    journal.replace_assignments(
        [
            Assignment(
                assignment_id="a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                exercise="paced_breathing",
                title="Breathe slowly",
                times=1,
                per="day",
                starts=date(2026, 1, 1),
                ends=None,
            )
        ]
    )
    journal.store.close()
    stopped = kit.run("homework", "log", "a1b2", "-i", input=lines("2000", "10", "7"))
    assert "Please give a number from 0 to 1440, or press Enter to skip." in stopped.stdout
    assert stopped.exit_code == 1
    assert "draft-homework-a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.age" in kit.files()
    done = kit.ok("homework", "log", "a1b2", "-i", input=lines("y", "<", "8", "60", "", "Calmer."))
    assert "Back one question." in done.stdout
    [log] = kit.journal().homework_logs()
    assert (log.minutes, log.helpfulness, log.distress_before, log.distress_after) == (
        10,
        8,
        60,
        None,
    )
    assert log.note == "Calmer."
    assert not [name for name in kit.files() if name.startswith("draft-")]


def test_answers_survive_an_error_when_saving(kit, monkeypatch):
    def disk_full(*_args, **_kwargs):
        raise DiskFull()

    with monkeypatch.context() as patched:
        patched.setattr(ClientJournal, "add_entries", disk_full)
        failed = kit.run("add", "-i", input=lines(*ONLY_THE_SITUATION))
    assert failed.exit_code == 1
    assert failed.stderr.startswith("error: The disk is full")
    assert kit.ids() == []
    resumed = kit.ok("add", "-i", input=lines("y"))
    assert guided.RESUMING in resumed.stdout
    assert [kit.show(i)["situation"] for i in kit.ids()] == ["Slow reply."]


def test_deleting_an_entry_removes_its_unfinished_edit(kit):
    entry_id = kit.add("--situation", "Soon gone.")
    kit.run("edit", entry_id, "-i", input=lines("Changed my mind."))
    assert f"draft-edit-{entry_id}.age" in kit.files()
    kit.ok("delete", entry_id, "--yes")
    assert not [name for name in kit.files() if name.startswith("draft-")]
    assert "Unfinished" not in kit.ok("list").stdout
