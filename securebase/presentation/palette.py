"""Colours and fill patterns every chart shares, on screen and on paper.

Rules:
- colours are the Okabe & Ito (2008) "Color Universal Design" palette,
  distinguishable with the common colour-vision deficiencies, plus neutral
  greys for "other", "none" and caveats;
- a pattern is named here in plain words (``PATTERNS``); each front end maps
  the name to what its drawing library calls it (plotly "/" for ``stripes``);
- a chart must still read when printed in grey: two categories of one
  vocabulary that share a pattern must differ in grey level by at least
  ``GREY_STEP`` (``grey_level`` is the Rec. 601 luma most printers use).
"""

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"
OKABE_ITO = (ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK)
GREY = "#999999"  # "other", caveats, tracks
LIGHT_GREY = "#CCCCCC"  # "none"
BROWN = "#8C5A00"  # a darker orange for a ninth category (still colour-blind safe)
INK = "#333333"  # text
GRID = "#E8E8E8"  # gridlines

#: Lines and markers skip yellow, which is too faint as a thin line on white.
LINE_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, VERMILLION, SKY_BLUE, BLACK, GREY)

#: ColorBrewer "Blues": sequential, colour-blind safe, white at zero (heatmaps).
BLUES = (
    "#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C",
    "#08306B",
)  # fmt: skip
#: Severity bands of a questionnaire, lightest for the mildest (sequential, colour-blind safe).
BAND_FILLS = ("#FFFFFF", "#FEF3D6", "#FCE0B0", "#F7C38A", "#F2A66A")

#: Fill patterns, plainest first. ``solid`` means no pattern.
PATTERNS = (
    "solid",
    "stripes",
    "back_stripes",
    "dots",
    "cross",
    "horizontal",
    "vertical",
    "grid",
)

#: Two categories with one pattern must be at least this far apart in grey (0-255).
GREY_STEP = 40


def grey_level(colour: str) -> float:
    """The colour's brightness printed in grey, 0 (black) to 255 (white), Rec. 601 luma."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def safe_patterns(colours: list[str]) -> list[str]:
    """A pattern for each colour, in order: the plainest pattern no earlier category with a
    similar grey already uses. Adding a category at the end never changes earlier ones."""
    chosen: list[str] = []
    for i, colour in enumerate(colours):
        for pattern in PATTERNS:
            clash = any(
                chosen[j] == pattern
                and abs(grey_level(colours[j]) - grey_level(colour)) < GREY_STEP
                for j in range(i)
            )
            if not clash:
                chosen.append(pattern)
                break
        else:  # more categories than patterns can keep apart: refuse rather than mislead
            raise ValueError(f"no grey-safe pattern left for category {i + 1}")
    return chosen
