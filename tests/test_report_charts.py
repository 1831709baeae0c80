"""The summary's charts read in black and white and say what they show.

A chart is drawn alone into a PDF (reportlab's renderPDF), rendered in grey
by pdftoppm, and its legend swatches -- filled exactly as the bars are -- are
sampled: every trigger must differ from every other in grey level or in
pattern (the spread of grey inside the swatch). Text is read with pdftotext.
"""

import subprocess
from datetime import date, timedelta
from itertools import combinations

import pandas as pd
import pytest
from reportlab.graphics import renderPDF

from reports import charts, summary
from securebase import presentation
from securebase.analytics.brief import client_brief
from tests.report_kit import ARTIFACTS, END, demo_vault, keep, pdf_text, require

require("pdftoppm", "pdftotext")

DPI = 144
MONDAYS = [date(2026, 9, 28) + timedelta(weeks=k) for k in range(8)]
WIDTH = 260


def draw(name: str, drawing) -> tuple:
    """The drawing as a PDF page and its grey render (rows of 0-255 values)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    renderPDF.drawToFile(drawing, str(pdf))
    prefix = ARTIFACTS / f"{name}-grey"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-singlefile", str(pdf), str(prefix)], check=True
    )
    return pdf, _pgm(prefix.with_suffix(".pgm").read_bytes())


def _pgm(data: bytes) -> list[bytes]:
    """Rows of a binary PGM (P5) image: four header fields, one whitespace, the pixels."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5", "pdftoppm -gray writes binary PGM"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[len(data) - width * height :]
    return [pixels[r * width : (r + 1) * width] for r in range(height)]


def swatch(rows: list[bytes], height_pt: float, x: float, y: float) -> list[int]:
    """The grey pixels inside the 9 x 8 pt swatch whose lower left is (x, y), row by row."""
    scale = DPI / 72
    left, right = round((x + 1) * scale), round((x + 8) * scale)
    top, bottom = round((height_pt - y - 7) * scale), round((height_pt - y - 1) * scale)
    return [v for row in rows[top:bottom] for v in row[left:right]]


def spread(pixels: list[int]) -> float:
    mean = sum(pixels) / len(pixels)
    return (sum((v - mean) ** 2 for v in pixels) / len(pixels)) ** 0.5


def difference(one: list[int], other: list[int]) -> float:
    """Mean absolute grey difference, pixel by pixel: a grey level or a pattern apart."""
    return sum(abs(a - b) for a, b in zip(one, other, strict=True)) / len(one)


def every_trigger_counts() -> pd.DataFrame:
    keys = [k for k in presentation.tables()["trigger"]]
    rows = [
        {"week": monday, "trigger": key, "count": 1 + (i + j) % 3}
        for i, monday in enumerate(MONDAYS)
        for j, key in enumerate(keys)
    ]
    return pd.DataFrame(rows)


def test_every_trigger_is_distinguishable_in_grey():
    counts = every_trigger_counts()
    order = presentation.ordered("trigger", counts["trigger"].unique())
    drawing = charts.trigger_chart(counts, WIDTH, MONDAYS, date(2026, 10, 29))
    _, rows = draw("chart-triggers-grey", drawing)
    per_column = -(-len(order) // 2)
    legend_top = 11 * per_column + 4 - 10
    looks = {}
    for i, key in enumerate(order):
        x, y = (i // per_column) * WIDTH / 2, legend_top - (i % per_column) * 11
        looks[key] = swatch(rows, drawing.height, x, y)
    patterned = [k for k in order if presentation.look("trigger", k).pattern != "solid"]
    assert patterned, "the vocabulary gives some triggers a pattern"
    for key in patterned:
        assert spread(looks[key]) > 15, f"{key}: its pattern shows in grey"
    for one, other in combinations(order, 2):
        assert difference(looks[one], looks[other]) >= 15, (one, other)


def resistance(urges: list[int], resisted: list[int]) -> pd.DataFrame:
    share = [r / u if u else float("nan") for u, r in zip(urges, resisted, strict=True)]
    return pd.DataFrame(
        {
            "week": MONDAYS[: len(urges)],
            "urges": urges,
            "resisted": resisted,
            "share_resisted": share,
        }
    )


def test_urges_zero_is_drawn_apart_from_no_data_and_every_bar_has_its_n():
    frame = resistance([3, 0, 4, 1], [0, 0, 2, 1])
    pdf, rows = draw("chart-urges", charts.urge_chart(frame, WIDTH, 5, MONDAYS))
    text = pdf_text(pdf)
    for label in ("0/3", "2/4", "1/1", "–", "Resisted (% of strong urges, 0-100)", "100%"):
        assert label in text, label
    # the 0 of 3 week has a dark stub on the axis; the no-urge week does not
    frame_box = charts._frame(WIDTH, MONDAYS, 100.0)
    height = charts.HEIGHT
    scale = DPI / 72
    axis_row = int((height - frame_box.y - 1) * scale)

    def darkest_at(monday):
        x, w = charts._bar_box(frame_box, monday)
        return min(rows[axis_row][int((x + 2) * scale) : int((x + w - 2) * scale)])

    assert darkest_at(MONDAYS[0]) < 60
    assert darkest_at(MONDAYS[1]) > 150


@pytest.fixture(scope="module")
def jordan_pdf(tmp_path_factory):
    vault = demo_vault(tmp_path_factory)
    client = vault.client("Jordan C.")
    period = client_brief(vault, client.client_id, None, END).period
    return keep("summary-charts-jordan", summary.summary_pdf(vault, "Jordan C.", period))[0]


def test_charts_state_their_scale_window_and_last_session(jordan_pdf):
    text = " ".join(pdf_text(jordan_pdf).split())
    for words in (
        "Entries naming it (count)",
        "Fall in belief (points, 0-100)",
        "Total score (0-21)",
        "Total score (0-27)",
        "Every chart shows the same 8 weeks (Monday to Sunday), 28 Sep 2026 to 22 Nov 2026",
        "Dashed line: the last session, 29 Oct 2026.",
        "last session",
    ):
        assert words in text, words
