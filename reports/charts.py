"""Charts for the session summary, drawn with reportlab's own vector graphics.

Rules:
- every chart draws an analytics result as given (``trigger_counts_by_week``,
  ``belief_drop_by_week`` + ``weekly_trend``, ``urge_resistance_by_week``,
  ``measure_history``); no chart computes a statistic of its own;
- all charts share one window, the weeks (Monday to Sunday) of ``mondays``,
  and mark the last session when it falls inside it;
- readable in black and white: trigger blocks carry the vocabulary's
  grey-safe patterns (``chart_parts.fill``), lines have markers;
- every value axis has a title and its scale; every bar shows its n, and a
  week with urges none of which were resisted shows a visible 0, apart from a
  week with no strong urge ("–");
- labels, colours and titles come from the one presentation vocabulary
  (``securebase.presentation``), the same as on screen;
- each function takes the drawing's width (from the frame) and returns a
  ``Drawing``, so the same chart fits A4 and US Letter.
"""

from datetime import date, timedelta

import pandas as pd
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors

from reports import chart_parts as parts
from reports.text import plain
from securebase import presentation

HEIGHT = 170
LEFT = 30
EMPTY_TEXT = "Nothing recorded in these weeks"


def _drawing(width: float, title: str, height: float = HEIGHT) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(parts.text(0, height - 10, title, 8.5, bold=True))
    return drawing


def _empty(width: float, title: str) -> Drawing:
    drawing = _drawing(width, title, 40)
    drawing.add(parts.text(0, 14, EMPTY_TEXT, 8, colour=colors.HexColor("#666666")))
    return drawing


def _frame(width, mondays, top, bottom=26, height=HEIGHT - 62) -> parts.Frame:
    days = 7 * len(mondays)
    return parts.Frame(LEFT, bottom, width - LEFT - 4, height, mondays[0], days, top)


def _bar_box(frame: parts.Frame, monday: date) -> tuple[float, float]:
    """Left edge and width of the bar of the week starting ``monday``."""
    left, right = frame.x_of(monday, 0.8), frame.x_of(monday, 6.2)
    return left, right - left


def trigger_chart(counts: pd.DataFrame, width: float, mondays, session=None) -> Drawing:
    """Stacked weekly bars from ``trigger_counts_by_week``; the total above each bar."""
    title = presentation.CHARTS["trigger_weekly_bars"].title
    if counts.empty or counts["count"].sum() == 0:
        return _empty(width, title)
    table = counts.pivot_table(index="week", columns="trigger", values="count", fill_value=0)
    table = table.reindex(mondays, fill_value=0)
    order = presentation.ordered("trigger", table.columns)
    looks = {key: presentation.look("trigger", key) for key in order}
    legend_rows = -(-len(order) // 2)
    legend_height = 11 * legend_rows + 4
    drawing = _drawing(width, title, HEIGHT + legend_height)
    top, step = parts.nice_top(float(table.sum(axis=1).max()))
    frame = _frame(width, mondays, top, bottom=26 + legend_height)
    parts.value_axis(drawing, frame, step, "Entries naming it (count)", lambda v: f"{v:.0f}")
    parts.last_session(drawing, frame, session)  # first, so bars and labels sit on top
    for monday, row in table.iterrows():
        x, w = _bar_box(frame, monday)
        base = 0.0
        for key in order:
            value = float(row.get(key, 0))
            if value:
                y0, y1 = frame.y_of(base), frame.y_of(base + value)
                drawing.add(parts.fill(x, y0, w, y1 - y0, looks[key].colour, looks[key].pattern))
                base += value
        parts.bar_label(drawing, x + w / 2, frame.y_of(base) + 2, f"{base:.0f}")
    parts.week_axis(drawing, frame, mondays)
    items = [(plain(looks[k].label, 34), looks[k].colour, looks[k].pattern) for k in order]
    parts.legend(drawing, items, width, legend_height - 10)
    return drawing


def urge_chart(resistance: pd.DataFrame, width: float, threshold: int, mondays, session=None):
    """Share of strong urges resisted per week (``urge_resistance_by_week``), 0-100 %, with
    "resisted/urges" above each bar; 0 of n is drawn as a visible zero, no urge as "–"."""
    title = f"Strong urges ({threshold}+ of 10) resisted each week"
    if resistance.empty or resistance["urges"].sum() == 0:
        return _empty(width, title)
    by_week = resistance.set_index("week").reindex(mondays)
    drawing = _drawing(width, title)
    frame = _frame(width, mondays, 100.0)
    parts.value_axis(drawing, frame, 25, "Resisted (% of strong urges, 0-100)", _percent)
    parts.last_session(drawing, frame, session)
    colour = presentation.colour("urge_outcome", "resisted")
    for monday, row in by_week.iterrows():
        x, w = _bar_box(frame, monday)
        urges = 0 if pd.isna(row["urges"]) else int(row["urges"])
        if urges == 0:
            drawing.add(parts.text(x + w / 2, frame.y + 2, "–", 7, "middle"))
            continue
        kept = int(row["resisted"])
        top = frame.y_of(100 * kept / urges)
        if kept:
            drawing.add(parts.fill(x, frame.y, w, top - frame.y, colour, "solid"))
        else:  # zero is a value: a dark stub on the axis, not an empty slot
            drawing.add(Rect(x, frame.y, w, 1.8, fillColor=colors.black, strokeColor=None))
        drawing.add(
            parts.text(x + w / 2, max(top, frame.y + 2) + 2, f"{kept}/{urges}", 6, "middle")
        )
    parts.week_axis(drawing, frame, mondays)
    note = "Above each bar: resisted/strong urges that week. – = no strong urge that week."
    drawing.add(parts.text(0, 1, note, 6, colour=colors.HexColor("#555555")))
    return drawing


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def _points(drawing, frame, series, colour, dash=None, marker=True) -> None:
    coords = [c for x, y in series for c in (x, frame.y_of(y))]
    ink = colors.HexColor(colour)
    drawing.add(PolyLine(coords, strokeColor=ink, strokeWidth=1.4, strokeDashArray=dash))
    if marker:
        for x, y in series:
            drawing.add(Circle(x, frame.y_of(y), 2, fillColor=ink, strokeColor=colors.white))


def belief_chart(drops: pd.DataFrame, trend, width: float, mondays, session=None) -> Drawing:
    """Weekly mean belief drop (``belief_drop_by_week``), n above each point, and the fitted
    line of ``weekly_trend`` over the same weeks."""
    title = "Belief drop after challenges, each week"
    if drops.empty:
        return _empty(width, title)
    drawing = _drawing(width, title)
    top = max(20.0, float(drops["mean_drop"].max()) + 5)
    top, step = parts.nice_top(top)
    frame = _frame(width, mondays, top)
    parts.value_axis(drawing, frame, step, "Fall in belief (points, 0-100)", lambda v: f"{v:.0f}")
    parts.last_session(drawing, frame, session)
    weeks = [pd.Timestamp(w).date() for w in drops["week"]]
    series = [
        (frame.x_of(w, 3.5), float(v)) for w, v in zip(weeks, drops["mean_drop"], strict=True)
    ]
    _points(drawing, frame, series, presentation.BLUE)
    for (x, y), n in zip(series, drops["n"], strict=True):
        drawing.add(parts.text(x, frame.y_of(y) + 4, f"n={int(n)}", 5.5, "middle"))
    if trend.slope_per_week is not None:
        ends = [weeks[0], weeks[-1]]
        line = [
            (frame.x_of(w, 3.5), trend.intercept + trend.slope_per_week * _weeks(trend, w))
            for w in ends
        ]
        _points(drawing, frame, line, presentation.ORANGE, dash=(3, 2), marker=False)
        note = f"dashed: fitted trend, {trend.slope_per_week:+.1f} points/week ({trend.direction})"
        drawing.add(parts.text(0, 1, note, 6, colour=colors.HexColor("#555555")))
    parts.week_axis(drawing, frame, mondays)
    return drawing


def _weeks(trend, week: date) -> float:
    return (week - trend.first_week).days / 7


def measure_chart(history: pd.DataFrame, spec, width: float, mondays, session=None) -> Drawing:
    """Totals at each check-in of the window (``measure_history``) over the severity bands."""
    title = f"{spec.title} total at each check-in"
    days = [d if isinstance(d, date) else pd.Timestamp(d).date() for d in history["local_date"]]
    shown = [(d, t) for d, t in zip(days, history["total"], strict=True) if d >= mondays[0]]
    if not shown:
        return _empty(width, title)
    drawing = _drawing(width, title)
    frame = _frame(width, mondays, float(spec.total_max))
    _bands(drawing, frame, spec)
    step = 5 if spec.total_max > 10 else 2
    axis_title = f"Total score ({spec.total_min}-{spec.total_max})"
    parts.value_axis(drawing, frame, step, axis_title, lambda v: f"{v:.0f}")
    parts.last_session(drawing, frame, session)
    series = [(frame.x_of(d, 0.5), float(t)) for d, t in shown]
    _points(drawing, frame, series, presentation.BLACK)
    parts.week_axis(drawing, frame, mondays)
    return drawing


def _bands(drawing: Drawing, frame: parts.Frame, spec) -> None:
    fills = presentation.BAND_FILLS
    for i, band in enumerate(spec.bands):
        low = frame.y_of(band.low)
        high = frame.y_of(min(band.high + 1, spec.total_max))
        fill = colors.HexColor(fills[min(i, len(fills) - 1)])
        drawing.add(Rect(frame.x, low, frame.width, high - low, fillColor=fill, strokeColor=None))
        label = parts.text(frame.x + frame.width - 2, low + 2, band.label, 5.5, "end")
        label.fillColor = colors.HexColor("#666666")
        drawing.add(label)
    drawing.add(Line(frame.x, frame.y, frame.x + frame.width, frame.y, strokeColor=parts.AXIS))


def window_mondays(first: date, last: date) -> list[date]:
    """The Mondays from ``first`` (a Monday) up to the week containing ``last``."""
    return [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
