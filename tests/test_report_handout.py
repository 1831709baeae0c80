"""The homework handout: the next seven days from a chosen start, by weekday, in client words.

Printed on the demo's last day (Sunday 22 Nov 2026) the sheet starts on
Monday 23 Nov by default; ``--from`` picks another first day. Every word
on the sheet is at least 11 pt (pdftotext -bbox gives each word's box, as
tall as its font size), and the catalogue's clinician wording never reaches
the client.
"""

import re
import subprocess
from html import unescape

import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from reports.handout import MIN_SIZE
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from tests.dashboard_kit import DEMO_TODAY
from tests.report_kit import demo_vault, keep, pdf_text, require

require("pdftotext", "pdftoppm")


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    return demo_vault(tmp_path_factory)


def handout(vault, tmp_path, name, *args):
    env = {"SECUREBASE_PASSPHRASE": DEMO_VAULT_PASSPHRASE, "SECUREBASE_TODAY": DEMO_TODAY}
    out = tmp_path / f"{name}.pdf"
    result = CliRunner().invoke(
        cli,
        ["--vault", str(vault.path), "report", "Robin A.", "--handout", "--out", str(out), *args],
        env=env,
    )
    assert result.exit_code == 0, result.output
    return keep(name, out.read_bytes())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_default_start_is_the_day_after_printing(vault, tmp_path):
    path, pages = handout(vault, tmp_path, "handout-robin-a")
    text = flat(pdf_text(path))
    assert DEMO_TODAY == "2026-11-22"  # a Sunday: the old sheet was all in the past
    assert "From Monday 23 Nov 2026 to Sunday 29 Nov 2026." in text
    # each box headed by weekday over date (pdftotext reads the two header lines in turn)
    assert "Mon Tue Wed Thu Fri Sat Sun 23 Nov 24 Nov 25 Nov 26 Nov 27 Nov 28 Nov 29 Nov" in text
    assert pages


def test_a_chosen_start_orders_the_boxes_from_that_weekday(vault, tmp_path):
    path, _ = handout(vault, tmp_path, "handout-robin-a-from-wed", "--from", "2026-11-25")
    text = flat(pdf_text(path))
    assert "From Wednesday 25 Nov 2026 to Tuesday 1 Dec 2026." in text
    assert "Wed Thu Fri Sat Sun Mon Tue 25 Nov 26 Nov 27 Nov 28 Nov 29 Nov 30 Nov 1 Dec" in text


def test_client_words_and_no_session_numbers(vault, tmp_path):
    path, _ = handout(vault, tmp_path, "handout-robin-a-words")
    text = flat(pdf_text(path))
    for clinical in ("Cognitive restructuring", "protest behaviour", "physiological", "Session 1"):
        assert clinical not in text
    assert "Tick a box each time you do it." in text


def test_every_word_is_at_least_11_pt(vault, tmp_path):
    path, _ = handout(vault, tmp_path, "handout-robin-a-size")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)
    assert len(words) > 50
    # poppler's word box is as tall as the font size
    small = [unescape(w) for y1, y2, w in words if float(y2) - float(y1) < MIN_SIZE - 0.01]
    assert not small
