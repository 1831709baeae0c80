"""Flags that do not get lost: screened on arrival, kept until reviewed, named precisely.

Real vaults (age, SQLite) and real sealed exports (``export_factory``); the
receipt time is the real clock, so dates are counted from today.
"""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from securebase.analytics.brief import brief_flags, client_brief, session_brief
from securebase.analytics.caseload import caseload, caseload_client
from securebase.analytics.load import client_frames
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.errors import FlagNotFound
from securebase.flag_review import review_all_open, review_flags
from securebase.flag_store import open_flags, period_flags, screen_version
from securebase.importer import import_files, rebuild
from securebase.period import Period
from securebase.presentation.brief_words import flag_sentence
from securebase.therapist_records import add_session_note
from securebase.vault import Vault
from tests.export_factory import MARKER, FakeClient, checkin, entry, item_id

PASSPHRASE = "correct horse battery staple"
RISK = f"{MARKER} I want to kill myself"
TODAY = datetime.now(UTC).date()
WEEK = Period(TODAY - timedelta(days=6), TODAY)


def _at(day: date, hour: int = 21) -> str:
    return f"{day:%Y-%m-%d}T{hour:02d}:30:00+01:00"


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


@pytest.fixture
def client(vault) -> FakeClient:
    return FakeClient.join(vault, "Alex")


def _send(vault, client, sequence, entries=(), checkins=()):
    result = import_files(vault, [(f"{sequence}", client.export(sequence, entries, (), checkins))])
    assert result[0].status == "imported", result[0].error


def _risk_entry(name: str, occurred: date, recorded: date | None = None, **fields) -> dict:
    recorded = recorded or occurred
    return entry(
        name,
        occurred_at=_at(occurred),
        recorded_at=_at(recorded, 22),
        automatic_thought=RISK,
        **fields,
    )


def _ids(frame) -> set[str]:
    return set(frame["source_id"])


def test_a_back_dated_risk_entry_is_flagged_in_this_week(vault, client):
    # Written today about a night 33 days ago: outside the week by its date, inside by
    # when it was written and received.
    _send(vault, client, 1, [_risk_entry("back", TODAY - timedelta(days=33), TODAY)])
    week = period_flags(vault.store.db, client.client_id, WEEK.start, WEEK.end)
    assert _ids(week) == {item_id("back")}
    flag = client_brief(vault, client.client_id, WEEK.start, WEEK.end).flags[0]
    assert flag["open"] is True
    assert flag["where"] == "automatic_thought"
    assert flag["source_words"].startswith(
        f"entry dated {TODAY - timedelta(days=33):%a %d %b %Y}, written {TODAY:%a %d %b %Y}"
    )
    assert flag["source_words"].endswith(": anxious thought")


def test_a_future_dated_risk_entry_is_flagged_too(vault, client):
    # A clock set 30 days ahead: dated and "written" in the future, received today.
    future = TODAY + timedelta(days=30)
    _send(vault, client, 1, [_risk_entry("ahead", future)])
    assert _ids(period_flags(vault.store.db, client.client_id, WEEK.start, WEEK.end)) == {
        item_id("ahead")
    }
    row = caseload([caseload_client(vault.store.db, client.client_id, "Alex", None, TODAY)], TODAY)
    assert row["flags"].iloc[0] == 1
    assert row["attention"].iloc[0].startswith("1 flag to look at")


def test_a_flag_stays_open_past_its_period_until_reviewed_and_the_review_is_audited(vault, client):
    _send(vault, client, 1, [_risk_entry("old", TODAY - timedelta(days=90))])
    later = Period(TODAY + timedelta(days=60), TODAY + timedelta(days=66))  # weeks from now
    db = vault.store.db
    assert _ids(period_flags(db, client.client_id, later.start, later.end)) == {item_id("old")}
    assert _ids(open_flags(db, client.client_id)) == {item_id("old")}

    reviewed = review_flags(vault, "Alex", [item_id("old")[:8]])

    assert reviewed == [item_id("old")]
    db = vault.store.db
    assert open_flags(db, client.client_id).empty
    assert period_flags(db, client.client_id, later.start, later.end).empty
    # Still listed in its own period, no longer red.
    this_week = period_flags(db, client.client_id, WEEK.start, WEEK.end)  # received today
    assert list(this_week["reviewed"]) == [True]
    frames = client_frames(db, client.client_id)
    flags = session_brief(client.client_id, frames, WEEK, brief_flags(db, client.client_id, WEEK))
    assert [f["open"] for f in flags.flags] == [False]
    assert flag_sentence(flags.flags[0]).startswith("Flag reviewed: words about")
    audit = [line for line in vault.audit_log() if line["action"] == "flags_reviewed"]
    assert audit[-1]["client_id"] == client.client_id
    assert audit[-1]["detail"] == {"items": [item_id("old")], "note_id": None}
    assert MARKER not in json.dumps(vault.audit_log())


def test_an_edit_that_still_flags_opens_the_flag_again(vault, client):
    _send(vault, client, 1, [_risk_entry("edit", TODAY)])
    review_all_open(vault, "Alex")
    assert open_flags(vault.store.db, client.client_id).empty
    _send(vault, client, 2, [_risk_entry("edit", TODAY, revision=2)])
    assert _ids(open_flags(vault.store.db, client.client_id)) == {item_id("edit")}
    plain = entry("edit", revision=3, occurred_at=_at(TODAY), recorded_at=_at(TODAY, 22))
    _send(vault, client, 3, [plain])  # the risk words edited away
    assert open_flags(vault.store.db, client.client_id).empty


def test_a_session_note_can_mark_flags_reviewed(vault, client):
    _send(vault, client, 1, [_risk_entry("note", TODAY - timedelta(days=2))])
    note = add_session_note(vault, "Alex", TODAY, f"{MARKER} we talked", (item_id("note"),))
    assert open_flags(vault.store.db, client.client_id).empty
    audit = [line for line in vault.audit_log() if line["action"] == "flags_reviewed"]
    assert audit[-1]["detail"] == {"items": [item_id("note")], "note_id": note.id}


@pytest.mark.parametrize("reference", ["zzzz", "", "ab"])
def test_a_wrong_reference_is_refused_and_nothing_changes(vault, client, reference):
    _send(vault, client, 1, [_risk_entry("keep", TODAY)])
    before = vault.store.path.read_bytes()
    with pytest.raises(FlagNotFound) as raised:
        review_flags(vault, "Alex", [item_id("keep"), reference])
    assert MARKER not in str(raised.value)
    assert vault.store.path.read_bytes() == before
    assert _ids(open_flags(vault.store.db, client.client_id)) == {item_id("keep")}


def test_phq9_item_9_names_the_answer_and_how_often_it_came(vault, client):
    yes = dict(checkin("p3", measure="phq9"), completed_at=_at(TODAY - timedelta(days=1)))
    no = [
        dict(checkin(name, measure="phq9"), completed_at=_at(TODAY - timedelta(days=d)))
        for name, d in (("p1", 15), ("p2", 8))
    ]
    for item in no:
        item["answers"] = [1] * 8 + [0]
    _send(vault, client, 1, checkins=[*no, yes])
    flags = client_brief(vault, client.client_id, WEEK.start, WEEK.end).flags
    assert [f["kind"] for f in flags] == ["phq9_item9"]
    assert flags[0]["source_words"] == (
        f"PHQ-9 item 9 answered 'Several days' on {TODAY - timedelta(days=1):%a %d %b %Y} "
        "(1 of 3 recent check-ins)"
    )


def test_a_denial_is_a_mention_shown_but_never_open(vault, client):
    denial = entry(
        "deny",
        occurred_at=_at(TODAY),
        recorded_at=_at(TODAY, 22),
        automatic_thought="I am not suicidal",
    )
    _send(vault, client, 1, [denial])
    week = period_flags(vault.store.db, client.client_id, WEEK.start, WEEK.end)
    assert list(week["level"]) == ["mention"]
    assert open_flags(vault.store.db, client.client_id).empty


def test_a_changed_screen_rescreens_the_vault_once_and_keeps_reviews(vault, client):
    _send(vault, client, 1, [_risk_entry("a", TODAY), _risk_entry("b", TODAY)])
    review_flags(vault, "Alex", [item_id("a")])

    def forget(db):
        db.execute("DELETE FROM risk_flags")  # as if an older screen had found nothing
        db.execute("UPDATE settings SET value = 'older' WHERE key = 'risk_screen_version'")

    vault.store.update(forget)
    reopened = Vault.unlock(vault.path, PASSPHRASE)
    db = reopened.store.db
    version = db.execute("SELECT value FROM settings WHERE key = 'risk_screen_version'")
    assert version.fetchone()[0] == screen_version()
    assert _ids(open_flags(db, client.client_id)) == {item_id("b")}  # a: still reviewed
    assert len(period_flags(db, client.client_id, WEEK.start, WEEK.end)) == 2


def test_a_rebuild_keeps_flags_and_reviews(vault, client):
    _send(vault, client, 1, [_risk_entry("a", TODAY), _risk_entry("b", TODAY)])
    review_flags(vault, "Alex", [item_id("b")])
    rebuild(vault)
    assert _ids(open_flags(vault.store.db, client.client_id)) == {item_id("a")}
