"""Shared look of every chart: palette, layout, labels and weekly axes.

See the package docstring for the rules every builder keeps.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from math import ceil

import pandas as pd
import plotly.graph_objects as go

from securebase.vocabulary import Distortion, Vocabulary

# --- palette and shared styling ------------------------------------------------------

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with the common
#: colour-vision deficiencies. Plus one neutral grey for "other", "none" and caveats.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK = OKABE_ITO
GREY = "#999999"
PALETTE = (*OKABE_ITO, GREY)

#: Lines and markers skip yellow, which is too faint as a thin line on white.
LINE_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, VERMILLION, SKY_BLUE, BLACK, GREY)

NO_KEY = "none"  # the analytics' stand-in for "no trigger" / "no behaviour"

#: One colour per trigger key, the same on every chart. Nine triggers share eight
#: colours, so jealousy reuses orange with a hatch (``TRIGGER_PATTERNS``).
TRIGGER_COLOURS = {
    "delayed_reply": ORANGE,
    "tone_change": SKY_BLUE,
    "exclusion": BLUISH_GREEN,
    "partner_unavailable": YELLOW,
    "plans_changed": BLUE,
    "conflict": VERMILLION,
    "perceived_rejection": REDDISH_PURPLE,
    "social_media": BLACK,
    "jealousy": ORANGE,
    "other": GREY,
    NO_KEY: GREY,
}
TRIGGER_PATTERNS = {"jealousy": "/", NO_KEY: "."}

#: Twelve distortions: the eight colours, then four of them again with a hatch.
DISTORTION_COLOURS = {d.value: OKABE_ITO[i % len(OKABE_ITO)] for i, d in enumerate(Distortion)}
DISTORTION_PATTERNS = {d.value: "/" for i, d in enumerate(Distortion) if i >= len(OKABE_ITO)}

EMPTY_TEXT = "Nothing recorded in this period"
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"
INK = "#333333"  # text
GRID = "#E8E8E8"  # gridlines
HEIGHT = 380
EMPTY_HEIGHT = 260  # the note needs less room than a chart
MARGIN_BOTTOM = 70  # room for the x axis title under (possibly slanted) tick labels
LEGEND_COLUMNS = 2
LEGEND_ROW_PX = 22
MAX_WEEK_TICKS = 5
BAR_WIDTH_MS = 5 * 24 * 3600 * 1000  # a weekly bar covers five of the week's seven days
WEEK_HOVER = "Week of %{x|%d %b %Y}"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BLUES = (
    "#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C",
    "#08306B",
)  # fmt: skip  # ColorBrewer "Blues": sequential, colour-blind safe, white at zero

#: Display names for homework exercise keys that do not read well capitalised.
EXERCISE_NAMES = {
    "i_statement_practice": "“I” statement practice",
    "self_worth_activity": "Self-worth activity",
}


def base_layout(title: str, subtitle: str | None = None, *, height: int = HEIGHT) -> go.Layout:
    """The calm house style: white, one font, title top left, legend in two columns below.

    A builder whose chart has a legend calls ``legend_below`` to make room for it.
    """
    return go.Layout(
        template="plotly_white",
        title={
            "text": title,
            "subtitle": {"text": subtitle or "", "font": {"size": 13, "color": GREY}},
            "x": 0.015,
            "xanchor": "left",
            "xref": "container",
            "font": {"size": 17},
        },
        font={"family": FONT, "size": 13, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(LINE_COLOURS),
        height=height,
        margin={"l": 70, "r": 30, "t": 90 if subtitle else 70, "b": MARGIN_BOTTOM},
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 0.005,
            "yanchor": "bottom",
            "yref": "container",
            "entrywidth": 1 / LEGEND_COLUMNS,
            "entrywidthmode": "fraction",
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
    columns = 1 if items <= 3 else LEGEND_COLUMNS  # a short legend: never clipped, however narrow
    fig.update_layout(legend_entrywidth=1 / columns)
    extra = LEGEND_ROW_PX * ceil(items / columns)
    fig.update_layout(height=fig.layout.height + extra, margin_b=MARGIN_BOTTOM + 10 + extra)


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


def vocabulary_label(vocabulary: type[Vocabulary], key: str, none_label: str = "None") -> str:
    """The display label of a key; ``none_label`` for "none"; an unknown key made readable."""
    if key == NO_KEY:
        return none_label
    try:
        return vocabulary(key).label
    except ValueError:
        return readable(key)


def readable(key: str) -> str:
    """``paced_breathing`` -> ``Paced breathing``."""
    return EXERCISE_NAMES.get(key, key.replace("_", " ").strip().capitalize())


def ordered_keys(keys: Iterable[str], vocabulary: type[Vocabulary]) -> list[str]:
    """The keys present, in the vocabulary's order, unknown keys next, "none" last."""
    present = set(keys)
    known = [member.value for member in vocabulary if member.value in present]
    unknown = sorted(present - set(known) - {NO_KEY})
    return known + unknown + ([NO_KEY] if NO_KEY in present else [])


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


def week_axis(weeks: Sequence[date]) -> dict:
    mondays = mondays_between(weeks)
    ticks = mondays[:: ceil(len(mondays) / MAX_WEEK_TICKS)]
    return {
        "title_text": "Week (ISO weeks, starting Monday)",
        "type": "date",
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [week_label(day) for day in ticks],
        "range": [mondays[0] - timedelta(days=4), mondays[-1] + timedelta(days=4)],
    }


def percent_axis(title: str, *, lines: bool = False) -> dict:
    """0-100 %; a line chart gets a little room below 0 so points on 0% stay visible."""
    low = -0.04 if lines else 0
    return {"title_text": title, "range": [low, 1.04], "tickformat": ".0%", "dtick": 0.25}


def bar_marker(colour: str, pattern: str | None) -> dict:
    marker = {"color": colour, "line": {"color": "white", "width": 1}}
    if pattern:
        marker["pattern"] = {
            "shape": pattern,
            "fillmode": "overlay",
            "fgcolor": "white",
            "size": 7,
            "solidity": 0.3,
        }
    return marker
