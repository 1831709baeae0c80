"""The client's local app (clienttools/app.py): AppTest for every page, and one real browser.

Each test makes a fresh journal in a temporary folder (fast scrypt work
factor) and points the app at it through SECUREBASE_HOME, as the launcher
does. What the app saved is checked by opening the journal from disk.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from clienttools.app_state import IDLE_LOCK_MINUTES
from clienttools.home import ClientHome
from clienttools.journal import Assignment, create_journal, open_journal
from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.identity import Identity
from securebase.invitation import new_invitation
from securebase.journal import CheckIn
from tests.test_dashboard_demo import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "clienttools" / "app.py"
PASSPHRASE = "calm harbour seven lanterns"
MARKUP = "**bold** <script>alert(1)</script> [x](javascript:alert(1))"


@pytest.fixture
def client(tmp_path, monkeypatch):
    """A new journal for a therapist, in tmp_path, that the app will open."""
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    monkeypatch.setenv("SECUREBASE_HOME", str(tmp_path))
    therapist = Identity.generate()
    invitation = new_invitation(therapist.public, "Dr. Test", date.today())
    journal = create_journal(ClientHome(tmp_path), invitation, PASSPHRASE)
    return {"home": ClientHome(tmp_path), "therapist": therapist, "journal": journal}


def on_disk(client):
    return open_journal(client["home"], PASSPHRASE)


def start_app() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    return app


def unlocked_app() -> AppTest:
    app = start_app()
    app.text_input[0].input(PASSPHRASE)
    button(app, "Unlock").click()
    app.run()
    assert not app.exception
    return app


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def go_to(app: AppTest, page: str) -> AppTest:
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception
    return app


def shown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.text)


# -- unlocking and locking ----------------------------------------------------


def test_wrong_passphrase_shows_a_plain_message_and_stays_locked(client):
    app = start_app()
    assert app.title[0].value == "My SecureBase journal"
    app.text_input[0].input("not my passphrase")
    button(app, "Unlock").click()
    app.run()
    assert not app.exception
    assert "passphrase is not correct" in app.error[0].value
    assert "Traceback" not in app.error[0].value
    assert app.session_state["identity"] is None
    assert [b.label for b in app.sidebar.button] == []


def test_unlock_opens_the_journal_on_the_new_entry_page(client):
    app = unlocked_app()
    assert app.title[0].value == "New entry"
    assert [b.label for b in app.sidebar.button] == ["Lock"]
    assert "Nobody reads this journal" in app.sidebar.caption[0].value
    assert "emergency" in shown_text(app)  # the urgent-help text, in the sidebar


def test_lock_clears_the_session(client):
    app = unlocked_app()
    app.text_area(key="entry.situation").input("half-written thought")
    app.run()
    app.sidebar.button[0].click()
    app.run()
    assert not app.exception
    assert app.session_state["identity"] is None
    assert "entry.situation" not in app.session_state
    assert app.title[0].value == "My SecureBase journal"
    assert "locked again" in app.info[0].value


def test_the_journal_locks_itself_after_a_quiet_while(client):
    app = unlocked_app()
    app.session_state["last_active"] = time.monotonic() - (IDLE_LOCK_MINUTES * 60 + 1)
    app.run()
    assert app.session_state["identity"] is None
    assert "without activity" in app.info[0].value


# -- New entry ----------------------------------------------------------------


def test_an_entry_written_in_the_form_is_saved_with_its_fields(client):
    app = unlocked_app()
    yesterday = date.today() - timedelta(days=1)
    app.text_area(key="entry.situation").input("No reply to my message all afternoon.")
    app.date_input(key="entry.day").set_value(yesterday)
    app.time_input(key="entry.time").set_value(datetime(2000, 1, 1, 21, 30).time())
    app.multiselect(key="entry.triggers").set_value(["delayed_reply"])
    app.multiselect(key="entry.emotions").set_value(["anxiety", "sadness"])
    app.run()
    app.slider(key="entry.feeling.anxiety").set_value(80)
    app.text_area(key="entry.thought").input("They are losing interest.")
    app.number_input(key="entry.belief_before").set_value(70)
    app.slider(key="entry.urge").set_value(7)
    app.radio(key="entry.acted").set_value(False)
    app.number_input(key="entry.delay").set_value(25)
    app.text_area(key="entry.balanced_thought").input("They are busy at work today.")
    app.text_area(key="entry.partner_positive").input("Called me last night\n\nMade dinner")
    button(app, "Save entry").click()
    app.run()
    assert not app.exception
    assert "Saved" in app.success[0].value
    assert app.text_area(key="entry.situation").value == ""  # a fresh entry

    [entry] = on_disk(client).entries()
    assert entry.situation == "No reply to my message all afternoon."
    assert entry.occurred_at.date() == yesterday
    assert (entry.occurred_at.hour, entry.occurred_at.minute) == (21, 30)
    assert entry.triggers == ["delayed_reply"]
    assert [(e.emotion, e.intensity) for e in entry.emotions] == [
        ("anxiety", 80),
        ("sadness", 50),
    ]
    assert entry.belief_before == 70
    assert (entry.urge.intensity, entry.urge.acted, entry.urge.delay_minutes) == (7, False, 25)
    assert entry.challenge.balanced_thought == "They are busy at work today."
    assert entry.partner_positive == ["Called me last night", "Made dinner"]
    assert entry.need_statement is None
    assert entry.distress_after is None


def test_a_blank_situation_is_refused_with_a_message_and_nothing_is_saved(client):
    app = unlocked_app()
    app.text_area(key="entry.situation").input("   ")
    app.multiselect(key="entry.triggers").set_value(["conflict"])
    button(app, "Save entry").click()
    app.run()
    assert not app.exception
    message = app.error[0].value
    assert "could not be saved" in message
    assert "What happened" in message
    assert on_disk(client).entries() == []
    assert app.multiselect(key="entry.triggers").value == ["conflict"]  # nothing lost


def test_a_half_written_entry_survives_a_visit_to_another_page(client):
    app = unlocked_app()
    app.text_area(key="entry.situation").input("Started writing this")
    app.run()
    go_to(app, "this_week")
    go_to(app, "new_entry")
    assert app.text_area(key="entry.situation").value == "Started writing this"


# -- This week ------------------------------------------------------------------


def test_this_week_shows_client_text_literally_never_as_markup(client):
    client["journal"].add_entry({"situation": MARKUP, "triggers": ["tone_change"]})
    app = go_to(unlocked_app(), "this_week")
    assert app.title[0].value == "This week"
    assert MARKUP in [element.value for element in app.text]
    markdown = [m.value for m in [*app.markdown, *app.caption, *app.title]]
    assert not any("alert" in value or "bold" in value for value in markdown)
    assert any("Partner's tone or mood changed" in value for value in markdown)
    assert len(app.get("html")) == 0


# -- Homework -------------------------------------------------------------------


def test_homework_can_be_logged_as_done(client):
    assignment_id = str(uuid.uuid4())
    client["journal"].replace_assignments(
        [
            Assignment(
                assignment_id=assignment_id,
                exercise="paced_breathing",
                title="Paced breathing",
                times=1,
                per="day",
                starts=date.today() - timedelta(days=2),
                ends=None,
                note="Try it *before* bed.",
                instructions="Breathe in for 5 s, out for 5 s.",
            )
        ]
    )
    app = go_to(unlocked_app(), "homework")
    assert app.subheader[0].value == "Paced breathing"
    assert "Try it *before* bed." in shown_text(app)
    next(n for n in app.number_input if n.label == "Minutes").set_value(10)
    next(n for n in app.number_input if n.label.startswith("How helpful")).set_value(7)
    button(app, "Log as done").click()
    app.run()
    assert not app.exception
    assert "Logged" in app.success[0].value

    [log] = on_disk(client).homework_logs(assignment_id)
    assert (log.minutes, log.helpfulness, log.distress_before) == (10, 7, None)


def test_homework_page_without_assignments_says_so(client):
    app = go_to(unlocked_app(), "homework")
    assert "No homework yet" in app.info[0].value


# -- Check-in -------------------------------------------------------------------


def test_gad7_checkin_is_saved_with_the_right_total(client):
    app = go_to(unlocked_app(), "checkin")
    assert "Over the last 2 weeks" in " ".join(m.value for m in app.markdown)
    first = app.radio(key="gad7.1")
    assert first.options == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert "No permission required" in app.main.caption[-1].value
    answers = [0, 1, 2, 3, 0, 1, 2]
    for number, answer in enumerate(answers, start=1):
        app.radio(key=f"gad7.{number}").set_value(answer)
    button(app, "Save my answers").click()
    app.run()
    assert not app.exception
    assert "Your total is 9 of 21" in app.success[0].value
    assert "mild" in app.success[0].value

    rows = on_disk(client).store.db.execute("SELECT body FROM checkins").fetchall()
    [saved] = [CheckIn.model_validate_json(row["body"]) for row in rows]
    assert saved.answers == answers


def test_an_incomplete_checkin_is_not_saved(client):
    app = go_to(unlocked_app(), "checkin")
    app.radio(key="gad7.1").set_value(2)
    button(app, "Save my answers").click()
    app.run()
    assert "each of the seven questions" in app.warning[0].value
    assert on_disk(client).store.db.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 0


# -- Send to therapist ------------------------------------------------------------


def test_the_export_opens_for_the_therapist_and_holds_the_entry(client):
    entry = client["journal"].add_entry({"situation": "Plans changed at the last minute."})
    app = go_to(unlocked_app(), "send")
    assert [m.value for m in app.metric] == ["1", "0", "0"]  # entries, logs, check-ins
    # The client's own key code, for the therapist to confirm (first contact).
    own = client["journal"].identity.public.fingerprint
    assert any(own in caption.value for caption in app.caption)
    button(app, "Make the encrypted file").click()
    app.run()
    assert not app.exception
    [download] = app.get("download_button")
    assert download.proto.label == "Download the file"
    made = app.session_state["export"]
    assert made["file_name"] == f"securebase-export-{date.today():%Y-%m-%d}-1.age"
    assert "Only your therapist can open this file" in app.info[-1].value

    client_key = client["journal"].identity.public.signing_key
    unsealed = open_sealed(made["data"], client["therapist"], expected_signer=client_key)
    document = parse_export(unsealed.document)
    assert [e.id for e in document.entries] == [entry.id]
    assert on_disk(client).last_export_sequence() == 1


# -- a real browser -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        assert process.poll() is None, f"the app exited with {process.returncode}"
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the app did not answer within {timeout} s")


@pytest.mark.browser
def test_the_app_in_chromium_unlocks_to_the_new_entry_page(client):
    from playwright.sync_api import sync_playwright

    port = free_port()
    command = [str(Path(sys.executable).parent / "securebase-journal"), "app", "--port", str(port)]
    env = {**os.environ, "SECUREBASE_HOME": str(client["home"].root)}
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(url)
            page.get_by_label("Passphrase").fill(PASSPHRASE)
            page.get_by_role("button", name="Unlock").click()
            page.get_by_role("heading", name="New entry").wait_for(timeout=30_000)
            page.get_by_text("What went through your mind?").wait_for(timeout=30_000)
            assert page.title() == "My SecureBase journal"
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "client-app.png"), full_page=True)
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
