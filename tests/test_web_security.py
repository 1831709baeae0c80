"""The web journal's promises about the network and storage, in real Chromium.

- The page can make no connection after loading: a fetch (to its own server
  or anywhere) is refused by the Content-Security-Policy.
- After the first visit it works with no network at all: reload, unlock,
  write and export while offline (the service worker serves the app).
- Nothing readable is stored: after writing a canary, neither IndexedDB nor
  the service worker's caches hold it, in any encoding we can think of.
- The server answers only the build's files, with the security headers.
"""

import base64
import urllib.error
import urllib.request

import pytest

from tests.test_web_app import add_client, opened, send, watch, world  # noqa: F401 - fixture
from tests.webapp_kit import join, new_context, ready, unlock

pytestmark = pytest.mark.browser

CANARY = "Canary-7f3a9 zebra lantern"

DUMP_STORAGE = """async () => {
  const out = [];
  const hex = (u8) => Array.from(u8, b => b.toString(16).padStart(2, '0')).join('');
  const text = (u8) => new TextDecoder('utf-8', {fatal: false}).decode(u8);
  const flatten = (value) => {
    if (value instanceof ArrayBuffer) value = new Uint8Array(value);
    if (ArrayBuffer.isView(value)) {
      const u8 = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return [text(u8), hex(u8), btoa(String.fromCharCode(...u8))];
    }
    if (value && typeof value === 'object') return Object.values(value).flatMap(flatten);
    return [String(value)];
  };
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = no;
    });
    for (const store of db.objectStoreNames) {
      const rows = await new Promise((ok, no) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result); r.onerror = no;
      });
      out.push(store, ...rows.flatMap(flatten));
    }
    db.close();
  }
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      out.push(request.url, await (await cache.match(request)).text());
    }
  }
  out.push(JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie);
  return out;
}"""


def test_csp_blocks_every_fetch_from_the_page(world):  # noqa: F811
    context = new_context(world["browser"], "laptop")
    page = context.new_page()
    page.goto(world["url"] + "/")
    ready(page)
    outcome = page.evaluate(
        """async () => {
          const violations = [];
          document.addEventListener(
            'securitypolicyviolation', e => violations.push(e.violatedDirective));
          const results = [];
          for (const url of [location.origin + '/index.html', 'https://example.org/']) {
            try { await fetch(url); results.push('sent'); } catch (e) { results.push('blocked'); }
          }
          await new Promise(r => setTimeout(r, 100));
          return {results, violations};
        }"""
    )
    assert outcome["results"] == ["blocked", "blocked"]
    assert outcome["violations"]
    assert all(v.startswith("connect-src") for v in outcome["violations"])
    context.close()


def test_offline_after_first_visit_and_no_plaintext_in_storage(world):  # noqa: F811
    added = add_client(world, "Frankie")
    context = new_context(world["browser"], "phone")
    page = context.new_page()
    problems = watch(page)
    join(page, world["url"], added["invitation"])
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # the worker now controls the page and has cached the app
    ready(page)
    assert page.evaluate("() => !!navigator.serviceWorker.controller")

    context.set_offline(True)
    page.reload()
    ready(page)
    unlock(page)
    page.get_by_role("button", name="Quick note").click()
    page.get_by_label("What happened?").fill(f"Written offline. {CANARY}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("section.home")
    # A draft in progress holds the canary too.
    page.get_by_role("button", name="Full thought record").click()
    page.get_by_label("What happened?").fill(f"Draft {CANARY}")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Finish later").click()
    data = send(page, "Yes, it went")
    context.set_offline(False)
    [entry] = opened(world, data).entries
    assert entry.situation == f"Written offline. {CANARY}"

    stored = page.evaluate(DUMP_STORAGE)
    assert "records" in stored  # the scan did read the journal's database
    assert any(part.endswith("/app.js") for part in stored)  # and the caches
    needles = [CANARY, CANARY.lower(), CANARY.encode().hex(), base64.b64encode(CANARY.encode())]
    needles = [n.decode() if isinstance(n, bytes) else n for n in needles] + ["Written offline"]
    leaks = [n for n in needles if any(n in part for part in stored)]
    assert leaks == []
    assert problems == []
    context.close()


def test_the_server_sends_only_the_build_with_security_headers(world):  # noqa: F811
    with urllib.request.urlopen(world["url"] + "/") as reply:
        headers = reply.headers
        assert "connect-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
    for path in ("/../pyproject.toml", "/%2e%2e/cli.py", "/web/package.json", "/cli.py"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(world["url"] + path)
        assert refused.value.code == 404
