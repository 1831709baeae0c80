"""Right-to-left text (Arabic, Hebrew, ...) laid out for drawing, line by line.

A PDF draws glyphs left to right, so right-to-left text must be put into
visual order. Rules:
- Arabic letters are shaped first (``arabic_reshaper``: each letter takes its
  initial, medial, final or isolated form, lam-alef becomes one ligature);
  the text stays in logical order;
- inside each word the characters are put into visual order by the Unicode
  bidirectional algorithm (``python-bidi``): digits inside a Hebrew word stay
  left to right, brackets are mirrored;
- the words of a line are ordered only after the paragraph has been broken
  into lines (``Para``), so a long right-to-left paragraph reads from its
  first line down, each line from the right; a paragraph whose first strong
  character is right-to-left is right-aligned;
- word order follows the bidirectional algorithm at word level: a word is
  right-to-left, left-to-right, a number (it joins a right-to-left
  neighbour) or neutral (it takes its neighbours' direction when they agree,
  else the paragraph's).
Poppler (pdftotext) turns visual order back into logical order, which is how
the tests read it.
"""

import unicodedata
from copy import copy

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

RTL, LTR, NUMBER, NEUTRAL = "R", "L", "N", ""


def direction(character: str) -> str:
    kind = unicodedata.bidirectional(character)
    if kind in ("R", "AL"):
        return RTL
    if kind == "L":
        return LTR
    return NUMBER if kind in ("EN", "AN") else NEUTRAL


def has_rtl(text: str) -> bool:
    return any(direction(c) == RTL for c in text)


def base_direction(text: str) -> str:
    """The direction of the first strong character (left to right when there is none)."""
    return next((d for d in map(direction, text) if d in (RTL, LTR)), LTR)


def shaped(text: str) -> str:
    """Arabic letters in their joined forms, in logical order (other text unchanged)."""
    if not any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def _visual_word(word: str) -> str:
    if not has_rtl(word):
        return word
    from bidi import get_display

    return get_display(word)


def visual_words(text: str) -> str:
    """Every word of ``text`` with its characters in visual order (words stay in place)."""
    if not has_rtl(text):
        return text
    return " ".join(_visual_word(word) for word in text.split(" "))


def _word_direction(word: str) -> str:
    kinds = {direction(c) for c in word}
    for kind in (RTL, LTR, NUMBER):
        if kind in kinds:
            return kind
    return NEUTRAL


def _resolved(kinds: list[str], base: int) -> list[str]:
    """Each word's direction: numbers join a right-to-left run, neutrals their neighbours."""
    start = RTL if base else LTR
    out, previous = [], None
    for kind in kinds:
        if kind == NUMBER:
            kind = RTL if (previous or start) == RTL else LTR
        out.append(kind)
        previous = kind if kind != NEUTRAL else previous
    for i, kind in enumerate(out):
        if kind == NEUTRAL:
            before = next((k for k in reversed(out[:i]) if k != NEUTRAL), start)
            after = next((k for k in out[i + 1 :] if k != NEUTRAL), start)
            out[i] = before if before == after else start
    return out


def _levels(kinds: list[str], base: int) -> list[int]:
    """Embedding level of each word (even: left to right, odd: right to left)."""
    if base:
        return [1 if kind == RTL else 2 for kind in _resolved(kinds, base)]
    return [1 if kind == RTL else 0 for kind in _resolved(kinds, base)]


def visual_order(words: list[str], base: int) -> list[int]:
    """Indices of ``words`` in display order, left to right (rule L2 at word level)."""
    levels = _levels([_word_direction(w) for w in words], base)
    order = list(range(len(words)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def visual_line(text: str) -> str:
    """One line (no wrapping) in visual order: for canvas strings and chart labels."""
    text = shaped(text)
    if not has_rtl(text):
        return text
    words = visual_words(text).split(" ")
    base = 1 if base_direction(text) == RTL else 0
    return " ".join(words[i] for i in visual_order(words, base))


class Para(Paragraph):
    """A paragraph whose lines are put into visual order after line breaking.

    Its text must come from ``reports.text.para_text`` (words already in
    visual order inside); without right-to-left text it is a plain Paragraph.
    """

    def __init__(self, text, style=None, *args, **kwargs):
        if text is None:  # reportlab's split: the piece comes as fragments, not text
            text = "".join(getattr(frag, "text", "") for frag in kwargs.get("frags") or ())
        self._rtl = has_rtl(text)
        self._base = 1 if self._rtl and base_direction(_plain(text)) == RTL else 0
        if self._base and style is not None:
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        super().__init__(text, style, *args, **kwargs)

    def breakLines(self, width):
        lines = super().breakLines(width)
        if not self._rtl:
            return lines
        if lines.kind == 0:
            lines.lines = [(space, _ordered(words, self._base)) for space, words in lines.lines]
        else:
            for line in lines.lines:
                line.words = _ordered_frags(line.words, self._base)
        return lines


def _plain(markup: str) -> str:
    import re

    return re.sub(r"<[^>]*>", "", markup)


def _ordered(words: list[str], base: int) -> list[str]:
    return [words[i] for i in visual_order(list(map(str, words)), base)]


def _ordered_frags(frags: list, base: int) -> list:
    """A line of styled fragments, split into words and put into visual order."""
    if any(not hasattr(f, "text") or hasattr(f, "cbDefn") for f in frags):
        return frags  # images or callbacks: leave the line as it is
    units = []
    for frag in frags:
        for word in frag.text.split(" "):
            if word:
                unit = copy(frag)
                unit.text = word
                units.append(unit)
    if not units:
        return frags
    ordered = [units[i] for i in visual_order([u.text for u in units], base)]
    for unit in ordered[:-1]:
        unit.text += " "
    return ordered
