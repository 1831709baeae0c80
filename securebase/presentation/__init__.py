"""The one presentation vocabulary: how every category, chart and flag is shown.

The dashboard, the PDF, both command lines and (as generated JSON) the web
journal read it; none keeps a table of its own.

Rules:
- library-free: the standard library and ``securebase.vocabulary`` only, so
  every front end can import it and ``as_json`` can feed the web journal;
- every key of every kind has a label, a colour and a grey-safe pattern
  (``tests/test_presentation.py`` fails otherwise);
- an unknown key (a newer client's trigger, a therapist's own exercise) is
  still shown: made readable, grey, dotted — never dropped;
- front ends look up by kind and key (``look("trigger", "jealousy")``); they
  map the pattern's plain name to their library's own spelling.
"""

from securebase.presentation.charts import (  # noqa: F401 - the package's interface
    CHARTS,
    EMPTY_TEXT,
    MAX_TITLE_CHARS,
    PARTIAL_WEEK_NOTE,
    WEEK_AXIS_TITLE,
    ChartText,
)
from securebase.presentation.looks import (  # noqa: F401 - the package's interface
    KINDS,
    NONE,
    OTHER,
    RISK_WORDS,
    Look,
    tables,
)
from securebase.presentation.palette import (  # noqa: F401 - the package's interface
    BAND_FILLS,
    BLACK,
    BLUE,
    BLUES,
    BLUISH_GREEN,
    BROWN,
    GREY,
    GRID,
    INK,
    LIGHT_GREY,
    LINE_COLOURS,
    OKABE_ITO,
    ORANGE,
    PATTERNS,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
    grey_level,
)

UNKNOWN_PATTERN = "dots"


def readable(key: str) -> str:
    """``some_new_key`` -> ``Some new key``: how an unknown key is shown."""
    return str(key).replace("_", " ").strip().capitalize() or "Unnamed"


def look(kind: str, key: str) -> Look:
    """How ``key`` of ``kind`` is shown; an unknown key readable, grey and dotted."""
    found = tables()[kind].get(key)
    return found if found is not None else Look(readable(key), GREY, UNKNOWN_PATTERN)


def label(kind: str, key: str) -> str:
    return look(kind, key).label


def colour(kind: str, key: str) -> str:
    return look(kind, key).colour


def ordered(kind: str, keys) -> list[str]:
    """The keys present in the table's order, unknown keys next (sorted), "none" last."""
    present = set(keys)
    table = tables()[kind]
    known = [k for k in table if k in present and k != NONE]
    unknown = sorted(str(k) for k in present - set(table))
    return known + unknown + ([NONE] if NONE in present else [])


def as_json() -> dict:
    """Everything above as plain JSON data, for the web journal's generated copy."""
    return {
        "kinds": {
            kind: {key: vars(item) for key, item in table.items()}
            for kind, table in tables().items()
        },
        "charts": {key: vars(text) for key, text in CHARTS.items()},
        "patterns": list(PATTERNS),
        "unknown": {"colour": GREY, "pattern": UNKNOWN_PATTERN},
        "texts": {
            "empty": EMPTY_TEXT,
            "week_axis": WEEK_AXIS_TITLE,
            "partial_week": PARTIAL_WEEK_NOTE,
        },
    }
