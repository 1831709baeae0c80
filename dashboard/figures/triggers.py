"""Trigger charts: weekly counts, distress by trigger, the weekday x hour grid.

See the package docstring for the rules every builder keeps.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (
    BAR_WIDTH_MS,
    BLACK,
    BLUES,
    WEEK_HOVER,
    WEEKDAYS,
    as_dates,
    base_layout,
    category_marker,
    chart_title,
    colour,
    empty_figure,
    label,
    legend_below,
    mark_partial_week,
    ordered_keys,
    pattern_fill,
    plain_values,
    plotly_pattern,
    week_axis,
)

# --- triggers -----------------------------------------------------------------------

TRIGGER_WEEKLY_TITLE = chart_title("trigger_weekly_bars")


def trigger_weekly_bars(counts: pd.DataFrame, through: date | None = None) -> go.Figure:
    """``triggers.trigger_counts_by_week`` [week, trigger, count]: stacked bars per week.

    ``through`` is the last day counted: a week still running then is marked.
    """
    return _stacked_weekly_bars(
        counts,
        "trigger",
        title=TRIGGER_WEEKLY_TITLE,
        y_title="Entries (count)",
        subtitle="An entry naming two triggers counts once for each",
        through=through,
    )


def _stacked_weekly_bars(counts, kind, *, title, y_title, subtitle, through) -> go.Figure:
    if counts.empty or not (counts["count"] > 0).any():
        return empty_figure(title)
    bars = []
    for value in ordered_keys(counts[kind], kind):
        rows = counts[counts[kind] == value]
        bars.append(
            {
                "type": "bar",
                "x": as_dates(rows["week"]),
                "y": plain_values(rows["count"]),
                "name": label(kind, value),
                "marker": category_marker(kind, value),
                "width": BAR_WIDTH_MS,
                "hovertemplate": f"{WEEK_HOVER}<br>%{{fullData.name}}: %{{y}} entries"
                "<extra></extra>",
            }
        )
    weeks = as_dates(counts["week"])
    layout = base_layout(title, subtitle)
    layout.update(barmode="stack", xaxis=week_axis(weeks, through))
    layout["yaxis"] = {**layout["yaxis"], "title_text": y_title, "rangemode": "tozero"}
    fig = go.Figure(data=bars, layout=layout)  # one validation pass, not one per trace
    mark_partial_week(fig, weeks, through)
    legend_below(fig, len(fig.data))
    return fig


DISTRESS_TITLE = chart_title("distress_by_trigger_bars")


def distress_by_trigger_bars(table: pd.DataFrame) -> go.Figure:
    """``triggers.distress_by_trigger`` [trigger, n, n_rated, mean_distress, max_distress].

    Bars: average distress before soothing; black marks: the highest rating.
    Most distressing at the top; triggers without a rating have no bar.
    """
    if table.empty:
        return empty_figure(DISTRESS_TITLE)
    rows = table.sort_values("mean_distress", ascending=False, na_position="last", kind="stable")
    labels = [
        f"{label('trigger', key)} (n={n})"
        for key, n in zip(rows["trigger"], rows["n"], strict=True)
    ]
    subtitle = "Rated before soothing · bar: average · tick: highest"
    fig = go.Figure(layout=base_layout(DISTRESS_TITLE, subtitle))
    fig.update_layout(showlegend=False)
    fig.add_bar(
        x=plain_values(rows["mean_distress"]),
        y=labels,
        orientation="h",
        name="Average distress",
        marker={
            "color": [colour("trigger", k) for k in rows["trigger"]],
            "pattern": pattern_fill(
                [plotly_pattern("trigger", k) for k in rows["trigger"]],
                [colour("trigger", k) for k in rows["trigger"]],
            ),
        },
        customdata=list(zip(plain_values(rows["n"]), plain_values(rows["n_rated"]), strict=True)),
        hovertemplate="%{y}<br>Average distress: %{x:.0f} of 100"
        "<br>%{customdata[1]} of %{customdata[0]} entries rated<extra></extra>",
    )
    fig.add_scatter(
        x=plain_values(rows["max_distress"]),
        y=labels,
        mode="markers",
        name="Highest rating",
        marker={"color": BLACK, "symbol": "line-ns-open", "size": 16, "line": {"width": 3}},
        hovertemplate="%{y}<br>Highest distress: %{x} of 100<extra></extra>",
    )
    fig.update_xaxes(title_text="Distress (0-100)", range=[0, 100])
    fig.update_yaxes(title_text="Trigger", autorange="reversed")
    return fig


HEATMAP_TITLE = chart_title("weekday_hour_heatmap")


def weekday_hour_heatmap(grid: pd.DataFrame) -> go.Figure:
    """``triggers.weekday_hour_counts`` [weekday, hour, count]: a 7 x 24 grid, Monday on top."""
    if grid.empty or not (grid["count"] > 0).any():
        return empty_figure(HEATMAP_TITLE)
    z = (
        grid.pivot(index="weekday", columns="hour", values="count")
        .reindex(index=range(7), columns=range(24))
        .fillna(0)
        .astype(int)
    )
    fig = go.Figure(layout=base_layout(HEATMAP_TITLE, "Client's local time"))
    fig.add_heatmap(
        z=z.to_numpy().tolist(),
        x=list(range(24)),
        y=list(WEEKDAYS),
        zmin=0,
        colorscale=[[i / (len(BLUES) - 1), c] for i, c in enumerate(BLUES)],
        colorbar={"title": {"text": "Entries"}},
        xgap=1,
        ygap=1,
        hovertemplate="%{y}, %{x:02d}:00-%{x:02d}:59<br>%{z} entries<extra></extra>",
    )
    fig.update_xaxes(
        title_text="Hour of the day (24-hour clock)",
        tickmode="array",
        tickvals=list(range(0, 24, 3)),
        ticktext=[f"{h:02d}:00" for h in range(0, 24, 3)],
        showgrid=False,
    )
    fig.update_yaxes(title_text="Day of the week", autorange="reversed", showgrid=False)
    return fig
