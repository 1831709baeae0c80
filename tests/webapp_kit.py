"""The web journal in a real browser: Debian's Chromium driven by Playwright.

``served_app`` starts ``securebase-journal app`` (the static server) on a free
port. ``profiles`` are the phone (390x844, touch, device scale 3) and the
laptop. Pages get a low scrypt work factor through an init script (what a
test may set, never the page); ``join`` sets up a journal from an
invitation link; ``axe_clean`` runs axe-core (npm, pinned) on the screen;
``shot`` saves a screenshot into test-output/web/.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.test_dashboard_demo import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, free_port
from tests.webkit import node_modules

PASSPHRASE = "four calm words here"
PROFILES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "laptop": {"viewport": {"width": 1280, "height": 800}},
}
FAST = "window.SECUREBASE_WORK_FACTOR = 4;"
SHOTS = SCREENSHOTS / "web"


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        assert process.poll() is None, f"the server exited with {process.returncode}"
        try:
            with urllib.request.urlopen(f"{url}/", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server did not answer within {timeout} s")


@contextmanager
def served_app():
    port = free_port()
    command = [str(Path(sys.executable).parent / "securebase-journal"), "app", "--port", str(port)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, profile: str, init: str = FAST, **extra):
    context = browser.new_context(
        **PROFILES[profile], accept_downloads=True, service_workers="allow", **extra
    )
    context.add_init_script(init)
    return context


def ready(page) -> None:
    page.wait_for_selector("html[data-ready='1']", timeout=30_000)


def join(page, url: str, invitation: str, passphrase: str = PASSPHRASE) -> None:
    page.goto(f"{url}/#{invitation}")
    ready(page)
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_label("The same passphrase again").fill(passphrase)
    page.get_by_role("button", name="Create my journal").click()
    page.wait_for_selector("section.home", timeout=30_000)


def unlock(page, passphrase: str = PASSPHRASE) -> None:
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_role("button", name="Open my journal").click()
    page.wait_for_selector("section.home, section.editor", timeout=30_000)


_AXE = None


def axe_clean(page, where: str) -> None:
    """No serious or critical axe-core violation on the screen as it is now."""
    global _AXE
    if _AXE is None:
        _AXE = (node_modules() / "axe-core" / "axe.min.js").read_text()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_AXE)  # DevTools evaluation: not subject to the page's CSP
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert found == [], f"{where}: {found}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def download(page, click) -> bytes:
    with page.expect_download() as info:
        click()
    return Path(info.value.path()).read_bytes()
