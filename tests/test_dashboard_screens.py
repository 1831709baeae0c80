"""Every page at 1440, 1280 and 390 px wide in Chromium: drawn whole, nothing cut off.

For each width the test unlocks a copy of the demo vault, imports a new
client's file twice (the second time nothing changes), and visits the
caseload, the import results, the flagged new client's Brief, every tab of a
demo client (the Brief with its entries opened) and the settings. On every
page it checks what can be read from the page itself:

- no Streamlit exception and no console error (plotly's "Invalid color
  specifier" included);
- nothing wider than the window, and nothing in the main area sticking out of it;
- every chart's title, legend, tick labels, axis titles and Sankey labels
  inside the chart; the legend clear of the plot area; no two legend entries,
  Sankey labels or level tick labels of an axis on top of each other (the
  Sankey keeps 640 px and scrolls in its own frame on a phone);
- every table's last column in view without a sideways scroll, except, on a
  phone, tables of five or more columns (the caseload's nine, the import
  results' eight, the homework figures): those scroll inside their own frame
  while the page itself stays put. The three-column crisis-lines editor on
  Settings must fit a phone.

Screenshots go to test-output/screen-<width>-<page>.png, to be looked at.
"""

import pytest

from tests.dashboard_kit import DEMO_TODAY, NEW_CLIENT, build_pristine, risky_export
from tests.test_dashboard_browser import TIMEOUT_MS, Watch, settle
from tests.test_dashboard_demo import SCREENSHOTS
from tests.test_dashboard_session import browser_page, served, unlock

WIDTHS = {"wide": (1440, 900), "laptop": (1280, 720), "phone": (390, 844)}
TABS = [
    ("Brief", 0),
    ("Triggers", 4),
    ("Thought challenges", 5),
    ("Soothing and urges", 2),
    ("Homework", 1),
    ("Measures", 2),
    ("Session notes", 0),
]
CLIENT = "Robin A."

#: Everything on the page that sticks out, is cut or lies on top of something (JavaScript).
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const html = document.documentElement;
  if (html.scrollWidth > html.clientWidth + 1)
    problems.push(`the page is ${html.scrollWidth} px wide in a ${html.clientWidth} px window`);
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const main = block.getBoundingClientRect();
  block.querySelectorAll('[data-testid="stElementContainer"]').forEach((element) => {
    const r = element.getBoundingClientRect();
    const frame = element.parentElement.closest('[class*="st-key-"]');
    if (frame && getComputedStyle(frame).overflowX === 'auto') return;  // scrolls in its frame
    if (r.width > 0 && (r.right > main.right + 2 || r.left < main.left - 2))
      problems.push(`${element.className.split(' ').slice(-1)} sticks out of the main area`);
  });
  const overlap = (a, b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const boxes = (root, selector) => [...root.querySelectorAll(selector)]
    .map((part) => part.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  const anyOverlap = (list) => list.some((a, i) => list.slice(i + 1).some((b) => overlap(a, b)));
  block.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart) => {
    if (chart.closest('[class*="st-key-plotly-warm-up"]')) return;
    const name = chart.querySelector('.gtitle')?.textContent || 'a chart';
    const box = chart.getBoundingClientRect();
    // A legend's own box is wider than the chart (one entry a row): its texts must fit.
    const inside = '.legend .legendtext, .legend .legendsymbols, .gtitle, .g-gtitle, ' +
      '.xtick text, .ytick text, .g-xtitle, ' +
      '.g-ytitle, .sankey .node-label, .annotation-text';
    chart.querySelectorAll(inside).forEach((part) => {
      const r = part.getBoundingClientRect();
      if (r.width === 0) return;
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.bottom > box.bottom + 2)
        problems.push(`${name}: ${part.getAttribute('class')} cut at the edge of the chart`);
    });
    const legend = chart.querySelector('.legend .bg');
    const plots = boxes(chart, '.nsewdrag');
    if (legend && plots.some((p) => overlap(p, legend.getBoundingClientRect())))
      problems.push(`${name}: the legend lies over the plot area`);
    if (anyOverlap(boxes(chart, '.sankey .node-label')))
      problems.push(`${name}: Sankey labels lie on top of each other`);
    if (anyOverlap(boxes(chart, '.legend .traces')))
      problems.push(`${name}: legend entries lie on top of each other`);
    const frame = legend?.getBoundingClientRect();
    chart.querySelectorAll('.legend .legendtext').forEach((text) => {
      if (frame && text.getBoundingClientRect().right > frame.right + 1)
        problems.push(`${name}: the legend entry "${text.textContent}" is cut off`);
    });
    chart.querySelectorAll('.xaxislayer-above, .yaxislayer-above').forEach((axis) => {
      // Plotly slants labels that would collide; the boxes of slanted ones always overlap.
      const level = [...axis.querySelectorAll('.xtick text, .ytick text')]
        .filter((t) => !(t.getAttribute('transform') || '').includes('rotate'));
      const rects = level.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0);
      if (anyOverlap(rects)) problems.push(`${name}: tick labels run into each other`);
    });
  });
  return problems;
}"""
#: Tables whose last column needs a sideways scroll: [name, columns] each (JavaScript).
SCROLLING_TABLES = """() => {
  const cut = [];
  document.querySelectorAll('[data-testid="stDataFrame"]').forEach((table) => {
    const scroller = table.querySelector('.dvn-scroller');
    const key = table.parentElement.closest('[class*="st-key-"]');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 2)
      cut.push([key?.className.match(/st-key-([\\w.-]+)/)?.[1] || 'a table', null]);
  });
  document.querySelectorAll('[data-testid="stTable"]').forEach((table) => {
    const frame = table.getBoundingClientRect();
    const cells = [...table.querySelectorAll('tr > :last-child')];
    if (table.scrollWidth > table.clientWidth + 2
        || cells.some((cell) => cell.getBoundingClientRect().right > frame.right + 2))
      cut.push([`the table headed ${table.querySelector('th:last-child')?.textContent}`,
        table.querySelectorAll('thead th').length]);
  });
  return cut;
}"""
#: On a phone, a table of more columns than this may scroll inside its own frame (the page
#: stays put): five or more columns cannot fit 390 px readably. The caseload's grid too.
PHONE_TABLE_COLUMNS = 4
PHONE_SCROLLING_GRIDS = {"caseload_table"}


@pytest.fixture(scope="module")
def vault_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        folder = build_pristine(tmp_path_factory.mktemp("screens") / "vault")
    export = folder.parent / "casey-export-01.age"
    export.write_bytes(risky_export(folder))
    return folder


def look(page, name: str, problems: list[str], phone: bool) -> None:
    """Check the page as it is now; save a picture of all of it."""
    settle(page)
    page.wait_for_timeout(700)  # plotly draws after the script run
    assert page.locator('[data-testid="stException"]').count() == 0, name
    problems += [f"{name}: {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    for table, columns in page.evaluate(SCROLLING_TABLES):
        wide = table in PHONE_SCROLLING_GRIDS or (columns or 0) > PHONE_TABLE_COLUMNS
        if not (phone and wide):
            problems.append(f"{name}: {table} needs a sideways scroll to show its last column")
    # Streamlit scrolls inside its main block: grow the window to the content for the picture.
    size = page.viewport_size
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], tall + 40)})
    page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"screen-{name}.png"), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


def go(page, link: str, heading: str, phone: bool) -> None:
    """Follow a sidebar link (on a phone the sidebar is folded away first)."""
    if phone:
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_timeout(400)
    page.get_by_role("link", name=link).click()
    page.get_by_role("heading", name=heading).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    if phone and page.locator('[data-testid="stSidebar"][data-collapsed="false"]').count():
        page.locator('[data-testid="stSidebarCollapseButton"] button').click()
        page.wait_for_timeout(400)


def import_twice(page, export, phone: bool) -> None:
    for _ in range(2):
        go(page, "Import", "Import exports", phone)
        page.locator('[data-testid="stFileUploader"]').wait_for(timeout=TIMEOUT_MS)
        page.locator('input[type="file"]').set_input_files([str(export)], timeout=TIMEOUT_MS)
        page.get_by_role("button", name="Import 1 file").click()
        page.get_by_role("heading", name="Last import").wait_for(timeout=TIMEOUT_MS)
        settle(page)
    page.get_by_text("already imported: nothing changed").wait_for(timeout=TIMEOUT_MS)


def open_client(page, label: str, phone: bool) -> None:
    go(page, "Caseload", "Caseload", phone)
    page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("heading", name=label).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.get_by_role("tab", name="Brief").wait_for(timeout=TIMEOUT_MS)


def visit_tabs(page, size: str, problems: list[str], phone: bool) -> None:
    for tab, charts in TABS:
        tab_button = page.get_by_role("tab", name=tab)
        if tab_button.get_attribute("aria-selected") != "true":
            tab_button.click()
            settle(page)
        if charts:
            plots = page.locator('[data-testid="stPlotlyChart"] .main-svg')
            plots.nth(charts - 1).wait_for(timeout=TIMEOUT_MS)
        if tab == "Brief":  # the entries, as the therapist opens them to read
            page.locator('[data-testid="stExpander"] summary').first.click()
            page.wait_for_timeout(400)
        slug = tab.lower().replace(" ", "-")
        look(page, f"{size}-client-{slug}", problems, phone)


@pytest.mark.browser
@pytest.mark.parametrize("size", list(WIDTHS))
def test_every_page_fits_its_window(vault_dir, size):
    width, height = WIDTHS[size]
    phone = size == "phone"
    problems: list[str] = []
    with (
        served(vault_dir, SECUREBASE_TODAY=DEMO_TODAY) as url,
        browser_page(width, height) as page,
    ):
        watch = Watch(page)
        page.goto(url)
        page.get_by_role("heading", name="Unlock your vault").wait_for(timeout=TIMEOUT_MS)
        look(page, f"{size}-unlock", problems, phone)
        unlock(page)
        look(page, f"{size}-caseload", problems, phone)
        import_twice(page, vault_dir.parent / "casey-export-01.age", phone)
        look(page, f"{size}-import", problems, phone)
        open_client(page, NEW_CLIENT, phone)
        page.get_by_text("1 place to look at").wait_for(timeout=TIMEOUT_MS)
        look(page, f"{size}-client-flagged", problems, phone)
        open_client(page, CLIENT, phone)
        visit_tabs(page, size, problems, phone)
        go(page, "Settings", "Settings", phone)
        look(page, f"{size}-settings", problems, phone)
    assert watch.console_errors == []
    assert problems == [], "\n".join(problems)
