"""Making client text safe to show, for front ends that print it.

Journal text is validated to contain no control characters, but display
code does not rely on that: anything that could steer a terminal is
replaced before it is printed.
"""

import re

_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters (escape sequences, bells, ...) made visible."""
    return _TERMINAL_CONTROLS.sub("\N{REPLACEMENT CHARACTER}", text)


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis if cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
