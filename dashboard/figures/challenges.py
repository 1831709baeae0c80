"""Thought-challenge charts: completion, belief and distress drops with trends, distortions.

See the package docstring for the rules every builder keeps.
"""

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (
    BAR_WIDTH_MS,
    BLUE,
    BLUISH_GREEN,
    GREY,
    ORANGE,
    VERMILLION,
    WEEK_HOVER,
    as_dates,
    bar_marker,
    base_layout,
    chart_title,
    empty_figure,
    legend_below,
    mark_partial_week,
    percent_axis,
    plain_values,
    week_axis,
)
from dashboard.figures.triggers import (
    _stacked_weekly_bars,
)
from securebase.analytics.trends import IMPROVING, NO_CLEAR_CHANGE, WORSENING, Trend

# --- thought challenges -------------------------------------------------------------

COMPLETION_TITLE = chart_title("challenge_completion_bars")


def challenge_completion_bars(table: pd.DataFrame, through: date | None = None) -> go.Figure:
    """``challenges.challenge_completion_by_week`` [week, entries, completed, share]."""
    if table.empty:
        return empty_figure(COMPLETION_TITLE)
    weeks = as_dates(table["week"])
    fig = go.Figure(
        layout=base_layout(COMPLETION_TITLE, "Completed: a balanced thought and belief re-rated")
    )
    fig.add_bar(
        x=weeks,
        y=plain_values(table["share"]),
        width=BAR_WIDTH_MS,
        name="Completed",
        marker=bar_marker(BLUE, None),
        customdata=list(
            zip(plain_values(table["completed"]), plain_values(table["entries"]), strict=True)
        ),
        hovertemplate=f"{WEEK_HOVER}<br>%{{customdata[0]}} of %{{customdata[1]}} entries "
        "completed a challenge (%{y:.0%})<extra></extra>",
    )
    fig.update_layout(
        xaxis=week_axis(weeks, through), yaxis=percent_axis("Completed (% of entries)")
    )
    mark_partial_week(fig, weeks, through)
    return fig


BELIEF_DROP_TITLE = chart_title("belief_drop_chart")
DISTRESS_DROP_TITLE = chart_title("distress_drop_chart")


def belief_drop_chart(by_week: pd.DataFrame, trend: Trend) -> go.Figure:
    """``challenges.belief_drop_by_week`` [week, n, mean_drop] and its ``Trend``."""
    return _drop_chart(by_week, trend, BELIEF_DROP_TITLE, "Drop in belief (points, 0-100)")


def distress_drop_chart(by_week: pd.DataFrame, trend: Trend) -> go.Figure:
    """``challenges.distress_drop_by_week`` [week, n, mean_drop] and its ``Trend``."""
    return _drop_chart(by_week, trend, DISTRESS_DROP_TITLE, "Drop in distress (points, 0-100)")


def _drop_chart(by_week: pd.DataFrame, trend: Trend, title: str, y_title: str) -> go.Figure:
    if by_week.empty:
        return empty_figure(title)
    weeks = as_dates(by_week["week"])
    fig = go.Figure(layout=base_layout(title, _trend_words(trend)))
    fig.add_scatter(
        x=weeks,
        y=plain_values(by_week["mean_drop"]),
        mode="markers",
        name="Weekly average",
        marker={"color": BLUE, "size": 10},
        customdata=plain_values(by_week["n"]),
        hovertemplate=f"{WEEK_HOVER}<br>Average drop: %{{y:.1f}} points"
        "<br>%{customdata} rated entries<extra></extra>",
    )
    if trend.slope_per_week is not None and trend.intercept is not None and trend.first_week:
        _add_trend_line(fig, trend)
    fig.update_layout(xaxis=week_axis(weeks))
    # Drops are points on a 0-100 scale: the axis always shows 0, so a rise of a few points
    # is not drawn as a cliff.
    fig.update_yaxes(title_text=y_title, zeroline=True, zerolinewidth=1.5, rangemode="tozero")
    legend_below(fig, len(fig.data))
    return fig


def _trend_words(trend: Trend) -> str:
    """The trend in words that match the line: a steep but uncertain line is not "no change"."""
    if trend.slope_per_week is None:
        return f"Trend: {trend.direction} (a line needs at least 3 weeks)"
    slope = f"{trend.slope_per_week:+.1f} points a week"
    if trend.direction != NO_CLEAR_CHANGE:
        return f"Trend: {trend.direction} (fitted {slope})"
    way = "rises" if trend.slope_per_week > 0 else "falls"
    if trend.ci_low is not None and (trend.ci_low > 0 or trend.ci_high < 0):
        return f"The fitted line {way} ({slope}), too little over the period to call a change"
    return f"The fitted line {way} ({slope}), but the weeks vary too much to call it a change"


def _trend_name(trend: Trend) -> str:
    if trend.direction == NO_CLEAR_CHANGE:
        return "Fitted line (uncertain)"
    return f"Trend ({trend.direction})"


def _add_trend_line(fig: go.Figure, trend: Trend) -> None:
    """The Trend's own line: intercept + slope * k at ``first_week`` + k weeks."""
    steps = range(round(trend.span_weeks) + 1)
    colour = {IMPROVING: BLUISH_GREEN, WORSENING: VERMILLION}.get(trend.direction, GREY)
    dash = "solid" if trend.direction in (IMPROVING, WORSENING) else "dash"
    fig.add_scatter(
        x=[trend.first_week + timedelta(weeks=k) for k in steps],
        y=[trend.intercept + trend.slope_per_week * k for k in steps],
        mode="lines",
        name=_trend_name(trend),
        line={"color": colour, "width": 2, "dash": dash},
        hovertemplate=f"{WEEK_HOVER}<br>Fitted trend: %{{y:.1f}} points<extra></extra>",
    )


BEFORE_AFTER_TITLE = chart_title("belief_before_after")
BEFORE_AFTER_LIMIT = 30


def belief_before_after(entries: pd.DataFrame) -> go.Figure:
    """``entries_frame`` rows with both belief ratings: one dumbbell per entry, newest 30.

    Only the two ratings and the entry's local time are drawn, never its text.
    """
    rated = entries[entries["belief_before"].notna() & entries["belief_after"].notna()]
    if rated.empty:
        return empty_figure(BEFORE_AFTER_TITLE)
    rated = rated.sort_values("local_time", kind="stable").tail(BEFORE_AFTER_LIMIT)
    times = [pd.Timestamp(t).to_pydatetime() for t in rated["local_time"]]
    before, after = plain_values(rated["belief_before"]), plain_values(rated["belief_after"])
    shown = len(rated)
    subtitle = (
        f"The {shown} most recent entries with both ratings"
        if shown == BEFORE_AFTER_LIMIT
        else f"All {shown} entries with both ratings"
        if shown > 1
        else "The one entry with both ratings"
    )
    fig = go.Figure(layout=base_layout(BEFORE_AFTER_TITLE, subtitle))
    fig.add_scatter(
        x=_gapped(times, times),
        y=_gapped(before, after),
        mode="lines",
        showlegend=False,
        line={"color": GREY, "width": 2},
        hoverinfo="skip",
        name="Change",
    )
    for name, values, colour, symbol in (
        ("Before challenge", before, ORANGE, "circle"),
        ("After challenge", after, BLUE, "diamond"),
    ):
        fig.add_scatter(
            x=times,
            y=values,
            mode="markers",
            name=name,
            marker={"color": colour, "size": 10, "symbol": symbol},
            hovertemplate=f"%{{x|%d %b %Y, %H:%M}}<br>{name}: %{{y}} of 100<extra></extra>",
        )
    fig.update_xaxes(title_text="Date of entry (client's local time)", tickformat="%d %b")
    fig.update_yaxes(title_text="Belief in the thought (0-100)", range=[-3, 103])
    legend_below(fig, 2)
    return fig


def _gapped(starts: list, ends: list) -> list:
    """start, end, None, start, end, None, ...: separate segments in one line trace."""
    return [v for pair in zip(starts, ends, strict=True) for v in (*pair, None)]


DISTORTION_TITLE = chart_title("distortion_weekly_bars")


def distortion_weekly_bars(counts: pd.DataFrame, through: date | None = None) -> go.Figure:
    """``challenges.distortions_by_week`` [week, distortion, count]: stacked bars per week."""
    return _stacked_weekly_bars(
        counts,
        "distortion",
        title=DISTORTION_TITLE,
        y_title="Entries (count)",
        subtitle="Counted once per entry that names the trap",
        through=through,
    )
