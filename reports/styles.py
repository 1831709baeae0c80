"""The house style of every PDF: paper, margins, palette, paragraph styles, footer.

Rules:
- A4 or US Letter (``PAPERS``); the same margins on both, and every layout
  width is taken from the frame, never assumed, so both papers stay clean;
- the Okabe-Ito palette of the one presentation vocabulary
  (``securebase.presentation``), shared with the dashboard;
- every page of a clinical document carries ``CONFIDENTIAL`` and "Page n of
  m"; documents carry title and author (the therapist) in their metadata;
- fonts come from ``reports.fonts`` (DejaVu Sans when installed).
"""

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from reports import fonts
from securebase.presentation import (  # noqa: F401 - the palette, re-exported for reports
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    OKABE_ITO,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
)
from securebase.presentation import INK as INK_HEX

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
CONFIDENTIAL = "Confidential — contains health information"

INK = colors.HexColor(INK_HEX)
RULE = colors.HexColor("#DDDDDD")
FLAG_BACKGROUND = colors.HexColor("#FBE3D6")


def style(name: str, **overrides) -> ParagraphStyle:
    base = {
        "fontName": fonts.regular(),
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": INK,
        "splitLongWords": 1,
        "spaceAfter": 3,
    }
    return ParagraphStyle(name, **{**base, **overrides})


def styles() -> dict[str, ParagraphStyle]:
    bold = fonts.bold()
    return {
        "title": style("title", fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h1": style(
            "h1",
            fontName=bold,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h2": style(
            "h2",
            fontName=bold,
            fontSize=10.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "body": style("body"),
        "small": style("small", fontSize=8, leading=10, textColor=colors.HexColor("#555555")),
        "intro": style(
            "intro", fontSize=8, leading=10, textColor=colors.HexColor("#555555"), keepWithNext=1
        ),
        "cell": style("cell", fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": style("cell_bold", fontName=bold, fontSize=8.5, leading=10.5, spaceAfter=0),
        "flag": style("flag", fontName=bold, textColor=colors.HexColor(VERMILLION)),
        "mono": style("mono", fontName=fonts.mono(), fontSize=13, leading=19),
    }


def document(out, paper: str, title: str, author: str, subject: str = "") -> SimpleDocTemplate:
    """A platypus document on ``paper`` ("a4" or "letter") with the house margins."""
    return SimpleDocTemplate(
        out,
        pagesize=PAPERS[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="SecureBase",
    )


def build(story: list, paper: str, title: str, author: str, footer: str = CONFIDENTIAL) -> bytes:
    """The PDF bytes of ``story``, with ``footer`` and page numbers on every page."""
    out = io.BytesIO()
    doc = document(out, paper, title, author)
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    return out.getvalue()


def _numbered_canvas(footer: str):
    class NumberedCanvas(Canvas):
        """Defers each page so the footer can say "Page n of m"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.saveState()
            self.setFont(fonts.regular(), 7.5)
            self.setFillColor(colors.HexColor("#666666"))
            self.drawString(MARGIN, MARGIN * 0.6, footer)
            self.drawRightString(
                width - MARGIN, MARGIN * 0.6, f"Page {self._pageNumber} of {total}"
            )
            self.restoreState()

    return NumberedCanvas


def long_date(day: date) -> str:
    return f"{day:%d %B %Y}".lstrip("0")
