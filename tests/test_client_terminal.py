"""The guided flows at a real terminal: nothing typed is lost, < goes back, lines are editable.

Each test runs ``securebase-journal`` on a pseudo-terminal (``tests.ptykit``)
and types as a person would: Ctrl+C, Ctrl+D and a closed window in the middle
of a question, arrow keys, the up-arrow history, a mistyped passphrase.
"""

import os
from datetime import datetime, timedelta

import pytest

from clienttools import asking, guided, prompts
from clienttools.asking import read_as
from clienttools.cli_checkin import DONE
from clienttools.draft_file import DraftFile
from clienttools.home import ClientHome
from clienttools.when import parse_when
from securebase.measures import GAD7
from tests.clientkit import PASSPHRASE, ClientKit
from tests.ptykit import Terminal
from tests.test_no_plaintext import new_canary, scan

CONTINUE = "Continue them? (y/n)"


pytest_plugins = ["tests.client_kit_fixtures"]  # therapist and kit


def at_terminal(kit: ClientKit, *args: str, **env) -> Terminal:
    values = {**os.environ, "TERM": "xterm", "INPUTRC": "/dev/null", **kit.env(**env)}
    return Terminal(list(args), {k: v for k, v in values.items() if v is not None})


def now() -> datetime:
    return datetime.now().astimezone()


def skip_to_the_end(term: Terminal, questions: int) -> None:
    for _ in range(questions):
        term.answer("")


# The questions of an entry that has only a situation, after the situation itself:
# when, triggers, feelings, body, thought, distress, urge, soothing, distress after,
# "I" statement, partner.
AFTER_THE_SITUATION = 11


def drafts(kit: ClientKit) -> list[str]:
    return sorted(name for name in kit.files() if name.startswith("draft-"))


@pytest.mark.parametrize("leave", ["ctrl-c", "close the window"])
def test_an_interrupted_entry_resumes_with_every_answer_and_the_half_typed_line(kit, leave):
    journal_before = kit.files()["journal.db.age"]
    term = at_terminal(kit, "add")
    term.expect(prompts.ASK_SITUATION)
    term.answer("Partner went quiet at dinner.")
    term.expect("When was it?")
    term.answer("yesterday 21:30")
    term.expect(prompts.ASK_TRIGGERS)
    term.answer("1, 3")
    term.expect(prompts.ASK_TRIGGER_NOTE)
    term.type("At din")  # half a sentence, then the person is gone
    if leave == "ctrl-c":
        term.press("ctrl-c")
        term.expect("Paused.")
        assert term.wait() == 1
    else:
        assert term.close() == 129
    assert kit.files()["journal.db.age"] == journal_before  # no entry yet
    assert drafts(kit) == ["draft-add.age"]
    assert b"Partner" not in kit.files()["draft-add.age"]  # encrypted on disk

    term = at_terminal(kit, "add")
    term.expect(CONTINUE)
    term.answer("y")
    shown = term.expect(prompts.ASK_TRIGGER_NOTE)
    assert guided.RESUMING in shown
    assert prompts.ASK_SITUATION not in shown  # kept answers are not asked again
    if leave == "ctrl-c":
        term.expect("At din")  # the half-typed words are back on the line, ready to finish
        term.answer("ner with friends.")
    else:  # a closed window takes the unfinished line with it (readline clears it first)
        term.answer("At dinner with friends.")
    skip_to_the_end(term, AFTER_THE_SITUATION - 2)  # the note was an extra question
    term.expect("Saved.")
    assert term.wait() == 0

    [entry_id] = kit.ids()
    entry = kit.show(entry_id)
    assert entry["situation"] == "Partner went quiet at dinner."
    assert entry["trigger_note"] == "At dinner with friends."
    assert entry["triggers"] == ["delayed_reply", "exclusion"]
    yesterday = now().date() - timedelta(days=1)
    assert entry["occurred_at"].startswith(f"{yesterday}T21:30:00")
    assert drafts(kit) == []


def test_ctrl_d_keeps_the_answers_and_a_draft_can_be_discarded(kit):
    term = at_terminal(kit, "add")
    term.expect(prompts.ASK_SITUATION)
    term.answer("A first try.")
    term.expect("When was it?")
    term.press("ctrl-d")
    term.expect("Paused.")
    assert term.wait() == 1
    assert drafts(kit) == ["draft-add.age"]

    term = at_terminal(kit, "add")
    term.expect(CONTINUE)
    term.answer("n")
    term.expect(guided.CONFIRM_DISCARD)
    term.answer("y")
    term.expect(prompts.ASK_SITUATION)
    term.answer("Starting afresh.")
    skip_to_the_end(term, AFTER_THE_SITUATION)
    term.expect("Saved.")
    assert term.wait() == 0
    assert [kit.show(i)["situation"] for i in kit.ids()] == ["Starting afresh."]
    assert drafts(kit) == []


def test_arrow_keys_edit_the_line_and_up_recalls_an_earlier_answer(kit):
    term = at_terminal(kit, "add")
    term.expect(prompts.ASK_SITUATION)
    term.type("Partner quiet.")
    term.press(*["left"] * 6)  # back to just before "quiet."
    term.type("went ")
    term.press("enter")
    term.expect("When was it?")
    term.answer("")
    term.expect(prompts.ASK_TRIGGERS)
    term.answer("")
    term.expect(prompts.ASK_FEELINGS)
    term.answer("")
    term.expect(prompts.ASK_BODY)
    term.press("up")  # the situation, from this session's history
    term.press("home")
    term.type("Still: ")
    term.press("enter")
    skip_to_the_end(term, AFTER_THE_SITUATION - 4)
    term.expect("Saved.")
    assert term.wait() == 0
    entry = kit.show(kit.ids()[0])
    assert entry["situation"] == "Partner went quiet."
    assert entry["body_sensations"] == "Still: Partner went quiet."
    assert "\x1b" not in entry["situation"] + entry["body_sensations"]


def test_going_back_one_question_and_every_way_of_writing_the_time(kit):
    """Each time form is typed at the "When" question, read back, then undone with <."""
    forms = [
        "21:30",
        "9pm",
        "6pm",
        "yesterday",
        "yesterday 21:30",
        "this morning",
        "Mon 9pm",
        "2026-11-20",
        "03/12/2026 07:30",
    ]
    term = at_terminal(kit, "add")
    term.expect(prompts.ASK_SITUATION)
    term.answer("Slow reply.")
    for form in forms:
        term.expect("When was it?")
        term.answer(form)
        if form == "03/12/2026 07:30":
            term.expect(asking.ASK_DATE_ORDER)
            term.answer("1")  # day first, remembered from now on
        moment = parse_when(form, now(), day_first=True)
        if moment > now() + timedelta(minutes=10):  # e.g. "this morning" before 08:00
            term.expect(asking.AGAIN_FUTURE)
            continue
        term.expect(read_as(moment).strip())
        term.expect(prompts.ASK_TRIGGERS)
        term.answer("<")
        term.expect(guided.BACK_ONE)
    term.expect("When was it?")
    term.answer("yesterday 08:15")
    skip_to_the_end(term, AFTER_THE_SITUATION - 1)
    term.expect("Saved.")
    assert term.wait() == 0
    yesterday = now().date() - timedelta(days=1)
    assert kit.show(kit.ids()[0])["occurred_at"].startswith(f"{yesterday}T08:15:00")
    assert kit.json("settings") == {"date_order": "day-first"}


def test_the_passphrase_comes_before_any_question_and_a_typo_is_asked_again(kit):
    term = at_terminal(kit, "checkin", "gad7", SECUREBASE_PASSPHRASE=None)
    shown = term.expect("Passphrase:")
    assert GAD7.items[0] not in shown
    term.answer("not the passphrase")
    shown = term.expect("Passphrase:")
    assert "That passphrase is not correct." in shown
    assert GAD7.items[0] not in shown
    term.answer(PASSPHRASE)
    term.expect(GAD7.items[0])
    for score in "0123012":
        term.answer(score)
    term.expect(DONE.splitlines()[0].split("{")[0])
    assert term.wait() == 0
    assert kit.json("list") == {"entries": []}
    assert kit.journal().store.db.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 1


def test_three_wrong_passphrases_end_before_any_question(kit):
    term = at_terminal(kit, "add", SECUREBASE_PASSPHRASE=None)
    for _ in range(3):
        term.expect("Passphrase:")
        term.answer("wrong again")
    term.expect("error: That passphrase is not correct.")
    assert term.wait() == 1
    assert prompts.ASK_SITUATION not in term.output
    assert drafts(kit) == []


def test_a_checkin_interrupted_resumes_and_goes_back(kit):
    term = at_terminal(kit, "checkin", "gad7")
    term.expect(GAD7.items[0])
    term.answer("3")
    term.expect(GAD7.items[1])
    term.answer("4")  # not on the scale: asked again in plain words
    term.expect("Please choose a number from 0 to 3.")
    term.answer("2")
    term.expect(GAD7.items[2])
    term.press("ctrl-c")
    term.expect("Paused.")
    assert term.wait() == 1
    assert drafts(kit) == ["draft-checkin-gad7.age"]

    term = at_terminal(kit, "checkin", "gad7")
    term.expect(CONTINUE)
    term.answer("y")
    shown = term.expect(GAD7.items[2])
    assert f"0 = {GAD7.options[0]}" in shown  # the scale, shown again on resuming
    assert GAD7.items[0] not in shown  # answered items are not asked again
    term.answer("<")  # change the second answer
    term.expect(GAD7.items[1])
    term.answer("1")
    for item, score in zip(GAD7.items[2:], "00000", strict=True):
        term.expect(item)
        term.answer(score)
    term.expect("total is 4 of 21")
    assert term.wait() == 0
    assert drafts(kit) == []


def test_an_edit_interrupted_resumes_for_the_same_entry(kit):
    entry_id = kit.add("--situation", "Before.", "--trigger", "conflict")
    term = at_terminal(kit, "edit", entry_id[:8])
    term.expect("What happened?")
    term.answer("After.")
    term.expect("When was it?")
    term.answer("")
    term.expect(asking.CHOICE_PROMPT)
    shown = term.expect("[Argument or criticism]")  # the current answer by its label
    assert "conflict" not in shown  # never its key
    term.press("ctrl-c")
    term.expect("Paused.")
    assert term.wait() == 1
    assert kit.show(entry_id)["situation"] == "Before."

    term = at_terminal(kit, "edit", entry_id[:8])
    term.expect(CONTINUE)
    term.answer("y")
    skip_to_the_end(term, 11)  # triggers kept, its note, and the rest
    term.expect("Updated.")
    assert term.wait() == 0
    entry = kit.show(entry_id)
    assert (entry["situation"], entry["revision"], entry["triggers"]) == ("After.", 2, ["conflict"])
    assert drafts(kit) == []


def test_an_unfinished_draft_leaves_no_plaintext_on_disk(kit, tmp_path):
    canary = new_canary()
    term = at_terminal(kit, "add", TMPDIR=str(tmp_path))
    term.expect(prompts.ASK_SITUATION)
    term.answer(f"{canary} at dinner.")
    term.expect("When was it?")
    term.type(f"{canary} half typed")
    term.press("ctrl-c")
    term.expect("Paused.")
    assert term.wait() == 1
    hits, searched = scan([kit.home, tmp_path], canary)
    assert hits == {}
    assert (kit.home / "draft-add.age").resolve() in searched
    journal = kit.journal()
    kept = DraftFile(ClientHome(kit.home), journal.identity, "add").load()
    assert kept["answers"][0][1] == f"{canary} at dinner."  # the scan would have seen it
    assert kept["partial"][1] == f"{canary} half typed"
