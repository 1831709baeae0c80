"""Drawing one chart: the figure from ``dashboard.figures``, its how-to-read line, or a note.

Every chart on the Client page goes through ``show_chart``: the builder in
``dashboard.figures`` gives the title, labelled axes and colour-blind-safe
colours; below it sits the builder's one-line caption from ``HOW_TO_READ``.
When there is nothing to draw, a short note under the chart's title says why
instead of an empty frame.
"""

import plotly.graph_objects as go
import streamlit as st

from dashboard import figures

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
WARM_UP_KEY = "plotly-warm-up"
FIRST_VIEW_HINT = "Drawing the charts: the first time in a session takes a few seconds."
#: The only raw HTML the dashboard writes: a fixed style that hides the warm-up chart.
WARM_UP_STYLE = (
    f"<style>.st-key-{WARM_UP_KEY} {{height: 0; overflow: hidden; visibility: hidden}}</style>"
)


def warm_up_charts() -> None:
    """Draw one empty, hidden chart once per session, on a page shown before any chart.

    The browser fetches and starts plotly's script (several megabytes) the first time a
    chart is drawn; doing that while the therapist reads the caseload or the Brief makes
    the first real chart appear at once instead of seconds later.
    """
    if st.session_state.get("charts_warm"):
        return
    st.html(WARM_UP_STYLE)
    with st.container(key=WARM_UP_KEY, height=1, border=False):
        st.plotly_chart(go.Figure(layout={"height": 10}), key="chart.warm-up", theme=None)
    st.session_state.charts_warm = True


def first_view_hint() -> None:
    """Say that the first charts of a session take a moment (once per session)."""
    if not st.session_state.get("charts_seen"):
        st.toast(FIRST_VIEW_HINT, icon=":material/hourglass_top:")
        st.session_state.charts_seen = True


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
    first_view_hint()
    figure = getattr(figures, builder)(*args, **options)
    st.plotly_chart(figure, key=key, config=PLOTLY_CONFIG, theme=None)
    st.caption(figures.HOW_TO_READ[builder])
