"""``make demo``: the dashboard on a fresh demo vault, served on 127.0.0.1 only.

The browser test starts the server exactly as the README says (``make demo``)
and drives Debian's Chromium with Playwright: the unlock page gives the
published demo passphrase, and unlocking shows the four demo clients.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-output"
DEMO_LABELS = ["Alex D.", "Jordan C.", "Robin A.", "Sam B."]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise AssertionError(f"the demo server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the demo server did not answer within {timeout} s")


@pytest.fixture(scope="module")
def demo_server():
    port = free_port()
    process = subprocess.Popen(
        ["make", "-s", "demo", f"PORT={port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        startup = wait_until_healthy(url, process)
        yield {"url": url, "port": port, "startup_seconds": startup}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(_decode_address(address, width))
    return found


def _decode_address(hex_address: str, width: int) -> str:
    if width == 8:
        return socket.inet_ntop(socket.AF_INET, bytes.fromhex(hex_address)[::-1])
    words = [bytes.fromhex(hex_address[i : i + 8])[::-1] for i in range(0, 32, 8)]
    return socket.inet_ntop(socket.AF_INET6, b"".join(words))


@pytest.mark.browser
def test_make_demo_serves_on_loopback_only(demo_server):
    assert demo_server["startup_seconds"] < 60
    assert listening_addresses(demo_server["port"]) == {"127.0.0.1"}


@pytest.mark.browser
def test_make_demo_opens_on_the_demo_vault_with_its_passphrase(demo_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(demo_server["url"])
        page.get_by_role("heading", name="Unlock your vault").wait_for(timeout=30_000)
        page.get_by_text(DEMO_VAULT_PASSPHRASE).wait_for(timeout=30_000)
        page.get_by_label("Passphrase").fill(DEMO_VAULT_PASSPHRASE)
        page.get_by_role("button", name="Unlock").click()
        page.get_by_role("heading", name="Caseload").wait_for(timeout=30_000)
        for label in DEMO_LABELS:
            page.get_by_role("button", name=label, exact=True).wait_for(timeout=30_000)
        assert page.title() == "SecureBase"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "demo-caseload.png"), full_page=True)
        browser.close()
