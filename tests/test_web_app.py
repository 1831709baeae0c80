"""The web journal in real headless Chromium, at a phone and a laptop size.

A client joins from the invitation link, writes a quick note and a full
thought record (reloading mid-entry and resuming), checks in, and sends; the
exports are imported by ``securebase import``. A file never confirmed as
sent hides nothing from the next one. Homework packs made by ``securebase
homework pack`` are opened and logged; bad packs are refused with their
reason and change nothing. Every screen visited is checked with axe-core.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.invitation import decode_invitation
from tests.test_therapist_cli import Therapist
from tests.webapp_kit import (
    PASSPHRASE,
    axe_clean,
    chromium,
    download,
    join,
    new_context,
    ready,
    served_app,
    shot,
    unlock,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        therapist = Therapist(folder / "vault")
        assert therapist("vault", "init", "--name", "Dr. Rivera").code == 0
        with served_app() as url, chromium() as browser:
            assert therapist("settings", "journal-url", url).code == 0
            yield {"therapist": therapist, "url": url, "browser": browser, "folder": folder}


def add_client(world, label: str) -> dict:
    added = world["therapist"]("client", "add", label, "--json")
    assert added.code == 0, added.err
    return added.json()


def import_export(world, name: str, data: bytes) -> dict:
    path = world["folder"] / name
    path.write_bytes(data)
    result = world["therapist"]("import", str(path), "--json")
    assert result.code == 0, result.out + result.err
    return result.json()


def opened(world, data: bytes):
    vault = world["therapist"].vault()
    try:
        return parse_export(open_sealed(data, vault.identity).document)
    finally:
        vault.store.close()


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    return problems


def quick_note(page, text: str, urge: int = 7) -> None:
    page.get_by_role("button", name="Quick note").click()
    page.get_by_label("What happened?").fill(text)
    page.get_by_text("Slow or missing reply").click()
    page.get_by_label("How strong is the urge to seek reassurance?").fill(str(urge))
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")


def send(page, answer: str) -> bytes:
    page.get_by_role("button", name="Send to my therapist").click()
    data = download(page, lambda: page.get_by_role("button", name="Make the file").click())
    page.get_by_role("button", name=answer).click()
    page.wait_for_selector("section.home")
    return data


def test_join_write_resume_check_in_and_send(world):
    added = add_client(world, "Alice")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    assert added["link"] == f"{world['url']}/#{added['invitation']}"
    page.goto(added["link"])  # the link `client add` printed
    ready(page)
    expected = decode_invitation(added["invitation"]).therapist.fingerprint
    expect(page.get_by_test_id("fingerprint")).to_have_text(expected)
    assert "#" not in page.url  # the code left the address bar once read
    axe_clean(page, "passphrase")
    shot(page, "phone-01-join")
    context.close()

    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    quick_note(page, "He went quiet after lunch and I kept checking")
    expect(page.locator(".status")).to_contain_text("Saved")

    page.get_by_role("button", name="Full thought record").click()
    page.get_by_label("What happened?").fill("Plans for Saturday were cancelled by text")
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("What went through your mind?").fill("She is losing interest")
    page.wait_for_timeout(1_500)  # the autosave: 250 ms pause, then an encrypted write
    shot(page, "phone-02-thought-step")
    page.reload()
    ready(page)
    unlock(page)
    assert page.get_by_label("What went through your mind?").input_value() == (
        "She is losing interest"
    )
    expect(page.locator(".progress")).to_contain_text("Step 4 of 8")
    for _ in range(5):
        page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")

    page.get_by_role("button", name="Check-in").click()
    page.get_by_role("button", name="GAD-7").click()
    axe_clean(page, "gad7")
    for group in page.locator("fieldset.radios").all():
        group.get_by_text("Several days").click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")

    page.get_by_role("button", name="Send to my therapist").click()
    included = page.locator("ul.included").inner_text()
    assert "He went quiet after lunch" in included
    assert "Plans for Saturday were cancelled" in included
    expect(page.get_by_test_id("counts")).to_have_text(re.compile("^2 entries, 0 deletions"))
    axe_clean(page, "send")
    page.get_by_role("button", name="Back").click()

    first = send(page, "Not yet")  # made, never confirmed as sent
    expect(page.locator(".status")).to_contain_text("Nothing is marked as sent")
    second = send(page, "Yes, it went")
    one, two = opened(world, first), opened(world, second)
    assert (one.sequence, two.sequence) == (1, 2)
    assert {e.id for e in one.entries} == {e.id for e in two.entries}
    assert len(two.entries) == 2
    assert len(two.checkins) == 1
    assert two.checkins[0].answers == [1] * 7
    full = next(e for e in two.entries if e.situation.startswith("Plans"))
    assert full.automatic_thought == "She is losing interest"
    quick = next(e for e in two.entries if e.situation.startswith("He went"))
    assert (quick.triggers, quick.urge.intensity) == (["delayed_reply"], 7)

    result = import_export(world, "alice-2.age", second)
    assert (result["files"][0]["status"], result["files"][0]["new"]) == ("imported", 3)
    page.get_by_role("button", name="Send to my therapist").click()
    expect(page.locator("main")).to_contain_text("Nothing new since your last export")
    page.get_by_role("button", name="Back").click()

    # Delete an entry: it travels as a tombstone and is not counted as an entry.
    page.get_by_role("button", name="My entries").click()
    page.get_by_role("button", name="He went quiet").click()
    page.get_by_role("button", name="Delete").click()
    page.wait_for_selector("text=Deleted.")
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Send to my therapist").click()
    expect(page.get_by_test_id("counts")).to_have_text(re.compile("^0 entries, 1 deletion"))
    page.get_by_role("button", name="Back").click()
    third = send(page, "Yes, it went")
    [tombstone] = opened(world, third).entries
    assert tombstone.deleted is True
    assert problems == []
    context.close()


def pack_of(world, label: str) -> bytes:
    out = world["folder"] / f"{label}-pack.age"
    listed = json.loads(world["therapist"]("client", "list", "--json").out)["clients"]
    [client] = [c for c in listed if c["label"] == label]
    if client.get("key_status") != "confirmed":  # packs go only to confirmed keys
        world["therapist"]("client", "confirm", label, client["key_fingerprint"])
    made = world["therapist"]("homework", "pack", label, "--out", str(out), "--json")
    assert made.code == 0, made.err
    return out.read_bytes()


def open_pack_file(page, folder, name: str, data: bytes, words: str) -> None:
    """Open a pack file in the Homework screen and wait for the status to say `words`."""
    path = folder / name
    path.write_bytes(data)
    page.get_by_label("Open a homework file").set_input_files(str(path))
    expect(page.locator(".status")).to_contain_text(words)


def joined_and_pinned(world, label: str, profile: str = "laptop"):
    """A client who joined in a browser and whose first export the vault imported."""
    added = add_client(world, label)
    context = new_context(world["browser"], profile)
    page = context.new_page()
    join(page, world["url"], added["invitation"])
    import_export(world, f"{label}-first.age", send(page, "Yes, it went"))
    return context, page


def test_homework_packs_open_log_and_bad_ones_change_nothing(world):
    therapist, folder = world["therapist"], world["folder"]
    sam_context, _ = joined_and_pinned(world, "Sam")
    sam_context.close()
    context, page = joined_and_pinned(world, "Robin")
    problems = watch(page)
    for label in ("Robin", "Sam"):
        assigned = therapist("homework", "assign", label, "paced_breathing", "--note",
                             "Before bed <b>works</b> well.", "--json")  # fmt: skip
        assert assigned.code == 0, assigned.err
    listed = therapist("homework", "list", "Robin", "--json").json()
    assignment_id = listed["assignments"][0]["assignment_id"]
    older, newer, foreign = pack_of(world, "Robin"), pack_of(world, "Robin"), pack_of(world, "Sam")
    export = send(page, "Not yet")  # a sealed file of the wrong kind for the homework picker

    page.get_by_role("button", name="Homework").click()
    axe_clean(page, "homework empty")
    shot(page, "laptop-homework-empty")
    open_pack_file(page, folder, "newer.age", newer, "up to date: 1 exercise")
    card = page.locator("article.card")
    assert "Before bed <b>works</b> well." in card.inner_text()  # shown as text, not markup
    assert card.locator("ol li").count() >= 1
    axe_clean(page, "homework")
    shot(page, "laptop-homework")
    before = card.inner_text()
    refusals = {
        "older.age": (older, "older than the one you already have"),
        "export.age": (export, "may be a file for your therapist"),
        "foreign.age": (foreign, "homework meant for someone else"),
        "tampered.age": (newer[:-30] + bytes([newer[-30] ^ 1]) + newer[-29:], "damaged"),
        "garbage.age": (b"not a pack at all", "not a homework file"),
    }
    for name, (data, words) in refusals.items():
        open_pack_file(page, folder, name, data, words)
        assert page.locator("article.card").inner_text() == before, name

    page.get_by_role("button", name="I did this").click()
    page.get_by_label("Minutes").fill("10")
    page.get_by_label("A note (optional)").fill("Calmer after")
    axe_clean(page, "log homework")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Logged. Well done.")
    page.get_by_role("button", name="Back").click()
    exported = opened(world, send(page, "Yes, it went"))
    [log] = exported.homework_logs
    assert str(log.assignment_id) == assignment_id
    assert (log.minutes, log.note) == (10, "Calmer after")
    assert problems == []
    context.close()


MARKUP = '<img src=x onerror="alert(1)"> **bold** <script>alert(2)</script>'


def test_wrong_passphrase_blank_note_incomplete_check_in_and_literal_text(world):
    added = add_client(world, "Jules")
    context = new_context(world["browser"], "laptop")
    page = context.new_page()
    problems = watch(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    join(page, world["url"], added["invitation"])

    page.get_by_role("button", name="Quick note").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".status")).to_contain_text("a few words about what happened")
    page.get_by_label("What happened?").fill(MARKUP)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")
    page.get_by_role("button", name="My entries").click()
    assert MARKUP.split(" ")[0] in page.locator("ul.entries").inner_text()  # literal text
    assert page.locator("main img").count() == 0
    axe_clean(page, "entries")
    page.get_by_role("button", name="Back").click()

    page.get_by_role("button", name="Check-in").click()
    page.get_by_role("button", name="GAD-7").click()
    page.locator("fieldset.radios").first.get_by_text("Several days").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".status")).to_contain_text("answer every question")
    page.get_by_role("button", name="Back").click()
    page.get_by_role("button", name="Back").click()

    # Lock: the journal leaves the page; a wrong passphrase is a calm refusal.
    page.get_by_role("button", name="Lock").click()
    assert "<img" not in page.locator("main").inner_text()
    page.get_by_label("Passphrase", exact=True).fill("not my passphrase")
    page.get_by_role("button", name="Open my journal").click()
    page.wait_for_selector(".status.problem")
    expect(page.locator(".status")).to_contain_text("did not open the journal")
    axe_clean(page, "wrong passphrase")
    unlock(page)
    page.get_by_role("button", name="Send to my therapist").click()
    expect(page.get_by_test_id("counts")).to_have_text(re.compile("^1 entry, 0 deletions"))
    assert dialogs == []  # nothing the client wrote ran as script
    assert problems == []
    context.close()


def test_backup_restores_on_a_fresh_browser_and_reminders_make_a_calendar(world):
    added = add_client(world, "Kim")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    quick_note(page, "Kept safe in the backup")
    page.get_by_role("button", name="Backup and reminders").click()
    backup = download(page, lambda: page.get_by_role("button", name="Save a backup file").click())
    assert b"Kept safe" not in backup  # the backup is as locked as the browser's copy
    page.get_by_label("Weekly send day").select_option("3")
    calendar = download(
        page, lambda: page.get_by_role("button", name="Save the calendar file").click()
    ).decode()
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "RRULE:FREQ=WEEKLY;BYDAY=WE" in calendar
    assert calendar.count("BEGIN:VEVENT") == 3
    context.close()

    path = world["folder"] / "kim.sbbackup"
    path.write_bytes(backup)
    context = new_context(world["browser"], "laptop")  # a new device: empty storage
    page = context.new_page()
    problems += watch(page)
    page.goto(world["url"] + "/")
    ready(page)
    page.get_by_text("Restore from a backup file").click()
    restore = page.locator("details.restore")
    restore.get_by_label("Backup file").set_input_files(str(path))
    restore.get_by_label("Passphrase").fill("not the passphrase")
    restore.get_by_role("button", name="Restore").click()
    page.wait_for_selector(".status.problem")
    expect(page.locator(".status")).to_contain_text("did not open the journal")
    page.reload()  # nothing was stored: still the set-up screen, not "Welcome back"
    ready(page)
    assert page.get_by_label("Invitation code").count() == 1
    page.get_by_text("Restore from a backup file").click()
    restore.get_by_label("Backup file").set_input_files(str(path))
    restore.get_by_label("Passphrase").fill(PASSPHRASE)
    restore.get_by_role("button", name="Restore").click()
    page.wait_for_selector("text=Your journal was restored")
    unlock(page)
    page.get_by_role("button", name="My entries").click()
    expect(page.locator("ul.entries")).to_contain_text("Kept safe in the backup")
    assert problems == []
    context.close()


def test_an_edit_after_sending_travels_as_a_new_revision(world):
    added = add_client(world, "Lee")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    quick_note(page, "First words")
    [first] = opened(world, send(page, "Yes, it went")).entries
    page.get_by_role("button", name="My entries").click()
    page.get_by_role("button", name="First words").click()
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("What happened?").fill("First words, and what I added later")
    for _ in range(8):
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")
    page.get_by_role("button", name="Send to my therapist").click()
    expect(page.get_by_test_id("counts")).to_have_text(re.compile("^1 entry"))
    page.get_by_role("button", name="Back").click()
    [edited] = opened(world, send(page, "Yes, it went")).entries
    assert (edited.id, edited.revision) == (first.id, 2)
    assert edited.situation == "First words, and what I added later"
    assert edited.urge == first.urge  # what was not touched is kept
    assert problems == []
    context.close()
