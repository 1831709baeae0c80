"""Shared look of every chart: palette, layout, labels and weekly axes.

See the package docstring for the rules every builder keeps.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from math import ceil

import pandas as pd
import plotly.graph_objects as go

from securebase import presentation
from securebase.presentation import (  # noqa: F401 - re-exported for the builders
    BLACK,
    BLUE,
    BLUES,
    BLUISH_GREEN,
    GREY,
    GRID,
    INK,
    LINE_COLOURS,
    NONE,
    OKABE_ITO,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
)

# --- palette and shared styling: all from the one presentation vocabulary ------------

PALETTE = (*OKABE_ITO, presentation.BROWN, GREY, presentation.LIGHT_GREY)
NO_KEY = NONE  # the analytics' stand-in for "no trigger" / "no behaviour"

#: The vocabulary's plain pattern names in plotly's spelling.
PLOTLY_PATTERNS = {
    "solid": "",
    "stripes": "/",
    "back_stripes": "\\",
    "dots": ".",
    "cross": "x",
    "horizontal": "-",
    "vertical": "|",
    "grid": "+",
}

EMPTY_TEXT = presentation.EMPTY_TEXT
WEEK_AXIS_TITLE = presentation.WEEK_AXIS_TITLE
PARTIAL_WEEK_NOTE = presentation.PARTIAL_WEEK_NOTE
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"
HEIGHT = 380
EMPTY_HEIGHT = 260  # the note needs less room than a chart
MARGIN_BOTTOM = 70  # room for the x axis title under (possibly slanted) tick labels
LEGEND_COLUMNS = 1  # one entry a row: no entry is cut or runs into its neighbour at any width
LEGEND_ROW_PX = 22
LEGEND_ENTRY_PX = 4000  # wider than any screen: one legend entry a row
SUBTITLE_CHARS = 46  # a subtitle line that fits half a 1280 px page and a 390 px phone
SUBTITLE_LINE_PX = 18
STACK_TICKS_FROM = 7  # weeks on an axis from which day and month are stacked
BAR_WIDTH_MS = 5 * 24 * 3600 * 1000  # a weekly bar covers five of the week's seven days
WEEK_HOVER = "Week of %{x|%d %b %Y}"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


#: The few settings of plotly's "plotly_white" that these charts use. Naming "plotly_white"
#: (or no template, which means plotly's default one) makes plotly validate and copy a whole
#: template for every trace type on each figure: about 80 ms a chart on a busy 2-core
#: machine, most of a tab's script run, and 7 KB of every chart's JSON.
AXIS_DEFAULTS = {
    "gridcolor": GRID,
    "linecolor": GRID,
    "ticks": "",
    "title": {"standoff": 15},
    "zerolinecolor": GRID,
    "zerolinewidth": 2,
    "automargin": True,
}
HOUSE_TEMPLATE = go.layout.Template(
    layout={
        "autotypenumbers": "strict",
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "xaxis": AXIS_DEFAULTS,
        "yaxis": AXIS_DEFAULTS,
        "coloraxis": {"colorbar": {"outlinewidth": 0, "ticks": ""}},
        "shapedefaults": {"line": {"color": INK}},
        "annotationdefaults": {"arrowcolor": INK, "arrowhead": 0, "arrowwidth": 1},
    },
    data={
        "bar": [{"marker": {"line": {"color": "white", "width": 0.5}}}],
        "heatmap": [{"colorbar": {"outlinewidth": 0, "ticks": ""}}],
    },
)


def base_layout(title: str, subtitle: str | None = None, *, height: int = HEIGHT) -> dict:
    """The calm house style: white, one font, title top left, legend listed below.

    A builder whose chart has a legend calls ``legend_below`` to make room for it. A plain
    dict, not a ``go.Layout``: the figure validates it once instead of twice.
    """
    lines = wrap_words(subtitle or "", SUBTITLE_CHARS)
    top = (90 if subtitle else 70) + SUBTITLE_LINE_PX * max(0, len(lines) - 1)
    return dict(  # plotly's keyword style, as go.Layout takes it
        template=HOUSE_TEMPLATE,
        title={
            "text": title,
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 13, "color": GREY}},
            "x": 0.015,
            "xanchor": "left",
            "xref": "container",
            # From the top, not centred in the top margin: a subtitle of several lines then
            # grows down into the room its lines added, never over the plot.
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 16},
            "font": {"size": 17},
        },
        font={"family": FONT, "size": 13, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(LINE_COLOURS),
        height=height,
        margin={"l": 70, "r": 30, "t": top, "b": MARGIN_BOTTOM},
        # A list under the chart, one entry a row: each entry is given more room than any
        # chart has, so plotly starts a new row for the next. (Widths in "fraction" are of
        # the plot area, which long axis labels can make narrow enough to cut names off, and
        # two columns ran into each other on a phone; a vertical legend pushes the plot aside.)
        legend={
            "orientation": "h",
            "entrywidth": LEGEND_ENTRY_PX,
            "entrywidthmode": "pixels",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 0.005,
            "yanchor": "bottom",
            "yref": "container",
            "font": {"size": 12},
        },
        hoverlabel={"bgcolor": "white", "font": {"family": FONT, "size": 13}},
        xaxis={"gridcolor": GRID, "zerolinecolor": GRID},
        yaxis={"gridcolor": GRID, "zerolinecolor": GREY},
    )


def legend_below(fig: go.Figure, items: int) -> None:
    """Grow the figure and its bottom margin by the rows the legend needs, so the plot keeps
    its height whatever the width of the column it is drawn in."""
    if items < 2:  # plotly shows no legend for a single trace
        return
    extra = LEGEND_ROW_PX * ceil(items / LEGEND_COLUMNS)
    fig.update_layout(height=fig.layout.height + extra, margin_b=MARGIN_BOTTOM + 10 + extra)


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def empty_figure(title: str) -> go.Figure:
    """The empty state: the chart's title, no traces, hidden axes, one centred note."""
    fig = go.Figure(layout=base_layout(title, height=EMPTY_HEIGHT))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=EMPTY_TEXT,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": GREY},
    )
    return fig


def rgba(hex_colour: str, alpha: float) -> str:
    """A palette colour made translucent (for Sankey links and shaded bands)."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --- labels -------------------------------------------------------------------------


def chart_title(builder: str) -> str:
    """The chart's title, shared with the PDF (``presentation.CHARTS``)."""
    return presentation.CHARTS[builder].title


def label(kind: str, key: str) -> str:
    """The display label of a key of ``kind`` ("trigger", "exercise", ...) from the one
    vocabulary; an unknown key made readable, never dropped."""
    return presentation.label(kind, key)


def colour(kind: str, key: str) -> str:
    return presentation.colour(kind, key)


def plotly_pattern(kind: str, key: str) -> str:
    return PLOTLY_PATTERNS[presentation.look(kind, key).pattern]


def ordered_keys(keys: Iterable[str], kind: str) -> list[str]:
    """The keys present, in the vocabulary's order, unknown keys next, "none" last."""
    return presentation.ordered(kind, keys)


def category_marker(kind: str, key: str) -> dict:
    """The bar marker of one category: its colour and its grey-safe pattern."""
    look = presentation.look(kind, key)
    return bar_marker(look.colour, PLOTLY_PATTERNS[look.pattern])


def plain_values(column: pd.Series) -> list:
    """Plain Python numbers with None for missing values (NaN / NA), safe for JSON."""
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in column]


def as_dates(column: Iterable) -> list[date]:
    return [pd.Timestamp(value).date() for value in column]


# --- weekly axes --------------------------------------------------------------------


def week_label(monday: date) -> str:
    return f"Week of {monday:%d %b}"


def mondays_between(weeks: Sequence[date]) -> list[date]:
    """Every Monday from the first week to the last (so missing weeks show as gaps)."""
    first, last = min(weeks), max(weeks)
    return [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]


def is_partial(monday: date, through: date | None) -> bool:
    """Whether the week of ``monday`` is still running on ``through`` (its last counted day)."""
    return through is not None and monday <= through < monday + timedelta(days=6)


def tick_text(monday: date, count: int, through: date | None) -> str:
    """Every week gets its label; from ``STACK_TICKS_FROM`` weeks on the day sits above the
    month so twelve labels fit half a screen without running together."""
    text = f"{monday.day}<br>{monday:%b}" if count >= STACK_TICKS_FROM else f"{monday:%d %b}"
    return f"{text}<br>({PARTIAL_WEEK_NOTE})" if is_partial(monday, through) else text


def week_axis(weeks: Sequence[date], through: date | None = None) -> dict:
    """A date axis with one labelled tick per week (Monday), the running week marked."""
    mondays = mondays_between(weeks)
    return {
        "title_text": WEEK_AXIS_TITLE,
        "type": "date",
        "tickmode": "array",
        "tickvals": mondays,
        "ticktext": [tick_text(day, len(mondays), through) for day in mondays],
        "tickangle": 0,
        "range": [mondays[0] - timedelta(days=4), mondays[-1] + timedelta(days=4)],
    }


def mark_partial_week(fig: go.Figure, weeks: Sequence[date], through: date | None) -> None:
    """Shade the week still running, so a short last bar is not read as a fall."""
    mondays = mondays_between(weeks) if weeks else []
    if mondays and is_partial(mondays[-1], through):
        fig.add_vrect(
            x0=mondays[-1] - timedelta(days=3.5),
            x1=mondays[-1] + timedelta(days=3.5),
            fillcolor=GRID,
            opacity=0.6,
            layer="below",
            line_width=0,
        )


def percent_axis(title: str, *, lines: bool = False) -> dict:
    """0-100 %; a line chart gets a little room below 0 so points on 0% stay visible."""
    low = -0.04 if lines else 0
    return {"title_text": title, "range": [low, 1.04], "tickformat": ".0%", "dtick": 0.25}


def bar_marker(colour: str, pattern: str | None) -> dict:
    """A bar's fill: the colour, with a white pattern over it so it also reads in grey."""
    marker = {"color": colour, "line": {"color": "white", "width": 1}}
    if pattern:
        marker["pattern"] = pattern_fill(pattern, colour)
    return marker


def pattern_fill(shape, background) -> dict:
    """Plotly's pattern with explicit colours: left to itself, plotly derives the pattern's
    background from the marker and draws some hatched bars black ("Invalid color specifier")."""
    return {
        "shape": shape,
        "fillmode": "overlay",
        "fgcolor": "white",
        "bgcolor": background,
        "size": 7,
        "solidity": 0.3,
    }
