"""Reassurance-urge charts: where urges led (Sankey) and weekly resistance.

See the package docstring for the rules every builder keeps.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (
    BLUISH_GREEN,
    GREY,
    INK,
    WEEK_HOVER,
    as_dates,
    base_layout,
    chart_title,
    colour,
    empty_figure,
    label,
    mark_partial_week,
    mondays_between,
    ordered_keys,
    percent_axis,
    plain_values,
    rgba,
    week_axis,
)

# --- urges --------------------------------------------------------------------------

SANKEY_TITLE = chart_title("urge_flow_sankey")
LABEL_HALO = "1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white"
RESISTED_LABEL, ACTED_LABEL = label("urge_outcome", "resisted"), label("urge_outcome", "acted")
OUTCOMES = {
    key: (label("urge_outcome", key), colour("urge_outcome", key)) for key in ("resisted", "acted")
}


def urge_flow_sankey(flow: pd.DataFrame) -> go.Figure:
    """``urges.urge_flow`` [trigger, outcome, behaviour, count]: trigger -> outcome -> behaviour.

    Link widths add up the analytics' (trigger, behaviour) pair counts.
    """
    if flow.empty or not (flow["count"] > 0).any():
        return empty_figure(SANKEY_TITLE)
    triggers = ordered_keys(flow["trigger"], "trigger")
    outcomes = [o for o in OUTCOMES if o in set(flow["outcome"])]
    behaviours = ordered_keys(flow["behaviour"], "behaviour")
    nodes = (
        [("trigger", k) for k in triggers]
        + [("outcome", k) for k in outcomes]
        + [("behaviour", k) for k in behaviours]
    )
    index = {node: i for i, node in enumerate(nodes)}
    first = flow.groupby(["trigger", "outcome"], sort=False)["count"].sum()
    second = flow.groupby(["outcome", "behaviour"], sort=False)["count"].sum()
    links = [(index["trigger", t], index["outcome", o], o, c) for (t, o), c in first.items()] + [
        (index["outcome", o], index["behaviour", b], o, c) for (o, b), c in second.items()
    ]
    subtitle = "Counted once per trigger and per behaviour named"
    fig = go.Figure(layout=base_layout(SANKEY_TITLE, subtitle))
    fig.add_sankey(
        arrangement="snap",
        domain={"x": [0, 1], "y": [0, 0.92]},
        valueformat="d",
        node={
            "label": [_node_label(kind, key) for kind, key in nodes],
            "color": [_node_colour(kind, key) for kind, key in nodes],
            "pad": 14,
            "thickness": 16,
            "line": {"color": "white", "width": 0.5},
            "hovertemplate": "%{label}: %{value}<extra></extra>",
        },
        # Labels sit on the bands: a white halo keeps every letter readable over them.
        textfont={"size": 12, "color": INK, "shadow": LABEL_HALO},
        link={
            "source": [s for s, _, _, _ in links],
            "target": [t for _, t, _, _ in links],
            "value": [int(c) for _, _, _, c in links],
            "color": [rgba(OUTCOMES[o][1], 0.35) for _, _, o, _ in links],
            "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>",
        },
    )
    for x, text in ((0, "Trigger"), (0.5, "Urge"), (1, "Pulled toward")):
        fig.add_annotation(
            text=f"<b>{text}</b>",
            x=x,
            y=0.95,
            xref="paper",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            xanchor={0: "left", 1: "right"}.get(x, "center"),
        )
    return fig


def _node_label(kind: str, key: str) -> str:
    if kind == "outcome":
        return OUTCOMES[key][0]
    return label(kind, key)


def _node_colour(kind: str, key: str) -> str:
    if kind == "outcome":
        return OUTCOMES[key][1]
    return colour("trigger", key) if kind == "trigger" else GREY


RESISTANCE_TITLE = chart_title("urge_resistance_chart")


def urge_resistance_chart(
    table: pd.DataFrame, threshold: int, through: date | None = None
) -> go.Figure:
    """``urges.urge_resistance_by_week`` [week, urges, resisted, share_resisted].

    A week without a strong urge (NaN share) or without any entry is a gap.
    """
    if table.empty or not (table["urges"] > 0).any():
        return empty_figure(RESISTANCE_TITLE)
    weeks = as_dates(table["week"])
    rows = table.assign(week=weeks).set_index("week").reindex(mondays_between(weeks))
    subtitle = f"Urges rated {threshold}+ out of 10 · a gap: none that week"
    fig = go.Figure(layout=base_layout(RESISTANCE_TITLE, subtitle))
    fig.add_scatter(
        x=list(rows.index),
        y=plain_values(rows["share_resisted"]),
        mode="lines+markers",
        connectgaps=False,
        name="Resisted",
        showlegend=False,
        line={"color": BLUISH_GREEN, "width": 2.5},
        marker={"color": BLUISH_GREEN, "size": 8},
        customdata=list(
            zip(plain_values(rows["resisted"]), plain_values(rows["urges"]), strict=True)
        ),
        hovertemplate=f"{WEEK_HOVER}<br>%{{customdata[0]}} of %{{customdata[1]}} strong urges "
        "resisted (%{y:.0%})<extra></extra>",
    )
    fig.update_layout(
        xaxis=week_axis(weeks, through),
        yaxis=percent_axis("Strong urges resisted (%)", lines=True),
    )
    mark_partial_week(fig, weeks, through)
    return fig
