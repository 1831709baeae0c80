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


def chart_title(builder: str, *args) -> str:
    if builder == "measure_chart":
        return figures.measure_title(args[1])
    return figures.chart_title(builder)


def show_chart(builder: str, *args, empty: str | None = None, key: str, **options) -> None:
    """Draw ``figures.<builder>(*args, **options)``; with ``empty`` set, show that note instead.

    ``options`` carries ``through`` (the period's last day) to weekly charts, so the week still
    running is marked.
    """
    if empty is not None:
        st.info(f"**{chart_title(builder, *args)}**: {empty}", icon=":material/info:")
        return
    figure = getattr(figures, builder)(*args, **options)
    st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(figures.HOW_TO_READ[builder])
