"""Safety and not losing words, in the web journal in real Chromium.

A risky note (lexicon match) or a PHQ-9 item 9 answer above zero opens the
urgent-help panel at once, with the crisis resources; "Help now" is one tap
away on every screen, locked or not. Auto-lock keeps what was being typed.
The delay timer survives a reload and records its minutes in the entry; the
breathing guide adds its minutes to the note in progress as soothing.
"""

import pytest
from playwright.sync_api import expect

from tests.test_web_app import add_client, opened, send, watch, world  # noqa: F401 - fixture
from tests.webapp_kit import FAST, axe_clean, join, new_context, ready, shot, unlock

pytestmark = pytest.mark.browser


def test_risky_words_and_phq9_item9_open_urgent_help_at_once(world):  # noqa: F811
    added = add_client(world, "Casey")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    page.get_by_role("button", name="Quick note").click()
    page.get_by_label("What happened?").fill("No reply all night. I want to end it all.")
    page.get_by_role("button", name="Save", exact=True).click()
    dialog = page.locator("dialog.urgent")
    dialog.wait_for(state="visible", timeout=5_000)
    text = dialog.inner_text()
    for resource in ("911", "112", "999", "988", "116 123", "emergency department"):
        assert resource in text
    assert "not before" in text  # honest: the therapist sees it with the next export
    calls = dialog.locator("a[href^='tel:']").evaluate_all("links => links.map(a => a.href)")
    assert {"tel:988", "tel:116123", "tel:911"} <= set(calls)
    axe_clean(page, "urgent help")
    shot(page, "phone-urgent-help")
    dialog.get_by_role("button", name="Close").click()
    dialog.wait_for(state="detached", timeout=5_000)  # closed and gone

    # A plain denial still opens help (recall first); a calm note opens nothing.
    page.get_by_role("button", name="Quick note").click()
    page.get_by_label("What happened?").fill("He was late. I was not suicidal, just cross.")
    page.get_by_role("button", name="Save", exact=True).click()
    dialog.wait_for(state="visible", timeout=5_000)
    dialog.get_by_role("button", name="Close").click()
    dialog.wait_for(state="detached", timeout=5_000)  # closed and gone
    page.get_by_role("button", name="Quick note").click()
    page.get_by_label("What happened?").fill("He was late and I was cross.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")
    page.wait_for_timeout(300)
    assert page.locator("dialog.urgent").count() == 0

    page.get_by_role("button", name="Check-in").click()
    page.get_by_role("button", name="PHQ-9").click()
    groups = page.locator("fieldset.radios").all()
    assert len(groups) == 9
    for group in groups[:-1]:
        group.get_by_text("Not at all").click()
    groups[-1].get_by_text("Several days").click()
    page.get_by_role("button", name="Save", exact=True).click()
    dialog.wait_for(state="visible", timeout=5_000)
    dialog.get_by_role("button", name="Close").click()
    dialog.wait_for(state="detached", timeout=5_000)  # closed and gone

    # Help is one tap away even when locked.
    page.get_by_role("button", name="Lock").click()
    page.get_by_role("button", name="Help now").click()
    dialog.wait_for(state="visible")
    assert "988" in dialog.inner_text()
    assert problems == []
    context.close()


def test_auto_lock_keeps_the_words_being_typed(world):  # noqa: F811
    added = add_client(world, "Drew")
    context = new_context(
        world["browser"], "laptop", init=FAST + "window.SECUREBASE_LOCK_MS = 2500;"
    )
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    page.get_by_role("button", name="Full thought record").click()
    page.get_by_label("What happened?").fill("Half a sentence I do not want to lose")
    page.wait_for_selector("text=locked itself", timeout=10_000)
    assert page.get_by_label("What happened?").count() == 0
    shot(page, "laptop-locked")
    axe_clean(page, "locked")
    unlock(page)
    assert page.get_by_label("What happened?").input_value() == (
        "Half a sentence I do not want to lose"
    )
    assert problems == []
    context.close()


def test_delay_timer_survives_a_reload_and_breathing_logs_minutes(world):  # noqa: F811
    added = add_client(world, "Eli")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    page.clock.install()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    page.get_by_role("button", name="Wait before reaching out").click()
    page.get_by_label("How strong is the urge to seek reassurance?").fill("8")
    page.get_by_label("Minutes to wait").fill("2")
    axe_clean(page, "timer start")
    page.get_by_role("button", name="Start waiting").click()
    page.wait_for_selector(".countdown")
    shot(page, "phone-timer")
    page.reload()
    ready(page)
    unlock(page)
    expect(page.locator("section.home")).to_contain_text("Wait before reaching out")
    page.get_by_role("button", name="Wait before reaching out").click()
    page.wait_for_selector(".countdown")
    page.clock.fast_forward(125_000)
    page.wait_for_selector("text=The time is up", timeout=5_000)
    page.get_by_label("How strong is the urge now?").fill("3")
    page.get_by_role("button", name="Write it down").click()
    page.get_by_label("What happened?").fill("Wanted to text him again")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")

    page.get_by_role("button", name="Breathe with me").click()
    axe_clean(page, "breathing")
    page.get_by_role("button", name="Start").click()
    page.clock.fast_forward(65_000)
    shot(page, "phone-breathing")
    page.get_by_role("button", name="Finish").click()
    page.wait_for_selector("text=1 minute of paced breathing added")
    page.get_by_label("What happened?").fill("Breathing before bed")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")

    document = opened(world, send(page, "Yes, it went"))
    by_text = {entry.situation: entry for entry in document.entries}
    waited = by_text["Wanted to text him again"].urge
    assert (waited.intensity, waited.acted, waited.delay_minutes) == (3, False, 2)
    [breathing] = by_text["Breathing before bed"].soothing
    assert (breathing.technique, breathing.minutes) == ("paced_breathing", 1)
    assert problems == []
    context.close()
