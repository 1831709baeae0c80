"""Every screen of the web journal at both sizes: axe-core clean, targets and text sizes.

Walks every screen a client can reach (joining, unlocking, home, the quick
note, each step of the thought record, timer, breathing, homework, check-ins,
sending and "Did it go?", entries, backup, urgent help) at the phone and the
laptop profile. On each: no serious or critical axe-core violation, every
visible button and input at least 44 px tall, no input text under 16 px (no
zoom on focus), and a screenshot in test-output/web/ to look at.
"""

import pytest

from tests.test_web_app import add_client, quick_note, watch, world  # noqa: F401 - fixture
from tests.webapp_kit import axe_clean, join, new_context, ready, shot, unlock

pytestmark = pytest.mark.browser

SIZES = """() => {
  const small = [];
  const targets = 'button, input, select, textarea, summary, .chip, .radio, .check';
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    const inLabel = el.closest('.chip, .radio, .check') && el.tagName === 'INPUT';
    if (!box.width || !box.height || inLabel) continue;
    if (box.height < 44) small.push(`${el.tagName}.${el.className} ${Math.round(box.height)}px`);
  }
  const typing = 'input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]),'
    + ' select, textarea';
  for (const el of document.querySelectorAll(typing)) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el.getBoundingClientRect().width && size < 16) small.push(`${el.tagName} font ${size}px`);
  }
  return small;
}"""


@pytest.mark.parametrize("profile", ["phone", "laptop"])
def test_every_screen(world, profile):  # noqa: F811
    added = add_client(world, f"Screens {profile}")
    context = new_context(world["browser"], profile)
    page = context.new_page()
    problems = watch(page)
    seen: list[str] = []

    def check(name: str) -> None:
        page.wait_for_timeout(150)
        axe_clean(page, f"{profile} {name}")
        assert page.evaluate(SIZES) == [], f"{profile} {name}"
        shot(page, f"screen-{profile}-{len(seen):02d}-{name}")
        seen.append(name)

    def tap(name: str, exact: bool = False) -> None:
        page.get_by_role("button", name=name, exact=exact).first.click()

    page.goto(world["url"] + "/")
    ready(page)
    check("join")
    page.goto(added["link"])
    ready(page)
    check("passphrase")
    context.close()
    context = new_context(world["browser"], profile)
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    check("home")
    quick_note(page, "A first note to fill the lists")
    tap("Quick note")
    check("quick")
    tap("Finish later")
    tap("Full thought record")
    for step in range(1, 9):
        if step == 3:
            page.get_by_text("Anxiety").click()
        check(f"step-{step}")
        tap("Next", exact=True)
    check("review")
    tap("Back", exact=True)
    tap("Finish later")
    tap("Continue where you left off")
    tap("Home") if page.get_by_role("button", name="Home").count() else tap("Finish later")
    tap("Wait before reaching out")
    check("timer")
    tap("Start waiting")
    check("timer-running")
    tap("Stop the timer")
    tap("Breathe with me")
    check("breathing")
    tap("Finish")
    tap("Homework")
    check("homework")
    tap("Back", exact=True)
    tap("Check-in")
    check("checkins")
    tap("PHQ-9")
    check("phq9")
    tap("Back", exact=True)
    tap("Back", exact=True)
    tap("My entries")
    check("entries")
    tap("A first note")
    check("entry")
    tap("Back", exact=True)
    tap("Back", exact=True)
    tap("Send to my therapist")
    check("send")
    with page.expect_download():
        tap("Make the file")
    check("did-it-go")
    tap("Not yet")
    tap("Backup and reminders")
    check("backup")
    tap("Back", exact=True)
    tap("Help now")
    check("urgent-help")
    page.get_by_role("button", name="Close").click()
    tap("Lock")
    check("unlock")
    unlock(page)
    page.keyboard.press("Tab")  # keyboard reachable: focus lands on a control
    assert page.evaluate("() => document.activeElement.tagName") in {"BUTTON", "INPUT", "TEXTAREA"}
    assert problems == []
    assert len(seen) >= 24
    context.close()
