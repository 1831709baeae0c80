"""The pieces every PDF chart is drawn from: frame, axes, patterned fills, markers.

Rules:
- a chart must read in black and white: every category's fill carries the
  grey-safe pattern of the shared vocabulary (``securebase.presentation``)
  drawn as lines or dots over its colour (``fill``), legends included;
- every value axis has a title and its scale ("0-100", "count");
- x positions are days since the window's first Monday, so bars, lines and
  the last-session marker share one scale (``Frame.x_of``).
"""

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors

from reports import fonts
from securebase.presentation import GRID, grey_level

AXIS = colors.HexColor("#777777")
TEXT = colors.HexColor("#333333")
PATTERN_STEP = 3.2


@dataclass
class Frame:
    """The plotting area of one chart: where the axes are and how values map to points."""

    x: float
    y: float
    width: float
    height: float
    first: date
    days: int
    top: float

    def x_of(self, day: date, offset_days: float = 0) -> float:
        return self.x + self.width * ((day - self.first).days + offset_days) / self.days

    def y_of(self, value: float) -> float:
        return self.y + self.height * min(max(value, 0), self.top) / self.top


def text(x, y, words, size=7, anchor="start", bold=False, colour=TEXT) -> String:
    return String(
        x,
        y,
        words,
        fontName=fonts.bold() if bold else fonts.regular(),
        fontSize=size,
        textAnchor=anchor,
        fillColor=colour,
    )


def bar_label(drawing: Drawing, x: float, y: float, words: str, size: float = 6) -> None:
    """A small centred label on a white patch, so a marker line behind it never cuts it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(words, fonts.regular(), size) + 2
    drawing.add(Rect(x - width / 2, y - 1, width, size + 1, fillColor=colors.white,
                     strokeColor=None))  # fmt: skip
    drawing.add(text(x, y, words, size, "middle"))


def nice_top(value: float) -> tuple[float, float]:
    """An axis maximum at or above ``value`` and a tick step that gives 3-6 ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        top = step * max(1, -(-value // step))
        if top / step <= 6:
            return float(top), float(step)
    return float(value), float(value)


def value_axis(drawing: Drawing, frame: Frame, step: float, title: str, fmt=str) -> None:
    """Ticks, light gridlines, tick labels and a rotated axis title on the left."""
    value = 0.0
    while value <= frame.top + 1e-9:
        y = frame.y_of(value)
        drawing.add(Line(frame.x, y, frame.x + frame.width, y, strokeColor=colors.HexColor(GRID)))
        drawing.add(text(frame.x - 3, y - 2.5, fmt(value), 6.5, "end"))
        value += step
    drawing.add(Line(frame.x, frame.y, frame.x, frame.y + frame.height, strokeColor=AXIS))
    drawing.add(Line(frame.x, frame.y, frame.x + frame.width, frame.y, strokeColor=AXIS))
    label = Group(text(0, 0, title, 6.5, "middle"))
    label.translate(7, frame.y + frame.height / 2)
    label.rotate(90)
    drawing.add(label)


def week_axis(drawing: Drawing, frame: Frame, mondays: list[date], most: int = 8) -> None:
    """Each week's Monday as "d Mon" under the axis (thinned to at most ``most`` labels)."""
    step = max(1, -(-len(mondays) // most))
    for i, monday in enumerate(mondays):
        if i % step == 0:
            x = frame.x_of(monday, 3.5)
            drawing.add(text(x, frame.y - 16, f"{monday.day} {monday:%b}", 6.5, "middle"))


def last_session(drawing: Drawing, frame: Frame, day: date | None) -> None:
    """A dashed vertical line at the last session, labelled, when it lies in the window."""
    if day is None or not 0 <= (day - frame.first).days <= frame.days:
        return
    x = frame.x_of(day, 0.5)
    drawing.add(
        Line(
            x,
            frame.y,
            x,
            frame.y + frame.height + 2,
            strokeColor=colors.black,
            strokeWidth=0.8,
            strokeDashArray=(2, 1.5),
        )
    )
    drawing.add(text(x, frame.y + frame.height + 4, "last session", 6, "middle", bold=True))


def _ink(colour: str):
    """Pattern lines in the fill's own hue, lighter on dark fills and darker on light ones:
    they show in grey print, yet leave the fill's grey level (which the vocabulary keeps
    apart between categories sharing a pattern) nearly where it was."""
    base = colors.HexColor(colour)
    if grey_level(colour) < 110:
        return colors.linearlyInterpolatedColor(base, colors.white, 0, 1, 0.55)
    return colors.linearlyInterpolatedColor(base, colors.black, 0, 1, 0.6)


def _diagonal(group, x, y, w, h, ink, back: bool) -> None:
    c = -w
    while c < h:
        low, high = max(0.0, -c), min(w, h - c)
        if low < high:
            x1, x2 = x + low, x + high
            y1, y2 = y + low + c, y + high + c
            if back:
                x1, x2 = x + w - low, x + w - high
            group.add(Line(x1, y1, x2, y2, strokeColor=ink, strokeWidth=0.6))
        c += PATTERN_STEP


def _straight(group, x, y, w, h, ink, vertical: bool) -> None:
    span = w if vertical else h
    k = PATTERN_STEP / 2
    while k < span:
        if vertical:
            group.add(Line(x + k, y, x + k, y + h, strokeColor=ink, strokeWidth=0.6))
        else:
            group.add(Line(x, y + k, x + w, y + k, strokeColor=ink, strokeWidth=0.6))
        k += PATTERN_STEP


def _dots(group, x, y, w, h, ink) -> None:
    i = PATTERN_STEP / 2
    while i < w:
        j = PATTERN_STEP / 2
        while j < h:
            group.add(Circle(x + i, y + j, 0.85, fillColor=ink, strokeColor=None))
            j += PATTERN_STEP
        i += PATTERN_STEP


def fill(x, y, w, h, colour: str, pattern: str) -> Group:
    """A rectangle in ``colour`` overlaid with the named grey-safe ``pattern``."""
    group = Group(
        Rect(
            x, y, w, h, fillColor=colors.HexColor(colour), strokeColor=colors.white, strokeWidth=0.4
        )
    )
    if w <= 0 or h <= 0:
        return group
    ink = _ink(colour)
    if pattern in ("stripes", "cross"):
        _diagonal(group, x, y, w, h, ink, back=False)
    if pattern in ("back_stripes", "cross"):
        _diagonal(group, x, y, w, h, ink, back=True)
    if pattern in ("horizontal", "grid"):
        _straight(group, x, y, w, h, ink, vertical=False)
    if pattern in ("vertical", "grid"):
        _straight(group, x, y, w, h, ink, vertical=True)
    if pattern == "dots":
        _dots(group, x, y, w, h, ink)
    return group


def legend(drawing: Drawing, items: list[tuple[str, str, str]], width: float, top: float):
    """Patterned swatches with names, in two columns from ``top`` down."""
    column = width / 2
    rows = -(-len(items) // 2)
    for i, (name, colour, pattern) in enumerate(items):
        x = (i // rows) * column
        y = top - (i % rows) * 11
        drawing.add(fill(x, y, 9, 8, colour, pattern))
        drawing.add(Rect(x, y, 9, 8, fillColor=None, strokeColor=AXIS, strokeWidth=0.3))
        drawing.add(text(x + 12, y + 1, name, 6.5))
