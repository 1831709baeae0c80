"""The house style of every PDF: paper, margins, palette, paragraph styles, footer.

Rules:
- A4 or US Letter (``PAPERS``); the same margins on both, and every layout
  width is taken from the frame, never assumed, so both papers stay clean;
- the Okabe-Ito palette of the one presentation vocabulary
  (``securebase.presentation``), shared with the dashboard;
- every page of a clinical document carries ``CONFIDENTIAL`` and "Page n of
  m"; documents carry title and author (the therapist) in their metadata;
- fonts come from ``reports.fonts`` and are all embedded (the canvas starts in
  DejaVu Sans, not Helvetica); headings of level ``h1`` make the outline;
  documents declare their language; one date format, ``long_date``.
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
from reports.text import line_runs
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
#: The flag box's thick dark frame keeps it apart from grey table headers in black and white.
FLAG_BORDER = colors.HexColor("#8A2E00")
#: Documents are written in English (PDF /Lang, for screen readers and search).
LANGUAGE = "en-GB"
#: Room above the frame for the running header.
HEADER_SPACE = 4 * mm


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
        "flag_cell": style("flag_cell", fontName=bold, fontSize=9.5, leading=12.5, spaceAfter=0),
        "mono": style("mono", fontName=fonts.mono(), fontSize=13, leading=19),
    }


class Document(SimpleDocTemplate):
    """A platypus document that adds every ``h1`` heading to the PDF's outline."""

    def afterFlowable(self, flowable):
        if getattr(getattr(flowable, "style", None), "name", "") == "h1":
            key = f"section-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


def document(out, paper: str, title: str, author: str, subject: str = "") -> Document:
    """A document on ``paper`` ("a4" or "letter") with the house margins, title and language."""
    return Document(
        out,
        pagesize=PAPERS[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="SecureBase",
        lang=LANGUAGE,
        initialFontName=fonts.regular(),
    )


def build(
    story: list,
    paper: str,
    title: str,
    author: str,
    footer: str = CONFIDENTIAL,
    header: str = "",
    footer_size: float = 7.5,
) -> bytes:
    """The PDF bytes of ``story``, with ``header`` (when given), ``footer`` and "Page n of m"
    on every page. ``title`` goes into the metadata: keep names out of it."""
    out = io.BytesIO()
    doc = document(out, paper, title, author)
    doc.build(story, canvasmaker=_numbered_canvas(footer, header, footer_size))
    return out.getvalue()


def draw_text(canvas, x: float, y: float, text: str, size: float, *, right: bool = False):
    """One line of text (client parts already in visual order: ``reports.text.visual``),
    each run in a font that draws it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = line_runs(text)
    width = sum(stringWidth(chunk, font, size) for font, chunk in pieces)
    x = x - width if right else x
    for font, chunk in pieces:
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, font, size)


def _numbered_canvas(footer: str, header: str, size: float = 7.5):
    class NumberedCanvas(Canvas):
        """Defers each page so the footer can say "Page n of m"; starts in an embedded font."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = fonts.regular()
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._frame_text(total)
                super().showPage()
            if total:
                self.showOutline()
            super().save()

        def _frame_text(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(colors.HexColor("#555555"))
            if header:
                draw_text(self, MARGIN, height - MARGIN * 0.75, header, 7.5)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                y = height - MARGIN * 0.75 - 3
                self.line(MARGIN, y, width - MARGIN, y)
            draw_text(self, MARGIN, MARGIN * 0.6, footer, size)
            page = f"Page {self._pageNumber} of {total}"
            draw_text(self, width - MARGIN, MARGIN * 0.6, page, size, right=True)
            self.restoreState()

    return NumberedCanvas


DATE_FORMAT = "%-d %b %Y"


def long_date(day: date) -> str:
    """The one date format of every document: "5 Nov 2026"."""
    return day.strftime(DATE_FORMAT)


def date_time(moment) -> str:
    """A date and time in the house format: "5 Nov 2026, 14:30"."""
    return f"{long_date(moment)}, {moment:%H:%M}"
