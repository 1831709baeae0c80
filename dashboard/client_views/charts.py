"""Drawing one chart: the figure from ``dashboard.figures``, its how-to-read line, or a note.

Every chart on the Client page goes through ``show_chart``: the builder in
``dashboard.figures`` gives the title, labelled axes and colour-blind-safe
colours; below it sits the builder's one-line caption from ``HOW_TO_READ``.
When there is nothing to draw, a short note under the chart's title says why
instead of an empty frame.
"""

import streamlit as st

from dashboard import figures

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
TITLES = {
    "trigger_weekly_bars": figures.TRIGGER_WEEKLY_TITLE,
    "distress_by_trigger_bars": figures.DISTRESS_TITLE,
    "weekday_hour_heatmap": figures.HEATMAP_TITLE,
    "urge_flow_sankey": figures.SANKEY_TITLE,
    "challenge_completion_bars": figures.COMPLETION_TITLE,
    "belief_drop_chart": figures.BELIEF_DROP_TITLE,
    "distress_drop_chart": figures.DISTRESS_DROP_TITLE,
    "belief_before_after": figures.BEFORE_AFTER_TITLE,
    "distortion_weekly_bars": figures.DISTORTION_TITLE,
    "urge_resistance_chart": figures.RESISTANCE_TITLE,
    "soothing_effectiveness_bars": figures.SOOTHING_TITLE,
    "homework_adherence_chart": figures.HOMEWORK_TITLE,
}


def chart_title(builder: str, *args) -> str:
    return figures.measure_title(args[1]) if builder == "measure_chart" else TITLES[builder]


def show_chart(builder: str, *args, empty: str | None = None, key: str) -> None:
    """Draw ``figures.<builder>(*args)``; with ``empty`` set, show that note instead."""
    if empty is not None:
        st.info(f"**{chart_title(builder, *args)}**: {empty}", icon=":material/info:")
        return
    figure = getattr(figures, builder)(*args)
    st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(figures.HOW_TO_READ[builder])
