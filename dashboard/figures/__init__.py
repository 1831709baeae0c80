"""Plotly chart builders for the dashboard: each draws one analytics frame, nothing more.

Rules every builder keeps:
- its input is the output of a ``securebase.analytics`` function (columns in
  each docstring); the chart computes no statistic of its own, it only
  reshapes (pivots, fills in the weeks between the first and the last) and
  maps vocabulary keys to their display labels;
- no client-written text ever reaches a figure (no situations, thoughts or notes);
- colours come from the Okabe-Ito palette (``OKABE_ITO``) plus one neutral
  grey; a trigger keeps its colour on every chart (``TRIGGER_COLOURS``);
- weekly x axes are dates, ticked at ISO-week Mondays as "Week of 02 Mar", so
  a week without data stays visible as a gap;
- an empty input gives ``empty_figure``: the title, no traces, hidden axes and
  one centred note, ``EMPTY_TEXT``;
- ``HOW_TO_READ[builder name]`` is the one-line reading guide shown under it.

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
    DISTORTION_COLOURS,
    DISTORTION_PATTERNS,
    EMPTY_HEIGHT,
    EMPTY_TEXT,
    EXERCISE_NAMES,
    FONT,
    GREY,
    GRID,
    HEIGHT,
    INK,
    LEGEND_COLUMNS,
    LEGEND_ROW_PX,
    LINE_COLOURS,
    MARGIN_BOTTOM,
    MAX_WEEK_TICKS,
    NO_KEY,
    OKABE_ITO,
    ORANGE,
    PALETTE,
    REDDISH_PURPLE,
    SKY_BLUE,
    TRIGGER_COLOURS,
    TRIGGER_PATTERNS,
    VERMILLION,
    WEEK_HOVER,
    WEEKDAYS,
    YELLOW,
    base_layout,
    empty_figure,
    legend_below,
    readable,
    rgba,
    vocabulary_label,
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
