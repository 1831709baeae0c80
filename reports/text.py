"""Client text, made safe for reportlab paragraphs: normalised, clipped, set in fonts, escaped.

Rules (every piece of client-written text goes through ``para_text`` or ``plain``):
- line endings are normalised first (``\\r\\n``, ``\\r``, U+2028/2029 become
  ``\\n``), other control characters become spaces, and invisible joiners
  and emoji variation selectors are dropped, so none prints as a box;
- text longer than its limit is cut and ends with ``ELLIPSIS`` ("…");
- Arabic is shaped and every right-to-left word is put into visual order
  (``reports.bidi``; the words of a line are ordered by ``bidi.Para``);
- each run of characters is set in the first font that draws it
  (``reports.fonts.font_for``: DejaVu Sans, then CJK, then emoji); a
  character no installed font draws becomes ``PLACEHOLDER`` ("□") and is
  counted (``missing``), so the document can say how many were not printed;
- words longer than ``MAX_WORD`` characters get a zero-width break
  opportunity every ``MAX_WORD`` characters, so a 10,000-character "word"
  wraps inside its column instead of running off the page;
- finally &, < and > are escaped: client text is data, never markup.
"""

import re
import threading
import unicodedata
from xml.sax.saxutils import escape

from reports import bidi
from reports.fonts import font_for

PLACEHOLDER = "\u25a1"  # □
ELLIPSIS = "\u2026"  # …
MAX_WORD = 30
ZERO_WIDTH_SPACE = "\u200b"
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
#: Invisible characters that only modify a neighbour: ZWJ, ZWNJ, variation
#: selectors, emoji skin-tone modifiers. Drawn alone they would be boxes.
_DROPPED = re.compile("[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")

#: Per thread: the dashboard renders PDFs for two browser sessions at once.
_count = threading.local()


def reset_missing() -> None:
    """Start counting undrawable characters afresh (one document, this thread)."""
    _count.missing = 0


def missing() -> int:
    """Characters replaced by ``PLACEHOLDER`` since ``reset_missing`` in this thread."""
    return getattr(_count, "missing", 0)


def _lost() -> None:
    _count.missing = missing() + 1


def normalised(text: str) -> str:
    """Line endings as ``\\n``; other controls as spaces; joiners and selectors dropped."""
    text = _DROPPED.sub("", _LINE_BREAKS.sub("\n", text))
    return "".join(" " if c not in "\n\t" and unicodedata.category(c) == "Cc" else c for c in text)


def clip(text: str, limit: int | None) -> str:
    """At most ``limit`` characters, the last one ``ELLIPSIS`` when cut."""
    if limit is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def breakable(text: str, max_word: int = MAX_WORD) -> str:
    """Insert a zero-width space into every run of ``max_word`` non-space characters."""
    out, run = [], 0
    for character in text:
        run = 0 if character.isspace() else run + 1
        if run > max_word:
            out.append(ZERO_WIDTH_SPACE)
            run = 1
        out.append(character)
    return "".join(out)


def _font(character: str) -> str | None:
    if character in "\n\t " or character == ZERO_WIDTH_SPACE:
        return "SB"
    return font_for(character)


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (font, characters) runs; undrawable characters become counted placeholders."""
    out: list[tuple[str, str]] = []
    for character in text:
        font = _font(character)
        if font is None:
            _lost()
            font, character = "SB", PLACEHOLDER
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + character)
        else:
            out.append((font, character))
    return out


def _markup(text: str) -> str:
    return "".join(
        escape(chunk) if font == "SB" else f'<font name="{font}">{escape(chunk)}</font>'
        for font, chunk in runs(text)
    )


def _lines(text: str, keep_lines: bool) -> list[str]:
    text = text.replace("\t", " ")
    if not keep_lines:
        return [" ".join(text.split())]
    return [" ".join(line.split()) for line in text.split("\n")]


def para_text(text: str | None, limit: int | None = None, *, keep_lines: bool = False) -> str:
    """Client text as safe paragraph markup (see the module rules); draw it with ``bidi.Para``."""
    text = clip(normalised(str(text or "")), limit)
    lines = [
        _markup(breakable(bidi.visual_words(bidi.shaped(line))))
        for line in _lines(text, keep_lines)
    ]
    return "<br/>".join(lines)


def plain(text: str | None, limit: int | None = None) -> str:
    """Client text for one line outside paragraphs (chart labels): in visual order, covered.

    Characters the body font lacks become the placeholder: a chart label is
    drawn in one font."""
    text = clip(" ".join(normalised(str(text or "")).split()), limit)
    out = []
    for character in bidi.visual_line(text):
        if _font(character) != "SB":
            _lost()
            character = PLACEHOLDER
        out.append(character)
    return "".join(out)


def visual(text: str | None, limit: int | None = None) -> str:
    """Client text for one line drawn on the canvas (header): normalised, clipped, visual order.
    Draw it with ``styles.draw_text``, which sets each run in a font that has it."""
    return bidi.visual_line(clip(" ".join(normalised(str(text or "")).split()), limit))


def line_runs(text: str) -> list[tuple[str, str]]:
    """(font, characters) runs of one line for canvas drawing (see ``runs``)."""
    return runs(text)
