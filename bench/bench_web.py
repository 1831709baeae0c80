"""Web journal benchmarks (issue 18), in Debian's Chromium driven by Playwright.

- bundle: JavaScript + CSS of ``clienttools/web_build`` gzipped (<= 200 KiB);
- first load: from navigation to the first screen ready, at 4x CPU slowdown
  (Chromium's CPU throttling through DevTools), service worker blocked, so
  every visit is a first visit (<= 2 s);
- unlock: one scrypt at the web work factor (17) plus opening a journal of
  10,000 entries (stated, no target);
- save one entry, list the newest entries, with 10,000 entries (<= 200 ms and
  save <= 50 ms); export a year (1,500 entries) sealed (<= 2 s).
The journal operations run the app's own modules (``tools/bench.ts``, bundled
here) inside the served page, so they use the real IndexedDB and WebCrypto.
"""

import gzip
import subprocess
import time

from bench.harness import Context, Result
from tests.test_therapist_cli import Therapist
from tests.webapp_kit import PASSPHRASE, PROFILES, chromium, served_app
from tests.webkit import WEB, node_modules

BUILD = WEB.parent / "web_build"
GROUP = "Web journal"
WEB_WORK_FACTOR = 17


def _bench_bundle(context: Context) -> str:
    node_modules()
    out = context.work_dir / "bench.js"
    subprocess.run(  # noqa: S603 - the pinned esbuild on our own source
        [str(WEB / "node_modules" / ".bin" / "esbuild"), "tools/bench.ts", "--bundle",
         "--format=iife", f"--outfile={out}", "--log-level=warning"],
        cwd=WEB, check=True,
    )  # fmt: skip
    return out.read_text()


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _invitation(context: Context) -> str:
    therapist = Therapist(context.work_dir / "vault")
    assert therapist("vault", "init", "--name", "Dr. Bench").code == 0
    return therapist("client", "add", "Bench", "--json").json()["invitation"]


def run(context: Context) -> list[Result]:
    gzipped = {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in BUILD.glob("*.[jc]s*")}
    first = gzipped["app.js"] + gzipped["app.css"]
    results = [
        Result(GROUP, "all JS + CSS, gzip", 1.0, sum(gzipped.values()) / 1024, unit="KiB",
               limit=200, target="<= 200 KiB", note=f"first load {first / 1024:.0f} KiB"),
    ]  # fmt: skip
    code = _invitation(context)
    script = _bench_bundle(context)
    runs = max(3, context.runs)
    with served_app() as url, chromium() as browser:
        results.append(_first_load(browser, url, runs))
        results.extend(_journal(browser, url, script, code, 1500 if context.quick else 10_000))
    return results


def _first_load(browser, url: str, runs: int) -> Result:
    times = []
    for _ in range(runs):
        page = browser.new_context(**PROFILES["phone"], service_workers="block").new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        start = time.perf_counter()
        page.goto(url + "/")
        page.wait_for_selector("html[data-ready='1']")
        times.append(time.perf_counter() - start)
        page.context.close()
    return Result(GROUP, "first load to ready, phone, 4x CPU slowdown", 1.0, _median(times),
                  limit=2.0, target="<= 2 s", runs=times)  # fmt: skip


def _journal(browser, url: str, script: str, code: str, count: int) -> list[Result]:
    context = browser.new_context(**PROFILES["laptop"], service_workers="block")
    page = context.new_page()
    page.goto(url + "/")
    page.wait_for_selector("html[data-ready='1']")
    page.evaluate(script)  # DevTools evaluation: the page's CSP does not apply to it
    call = lambda name, *args: page.evaluate(f"(a) => sbBench.{name}(...a)", list(args))  # noqa: E731
    call("setup", code, PASSPHRASE, WEB_WORK_FACTOR)
    call("fill", count)
    unlock_ms, opened = call("unlock", PASSPHRASE)
    assert opened == count
    saves = [call("save") for _ in range(9)]
    lists = [call("list") for _ in range(9)]
    if count > 1500:
        context.close()
        context = browser.new_context(**PROFILES["laptop"], service_workers="block")
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector("html[data-ready='1']")
        page.evaluate(script)
        call = lambda name, *args: page.evaluate(f"(a) => sbBench.{name}(...a)", list(args))  # noqa: E731
        call("setup", code, PASSPHRASE, 4)
        call("fill", 1500)
        assert call("unlock", PASSPHRASE)[1] == 1500
    exported = [call("exportAll") for _ in range(3)]
    assert all(size > 1500 * 200 for _, size in exported)  # the entries really went in
    export_1500 = [ms for ms, _ in exported]
    context.close()
    ms = 1 / 1000
    return [
        Result(GROUP, f"unlock: scrypt 2^{WEB_WORK_FACTOR} + open {count} entries", 1.0,
               unlock_ms * ms, note="stated, no target"),
        Result(GROUP, f"save one entry among {count}", 1.0, _median(saves) * ms, limit=0.05,
               target="<= 50 ms", runs=[s * ms for s in saves]),
        Result(GROUP, f"list newest of {count} entries", 1.0, _median(lists) * ms, limit=0.2,
               target="<= 200 ms", runs=[s * ms for s in lists]),
        Result(GROUP, "export a year (1,500 entries), sealed", 1.0, _median(export_1500) * ms,
               limit=2.0, target="<= 2 s", runs=[s * ms for s in export_1500]),
    ]  # fmt: skip
