"""Reading the times people type: "21:30", "yesterday 21:30", "2026-11-20 08:15", ISO 8601.

Times without an offset are in the computer's local time zone. Unreadable
text raises ``ValueError`` with a short example of what works.
"""

import re
from datetime import date, datetime, time, timedelta

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
EXAMPLES = '"21:30", "yesterday 21:30" or "2026-11-20 21:30"'


def parse_when(text: str, now: datetime) -> datetime:
    """An aware datetime for ``text``, relative to ``now`` (itself aware)."""
    words = text.strip().lower()
    if words in ("", "now"):
        return now
    day = now.date()
    for word, offset in (("today", 0), ("yesterday", 1)):
        if words.startswith(word):
            day, words = day - timedelta(days=offset), words.removeprefix(word).strip()
    clock = _CLOCK.match(words)
    if clock:
        return datetime.combine(day, time(int(clock[1]), int(clock[2]))).astimezone()
    try:
        parsed = datetime.fromisoformat(words.replace(" ", "T", 1).upper())
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError(f"try {EXAMPLES}")
    return parsed if parsed.tzinfo else parsed.astimezone()


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise ValueError("use a date like 2026-11-20")
