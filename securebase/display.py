"""Making client text safe to show, for front ends that print it.

Journal text is validated to contain no control characters, but display
code does not rely on that: anything that could steer a terminal is
replaced before it is printed.
"""

import json
import re

# C0/C1 controls (ESC starts every CSI/OSC sequence; 0x9b is CSI on its own) and
# the bidirectional embedding/override/isolate marks, which can make a line read
# differently from the characters it holds ("Trojan Source").
_TERMINAL_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def is_plain_line(text: str) -> bool:
    """True for one line of text with nothing that could steer a terminal (a name, a label)."""
    return "\t" not in text and "\n" not in text and not _TERMINAL_CONTROLS.search(text)


def terminal_safe(text: str) -> str:
    """``text`` with control characters (escape sequences, bells, bidi overrides) made visible."""
    return _TERMINAL_CONTROLS.sub("\N{REPLACEMENT CHARACTER}", text)


def terminal_line(text: str) -> str:
    """A one-line field (a name, a label) made safe: whitespace runs, line breaks included,
    become one space, so an outside label cannot fake a line of its own."""
    return terminal_safe(" ".join(text.split()))


def terminal_json(payload) -> str:
    """``payload`` as one line of JSON that keeps every value exactly but sends no control
    character to a terminal (JSON itself escapes only C0; C1 and bidi marks become \\uXXXX)."""
    text = json.dumps(payload, ensure_ascii=False)
    return _TERMINAL_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis if cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
