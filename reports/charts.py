"""Charts for the session summary, drawn with reportlab's own vector graphics.

Rules:
- every chart draws an analytics result as given (``trigger_counts_by_week``,
  ``belief_drop_by_week`` + ``weekly_trend``, ``urge_resistance_by_week``,
  ``measure_history``); no chart computes a statistic of its own;
- weeks on the x axis are weeks starting Monday, labelled "d Mon"; an empty
  series gives a small panel that says so instead of an empty frame;
- labels and colours come from the one presentation vocabulary
  (``securebase.presentation``), the same as on screen; a trigger the
  vocabulary does not know is drawn grey under a readable name, never dropped;
- each function takes the drawing's width (from the frame) and returns a
  ``Drawing``, so the same chart fits A4 and US Letter.
"""

from datetime import date

import pandas as pd
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from reports import fonts
from reports.styles import BLACK, BLUE, BLUISH_GREEN, GREY, ORANGE
from reports.text import plain
from securebase import presentation

HEIGHT = 165
EMPTY_TEXT = "Nothing recorded in these weeks"
#: Severity bands, lightest for the mildest (a sequential, colour-blind safe ramp).
BAND_FILLS = presentation.BAND_FILLS


def _drawing(width: float, title: str, height: float = HEIGHT) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=fonts.bold(), fontSize=9))
    return drawing


def _empty(width: float, title: str) -> Drawing:
    drawing = _drawing(width, title, 48)
    drawing.add(String(0, 18, EMPTY_TEXT, fontName=fonts.regular(), fontSize=8, fillColor=GREY))
    return drawing


def week_label(week: date) -> str:
    return f"{week.day} {week:%b}"


def _thin_labels(weeks: list[date], most: int = 6) -> list[str]:
    step = max(1, -(-len(weeks) // most))
    return [week_label(w) if i % step == 0 else "" for i, w in enumerate(weeks)]


def _style_axes(chart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.regular()
        axis.labels.fontSize = 7
        axis.strokeColor = colors.HexColor("#999999")
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E8E8E8")
    chart.valueAxis.visibleGrid = True


LEGEND_COLUMNS = 2


def trigger_chart(counts: pd.DataFrame, width: float) -> Drawing:
    """Stacked weekly bars from ``trigger_counts_by_week`` (columns week, trigger, count)."""
    title = presentation.CHARTS["trigger_weekly_bars"].title
    if counts.empty or counts["count"].sum() == 0:
        return _empty(width, title)
    table = counts.pivot_table(index="week", columns="trigger", values="count", fill_value=0)
    order = presentation.ordered("trigger", table.columns)
    names = [_trigger_label(t) for t in order]
    legend_height = 10 * -(-len(order) // LEGEND_COLUMNS) + 4
    drawing = _drawing(width, title, HEIGHT + legend_height)
    chart = VerticalBarChart()
    chart.x, chart.y = 24, 18 + legend_height
    chart.width, chart.height = width - 30, HEIGHT - 45
    chart.data = [[int(v) for v in table[t]] for t in order]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = _thin_labels(list(table.index))
    chart.valueAxis.valueMin = 0
    chart.barSpacing, chart.groupSpacing = 0, 4
    for i, key in enumerate(order):
        chart.bars[i].fillColor = colors.HexColor(presentation.colour("trigger", key))
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.3
    _style_axes(chart)
    drawing.add(chart)
    drawing.add(_legend(list(zip(order, names, strict=True)), width, legend_height))
    return drawing


def _trigger_label(key: str) -> str:
    return plain(presentation.label("trigger", key), 40)


def _legend(items: list[tuple[str, str]], width: float, top: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = 0, top
    legend.alignment = "right"
    # Columns as wide as half the chart: trigger names are long, and a third
    # column would run past the drawing into its neighbour.
    legend.columnMaximum = -(-len(items) // LEGEND_COLUMNS)
    legend.deltax = width / LEGEND_COLUMNS
    legend.dx = legend.dy = 5
    legend.deltay = 10
    legend.fontName, legend.fontSize = fonts.regular(), 6.5
    legend.colorNamePairs = [
        (colors.HexColor(presentation.colour("trigger", k)), n) for k, n in items
    ]
    legend.strokeColor = None
    return legend


def urge_chart(resistance: pd.DataFrame, width: float, threshold: int) -> Drawing:
    """Share of strong urges resisted per week, from ``urge_resistance_by_week``."""
    title = f"Strong urges ({threshold}+ of 10) resisted per week, %"
    if resistance.empty or resistance["urges"].sum() == 0:
        return _empty(width, title)
    drawing = _drawing(width, title)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 24, 18, width - 30, HEIGHT - 40
    chart.data = [[None if pd.isna(s) else round(100 * s) for s in resistance["share_resisted"]]]
    chart.categoryAxis.categoryNames = _thin_labels(list(resistance["week"]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.bars[0].fillColor = colors.HexColor(BLUISH_GREEN)
    chart.bars[0].strokeColor = None
    _style_axes(chart)
    drawing.add(chart)
    return drawing


def _line_plot(width: float, bottom: float = 18) -> LinePlot:
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 24, bottom, width - 32, HEIGHT - 40
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = fonts.regular(), 7
        axis.strokeColor = colors.HexColor("#999999")
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#E8E8E8")
    return plot


def _weeks_axis(plot: LinePlot, first: date, last: date) -> None:
    """x = weeks after ``first``; ticks labelled with the Monday's date."""
    span = max((last - first).days / 7, 1)
    step = max(1, -(-int(span) // 4))
    axis = plot.xValueAxis
    axis.valueMin, axis.valueMax = -0.5, span + 0.5
    axis.valueSteps = [float(k) for k in range(0, int(span) + 1, step)]
    axis.labelTextFormat = lambda x: week_label(first + pd.Timedelta(weeks=x))


def belief_chart(drops: pd.DataFrame, trend, width: float) -> Drawing:
    """Weekly mean belief drop (``belief_drop_by_week``) and its fitted line (``weekly_trend``)."""
    title = "Belief drop after challenges, points per week"
    if drops.empty:
        return _empty(width, title)
    weeks = [pd.Timestamp(w).date() for w in drops["week"]]
    first = weeks[0]
    points = [
        ((w - first).days / 7, float(v)) for w, v in zip(weeks, drops["mean_drop"], strict=True)
    ]
    data, line_styles = [points], [(BLUE, None)]
    if trend.slope_per_week is not None:
        offset = (trend.first_week - first).days / 7
        ends = [points[0][0], points[-1][0]]
        data.append([(x, trend.intercept + trend.slope_per_week * (x - offset)) for x in ends])
        line_styles.append((ORANGE, (3, 2)))
    drawing = _drawing(width, title)
    plot = _line_plot(width, bottom=28)
    plot.height -= 10
    plot.data = data
    values = [y for series in data for _, y in series]
    plot.yValueAxis.valueMin = min(0, min(values) - 5)
    plot.yValueAxis.valueMax = max(10, max(values) + 5)
    _weeks_axis(plot, first, weeks[-1])
    for i, (colour, dash) in enumerate(line_styles):
        plot.lines[i].strokeColor = colors.HexColor(colour)
        plot.lines[i].strokeWidth = 1.5
        plot.lines[i].strokeDashArray = dash
    plot.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=colors.HexColor(BLUE))
    drawing.add(plot)
    if len(data) > 1:
        note = f"dashed: fitted trend, {trend.slope_per_week:+.1f} points/week ({trend.direction})"
        drawing.add(String(24, 2, note, fontName=fonts.regular(), fontSize=7, fillColor=GREY))
    return drawing


def measure_chart(history: pd.DataFrame, spec, width: float) -> Drawing:
    """Totals over time from ``measure_history``, over the measure's severity bands."""
    title = f"{spec.title} total (0-{spec.total_max}) with severity bands"
    if history.empty:
        return _empty(width, title)
    days = [d if isinstance(d, date) else pd.Timestamp(d).date() for d in history["local_date"]]
    first, last = days[0], days[-1]
    drawing = _drawing(width, title)
    plot = _line_plot(width)
    plot.data = [
        [((d - first).days / 7, float(t)) for d, t in zip(days, history["total"], strict=True)]
    ]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = spec.total_min, spec.total_max
    _weeks_axis(plot, first, last)
    plot.lines[0].strokeColor = colors.HexColor(BLACK)
    plot.lines[0].symbol = makeMarker("FilledCircle", size=4)
    _bands(drawing, plot, spec)
    drawing.add(plot)
    return drawing


def _bands(drawing: Drawing, plot: LinePlot, spec) -> None:
    scale = plot.height / (spec.total_max - spec.total_min)
    for i, band in enumerate(spec.bands):
        low = plot.y + (band.low - spec.total_min) * scale
        high = plot.y + min(band.high + 1 - spec.total_min, spec.total_max) * scale
        fill = colors.HexColor(BAND_FILLS[min(i, len(BAND_FILLS) - 1)])
        drawing.add(Rect(plot.x, low, plot.width, high - low, fillColor=fill, strokeColor=None))
        label = String(plot.x + plot.width - 2, low + 2, band.label, textAnchor="end")
        label.fontName, label.fontSize, label.fillColor = (
            fonts.regular(),
            6,
            colors.HexColor("#777777"),
        )
        drawing.add(label)
    drawing.add(
        Line(plot.x, plot.y, plot.x + plot.width, plot.y, strokeColor=colors.HexColor("#999999"))
    )
