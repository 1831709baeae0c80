"""Client text, made safe for reportlab paragraphs: covered, clipped, escaped.

Rules (every piece of client-written text goes through ``para_text``):
- characters the font cannot draw (CJK, most emoji, private use) become
  ``PLACEHOLDER`` ("□") before drawing, so nothing vanishes silently; line
  breaks and tabs become spaces unless the caller keeps lines;
- text longer than its limit is cut and ends with ``ELLIPSIS`` ("…");
- words longer than ``MAX_WORD`` characters get a zero-width break
  opportunity every ``MAX_WORD`` characters, so a 10,000-character "word"
  wraps inside its column instead of running off the page;
- finally &, < and > are escaped: client text is data, never markup.
Right-to-left scripts are drawn in logical order (no bidi shaping): legible
letter by letter and extractable, not typeset as a native reader expects.
"""

from xml.sax.saxutils import escape

from reports.fonts import covers

PLACEHOLDER = "\u25a1"  # □
ELLIPSIS = "\u2026"  # …
MAX_WORD = 30
ZERO_WIDTH_SPACE = "\u200b"


def covered(text: str) -> str:
    """``text`` with every character the font lacks replaced by ``PLACEHOLDER``."""
    return "".join(c if c in "\n\t" or covers(c) else PLACEHOLDER for c in text)


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


def para_text(text: str | None, limit: int | None = None, *, keep_lines: bool = False) -> str:
    """Client text as safe paragraph markup (see the module rules)."""
    text = clip(str(text or ""), limit)
    text = covered(text).replace("\t", " ")
    if not keep_lines:
        text = " ".join(text.split())
    text = escape(breakable(text))
    return text.replace("\n", "<br/>") if keep_lines else text


def plain(text: str | None, limit: int | None = None) -> str:
    """Client text for drawing outside paragraphs (chart labels): covered and clipped."""
    return covered(clip(" ".join(str(text or "").split()), limit))
