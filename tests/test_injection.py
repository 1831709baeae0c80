"""Injection everywhere text is shown: one hostile corpus, every field, every surface.

A client puts each corpus item into every free-text field of an entry (and
into homework log notes) through ``securebase-journal``, exports, and the
therapist imports through ``securebase``. Then each place the text is shown
must show it as text:

- terminal output of both command lines (lists, shows, brief, homework,
  import reports, and their ``--json`` forms): no C0/C1 control character
  but newline and tab, no bidi override, and the JSON still reads back exact;
- text that carries escape sequences (CSI, OSC 8 links, cursor moves, 8-bit
  CSI) is refused when written and when imported, without being echoed;
- the dashboard (AppTest, every page and client tab): no client text in any
  Markdown surface, no HTML element; the text appears literally in text elements;
- the PDF summary: it renders and pdftotext shows the markup literally;
- CSV export: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after
  leading blanks, tab or CR) is neutralised with an apostrophe;
- JSON export: valid JSON that gives back exactly what was written.
"""

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from clienttools.home import ClientHome
from clienttools.journal import open_journal
from dashboard.client_views import VIEWS, charts
from dashboard.client_views import triggers as triggers_view
from securebase.messages import CATALOGUE
from tests.export_factory import FakeClient, entry
from tests.hardening_kit import PASSPHRASE, World, entry_draft, make_world

APP = Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py"

#: Allowed in a journal (it is only text), dangerous if rendered as markup or formulas.
HOSTILE = {
    "markdown": "**bold** _it_ # Heading > quote [site](https://evil.example) ![p](https://evil.example/p.png)",
    "html": '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">',
    "javascript": "[click me](javascript:alert(4)) javascript:alert(5)",
    "reportlab": "<font color=red size=40>BIG</font><para>para</para><b>b</b><br/>&amp; & </para>",
    "bidi": "safe \u202eevil\u202c \u2066isolated\u2069 \u200fmark \u061calm",
    "formula_eq": '=HYPERLINK("https://evil.example","open")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_minus": "-2+3+cmd|' /C calc'!A0",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula_space": "  =1+1",
    "formula_tab": "\t=1+1",
    "formula_cr": "\r\n=1+1",
    "tab_cr": "line one\r\nline two\tafter a tab\rover",
}  # fmt: skip
LONG = "long line " + "x" * 3800
#: Escape sequences and other controls: refused wherever text enters.
CONTROLS = {
    "csi": "\x1b[2J\x1b[31mred",
    "osc8": "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "cursor": "before\x1b[1A\x1b[2Kafter",
    "c1_csi": "eight-bit \x9b31m csi",
    "bell": "ring\x07\x00",
}
#: Bytes no terminal output may carry (newline and tab are layout, not control).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Pieces of the corpus that must never reach a Markdown surface of the dashboard.
MARKUP_TOKENS = ["alert(", "onerror", "javascript", "evil.example", "<font", "HYPERLINK", "calc"]
FORMULA_SIGNS = ("=", "+", "-", "@")
BLANKS = " \t\r\n\f\v\u00a0"


def _fields(text: str, n: int) -> dict:
    """``text`` in every client-written field of an entry, exactly as written."""
    draft = entry_draft(text, n, distress_before=90 + n % 10)
    draft.update(
        situation=text,
        trigger_note=text[:300],
        body_sensations=text,
        automatic_thought=text,
        partner_positive=[text[:300]],
        tags=[text.strip()[:50] or "blank"],
    )
    draft["challenge"].update(evidence_for=text, evidence_against=text, balanced_thought=text)
    draft["need_statement"]["text"] = text
    return draft


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> World:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        folder = tmp_path_factory.mktemp("hostile")
        world = make_world(folder)
        drafts = [_fields(text, n) for n, text in enumerate(HOSTILE.values())]
        drafts.append(_fields(LONG, len(drafts)))
        added = world.client("add", "--json", "-", stdin=json.dumps(drafts))
        assert added.code == 0, added.err
        assigned = world.therapist(
            "homework", "assign", "Alice", "paced_breathing", "--note", HOSTILE["bidi"]
        )
        assert assigned.code == 0, assigned.err
        assert world.therapist("homework", "pack", "Alice", "--out", folder / "p.age").code == 0
        assert world.client("homework", "import", folder / "p.age").code == 0
        [assignment] = world.client("homework", "list", "--json").json()["assignments"]
        for text in HOSTILE.values():
            logged = world.client(
                "homework", "log", assignment["assignment_id"][:8], "--minutes", "5",
                "--note", text,
            )  # fmt: skip
            assert logged.code == 0, logged.err
        assert world.client("export", "--out", folder / "week.age").code == 0
        imported = world.therapist("import", folder / "week.age")
        assert imported.code == 0, imported.err
        world.import_output = imported.out + imported.err
        yield world


def _assert_terminal_safe(output: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(output)})
    assert not found, f"{where}: control characters reached the terminal: {found}"


# -- terminal ------------------------------------------------------------------------


def test_terminal_output_of_both_command_lines_carries_no_control_characters(hostile):
    ids = [e["id"] for e in hostile.client("list", "--json").json()["entries"]]
    runs = {
        "import": hostile.import_output,
        **{
            " ".join(args): hostile.client(*args).out
            for args in [("list",), ("list", "--json"), ("homework", "list"),
                         ("homework", "list", "--json")]
        },
        **{f"show {i[:8]}": hostile.client("show", i[:8]).out for i in ids},
        **{f"show --json {i[:8]}": hostile.client("show", i[:8], "--json").out for i in ids},
        **{
            " ".join(args): hostile.therapist(*args).out
            for args in [("client", "list"), ("client", "list", "--json"),
                         ("brief", "Alice", "--from", "2026-01-01", "--until", "2026-01-31"),
                         ("brief", "Alice", "--from", "2026-01-01", "--json"),
                         ("homework", "list", "Alice"), ("homework", "list", "Alice", "--json")]
        },
    }  # fmt: skip
    for where, output in runs.items():
        _assert_terminal_safe(output, where)
    # Not vacuous: the hostile text itself was printed (made safe), and JSON reads back exact.
    shown = "\n".join(runs[f"show {i[:8]}"] for i in ids)
    assert "<script>alert(1)</script>" in shown
    assert "safe \ufffdevil\ufffd" in shown  # the bidi override, made visible
    situations = {hostile.client("show", i[:8], "--json").json()["situation"] for i in ids}
    assert set(HOSTILE.values()) <= situations


@pytest.mark.parametrize("name", list(CONTROLS))
def test_escape_sequences_are_refused_when_written_and_never_echoed(hostile, name):
    text = CONTROLS[name]
    before = len(hostile.journal().entries())
    runs = [
        hostile.client("add", "--situation", text),
        hostile.client("add", "--json", "-", stdin=json.dumps(_fields(text, 0))),
    ]
    message = CATALOGUE["entry_invalid"]
    for run in runs:
        assert run.code == 1
        assert f"error: {message.text}" in run.err
        _assert_terminal_safe(run.out + run.err, name)
        assert text not in run.out + run.err
    assert len(hostile.journal().entries()) == before


@pytest.mark.parametrize("name", list(CONTROLS))
def test_escape_sequences_in_an_export_or_its_file_name_are_refused_calmly(hostile, tmp_path, name):
    """A hand-made export (not from the client tool) carrying controls, under a hostile name."""
    vault = hostile.vault()
    forger = FakeClient.join(vault, f"Forger {name}")
    vault.store.close()
    text = CONTROLS[name]
    path = tmp_path / f"week{text}.age".replace("\x00", "").replace("/", "_")
    document = forger.document(1, [entry("x", situation=text)], (), (), keys=forger.identity)
    path.write_bytes(forger.seal_raw(json.dumps(document).encode()))
    for args in [("import", path), ("import", path, "--json")]:
        run = hostile.therapist(*args)
        assert run.code == 1
        _assert_terminal_safe(run.out + run.err, f"{name} {args}")
        assert text not in run.out + run.err
    [result] = json.loads(hostile.therapist("import", path, "--json").out)["files"]
    assert result["status"] == "refused"
    assert result["file"] == str(path)  # exact once decoded


# -- dashboard -----------------------------------------------------------------------


def _markdown_surfaces(app: AppTest) -> list[str]:
    kinds = ["markdown", "caption", "title", "header", "subheader", "info", "warning",
             "error", "success"]  # fmt: skip
    return [element.value for kind in kinds for element in app.get(kind)]


WARM_UP_STYLE = charts.WARM_UP_STYLE
SANKEY_FRAME_STYLE = triggers_view.SANKEY_FRAME_STYLE  # the phone's scrolling Sankey frame


def _check_page(app: AppTest, where: str) -> None:
    assert not app.exception, (where, app.exception)
    # Raw HTML only for the charts' fixed warm-up style, never anything built from data.
    html = [element.proto.body for element in app.get("html")]
    assert all(body in (WARM_UP_STYLE, SANKEY_FRAME_STYLE) for body in html), (where, html)
    for value in _markdown_surfaces(app):
        for token in MARKUP_TOKENS:
            assert token not in value, f"{where}: client text in Markdown: {value[:200]!r}"
        assert not UNSAFE.search(value.replace("\n", "")), where


def test_the_dashboard_shows_hostile_text_only_as_text(hostile, monkeypatch):
    monkeypatch.setenv("SECUREBASE_VAULT", str(hostile.vault_path))
    monkeypatch.setenv("SECUREBASE_TODAY", "2026-01-12")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.text_input[0].input(PASSPHRASE)
    next(b for b in app.button if b.label == "Unlock").click()
    app.run()
    _check_page(app, "caseload")
    literal = []
    app.session_state["client_id"] = hostile.client_id
    app.switch_page("app_pages/client.py").run()
    for title, _ in VIEWS:
        app.session_state["client_tab"] = title
        app.run()
        _check_page(app, f"client: {title}")
        literal += [element.value for element in app.text]
    for page in ("import_files", "settings"):
        app.switch_page(f"app_pages/{page}.py").run()
        _check_page(app, page)
    shown = "\n".join(literal)
    assert "<script>alert(1)</script>" in shown, "the hostile text was not shown at all"
    assert "[click me](javascript:alert(4))" in shown


# -- PDF -----------------------------------------------------------------------------


def test_the_pdf_summary_renders_and_shows_markup_literally(hostile, tmp_path):
    out = tmp_path / "summary.pdf"
    run = hostile.therapist(
        "report", "Alice", "--from", "2026-01-01", "--until", "2026-01-31",
        "--entries", "20", "--out", out,
    )  # fmt: skip
    assert run.code == 0, run.err
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    # Layout may wrap lines and add zero-width break opportunities; the characters stay.
    squeezed = re.sub(r"[\s\u200b]+", "", text)
    for shown in ["<script>alert(1)</script>", "<font color=red size=40>BIG</font>",
                  "<para>para</para><b>b</b><br/>&amp;", "[click me](javascript:alert(4))",
                  "**bold**"]:  # fmt: skip
        assert re.sub(r"\s+", "", shown) in squeezed, f"not shown literally: {shown}"


# -- CSV and JSON exports ------------------------------------------------------------


def _cells(folder: Path):
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                yield from ((path.name, cell) for cell in row)


def test_csv_export_neutralises_every_formula_cell(hostile, tmp_path):
    out = tmp_path / "csv"
    assert hostile.therapist("vault", "export", "--format", "csv", "--out", out).code == 0
    cells = list(_cells(out))
    live = [(name, c) for name, c in cells if c.lstrip(BLANKS).startswith(FORMULA_SIGNS)]
    assert not live, f"cells a spreadsheet would run: {live[:5]}"
    for text in HOSTILE.values():
        if text.lstrip(BLANKS).startswith(FORMULA_SIGNS):
            assert ("entries.csv", "'" + text) in cells, f"{text!r} missing from entries.csv"
            # The client tool trims a log note's outer blanks (an entry keeps them).
            note = ("homework_logs.csv", "'" + text.strip())
            assert note in cells, f"{text!r} missing from homework_logs.csv"


def test_json_export_gives_back_exactly_what_was_written(hostile, tmp_path):
    out = tmp_path / "json"
    assert hostile.therapist("vault", "export", "--format", "json", "--out", out).code == 0
    entries = json.loads((out / "entries.json").read_text(encoding="utf-8"))
    by_situation = {e.get("situation"): e for e in entries}
    for text in [*HOSTILE.values(), LONG]:
        saved = by_situation[text]
        assert saved["automatic_thought"] == saved["challenge"]["balanced_thought"] == text
        assert saved["need_statement"]["text"] == text
    logs = json.loads((out / "homework_logs.json").read_text(encoding="utf-8"))
    assert {text.strip() for text in HOSTILE.values()} <= {log["note"] for log in logs}
    journal = open_journal(ClientHome(hostile.home_path), PASSPHRASE)
    assert {e.situation for e in journal.entries()} >= set(HOSTILE.values())
