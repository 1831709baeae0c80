"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

``securebase dashboard`` serves a copy of the demo vault; the test unlocks
it, uploads a new client's export through the page's file input, opens the
flagged client and then a demo client, switches through every view, and
saves a full-size screenshot of each into test-output/. Throughout, no
Streamlit exception may show, no console error may appear (other than font
fetches that fail offline), and no dialog may open: the new client's entries
hold ``<img onerror>``, ``<script>``, Markdown links and ``javascript:`` URLs,
which must show as literal text and run nothing.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.localserver import MAX_UPLOAD_MB
from tests.dashboard_kit import (
    DEMO_TODAY,
    MARKUP,
    NEW_CLIENT,
    build_pristine,
    risky_export,
)
from tests.test_dashboard_demo import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    free_port,
    wait_until_healthy,
)

WIDTH, MIN_HEIGHT = 1440, 900
TIMEOUT_MS = 30_000
CLIENT_TABS = [
    ("Brief", 0),
    ("Triggers", 4),
    ("Thought challenges", 5),
    ("Soothing and urges", 2),
    ("Homework", 1),
    ("Measures", 2),
    ("Session notes", 0),
]
OFFLINE_FONT_HOSTS = ("fonts.gstatic.com", "fonts.googleapis.com")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        vault_dir = build_pristine(folder / "vault")
    export = folder / "casey-export-01.age"
    export.write_bytes(risky_export(vault_dir))

    port = free_port()
    command = [
        str(Path(sys.executable).parent / "securebase"),
        "dashboard",
        "--vault",
        str(vault_dir),
        "--port",
        str(port),
    ]
    env = {**os.environ, "SECUREBASE_TODAY": DEMO_TODAY}
    env.pop("SECUREBASE_DEMO", None)
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
        yield {"url": url, "export": export}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


class Watch:
    """What the browser reported: console errors, script errors and dialogs."""

    def __init__(self, page):
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if "ERR_NAME_NOT_RESOLVED" in message.text and any(
            host in where for host in OFFLINE_FONT_HOSTS
        ):
            return  # a font the offline browser cannot fetch
        self.console_errors.append(f"{message.text} ({where})")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def settle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def screenshot(page, name: str) -> None:
    """A full-size screenshot: the viewport grows to the height of the page's content."""
    assert page.locator('[data-testid="stException"]').count() == 0, name
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": max(MIN_HEIGHT, height + 40)})
    page.wait_for_timeout(600)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"dashboard-{name}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTH, "height": MIN_HEIGHT})


def unlock(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name="Unlock your vault").wait_for(timeout=TIMEOUT_MS)
    page.get_by_label("Passphrase").fill(DEMO_VAULT_PASSPHRASE)
    screenshot(page, "unlock")
    page.get_by_role("button", name="Unlock").click()
    page.get_by_role("heading", name="Caseload").wait_for(timeout=TIMEOUT_MS)
    settle(page)


def import_export(page, export: Path) -> None:
    page.get_by_role("link", name="Import").click()
    page.get_by_role("heading", name="Import exports").wait_for(timeout=TIMEOUT_MS)
    refused = export.with_name("holiday-notes.txt")
    refused.write_bytes(b"not an export at all")
    page.locator('input[type="file"]').set_input_files([str(export), str(refused)])
    page.get_by_role("button", name="Import 2 files").click()
    page.get_by_text("1 of 2 files imported; 1 refused.").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    screenshot(page, "import")


def open_client(page, label: str) -> None:
    from playwright.sync_api import expect

    page.get_by_role("link", name="Caseload").click()
    page.get_by_role("heading", name="Caseload").wait_for(timeout=TIMEOUT_MS)
    settle(page)
    button = page.get_by_role("button", name=label, exact=True)
    # A rerun briefly shows the old page's button beside the new one: wait until one is left.
    expect(button).to_have_count(1, timeout=TIMEOUT_MS)
    button.click()
    page.get_by_role("heading", name=label).wait_for(timeout=TIMEOUT_MS)
    settle(page)


def open_tab(page, tab: str, charts: int) -> None:
    page.get_by_role("tab", name=tab).click()
    settle(page)
    plots = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    if charts:
        plots.nth(charts - 1).wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(800)  # let plotly finish drawing


def assert_literal_client_text(page) -> None:
    texts = page.locator('[data-testid="stText"]').all_inner_texts()
    assert f"What happened: {MARKUP}" in texts
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator('a[href*="example.com"]').count() == 0
    assert page.locator("b", has_text="soon").count() == 0
    scripts = page.evaluate("() => [...document.scripts].map(s => s.text).join('\\n')")
    assert "alert(" not in scripts


@pytest.mark.browser
def test_the_dashboard_in_chromium(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": MIN_HEIGHT})
        watch = Watch(page)
        unlock(page, served["url"])
        assert page.title() == "SecureBase"
        import_export(page, served["export"])

        page.get_by_role("link", name="Caseload").click()
        page.get_by_role("heading", name="Caseload").wait_for(timeout=TIMEOUT_MS)
        page.get_by_text("2 clients have risk flags").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        screenshot(page, "caseload")

        open_client(page, NEW_CLIENT)
        page.get_by_text("1 place to look at").wait_for(timeout=TIMEOUT_MS)
        page.get_by_text(MARKUP).wait_for(timeout=TIMEOUT_MS)
        assert_literal_client_text(page)
        screenshot(page, "client-flagged")

        open_client(page, "Robin A.")
        for tab, charts in CLIENT_TABS:
            open_tab(page, tab, charts)
            screenshot(page, "client-" + tab.lower().replace(" ", "-"))

        page.get_by_role("link", name="Settings").click()
        page.get_by_role("heading", name="Settings").wait_for(timeout=TIMEOUT_MS)
        settle(page)
        screenshot(page, "settings")
        page.get_by_role("button", name="Lock now").first.click()
        page.get_by_role("heading", name="Unlock your vault").wait_for(timeout=TIMEOUT_MS)
        browser.close()

    assert watch.dialogs == []
    assert watch.console_errors == []


@pytest.mark.browser
def test_a_file_over_the_upload_limit_is_refused_by_the_served_page(served, tmp_path):
    """The server's upload cap (``--server.maxUploadSize``) holds in a real browser."""
    from playwright.sync_api import sync_playwright

    oversized = tmp_path / "far-too-big-export.age"
    oversized.write_bytes(b"\0" * ((MAX_UPLOAD_MB * 1024 + 1) * 1024))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": MIN_HEIGHT})
        unlock(page, served["url"])
        page.get_by_role("link", name="Import").click()
        page.get_by_role("heading", name="Import exports").wait_for(timeout=TIMEOUT_MS)
        page.locator('input[type="file"]').set_input_files([str(oversized)])
        page.get_by_text(f"File must be {MAX_UPLOAD_MB}.0MB or smaller.").wait_for(
            timeout=TIMEOUT_MS
        )
        settle(page)
        assert page.get_by_role("button", name="Import 1 file").count() == 0
        browser.close()
