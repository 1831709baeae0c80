"""Browser benchmark: the first chart view of a session, cold, in Chromium.

Workload: ``securebase dashboard`` serving a copy of the demo vault; Debian's
Chromium driven by Playwright. Each run is a new browser (empty cache, new
session): unlock, open a client on its Brief tab, then the clock starts at
the click on the Triggers tab and stops when the tab's first plotly chart
has drawn its SVG and the browser has painted the frame after it. That is
what a therapist waits for the first time they look at a chart in a session.
Later views are not timed here (AppTest times every view in
``bench_dashboard``).

The clock is the page's own (``performance.now()``): a listener notes the
click as the browser receives it, an observer the moment the SVG exists.
Timing from the test driver instead adds Playwright's round trips to the
browser (its click checks, its polling), 0.3-0.8 s on a busy 2-core machine
that no therapist waits for; that figure is kept in the note.

Target: under 1.5 s (median of the runs).
"""

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.harness import Context, Result

LIMIT = 1.5  # seconds, cold
CLIENT = "Robin A."
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 60_000


def run(context: Context) -> list[Result]:
    vault = demo_vault(context.work_dir / "browser-vault")
    runs, driver = [], []
    with serve(vault) as url:
        for _ in range(2 if context.quick else context.runs):
            in_page, from_driver = first_chart_seconds(url)
            runs.append(in_page)
            driver.append(from_driver)
    note = f"timed from the test driver instead: median {statistics.median(driver):.2f} s"
    return [
        Result(
            group="Dashboard in the browser, cold",
            name="First chart view of a session (Triggers tab)",
            size=1.0,
            value=statistics.median(runs),
            limit=LIMIT,
            target=f"< {LIMIT} s",
            runs=runs,
            note=note,
        )
    ]


def demo_vault(folder: Path) -> Path:
    from sample_data.demo_vault import build_demo_vault

    os.environ.setdefault("SECUREBASE_WORK_FACTOR", "4")
    build_demo_vault(folder)
    return folder


class serve:
    """``securebase dashboard`` on a free loopback port, stopped on exit."""

    def __init__(self, vault: Path):
        self.vault = vault

    def __enter__(self) -> str:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        from tests.dashboard_kit import DEMO_TODAY

        command = [str(Path(sys.executable).parent / "securebase"), "dashboard"]
        command += ["--vault", str(self.vault), "--port", str(port)]
        env = {**os.environ, "SECUREBASE_TODAY": DEMO_TODAY}
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - our own console script
            command, env=env, stdout=self.log, stderr=self.log, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):  # noqa: S310
                    return url
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the dashboard did not start")

    def __exit__(self, *_exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)
        self.log.close()


#: Notes the time of the click on the Triggers tab and of the first chart SVG in its panel,
#: then of the next painted frame, on the page's clock (JavaScript).
STOPWATCH = """() => {
  const marks = (window.firstChart = {});
  document.addEventListener('click', (event) => {
    if (event.target.closest('[role="tab"]') && marks.clicked === undefined)
      marks.clicked = performance.now();
  }, true);
  const panel = () =>
    document.querySelector('[data-testid="stTabs"] [role="tabpanel"]:not([hidden])');
  new MutationObserver((_, observer) => {
    if (marks.clicked === undefined || !panel()?.querySelector('.main-svg')) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { marks.drawn = performance.now(); }));
  }).observe(document.body, {childList: true, subtree: true});
}"""


def first_chart_seconds(url: str) -> tuple[float, float]:
    """Seconds from the click on the Triggers tab to its first chart on screen: on the page's
    clock, and as seen from the test driver."""
    from playwright.sync_api import sync_playwright

    from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        page.get_by_label("Passphrase").fill(DEMO_VAULT_PASSPHRASE)
        page.get_by_role("button", name="Unlock").click()
        page.get_by_role("heading", name="Caseload").wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("button", name=CLIENT, exact=True).click()
        page.get_by_role("heading", name=CLIENT).wait_for(timeout=TIMEOUT_MS)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
        page.wait_for_timeout(500)
        page.evaluate(STOPWATCH)
        started = time.perf_counter()
        page.get_by_role("tab", name="Triggers").click()
        chart = page.locator('[data-testid="stPlotlyChart"] .main-svg').first
        chart.wait_for(timeout=TIMEOUT_MS)
        from_driver = time.perf_counter() - started
        page.wait_for_function("() => window.firstChart.drawn !== undefined", timeout=TIMEOUT_MS)
        marks = page.evaluate("() => window.firstChart")
        browser.close()
    return (marks["drawn"] - marks["clicked"]) / 1000, from_driver
