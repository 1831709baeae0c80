"""Every refusal a client can meet in ``securebase-journal`` speaks the client's language.

The walk below runs each refusal path of the client's command line (bad
options, bad JSON, bad CSV rows, wrong ids, wrong passphrase, missing
journal, wrong answers in the guided questions, ...) through the real
entry point and fails on validator text ("String should have at least 1
character", "is not in the range 0<=x<=3", "Invalid value for"), Python
words, raw field paths or vocabulary keys ("urge.acted", "delayed_reply"),
choice lists in braces ("{gad7}") and therapist words ("vault").
"""

import json
import re

import pytest

from clienttools import asking
from securebase.errors import SecureBaseError
from securebase.identity import Identity
from securebase.messages import CATALOGUE
from securebase.messages_client import CLIENT_CATALOGUE, FIELD_QUESTIONS, describe_for_client
from tests.clientkit import ClientKit, lines
from tests.test_client_prompts import FULL_WALK

FORBIDDEN = [
    r"String should",
    r"Input should",
    r"should be a valid",
    r"\bis required\b",
    r"not a field of this format",
    r"(less|greater) than or equal",
    r"not in the range",
    r"<=x|x>=|x<=",
    r"Invalid value",
    r"is not one of '",
    r"not a valid integer",
    r"Traceback|Exception|Error:|Value error|Aborted!",
    r"[{}]",
    r"\bvault\b",
    r"\bmust not\b",
    r"\bISO 8601\b",
    r"\b[a-z]+_[a-z_]+\b",  # field names and vocabulary keys (distress_before, delayed_reply)
    r"\b(urge|challenge|need_statement|emotions|soothing|triggers)(\.|\[)",  # field paths
]
MARKER = "PRIVATE-MARKER-5520"


def developer_words(text: str) -> list[str]:
    return [pattern for pattern in FORBIDDEN if re.search(pattern, text)]


@pytest.fixture(scope="module")
def therapist() -> Identity:
    return Identity.generate()


@pytest.fixture
def kit(tmp_path, therapist) -> ClientKit:
    kit = ClientKit(tmp_path / "home", therapist).init()
    kit.add("--situation", "Already here.")
    return kit


def csv_file(tmp_path, text: str) -> str:
    path = tmp_path / "sheet.csv"
    path.write_bytes(text.encode("utf-8"))
    return str(path)


# (command line, stdin) pairs that are refused; {csv} is replaced by a file's path.
ADD = ["add", "--situation", "Something."]
REFUSED = {
    "urge too strong": ([*ADD, "--urge", "11", "--acted"], None),
    "urge without acted": ([*ADD, "--urge", "5"], None),
    "belief not a number": ([*ADD, "--belief-before", "abc"], None),
    "belief over 100": ([*ADD, "--belief-before", "101"], None),
    "unknown feeling": ([*ADD, "--emotion", "joy=50"], None),
    "feeling without =": ([*ADD, "--emotion", "anxiety=x"], None),
    "same feeling twice": ([*ADD, "--emotion", "anxiety=5", "--emotion", "anxiety=6"], None),
    "unknown trigger": ([*ADD, "--trigger", "banana"], None),
    "same trigger twice": ([*ADD, "--trigger", "conflict", "--trigger", "conflict"], None),
    "soothing too long": ([*ADD, "--soothing", "grounding=2000"], None),
    "time unreadable": ([*ADD, "--occurred-at", "banana"], None),
    "time in the future": ([*ADD, "--occurred-at", "2099-01-01 10:00"], None),
    "time long ago": ([*ADD, "--occurred-at", "1999-12-31 10:00"], None),
    "date order unknown": ([*ADD, "--occurred-at", "03/04/2026 10:00"], None),
    "situation blank": (["add", "--situation", " ", "--tag", "x"], None),
    "situation too long": (["add", "--situation", "x" * 4001], None),
    "tag too long": ([*ADD, "--tag", "x" * 51], None),
    "too many partner items": ([*ADD, *["--partner-positive", "Kind."] * 21], None),
    "assignment not an id": ([*ADD, "--assignment", "not-an-id"], None),
    "hidden characters": (["add", "--situation", "Esc \x1b[31m"], None),
    "nothing to add": (["add"], ""),
    "interactive and options": (["add", "-i", "--situation", "Both."], None),
    "json unreadable": (["add", "--json", "-"], "{not json"),
    "json not entries": (["add", "--json", "-"], "[5]"),
    "json unknown name": (["add", "--json", "-"], json.dumps({"situation": "x", "mood": 3})),
    "json wrong type": (["add", "--json", "-"], json.dumps({"situation": "x", "urge": 5})),
    "json bad id": (["add", "--json", "-"], json.dumps({"id": "nope", "situation": "x"})),
    "json values": (
        ["add", "--json", "-"],
        json.dumps([{"situation": MARKER, "urge": {"intensity": "7", "acted": "no"}}]),
    ),
    "edit unknown id": (["edit", "ffffffff", "--situation", "x"], None),
    "edit without changes": (["edit", "{id}"], ""),
    "edit out of range": (["edit", "{id}", "--distress-after", "500"], None),
    "show unknown id": (["show", "0000"], None),
    "show too short an id": (["show", "ab"], None),
    "delete declined": (["delete", "{id}"], "n\n"),
    "list zero": (["list", "--last", "0"], None),
    "list since unreadable": (["list", "--since", "banana"], None),
    "list since ambiguous": (["list", "--since", "03/04/2026"], None),
    "export backwards": (
        ["export", "--since", "2026-03-05", "--until", "2026-03-01", "--out", "{out}"],
        None,
    ),
    "export since unreadable": (["export", "--since", "someday", "--out", "{out}"], None),
    "sent nothing made": (["sent"], None),
    "sent zero": (["sent", "0"], None),
    "sent not a number": (["sent", "two"], None),
    "checkin unknown": (["checkin", "phq5"], None),
    "checkin answers short": (["checkin", "gad7", "--answers", "0,1,2"], None),
    "checkin answer too big": (["checkin", "gad7", "--answers", "0,1,2,3,0,1,4"], None),
    "checkin answers words": (["checkin", "gad7", "--answers", "a,b,c,d,e,f,g"], None),
    "homework unknown": (["homework", "log", "breathing"], None),
    "homework minutes": (["homework", "log", "x", "--minutes", "5000"], None),
    "homework helpfulness": (["homework", "log", "x", "--helpfulness", "x"], None),
    "homework not a pack": (["homework", "import", "{csv}"], None),
    "settings wrong order": (["settings", "--date-order", "sideways"], None),
    "csv bad rows": (["import-csv", "{csv}"], None),
    "csv unknown column": (["import-csv", "{csv}"], None),
    "csv ambiguous date": (["import-csv", "{csv}"], None),
    "csv missing": (["import-csv", "no-such-file.csv"], None),
    "second init": (["init", "--invitation", "{invitation}"], None),
    "unknown option": (["add", "--mood", "3"], None),
    "unknown command": (["journal"], None),
}
CSV_TEXT = {
    "csv bad rows": (
        "situation,belief_before,urge_intensity,triggers,emotions\n"
        f"{MARKER},900,5,delayed_reply;banana,anxiety=10;anxiety=20\n"
        ",,,,\n"
        "Fine.,,,,\n"
        " ,1,,,\n"
    ),
    "csv unknown column": "situation,mood\nx,3\n",
    "csv ambiguous date": "situation,occurred_at\nx,03/04/2026 10:00\n",
    "homework not a pack": "situation\nnot a pack\n",
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_every_refusal_is_in_the_clients_words(kit, tmp_path, name):
    args, stdin = REFUSED[name]
    entry_id = kit.ids()[0]
    path = csv_file(tmp_path, CSV_TEXT.get(name, "situation\nx\n"))
    out = tmp_path / "export.age"
    args = [a.format(id=entry_id, csv=path, invitation=kit.invitation, out=out) for a in args]
    before = kit.files()
    result = kit.run(*args, input=stdin)
    said = result.stdout + result.stderr
    assert result.exit_code != 0, said
    assert result.stderr.startswith("error: ") or name == "delete declined", said
    assert developer_words(said) == [], said
    assert MARKER not in said
    assert kit.files() == before  # a refusal changes nothing
    assert not out.exists()


def test_a_wrong_passphrase_and_a_missing_journal_speak_plainly(kit, tmp_path, therapist):
    wrong = kit.run("list", SECUREBASE_PASSPHRASE="not it")
    missing = ClientKit(tmp_path / "nowhere", therapist).run("list")
    for result in (wrong, missing):
        assert result.exit_code == 1
        assert developer_words(result.stderr) == [], result.stderr
    assert missing.stderr.startswith("error: No journal was found here.")


def test_wrong_answers_in_the_guided_questions_are_re_asked_plainly(kit):
    result = kit.ok("add", "--interactive", input=lines(*FULL_WALK))
    said = result.stdout + result.stderr
    assert asking.AGAIN_WHEN in said
    assert asking.AGAIN_CHOICE in said
    assert developer_words(said) == [], said
    checkin = kit.ok("checkin", "gad7", input=lines("4", "x", "0", *"123012"))
    assert "Please choose a number from 0 to 3." in checkin.stdout
    assert developer_words(checkin.stdout + checkin.stderr) == []


def reachable_codes() -> set[str]:
    """Error codes of the core a client's front end can meet (the therapist's are left out)."""
    therapist_only = {
        "unknown_client",
        "client_not_found",
        "invalid_label",
        "invalid_record",
        "ambiguous_client",
        "client_archived",
        "key_changed",
        "key_mismatch",
        "no_pending_key",
        "label_taken",
        "vault_format_unknown",
        "vault_error",
        "homework_error",
        "unknown_exercise",
        "exercise_exists",
        "no_client_key",
        "invalid_document",
        "document_too_large",
        "malformed_json",
        "unexpected_signer",
        "recipient_mismatch",
        "address_not_local",
        "fonts_missing",  # PDFs are made on the therapist's side only
    }
    return set(CATALOGUE) - therapist_only


@pytest.mark.parametrize("code", sorted(reachable_codes()))
def test_every_catalogue_message_a_client_can_meet_is_plain(code):
    error = type("Raised", (SecureBaseError,), {"code": code})()
    message = describe_for_client(error)
    assert developer_words(message.text + " " + message.hint) == [], (code, message)


def test_every_question_label_is_plain_words():
    for path, label in FIELD_QUESTIONS.items():
        assert developer_words(label) == [], path


def test_client_overrides_exist_only_for_known_codes():
    assert set(CLIENT_CATALOGUE) <= set(CATALOGUE)
