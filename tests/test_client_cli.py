"""``securebase-journal`` end to end: set-up, entries, filters, exports, check-ins, errors."""

import json
from datetime import date, datetime, timedelta

import pytest

from clienttools import wording
from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.invitation import decode_invitation
from securebase.journal import EntryTombstone, JournalEntry
from securebase.measures import GAD7
from securebase.messages import CATALOGUE
from tests.clientkit import PASSPHRASE, TEMPLATE, THERAPIST_LABEL, ClientKit, invite, lines

MARKER = "PRIVATE-MARKER-4471"
ASSIGNMENT = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"


pytest_plugins = ["tests.client_kit_fixtures"]  # therapist and kit


@pytest.fixture
def fresh(tmp_path, therapist) -> ClientKit:
    """A home with nothing set up yet."""
    return ClientKit(tmp_path / "home", therapist)


def days_ago(days: int) -> date:
    return datetime.now().astimezone().date() - timedelta(days=days)


# -- init -------------------------------------------------------------------------


def test_init_prints_the_fingerprint_and_where_to_get_urgent_help(fresh, therapist):
    result = fresh.ok("init", "--invitation", invite(therapist))
    assert f"Exports go to: {THERAPIST_LABEL}" in result.stdout
    assert therapist.public.fingerprint in result.stdout
    assert wording.URGENT_HELP.strip() in result.stdout
    assert {"identity.age", "journal.db.age"} <= set(fresh.files())


def test_init_json_reports_the_link_to_the_therapist(fresh, therapist):
    code = invite(therapist)
    fresh.invitation = code
    payload = json.loads(fresh.ok("init", "--invitation", code, "--json").stdout)
    assert set(payload) == {
        "client_id", "therapist_label", "therapist_fingerprint", "fingerprint", "home"
    }  # fmt: skip
    assert payload["fingerprint"] == fresh.journal().identity.public.fingerprint
    assert payload["client_id"] == str(decode_invitation(code).client_id)
    assert payload["therapist_label"] == THERAPIST_LABEL
    assert payload["therapist_fingerprint"] == therapist.public.fingerprint
    assert payload["home"] == str(fresh.home)


def test_a_second_init_is_refused_and_changes_nothing(kit, therapist):
    before = kit.files()
    result = kit.run("init", "--invitation", invite(therapist))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert wording.NOTHING_CHANGED in result.stderr
    assert kit.files() == before


def mistype(code: str) -> str:
    """The code with one character swapped for another valid Bech32 character."""
    index = len(code) // 2
    swapped = "Q" if code[index] != "Q" else "P"
    return code[:index] + swapped + code[index + 1 :]


def test_a_mistyped_invitation_is_refused_and_nothing_is_created(fresh, therapist):
    result = fresh.run("init", "--invitation", mistype(invite(therapist)))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: That invitation code is not valid.")
    assert "\nhint: " in result.stderr
    assert not (fresh.home / "identity.age").exists()


def test_a_mistyped_invitation_is_asked_again_when_prompted(fresh, therapist):
    code = invite(therapist)
    result = fresh.ok("init", "--json", input=lines(mistype(code), "hello", code))
    assert result.stdout.count("That code does not look right") == 2
    payload = json.loads(result.stdout.splitlines()[-1])
    assert payload["client_id"] == str(decode_invitation(code).client_id)


def test_passphrase_prompt_asks_again_when_too_short_or_not_matching(fresh, therapist):
    answers = lines("short", "short", "long enough one", "a different one", PASSPHRASE, PASSPHRASE)
    result = fresh.ok(
        "init",
        "--invitation",
        invite(therapist),
        input=answers,
        SECUREBASE_PASSPHRASE=None,
    )
    assert CATALOGUE["weak_passphrase"].text in result.stdout  # "short": kindly refused
    assert "do not match" in result.stdout + result.stderr
    assert fresh.json("list") == {"entries": []}  # opens with the passphrase finally chosen
    for refused in ("short", "long enough one"):
        assert fresh.run("list", SECUREBASE_PASSPHRASE=refused).exit_code == 1


# -- the passphrase ------------------------------------------------------------------


COMMANDS_THAT_OPEN_THE_JOURNAL = [
    ["list"],
    ["show", "{id}"],
    ["add", "--situation", "A quiet evening."],
    ["add", "--interactive"],
    ["edit", "{id}", "--situation", "Changed."],
    ["delete", "{id}", "--yes"],
    ["export", "--out", "{out}"],
    ["checkin", "gad7", "--answers", "0,1,2,3,0,1,2"],
    ["import-csv", str(TEMPLATE)],
]


@pytest.mark.parametrize("command", COMMANDS_THAT_OPEN_THE_JOURNAL, ids=lambda c: " ".join(c[:2]))
def test_a_wrong_passphrase_is_a_calm_error_and_changes_nothing(kit, tmp_path, command):
    entry_id = kit.add("--situation", "First entry.")
    before = kit.files()
    args = [part.format(id=entry_id, out=tmp_path / "out.age") for part in command]
    result = kit.run(*args, input=lines("Something happened."), SECUREBASE_PASSPHRASE="not it")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: That passphrase is not correct.",
        "hint: Check Caps Lock and the keyboard layout, then try again.",
    ]
    assert "Traceback" not in result.output + result.stderr
    assert kit.files() == before
    assert not (tmp_path / "out.age").exists()


# -- adding with flags or JSON ----------------------------------------------------------


def test_add_with_every_flag_saves_every_field(kit):
    occurred = f"{days_ago(1)} 21:30"
    entry_id = kit.add(
        *("--occurred-at", occurred, "--situation", "No reply all afternoon."),
        *("--trigger", "delayed_reply", "--trigger", "partner_unavailable"),
        *("--trigger-note", "Third time this week.", "--emotion", "anxiety=80"),
        *("--emotion", "loneliness=40", "--body-sensations", "Tight chest."),
        *("--automatic-thought", "They are pulling away.", "--belief-before", "85"),
        *("--distress-before", "75", "--distress-after", "30"),
        *("--urge", "8", "--resisted", "--behaviour", "checking_phone", "--delay", "25"),
        *("--soothing", "paced_breathing=10", "--soothing", "grounding"),
        *("--distortion", "mind_reading", "--evidence-for", "The reply is late."),
        *("--evidence-against", "They said work is busy.", "--balanced-thought", "Busy day."),
        *("--belief-after", "30", "--need", "I feel uneasy; could you text?", "--shared"),
        *("--partner-positive", "Called at six.", "--partner-positive", "Made tea."),
        *("--assignment", ASSIGNMENT, "--tag", "evening", "--tag", "work"),
    )
    entry = kit.show(entry_id)
    assert entry["occurred_at"].startswith(f"{days_ago(1)}T21:30:00")
    assert entry["revision"] == 1
    expected = {
        "situation": "No reply all afternoon.",
        "triggers": ["delayed_reply", "partner_unavailable"],
        "trigger_note": "Third time this week.",
        "emotions": [
            {"emotion": "anxiety", "intensity": 80},
            {"emotion": "loneliness", "intensity": 40},
        ],
        "body_sensations": "Tight chest.",
        "automatic_thought": "They are pulling away.",
        "belief_before": 85,
        "distress_before": 75,
        "distress_after": 30,
        "urge": {
            "intensity": 8,
            "acted": False,
            "behaviours": ["checking_phone"],
            "delay_minutes": 25,
        },
        "soothing": [
            {"technique": "paced_breathing", "minutes": 10},
            {"technique": "grounding", "minutes": None},
        ],
        "challenge": {
            "distortions": ["mind_reading"],
            "evidence_for": "The reply is late.",
            "evidence_against": "They said work is busy.",
            "balanced_thought": "Busy day.",
            "belief_after": 30,
        },
        "need_statement": {"text": "I feel uneasy; could you text?", "shared": True},
        "partner_positive": ["Called at six.", "Made tea."],
        "assignment_id": ASSIGNMENT,
        "tags": ["evening", "work"],
    }
    assert {key: entry[key] for key in expected} == expected


def test_add_acted_and_not_shared_flags(kit):
    entry = kit.show(
        kit.add("--situation", "Argued.", "--urge", "6", "--acted", "--need", "I", "--not-shared")
    )
    assert entry["urge"] == {"intensity": 6, "acted": True, "behaviours": [], "delay_minutes": None}
    assert entry["need_statement"] == {"text": "I", "shared": False}


def test_add_text_output_thanks_the_person(kit):
    result = kit.ok("add", "--situation", "A calm day.")
    assert result.stdout.splitlines()[-1] == wording.SAVED_ENTRY
    assert "A calm day." in result.stdout


def test_add_reads_one_json_object_from_stdin(kit):
    draft = {"situation": "From a script.", "triggers": ["conflict"], "distress_before": 40}
    saved = kit.json("add", "--json", "-", input=json.dumps(draft))["entries"]
    assert [entry["revision"] for entry in saved] == [1]
    entry = kit.show(saved[0]["id"])
    assert {key: entry[key] for key in draft} == draft


def test_add_reads_a_list_of_json_objects(kit):
    drafts = [{"situation": "One."}, {"situation": "Two.", "tags": ["b"]}]
    saved = kit.json("add", "--json", "-", input=json.dumps(drafts))["entries"]
    assert sorted(kit.show(e["id"])["situation"] for e in saved) == ["One.", "Two."]
    assert len(kit.ids()) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["--urge", "11", "--acted"],
            "How strong the urge to seek reassurance was: please use a number no higher than 10.",
        ),
        (["--urge", "5"], "Whether you acted on the urge: needs an answer."),
        (
            ["--belief-before", "101"],
            "How much you believed the thought: please use a number no higher than 100.",
        ),
        (["--emotion", "joy=50"], "Feelings: something there is not on the list of choices."),
        (
            ["--trigger", "banana"],
            "What set it off: something there is not on the list of choices.",
        ),
        (
            ["--soothing", "grounding=2000"],
            "Minutes spent soothing yourself: please use a number no higher than 1440.",
        ),
        (
            ["--occurred-at", "1999-12-31 10:00"],
            "When it happened: that date is very far off; please check the year.",
        ),
        (["--assignment", "not-a-uuid"], "Which homework it is for: that is not a valid id."),
    ],
)
def test_invalid_flags_name_the_question_and_save_nothing(kit, args, words):
    kit.add("--situation", "Already here.")
    before = kit.ids()
    result = kit.run("add", "--situation", "Something.", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: Some of what you entered could not be saved:",
        f"  - {words}",
        "hint: Change the answers named above and try again; nothing was saved.",
    ]
    assert kit.ids() == before


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        ({"situation": "x", "mood": 3}, "One of the names given: is not part of a journal entry."),
        ({"situation": "   "}, "What happened: cannot be left empty."),
        (
            [{"situation": "fine"}, {"situation": "x", "distress_after": "40"}],
            "Entry 2, how distressed you feel now: please use a whole number.",
        ),
    ],
)
def test_invalid_json_names_the_question_and_saves_nothing(kit, draft, words):
    result = kit.run("add", "--json", "-", input=json.dumps(draft))
    assert result.exit_code == 1
    assert f"  - {words}" in result.stderr.splitlines()
    assert kit.ids() == []


def test_error_messages_never_repeat_what_was_written(kit):
    drafts = [
        {"situation": f"{MARKER} a", "urge": {"intensity": 99, "acted": MARKER}},
        {"situation": "b", "emotions": [{"emotion": MARKER, "intensity": 10}]},
        {"situation": "c", "occurred_at": MARKER, "tags": [MARKER * 10]},
        {"situation": "d", MARKER: 1},
    ]
    result = kit.run("add", "--json", "-", input=json.dumps(drafts))
    assert result.exit_code == 1
    assert "Entry 1, how strong the urge to seek reassurance was" in result.stderr
    assert MARKER not in result.stdout + result.stderr
    flagged = kit.run("add", "--situation", MARKER, "--emotion", f"{MARKER}=5")
    assert flagged.exit_code == 1
    assert MARKER not in flagged.stdout + flagged.stderr


# -- editing and deleting ------------------------------------------------------------------


def test_edit_with_flags_bumps_the_revision_and_keeps_other_fields(kit):
    entry_id = kit.add("--situation", "Before.", "--trigger", "conflict", "--urge", "4", "--acted")
    before = kit.show(entry_id)
    edited = kit.json("edit", entry_id[:8], "--situation", "After.", "--delay", "15")
    assert edited == {"id": entry_id, "revision": 2}
    after = kit.show(entry_id)
    assert after["situation"] == "After."
    assert after["urge"] == {**before["urge"], "delay_minutes": 15}
    unchanged = set(before) - {"situation", "urge", "revision"}
    assert {key: after[key] for key in unchanged} == {key: before[key] for key in unchanged}


def test_edit_interactively_changes_only_what_was_typed(kit):
    entry_id = kit.add("--situation", "Before.", "--distress-before", "60", "--tag", "keep")
    answers = ["After.", "", "", "", "", "", "-", "", "", "", "", ""]
    result = kit.ok("edit", entry_id, "--interactive", input=lines(*answers))
    assert "Updated." in result.stdout
    entry = kit.show(entry_id)
    assert entry["revision"] == 2
    assert entry["situation"] == "After."
    assert entry["distress_before"] is None  # "-" cleared it
    assert entry["tags"] == ["keep"]


def test_edit_interactively_with_no_change_saves_nothing(kit):
    entry_id = kit.add("--situation", "Same.")
    result = kit.ok("edit", entry_id, "-i", input=lines(*[""] * 12))
    assert wording.NOTHING_CHANGED in result.stdout
    assert kit.show(entry_id)["revision"] == 1


def test_delete_with_yes_removes_the_entry(kit):
    keep, gone = kit.add("--situation", "Keep."), kit.add("--situation", "Remove.")
    assert kit.json("delete", gone, "--yes") == {"id": gone, "revision": 2, "deleted": True}
    assert kit.ids() == [keep]


def test_delete_declined_changes_nothing(kit):
    entry_id = kit.add("--situation", "Stay.")
    before = kit.files()
    result = kit.run("delete", entry_id, input=lines("n"))
    assert result.exit_code == 1
    assert "Delete this entry?" in result.stdout
    assert kit.ids() == [entry_id]
    assert kit.files() == before


# -- listing ---------------------------------------------------------------------------------


@pytest.fixture
def three_entries(kit):
    return {
        "old": kit.add("--situation", "Old.", "--occurred-at", f"{days_ago(10)} 09:00"),
        "mid": kit.add(
            *("--situation", "Mid.", "--occurred-at", f"{days_ago(5)} 09:00"),
            *("--trigger", "conflict"),
        ),
        "new": kit.add("--situation", "New.", "--occurred-at", f"{days_ago(1)} 09:00"),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ([], ["new", "mid", "old"]),
        (["--last", "2"], ["new", "mid"]),
        (["-n", "1"], ["new"]),
        (["--since", "{5}"], ["new", "mid"]),
        (["--until", "{5}"], ["mid", "old"]),
        (["--since", "{6}", "--until", "{2}"], ["mid"]),
        (["--trigger", "conflict"], ["mid"]),
        (["--trigger", "jealousy"], []),
    ],
)
def test_list_filters(kit, three_entries, filters, expected):
    args = [days_ago(int(f[1:-1])).isoformat() if f.startswith("{") else f for f in filters]
    assert kit.ids(*args) == [three_entries[name] for name in expected]


def test_list_text_shows_one_line_per_entry(kit, three_entries):
    output = kit.ok("list").stdout.splitlines()
    assert [line[:8] for line in output] == [three_entries[n][:8] for n in ("new", "mid", "old")]
    assert "Argument or criticism" in output[1]


# -- exporting ---------------------------------------------------------------------------------


def open_export(kit: ClientKit, path):
    signer = kit.journal().identity.public.signing_key
    unsealed = open_sealed(path.read_bytes(), kit.therapist, expected_signer=signer)
    return parse_export(unsealed.document)


def test_export_opens_for_the_therapist(kit, tmp_path):
    entry_id = kit.add("--situation", "Exported.", "--urge", "3", "--resisted")
    kit.ok("checkin", "gad7", "--answers", "0,1,2,3,0,1,2")
    out = tmp_path / "week.age"
    payload = kit.json("export", "--out", str(out))
    assert payload == {
        "file": str(out),
        "entries": 1,
        "deleted": 0,
        "homework_logs": 0,
        "checkins": 1,
        "sequence": 1,
        "fingerprint": kit.journal().identity.public.fingerprint,
    }
    document = open_export(kit, out)
    assert [str(e.id) for e in document.entries] == [entry_id]
    assert document.entries[0].situation == "Exported."
    assert document.sequence == 1
    assert document.client_id == decode_invitation(kit.invitation).client_id
    assert [c.answers for c in document.checkins] == [[0, 1, 2, 3, 0, 1, 2]]


def test_export_text_lists_what_goes_and_where_the_file_went(kit, tmp_path):
    kit.add("--situation", "One.", "--occurred-at", f"{days_ago(2)} 21:30")
    gone = kit.add("--situation", f"Gone {MARKER}.")
    kit.ok("delete", gone, "--yes")
    result = kit.ok("export", "--out", str(tmp_path / "a.age"))
    lines = result.stdout.splitlines()
    assert lines[0] == wording.EXPORT_HOLDS.format(therapist=THERAPIST_LABEL)
    day = days_ago(2)
    assert lines[1] == f"  {day:%a} {day.day} {day:%b} 21:30  One."
    assert lines[2] == "1 entry, 1 deleted entry, 0 homework logs, 0 check-ins"
    assert wording.EXPORT_SAVED.format(file=tmp_path / "a.age") in lines
    assert MARKER not in result.stdout  # a deleted entry's words are gone
    assert "securebase-journal sent 1" in result.stdout  # no terminal: not asked, not marked


def test_edits_and_deletions_reach_the_next_export(kit, tmp_path):
    kept = kit.add("--situation", "Kept.")
    removed = kit.add("--situation", f"Removed {MARKER}.")
    first = kit.json("export", "--out", str(tmp_path / "1.age"))
    kit.ok("edit", kept, "--situation", "Kept, edited.")
    kit.ok("delete", removed, "--yes")
    second = kit.json("export", "--out", str(tmp_path / "2.age"))
    assert (first["sequence"], second["sequence"]) == (1, 2)
    document = open_export(kit, tmp_path / "2.age")
    by_id = {str(e.id): e for e in document.entries}
    assert isinstance(by_id[kept], JournalEntry)
    assert (by_id[kept].revision, by_id[kept].situation) == (2, "Kept, edited.")
    tombstone = by_id[removed]
    assert isinstance(tombstone, EntryTombstone)
    assert tombstone.revision == 2
    assert set(tombstone.model_dump()) == {"id", "revision", "deleted", "recorded_at"}
    signer = kit.journal().identity.public.signing_key
    plain = open_sealed((tmp_path / "2.age").read_bytes(), kit.therapist, expected_signer=signer)
    assert MARKER.encode() not in plain.document


def test_export_since_until_limits_the_entries(kit, tmp_path):
    kit.add("--situation", "Too early.", "--occurred-at", f"{days_ago(20)} 10:00")
    inside = kit.add("--situation", "Inside.", "--occurred-at", f"{days_ago(3)} 10:00")
    kit.add("--situation", "Too late.", "--occurred-at", f"{days_ago(0)} 00:01")
    out = tmp_path / "range.age"
    since, until = days_ago(4).isoformat(), days_ago(2).isoformat()
    payload = kit.json("export", "--since", since, "--until", until, "--out", str(out))
    assert payload["entries"] == 1
    document = open_export(kit, out)
    assert [str(e.id) for e in document.entries] == [inside]
    assert document.period.start.isoformat() == since


def test_export_armor_writes_ascii(kit, tmp_path):
    kit.add("--situation", "Armored.")
    out = tmp_path / "armored.age"
    kit.ok("export", "--armor", "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert data.decode("ascii").isascii()
    assert open_export(kit, out).entries[0].situation == "Armored."


# -- check-ins and help --------------------------------------------------------------------------


def test_checkin_gad7_with_answers(kit):
    payload = kit.json("checkin", "gad7", "--answers", "0,1,2,3,0,1,2")
    assert payload == {"measure": "gad7", "total": 9, "band": "mild"}


@pytest.mark.parametrize("answers", ["0,1,2", "0,1,2,3,0,1,4", "a,b,c,d,e,f,g", "0,1,2,3,0,1,2,3"])
def test_checkin_refuses_bad_answers(kit, answers):
    result = kit.run("checkin", "gad7", "--answers", answers)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "error: --answers: Give 7 numbers from 0 to 3, separated by commas."
    )
    assert kit.journal().store.db.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 0


def test_checkin_interactive_shows_the_items_and_the_copyright(kit):
    result = kit.ok("checkin", "gad7", input=lines("0", "1", "7", "2", "3", "0", "1", "2"))
    for item in GAD7.items:
        assert item in result.stdout
    assert GAD7.copyright in result.stdout
    assert "total is 9 of 21 (mild)" in result.stdout


def test_help_urgent_prints_where_to_get_help(fresh):
    result = fresh.ok("help", "urgent")
    assert result.stdout.startswith(wording.URGENT_HELP)
    assert "Call 116 123" in result.stdout  # the default crisis resources
    assert "988" in result.stdout
