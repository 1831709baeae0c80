"""Plotly chart builders for the dashboard: each draws one analytics frame, nothing more.

Rules every builder keeps:
- its input is the output of a ``securebase.analytics`` function (columns in
  each docstring); the chart computes no statistic of its own, it only
  reshapes (pivots, fills in the weeks between the first and the last) and
  maps vocabulary keys to their display labels;
- no client-written text ever reaches a figure (no situations, thoughts or notes);
- titles, reading guides, labels, colours and fill patterns come from the one
  presentation vocabulary (``securebase.presentation``), shared with the PDF:
  a trigger keeps its colour and pattern on every chart, on screen and on paper;
- weekly x axes are dates with one labelled tick per week (its Monday), so a
  week without data stays visible as a gap; a builder given ``through`` (the
  last day counted) marks the week still running;
- an empty input gives ``empty_figure``: the title, no traces, hidden axes and
  one centred note, ``EMPTY_TEXT``;
- ``HOW_TO_READ[builder name]`` is the one-line reading guide shown under it
  (``presentation.CHARTS``).

Pages should pass ``theme=None`` to ``st.plotly_chart`` so this styling is kept.
"""

from dashboard.figures.care import (  # noqa: F401 - the package's interface
    FEW_USES,
    HOMEWORK_ROW_PX,
    HOMEWORK_TITLE,
    RELIABLE,
    SOOTHING_TITLE,
    homework_adherence_chart,
    measure_chart,
    measure_title,
    soothing_effectiveness_bars,
)
from dashboard.figures.challenges import (  # noqa: F401 - the package's interface
    BEFORE_AFTER_LIMIT,
    BEFORE_AFTER_TITLE,
    BELIEF_DROP_TITLE,
    COMPLETION_TITLE,
    DISTORTION_TITLE,
    DISTRESS_DROP_TITLE,
    belief_before_after,
    belief_drop_chart,
    challenge_completion_bars,
    distortion_weekly_bars,
    distress_drop_chart,
)
from dashboard.figures.guides import (  # noqa: F401 - the package's interface
    HOW_TO_READ,
)
from dashboard.figures.style import (  # noqa: F401 - the package's interface
    BAR_WIDTH_MS,
    BLACK,
    BLUE,
    BLUES,
    BLUISH_GREEN,
    EMPTY_HEIGHT,
    EMPTY_TEXT,
    FONT,
    GREY,
    GRID,
    HEIGHT,
    INK,
    LEGEND_COLUMNS,
    LEGEND_ROW_PX,
    LINE_COLOURS,
    MARGIN_BOTTOM,
    NO_KEY,
    OKABE_ITO,
    ORANGE,
    PALETTE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    WEEK_HOVER,
    WEEKDAYS,
    YELLOW,
    base_layout,
    category_marker,
    chart_title,
    colour,
    empty_figure,
    label,
    legend_below,
    ordered_keys,
    rgba,
    week_label,
)
from dashboard.figures.triggers import (  # noqa: F401 - the package's interface
    DISTRESS_TITLE,
    HEATMAP_TITLE,
    TRIGGER_WEEKLY_TITLE,
    distress_by_trigger_bars,
    trigger_weekly_bars,
    weekday_hour_heatmap,
)
from dashboard.figures.urges import (  # noqa: F401 - the package's interface
    ACTED_LABEL,
    OUTCOMES,
    RESISTANCE_TITLE,
    RESISTED_LABEL,
    SANKEY_TITLE,
    urge_flow_sankey,
    urge_resistance_chart,
)
