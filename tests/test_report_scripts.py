"""The summary in any script: right-to-left in logical order, CJK drawn, fonts embedded.

A client whose label and entries are written in Hebrew, Arabic, Chinese,
Japanese and Korean (with Windows line endings and an emoji no font has):
pdftotext must give the words back in logical order (poppler turns the
drawn visual order back), pdffonts must show every font embedded (no
base-14 Helvetica), and the one undrawable character is counted on page 1.
"""

import re
import subprocess
import unicodedata
from datetime import timedelta

import pytest

from reports import summary
from reports.text import PLACEHOLDER
from securebase.analytics.brief import client_brief
from securebase.importer import import_files
from securebase.therapist_records import add_session_note
from tests.export_factory import FakeClient, entry
from tests.report_kit import END, demo_vault, keep, pdf_text, require

require("pdftotext", "pdffonts", "pdftoppm")

LABEL = "ליאור 李 مريم"
TEXTS = {
    "situation": "הוא לא ענה להודעה שלי כל הערב\r\nואז כתב שהוא עייף",
    "automatic_thought": "مرحبا بالعالم أنا خائفة من أن يتركني",
    "evidence_for": "我很害怕他会离开我",
    "evidence_against": "こんにちは、彼は昨日電話してくれた",
    "balanced_thought": "안녕하세요 괜찮아요 🫠",
}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def logical(text: str) -> str:
    """pdftotext output compared as a reader sees it: bidi marks removed, Arabic
    presentation forms folded to letters (NFKC), whitespace collapsed."""
    text = unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", text))
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    """A real client: invited under LABEL, an entry exported and imported, the last
    session's note in three scripts with Windows line endings (page 1's plan)."""
    vault = demo_vault(tmp_path_factory)
    client = FakeClient.join(vault, LABEL)
    challenge = {
        "distortions": ["mind_reading"],
        "evidence_for": TEXTS["evidence_for"],
        "evidence_against": TEXTS["evidence_against"],
        "balanced_thought": TEXTS["balanced_thought"],
        "belief_after": 40,
    }
    moment = "2026-11-18T21:30:00+02:00"
    entries = [
        entry("scripts", situation=TEXTS["situation"],
              automatic_thought=TEXTS["automatic_thought"], belief_before=80,
              challenge=challenge, occurred_at=moment, recorded_at=moment),
    ]  # fmt: skip
    import_files(vault, [("scripts.age", client.export(1, entries=entries))])
    add_session_note(vault, LABEL, END - timedelta(days=10), "سطر أول\r\nשורה שנייה\r\n第三行")
    found = vault.client(LABEL)
    period = client_brief(vault, found.client_id, END - timedelta(days=9), END).period
    return keep("summary-scripts", summary.summary_pdf(vault, found.client_id, period))


def test_right_to_left_text_reads_in_logical_order(pdf):
    text = logical(pdf_text(pdf[0]))
    assert "הוא לא ענה להודעה שלי כל הערב ואז כתב שהוא עייף" in text
    assert "مرحبا بالعالم أنا خائفة من أن يتركني" in text
    assert "سطر أول" in text
    assert "שורה שנייה" in text


def test_cjk_is_drawn_not_replaced(pdf):
    text = logical(pdf_text(pdf[0]))
    for words in (
        "我很害怕他会离开我",
        "こんにちは、彼は昨日電話してくれた",
        "안녕하세요",
        "第三行",
    ):
        assert words in text, words


def test_label_in_every_page_header(pdf):
    path, pages = pdf
    for number, page in enumerate(pdf_text(path).split("\f")[: len(pages)], start=1):
        head = logical(page.strip().splitlines()[0])
        for word in ("李", "ליאור", "مريم"):
            assert word in head, number


def test_undrawable_characters_are_counted_and_line_endings_are_not(pdf):
    text = logical(pdf_text(pdf[0]))
    first_page = logical(pdf_text(pdf[0]).split("\f")[0])
    assert "1 character could not be printed and shows as □." in first_page
    assert text.count(PLACEHOLDER) == 2  # the 🫠 and the sentence that explains it


def test_every_font_is_embedded(pdf):
    out = subprocess.run(["pdffonts", str(pdf[0])], check=True, capture_output=True, text=True)
    rows = out.stdout.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert any("WenQuanYi" in name for name in names)
    assert all(" yes yes yes " in row for row in rows), out.stdout
    assert not any("Helvetica" in name for name in names)


def test_handout_and_invitation_embed_every_font(tmp_path):
    from reports.handout import handout_from
    from reports.invitation import invitation_pdf

    documents = {
        "handout": handout_from([], {}, LABEL, "Dr. Example", END, "a4"),
        "invitation": invitation_pdf("SBINVITE1ABCDEFGHJK", LABEL, "Dr. Example", "ab12 cd34", END),
    }
    for name, data in documents.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
        rows = out.stdout.splitlines()[2:]
        assert rows, name
        assert all(" yes yes yes " in row for row in rows), (name, out.stdout)


def test_language_and_outline(pdf):
    raw = pdf[0].read_bytes()
    assert b"/Lang (en-GB)" in raw
    assert b"/Outlines" in raw
    assert b"/PageMode /UseOutlines" in raw
    for heading in (b"Flags to review", b"What changed", b"Charts", b"Selected entries"):
        assert b"/Title (" + heading + b")" in raw
