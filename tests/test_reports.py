"""The session summary PDF, the batch, paper sizes, metadata, encryption, hostile text."""

import re
from datetime import date

import pandas as pd
import pyrage
import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from reports import batch, summary
from reports.sections import HEADINGS
from reports.styles import long_date
from reports.text import ELLIPSIS, PLACEHOLDER, para_text
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.analytics.brief import client_brief
from tests.dashboard_kit import DEMO_LABELS, DEMO_TODAY
from tests.report_kit import END, demo_vault, keep, pdf_info, pdf_text, require

require("pdftotext", "pdftoppm", "pdfinfo")


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    return demo_vault(tmp_path_factory)


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(path) -> list[str]:
    return [page for page in pdf_text(path).split("\f") if page.strip()]


@pytest.mark.parametrize("label", DEMO_LABELS)
def test_summary_for_each_demo_client(vault, label):
    client = vault.client(label)
    brief = client_brief(vault, client.client_id, None, END)
    data = summary.gather(vault, client.client_id, brief.period)
    path, pages = keep(f"summary-{batch.file_name(label, client.client_id)[8:-4]}",
                       summary.render(data))  # fmt: skip
    text = flat(pdf_text(path))
    period = f"{long_date(brief.period.start)} – {long_date(brief.period.end)}"
    for heading in HEADINGS:
        assert heading in text, heading
    urges = brief.urges
    assert f"{urges['resisted']} of {urges['total']}" in text
    info = pdf_info(path)
    assert 2 <= int(info["Pages"]) <= 8
    assert len(pages) == int(info["Pages"])
    total = int(info["Pages"])
    for number, page in enumerate(pages_of(path), start=1):
        lines = [flat(line) for line in page.splitlines() if line.strip()]
        header = lines[0]  # identity on every page: a shuffled batch can be put back together
        assert header.startswith(label), number
        assert f"ref {client.client_id[:8]}" in header
        assert period in header
        assert f"printed {long_date(data.prepared)}" in header
        assert "Confidential — contains health information" in lines[-1]
        assert f"Page {number} of {total}" in lines[-1]


@pytest.mark.parametrize("label", DEMO_LABELS)
def test_no_letter_page_holds_only_a_closing_section(vault, label):
    """On US Letter (shorter than A4) the last page still carries content, not a lone
    heading: the summary ends with entries, and notes only when there are any."""
    client = vault.client(label)
    period = client_brief(vault, client.client_id, None, END).period
    path, _ = keep(f"summary-letter-{client.client_id[:8]}",
                   summary.summary_pdf(vault, label, period, "letter"))  # fmt: skip
    last = [line for line in pages_of(path)[-1].splitlines() if line.strip()][1:-1]
    assert len(last) >= 8, last
    assert not any(line.strip() == "Next steps" for line in last)


def test_one_date_format(vault):
    """Dates read "5 Nov 2026" everywhere (chart ticks drop the year): never zero-padded,
    never ISO, never led by a weekday."""
    client = vault.client("Jordan C.")
    period = client_brief(vault, client.client_id, None, END).period
    path, _ = keep("summary-dates", summary.summary_pdf(vault, "Jordan C.", period))
    text = flat(pdf_text(path))
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert re.findall(rf"\b\d{{1,2}} (?:{months}) 20\d\d\b", text)
    assert not re.findall(rf"\b0\d (?:{months})\b", text)
    assert not re.findall(r"\b20\d\d-\d\d-\d\d\b", text)
    assert not re.findall(rf"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{{1,2}} (?:{months})", text)


def test_jordan_item9_is_first_on_page_one_with_the_default_period(vault):
    """The PHQ-9 item-9 answer of 25 Oct lies before the default period (since the session
    on 29 Oct) and still leads page 1, then the session, its plan, homework, changes."""
    client = vault.client("Jordan C.")
    brief = client_brief(vault, client.client_id, None, END)
    assert brief.period.start > date(2026, 10, 25)
    path, _ = keep("summary-jordan-page1", summary.summary_pdf(vault, "Jordan C.", brief.period))
    first = flat(pages_of(path)[0])
    assert "No risk flags" not in first
    assert "25 Oct 2026: PHQ-9 check-in (ref " in first
    assert "item 9, thoughts of self-harm, answered" in first
    order = ["Flags to review", "Since the session on 29 Oct 2026",
             "What the last session planned", "Current homework", "What changed"]  # fmt: skip
    places = [first.index(heading) for heading in order]
    assert places == sorted(places)
    assert "safety plan agreed" in first  # the last session's plan, in full, on page 1


def test_flags_say_where_to_look_not_what(vault):
    """Every demo flag is listed by date and source; the risky words are not in the flag box."""
    for label in DEMO_LABELS:
        client = vault.client(label)
        brief = client_brief(vault, client.client_id, date(2026, 1, 1), END)
        if brief.flags:
            path, _ = keep("summary-flags", summary.summary_pdf(vault, label, brief.period))
            text = flat(pdf_text(path))
            flags_block = text.split("Flags to review", 1)[1].split("Since the session", 1)[0]
            assert "prompt to look, not an assessment" in flags_block
            for flag in brief.flags:
                assert long_date(flag["local_date"]) in flags_block
                assert f"ref {flag['source_id'][:8]}" in flags_block
            return
    raise AssertionError("the demo must hold a flagged client (Jordan C.'s PHQ-9 item 9)")


HOSTILE = {
    "situation": "<font size=40>big</font> <para>x</para> 1 < 2 & 3 > 2 <b unclosed & done",
    "automatic_thought": "A" * 10_000,
    "evidence_for": "שלום עולם — مرحبا بالعالم",
    "evidence_against": "我很害怕 😀🫠 end",
    "balanced_thought": "ok &amp; <br/> </td>",
    "emotions": [("a_newer_feeling", 55)],  # keys a newer client tool may send
    "triggers": ["some_new_trigger"],
}


def test_hostile_text_still_builds_and_reads(vault):
    client = vault.client("Robin A.")
    data = summary.gather(
        vault, client.client_id, client_brief(vault, client.client_id, None, END).period
    )
    data.entries = [{**entry, **HOSTILE} for entry in data.entries[:2]]
    data.notes = [(END, "<font>note</font> & " + "B" * 5000)]
    data.label = "<b>Robin</b> & Co 😀 我"
    path, pages = keep("summary-hostile", summary.render(data, "letter"))
    text = flat(pdf_text(path))
    assert "<font size=40>big</font> <para>x</para> 1 < 2 & 3 > 2 <b unclosed & done" in text
    assert "ok &amp; <br/> </td>" in text
    assert "A newer feeling 55" in text  # unknown keys are shown readable, never a crash
    assert "Some new trigger" in text
    assert "שלום" in text or "םולש" in text
    assert "مرحبا" in text or "ابحرم" in text or "ﻣﺮﺣﺒﺎ" in text
    assert "我很害怕" in text  # CJK in its own embedded font
    assert f"😀{PLACEHOLDER} end" in text  # 🫠 (Unicode 14) is in no installed font
    assert "2 characters could not be printed and show as □." in text  # once in each entry
    assert ELLIPSIS in text  # the 10,000-character word was clipped
    assert "<b>Robin</b> & Co" in text
    assert pages


def test_para_text_escapes_clips_and_breaks():
    assert para_text("<a & b>") == "&lt;a &amp; b&gt;"
    assert para_text("x" * 50, limit=10).endswith(ELLIPSIS)
    assert len(para_text("x" * 50, limit=10)) == 10
    assert "\u200b" in para_text("y" * 100)
    assert para_text("中") == '<font name="SB-CJK">中</font>'
    assert para_text("a\r\nb\rc") == "a b c"
    assert para_text("a\r\nb", keep_lines=True) == "a<br/>b"


def test_batch_writes_one_pdf_per_active_client(vault, tmp_path):
    written = batch.write_all(vault, tmp_path / "all", None, END)
    assert len(written) == 4
    for item in written:
        assert item.file.read_bytes().startswith(b"%PDF")
        assert item.label in pdf_text(item.file)


def run(vault, *args):
    env = {"SECUREBASE_PASSPHRASE": DEMO_VAULT_PASSPHRASE, "SECUREBASE_TODAY": DEMO_TODAY}
    result = CliRunner().invoke(cli, ["--vault", str(vault.path), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_paper_metadata_and_encryption(vault, tmp_path):
    run(vault, "report", "Alex D.", "--paper", "letter", "--out", str(tmp_path / "a.pdf"))
    info = pdf_info(tmp_path / "a.pdf")
    assert "letter" in info["Page size"]
    assert info["Title"] == "Session summary"  # no name in metadata: the file may be emailed
    assert info["Author"] == vault.therapist_name
    run(vault, "report", "Alex D.", "--out", str(tmp_path / "b.pdf"))
    assert "A4" in pdf_info(tmp_path / "b.pdf")["Page size"]
    run(vault, "report", "Alex D.", "--encrypt", "--out", str(tmp_path / "c.pdf"))
    assert not (tmp_path / "c.pdf").exists()
    sealed = (tmp_path / "c.pdf.age").read_bytes()
    assert b"%PDF" not in sealed
    assert pyrage.decrypt(sealed, [vault.identity.age_identity]).startswith(b"%PDF")


def assert_same_summary(one, other) -> None:
    """Two SummaryData hold the same values (frames compared as frames: NaN equals NaN)."""
    for name, value in vars(one).items():
        theirs = getattr(other, name)
        if isinstance(value, dict) and all(hasattr(v, "columns") for v in value.values()):
            assert value.keys() == theirs.keys(), name
            for key, frame in value.items():
                pd.testing.assert_frame_equal(frame, theirs[key])
        elif hasattr(value, "columns"):
            pd.testing.assert_frame_equal(
                value.reset_index(drop=True), theirs.reset_index(drop=True)
            )
        elif hasattr(value, "as_json"):
            assert value.as_json() == theirs.as_json(), name
        else:
            assert pd.Series([value]).equals(pd.Series([theirs])) or value == theirs, name


@pytest.mark.parametrize("label", DEMO_LABELS)
@pytest.mark.parametrize("start", [None, date(2026, 10, 1), date(2026, 11, 16)])
def test_the_summary_reads_only_its_window_and_gathers_the_same(vault, label, start):
    """gather reads from summary_start on (check-ins all): the same data as from everything."""
    client = vault.client(label)
    period = batch.client_period(vault, client.client_id, start, END)
    everything = summary.client_frames(vault, client.client_id)
    window = summary.summary_frames(vault, client.client_id, period)
    assert len(window.entries) <= len(everything.entries)
    if start != date(2026, 10, 1):  # a long period reaches back to the demo's first weeks
        assert len(window.entries) < len(everything.entries)
    assert window.checkins.equals(everything.checkins)
    full = summary.gather(vault, client.client_id, period, frames=everything)
    assert_same_summary(summary.gather(vault, client.client_id, period), full)
