"""Fonts for the PDFs: one embedded TrueType font per script, chosen run by run.

Rules:
- every font is a TrueType file that reportlab embeds (subset): DejaVu Sans,
  its bold and DejaVu Sans Mono (Latin, Greek, Cyrillic, Arabic, Hebrew and
  many symbols), WenQuanYi Zen Hei (Chinese, Japanese, Korean) and Symbola
  (emoji); ``scripts/ensure_system_packages.sh`` installs all three Debian
  packages. Noto Sans CJK is not used: its outlines are PostScript (CFF),
  which reportlab cannot embed;
- no base-14 font is ever used (they are not embedded): without DejaVu Sans
  a document is refused with ``FontsMissing``; a missing fallback font only
  means its characters become the visible placeholder;
- ``font_for`` names the first font of ``CHAIN`` that has a glyph for a
  character (asking the font's own character map), so text is split into
  runs, each drawn in a font that can draw it; the fallback fonts are read
  from disk only when a document first needs them (the CJK file is 16 MB).
"""

from functools import cache
from pathlib import Path

from securebase.errors import FontsMissing

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"))
FILES = {
    "SB": "dejavu/DejaVuSans.ttf",
    "SB-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "SB-Mono": "dejavu/DejaVuSansMono.ttf",
    "SB-CJK": "wqy/wqy-zenhei.ttc",
    "SB-Symbols": "ancient-scripts/Symbola_hint.ttf",
}
REQUIRED = ("SB", "SB-Bold", "SB-Mono")
#: Fallback order for characters the body font lacks.
CHAIN = ("SB", "SB-CJK", "SB-Symbols")


def _find(file: str) -> Path | None:
    return next((d / file for d in FONT_DIRS if (d / file).is_file()), None)


def _utf16_hex(point: int) -> str:
    return chr(point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs as the PDF reference asks; reportlab writes "<1F600>", which text
    extraction reads as U+1F60 ("ὠ")."""
    pairs = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def _register(name: str) -> bool:
    """Register ``name`` with reportlab once; False when its file is not installed."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

    path = _find(FILES[name])
    if path is None:
        if name in REQUIRED:
            raise FontsMissing()
        return False
    pdfmetrics.registerFont(TTFont(name, str(path), shapable=False))
    if name in ("SB", "SB-Bold"):
        for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
            addMapping("SB", bold, italic, "SB-Bold" if bold else "SB")
    if name not in ("SB", "SB-Bold"):
        for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
            addMapping(name, bold, italic, name)  # <font name=…> runs; <b> keeps the font
    return True


@cache
def regular() -> str:
    _register("SB-Bold")
    _register("SB")
    _make_default("SB")
    return "SB"


def _make_default(name: str) -> None:
    """reportlab's own defaults (a new canvas, a table cell, a chart's text) are
    Helvetica, which is never embedded: make them the embedded body font."""
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.platypus import tables

    rl_config.canvas_basefontname = name
    shapes.STATE_DEFAULTS["fontName"] = name
    tables.CellStyle.fontname = name


def bold() -> str:
    regular()
    return "SB-Bold"


def mono() -> str:
    _register("SB-Mono")
    return "SB-Mono"


@cache
def _glyphs(name: str) -> frozenset[int]:
    """Code points ``name`` can draw (empty when its file is not installed)."""
    from reportlab.pdfbase import pdfmetrics

    if name == "SB":
        regular()
    elif not _register(name):
        return frozenset()
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def font_for(character: str) -> str | None:
    """The first font of ``CHAIN`` that draws ``character``, or None."""
    point = ord(character)
    for name in CHAIN:
        if point in _glyphs(name):
            return name
    return None


def covers(character: str) -> bool:
    """Whether the body font itself has a glyph for ``character``."""
    return ord(character) in _glyphs("SB")
