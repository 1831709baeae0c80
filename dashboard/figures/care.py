"""Soothing, homework and questionnaire charts.

See the package docstring for the rules every builder keeps.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import (
    BAR_WIDTH_MS,
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    INK,
    VERMILLION,
    WEEK_HOVER,
    as_dates,
    bar_marker,
    base_layout,
    chart_title,
    empty_figure,
    label,
    legend_below,
    mark_partial_week,
    plain_values,
    rgba,
    week_axis,
    wrap_words,
)
from securebase.analytics.measures import NO_RCI_CONSTANTS, spec_for

# --- soothing and homework ----------------------------------------------------------

SOOTHING_TITLE = chart_title("soothing_effectiveness_bars")
FEW_USES = "(few uses)"


def soothing_effectiveness_bars(table: pd.DataFrame) -> go.Figure:
    """``soothing.soothing_effectiveness``: bars of mean drop; unranked ones grey, "(few uses)".

    Rows keep the analytics' order (rank 1 at the top, unranked last).
    """
    if table.empty:
        return empty_figure(SOOTHING_TITLE)
    # Names broken over lines: on one line the longest left half a laptop's chart no room
    # for its bars.
    labels = [
        "<br>".join(wrap_words(label("technique", key), 20) + ([] if ranked else [FEW_USES]))
        for key, ranked in zip(table["technique"], table["ranked"], strict=True)
    ]
    rows = table.assign(label=labels)
    fig = go.Figure(
        layout=base_layout(SOOTHING_TITLE, "Grey: too few rated uses to compare fairly")
    )
    for ranked, name, colour in ((True, "Enough rated uses", BLUE), (False, "Few uses", GREY)):
        part = rows[rows["ranked"].astype(bool) == ranked]
        if part.empty:
            continue
        fig.add_bar(
            x=plain_values(part["mean_drop"]),
            y=list(part["label"]),
            orientation="h",
            name=name,
            marker=bar_marker(colour, None),
            text=[f"n={n}" for n in part["n_rated"]],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    plain_values(part["uses"]),
                    plain_values(part["n_rated"]),
                    plain_values(part["minutes_median"]),
                    strict=True,
                )
            ),
            hovertemplate="%{y}<br>Average drop: %{x:.1f} points<br>%{customdata[1]} rated of "
            "%{customdata[0]} uses<br>Typical time: %{customdata[2]} min<extra></extra>",
        )
    fig.update_xaxes(title_text="Drop in distress<br>(points)", zeroline=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
    legend_below(fig, len(fig.data))
    return fig


HOMEWORK_TITLE = chart_title("homework_adherence_chart")
HOMEWORK_ROW_PX = 64


def homework_adherence_chart(by_week: pd.DataFrame, through: date | None = None) -> go.Figure:
    """``homework.adherence_by_week``: one row of weekly bars per assignment, share_capped.

    A light grey track marks each week the assignment was active (something
    was expected); the blue bar fills it to the share done, capped at 100%.
    """
    if by_week.empty:
        return empty_figure(HOMEWORK_TITLE)
    weeks = as_dates(by_week["week"])
    rows = by_week.assign(week=weeks)
    names = _assignment_names(rows)
    count = len(names)
    fig = make_subplots(
        rows=count,
        cols=1,
        shared_xaxes=True,
        subplot_titles=list(names.values()),
        vertical_spacing=min(0.3, 30 / (HOMEWORK_ROW_PX * count)) if count > 1 else 0,
    )
    subtitle = "Grey: weeks it was set · blue: share done (at most 100%)"
    fig.update_layout(base_layout(HOMEWORK_TITLE, subtitle, height=130 + HOMEWORK_ROW_PX * count))
    for row, (assignment, name) in enumerate(names.items(), start=1):
        _add_adherence_row(fig, rows[rows["assignment_id"] == assignment], name, row)
    fig.update_layout(barmode="overlay", showlegend=False)
    axis = week_axis(weeks, through)
    fig.update_xaxes(**{**axis, "title_text": ""}, showgrid=False)
    fig.update_xaxes(title_text=axis["title_text"], row=count, col=1)
    mark_partial_week(fig, weeks, through)
    fig.update_yaxes(range=[0, 1], tickvals=[0, 1], ticktext=["0%", "100%"], showgrid=False)
    fig.update_yaxes(title_text="Done (%)", row=(count + 1) // 2, col=1)
    fig.update_annotations(x=0, xanchor="left", font={"size": 12, "color": INK})
    return fig


def _add_adherence_row(fig: go.Figure, part: pd.DataFrame, name: str, row: int) -> None:
    weeks = list(part["week"])
    track = {"color": rgba(GREY, 0.25), "line": {"width": 0}}
    fig.add_bar(
        x=weeks,
        y=[1] * len(weeks),
        width=BAR_WIDTH_MS,
        marker=track,
        name=f"{name}: set",
        hoverinfo="skip",
        row=row,
        col=1,
    )
    fig.add_bar(
        x=weeks,
        y=plain_values(part["share_capped"]),
        width=BAR_WIDTH_MS,
        marker=bar_marker(BLUE, None),
        name=name,
        customdata=list(
            zip(plain_values(part["done"]), plain_values(part["expected"]), strict=True)
        ),
        hovertemplate=f"%{{fullData.name}}<br>{WEEK_HOVER}<br>%{{customdata[0]}} done of "
        "%{customdata[1]:.1~f} expected (%{y:.0%} counted)<extra></extra>",
        row=row,
        col=1,
    )


def _assignment_names(rows: pd.DataFrame) -> dict[str, str]:
    """assignment id -> readable exercise name, numbered when one exercise is set twice."""
    pairs = list(dict.fromkeys(zip(rows["assignment_id"], rows["exercise"], strict=True)))
    totals = pd.Series([e for _, e in pairs]).value_counts()
    seen: dict[str, int] = {}
    names = {}
    for assignment, exercise in pairs:
        seen[exercise] = seen.get(exercise, 0) + 1
        suffix = f" ({seen[exercise]})" if totals[exercise] > 1 else ""
        names[assignment] = label("exercise", exercise) + suffix
    return names


# --- questionnaires -----------------------------------------------------------------

RELIABLE = {
    "improved": ("Reliable improvement", BLUISH_GREEN),
    "deteriorated": ("Reliable worsening", VERMILLION),
}


def measure_title(measure: str) -> str:
    return f"{spec_for(measure).title} total score over time"


def measure_chart(history: pd.DataFrame, measure: str) -> go.Figure:
    """``measures.measure_history`` of ``measure`` ("gad7", "phq9"): totals over severity bands."""
    spec = spec_for(measure)
    title = measure_title(measure)
    if history.empty:
        return empty_figure(title)
    subtitle = "Lower is better" if spec.lower_is_better else "Higher is better"
    if NO_RCI_CONSTANTS in history.attrs.get("notes", []):
        subtitle += " · reliable change not assessed (no SD or reliability)"
    fig = go.Figure(layout=base_layout(title, subtitle))
    _add_bands(fig, spec)
    dates = as_dates(history["local_date"])
    fig.add_scatter(
        x=dates,
        y=plain_values(history["total"]),
        mode="lines+markers",
        name="Total score",
        line={"color": BLACK, "width": 2},
        marker={"color": BLACK, "size": 7},
        customdata=[
            [band or "-", change or "not assessed"]
            for band, change in zip(history["band"], history["reliable_change"], strict=True)
        ],
        hovertemplate="%{x|%d %b %Y}<br>Total: %{y}<br>Band: %{customdata[0]}"
        "<br>Since the first check-in: %{customdata[1]}<extra></extra>",
    )
    _add_reliable_markers(fig, history, dates, spec.lower_is_better)
    fig.update_layout(margin_r=130)
    legend_below(fig, len(fig.data))
    fig.update_xaxes(title_text="Date completed", tickformat="%d %b", showgrid=False)
    fig.update_yaxes(
        title_text=f"{spec.title} total (points, {spec.total_min}-{spec.total_max})",
        range=[spec.total_min - 0.5, spec.total_max + 0.5],
        showgrid=False,
    )
    return fig


def _add_bands(fig: go.Figure, spec) -> None:
    """One light rectangle per severity band, darker as severity rises, named at the right."""
    count = len(spec.bands)
    for i, band in enumerate(spec.bands):
        severity = i / (count - 1) if count > 1 else 0
        if not spec.lower_is_better:
            severity = 1 - severity
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=band.low - 0.5,
            y1=band.high + 0.5,
            fillcolor=rgba(VERMILLION, round(0.03 + 0.15 * severity, 3)),
            layer="below",
            line={"width": 0},
            name=band.label,
        )
        fig.add_annotation(
            text=band.label.capitalize(),
            x=1.01,
            xref="paper",
            xanchor="left",
            y=(band.low + band.high) / 2,
            yref="y",
            showarrow=False,
            font={"size": 11, "color": GREY},
        )


def _add_reliable_markers(fig, history: pd.DataFrame, dates: list, lower_is_better: bool):
    downward = {"improved": lower_is_better, "deteriorated": not lower_is_better}
    for category, (name, colour) in RELIABLE.items():
        mask = (history["reliable_change"] == category).to_numpy(dtype=bool)
        if not mask.any():
            continue
        fig.add_scatter(
            x=[d for d, keep in zip(dates, mask, strict=True) if keep],
            y=plain_values(history.loc[mask, "total"]),
            mode="markers",
            name=name,
            marker={
                "color": colour,
                "size": 15,
                "line": {"color": "white", "width": 1},
                "symbol": "triangle-down" if downward[category] else "triangle-up",
            },
            hovertemplate=f"%{{x|%d %b %Y}}<br>{name} since the first check-in: %{{y}}"
            "<extra></extra>",
        )
