"""Reassurance-urge charts: where urges led (Sankey) and weekly resistance.

See the package docstring for the rules every builder keeps.
"""

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (
    BLUISH_GREEN,
    GREY,
    TRIGGER_COLOURS,
    VERMILLION,
    WEEK_HOVER,
    as_dates,
    base_layout,
    empty_figure,
    mondays_between,
    ordered_keys,
    percent_axis,
    plain_values,
    rgba,
    vocabulary_label,
    week_axis,
)
from securebase.vocabulary import Behaviour, Trigger

# --- urges --------------------------------------------------------------------------

SANKEY_TITLE = "Where reassurance urges led"
RESISTED_LABEL, ACTED_LABEL = "Resisted", "Acted on"
OUTCOMES = {"resisted": (RESISTED_LABEL, BLUISH_GREEN), "acted": (ACTED_LABEL, VERMILLION)}


def urge_flow_sankey(flow: pd.DataFrame) -> go.Figure:
    """``urges.urge_flow`` [trigger, outcome, behaviour, count]: trigger -> outcome -> behaviour.

    Link widths add up the analytics' (trigger, behaviour) pair counts.
    """
    if flow.empty or not (flow["count"] > 0).any():
        return empty_figure(SANKEY_TITLE)
    triggers = ordered_keys(flow["trigger"], Trigger)
    outcomes = [o for o in OUTCOMES if o in set(flow["outcome"])]
    behaviours = ordered_keys(flow["behaviour"], Behaviour)
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
    if kind == "trigger":
        return vocabulary_label(Trigger, key, "No trigger")
    return vocabulary_label(Behaviour, key, "No behaviour")


def _node_colour(kind: str, key: str) -> str:
    if kind == "outcome":
        return OUTCOMES[key][1]
    return TRIGGER_COLOURS.get(key, GREY) if kind == "trigger" else GREY


RESISTANCE_TITLE = "Strong reassurance urges resisted each week"


def urge_resistance_chart(table: pd.DataFrame, threshold: int) -> go.Figure:
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
        xaxis=week_axis(weeks), yaxis=percent_axis("Strong urges resisted (%)", lines=True)
    )
    return fig
