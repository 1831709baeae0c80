"""Fonts for the PDFs: DejaVu Sans (wide Unicode coverage), or reportlab's built-ins.

Rules:
- DejaVu Sans, its bold and DejaVu Sans Mono come from Debian's
  ``fonts-dejavu-core`` (``scripts/ensure_system_packages.sh`` installs it);
  they are registered once per process as TTF fonts under the family ``SB``;
- when they are missing the documents still build with Helvetica/Courier,
  which cover Latin-1 only: ``covers`` then answers for that smaller set, so
  ``reports.text`` replaces everything else with a visible placeholder;
- ``covers`` asks the regular font's own character-to-glyph map, so a
  character is drawn only when the font can draw it (no silent blank boxes).
"""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FILES = {"SB": "DejaVuSans.ttf", "SB-Bold": "DejaVuSans-Bold.ttf", "SB-Mono": "DejaVuSansMono.ttf"}
FALLBACK = {"SB": "Helvetica", "SB-Bold": "Helvetica-Bold", "SB-Mono": "Courier"}


@cache
def fonts() -> dict[str, str]:
    """Logical name (SB, SB-Bold, SB-Mono) -> registered font name."""
    found = {name: _find(file) for name, file in FILES.items()}
    if not all(found.values()):
        return dict(FALLBACK)
    for name, path in found.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping("SB", bold, italic, "SB-Bold" if bold else "SB")
    return {name: name for name in FILES}


def _find(file: str) -> Path | None:
    return next((d / file for d in FONT_DIRS if (d / file).is_file()), None)


def regular() -> str:
    return fonts()["SB"]


def bold() -> str:
    return fonts()["SB-Bold"]


def mono() -> str:
    return fonts()["SB-Mono"]


@cache
def _glyphs() -> frozenset[int] | None:
    """Code points the regular font draws; None when on the Latin-1 built-ins."""
    if regular() == "Helvetica":
        return None
    face = pdfmetrics.getFont(regular()).face
    return frozenset(face.charToGlyph)


def covers(character: str) -> bool:
    """Whether the body font has a glyph for ``character``."""
    glyphs = _glyphs()
    point = ord(character)
    if glyphs is None:
        return 0x20 <= point <= 0x7E or 0xA0 <= point <= 0xFF
    return point in glyphs
