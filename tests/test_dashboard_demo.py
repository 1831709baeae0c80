"""The demo dashboard: the placeholder caseload page, in AppTest and a real browser.

The browser test starts the server exactly as the README says (``make demo``)
and drives Debian's Chromium with Playwright.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sample_data.roster import DEMO_DIR, demo_overview

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"
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


def demo_labels() -> list[str]:
    return [row["label"] for row in demo_overview(DEMO_DIR)]


def test_demo_has_at_least_four_clients():
    assert len(demo_labels()) >= 4


def test_clients_page_lists_every_demo_client(monkeypatch):
    monkeypatch.setenv("SECUREBASE_DEMO_DIR", str(DEMO_DIR))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert app.title[0].value == "Clients"
    shown = app.table[0].value
    assert sorted(shown.index) == sorted(demo_labels())
    assert (shown["Journal entries"] > 0).all()


def test_clients_page_without_data_explains_what_to_do(monkeypatch):
    monkeypatch.delenv("SECUREBASE_DEMO_DIR", raising=False)
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert "make demo" in app.info[0].value
    assert len(app.table) == 0


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
def test_demo_page_in_chromium_shows_the_demo_clients(demo_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(demo_server["url"])
        page.get_by_role("heading", name="Clients").wait_for(timeout=30_000)
        table_text = page.locator("table").inner_text(timeout=30_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "demo-clients.png"), full_page=True)
        assert page.title() == "SecureBase"
        browser.close()
    for label in demo_labels():
        assert label in table_text
