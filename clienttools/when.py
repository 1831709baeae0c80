"""Reading times as people write them: "21:30", "9pm", "yesterday 21:30", "this morning",
"Mon 9pm", "2 hours ago", "2026-11-20 08:15", "03/12/2026 07:30", "12 March", ISO 8601.

Rules (docs/CLIENT.md, "Writing the time"):
- a clock time alone is the latest such moment (today, or yesterday if it
  is still to come today); a day alone is 12:00 that day (or now, if
  that is still to come); parts of the day have fixed times (morning 08:00,
  afternoon 15:00, evening 19:00, tonight 21:00, last night 22:00 yesterday);
- a weekday, or a day and month without a year, is the latest such moment
  that is not in the future ("Mon 9pm" on a Monday morning is last week);
- numbers like 03/12/2026 are read in the person's date order
  (``day_first``); when it is not known and both readings are real dates,
  ``AmbiguousDate`` offers both, so the caller can ask and remember;
- times without an offset are in the computer's local time zone;
- whether a time may be in the future is the caller's rule, not this
  module's; it never quotes the text it could not read.
"""

import re
from datetime import date, datetime, time, timedelta

EXAMPLES = '"21:30", "9pm", "yesterday 21:30", "this morning", "Mon 9pm" or "2026-11-20 21:30"'

_PARTS_OF_DAY = {
    "morning": time(8, 0),
    "afternoon": time(15, 0),
    "evening": time(19, 0),
    "night": time(22, 0),
}
_NOON = time(12, 0)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:z|[+-]\d{2}:?\d{2})?$"
)
_TWELVE_HOUR = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?(?=\s|$)")
_TWENTY_FOUR_HOUR = re.compile(r"(?<![\d/.-])(\d{1,2})[:.h](\d{2})(?![\d/.-])")
_NAMED_TIME = re.compile(r"\b(noon|midday|midnight)\b")
_AGO = re.compile(r"^(\d{1,7}|an?|half an)\s*(minutes?|mins?|m|hours?|hrs?|h)\s+ago$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_FILLER = re.compile(r"\b(at|on|the|of|around|about)\b|,")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")


class WhenProblem(ValueError):
    """Text that is not a time this module can read; ``kind`` says why (no text kept)."""

    def __init__(self, kind: str = "unreadable"):
        self.kind = kind  # "unreadable", "no_such_date", "no_such_time"
        super().__init__(kind)


class AmbiguousDate(WhenProblem):
    """Numbers like 03/12 that are a real date in either order; both readings kept."""

    def __init__(self, day_first: date, month_first: date):
        self.day_first = day_first
        self.month_first = month_first
        super().__init__("ambiguous")


def parse_when(text: str, now: datetime, *, day_first: bool | None = None) -> datetime:
    """An aware datetime for ``text``, relative to ``now`` (itself aware)."""
    try:
        return _parse_when(text, now, day_first)
    except WhenProblem:
        raise
    except (ValueError, OverflowError):  # a calendar edge: year 1, 10 million hours ago
        pass
    raise WhenProblem("no_such_date")


def _parse_when(text: str, now: datetime, day_first: bool | None) -> datetime:
    words = _normal(text)
    if words in ("", "now", "just now", "right now"):
        return now
    if _ISO.match(words):
        return _iso(words, now)
    ago = _AGO.match(words)
    if ago:
        return now - _span(ago[1], ago[2])
    clock, rest = _take_clock(words)
    day, default, latest = _day(rest, now, day_first)
    if clock is None and default is None:
        return _day_alone(day, now)
    moment = _local(day, clock or default)
    if latest is not None and moment > now:
        moment = _local(latest(day), clock or default)
    return moment


def parse_day(text: str, now: datetime | None = None, *, day_first: bool | None = None) -> date:
    """A calendar day: "2026-11-20", "yesterday", "Mon", "03/12/2026", "12 March"."""
    now = now or datetime.now().astimezone()
    words = _normal(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words):
        return _checked_date(*map(int, words.split("-")))
    day, default, _latest = _day(words, now, day_first)
    if default is not None or not words:
        raise WhenProblem()
    return day


# -- pieces -------------------------------------------------------------------------------


def _normal(text: str) -> str:
    words = _ORDINAL.sub(r"\1", text.strip().casefold())
    words = _FILLER.sub(" ", words) if not _ISO.match(words) else words
    return " ".join(words.split())


def _iso(words: str, now: datetime) -> datetime:
    try:
        parsed = datetime.fromisoformat(words.upper().replace(" ", "T", 1))
    except ValueError:
        raise WhenProblem("no_such_date") from None
    if len(words) == 10:  # a date alone
        return _day_alone(parsed.date(), now)
    return parsed if parsed.tzinfo else parsed.astimezone()


def _day_alone(day: date, now: datetime) -> datetime:
    moment = _local(day, _NOON)
    return now if day == now.date() and moment > now else moment


def _span(amount: str, unit: str) -> timedelta:
    count = {"a": 1, "an": 1, "half an": 0.5}.get(amount) or int(amount)
    minutes = count * (60 if unit.startswith("h") else 1)
    return timedelta(minutes=minutes)


def _take_clock(words: str) -> tuple[time | None, str]:
    """The clock time written in ``words`` (if any), and the words around it."""
    for pattern, read in (
        (_TWELVE_HOUR, _twelve_hour),
        (_TWENTY_FOUR_HOUR, _twenty_four_hour),
        (_NAMED_TIME, _named_time),
    ):
        found = pattern.search(words)
        if found:
            rest = (words[: found.start()] + " " + words[found.end() :]).strip()
            return read(found), " ".join(rest.split())
    return None, words


def _twelve_hour(found: re.Match) -> time:
    hour, minute = int(found[1]), int(found[2] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        raise WhenProblem("no_such_time")
    hour = hour % 12 + (12 if found[3] == "p" else 0)
    return time(hour, minute)


def _twenty_four_hour(found: re.Match) -> time:
    hour, minute = int(found[1]), int(found[2])
    if hour > 23 or minute > 59:
        raise WhenProblem("no_such_time")
    return time(hour, minute)


def _named_time(found: re.Match) -> time:
    return time(0, 0) if found[1] == "midnight" else _NOON


def _day(words: str, now: datetime, day_first: bool | None):
    """(day, default time or None, how to step back if the moment is still to come)."""
    today = now.date()
    words, default = _part_of_day(words)
    if not words:  # a clock time alone: the latest such moment, so "23:00" at 1am is last night
        return today, default, lambda d: d - timedelta(days=1)
    if words in ("today", "this", "tonight"):
        if words == "tonight":
            default = time(21, 0)
        return today, default, None
    if words == "tomorrow":  # read, so the caller can say kindly that it has not come yet
        return today + timedelta(days=1), default, None
    if words in ("yesterday", "last"):  # "last night" leaves "last"
        return today - timedelta(days=1), default, None
    if words == "day before yesterday":
        return today - timedelta(days=2), default, None
    weekday = _weekday(words)
    if weekday is not None:
        back = (today.weekday() - weekday) % 7
        if words.startswith("last ") and back == 0:
            back = 7
        return today - timedelta(days=back), default, lambda d: d - timedelta(days=7)
    found = _calendar_date(words, today, day_first)
    if found is None:
        raise WhenProblem()
    day, year_given = found
    step_back = None if year_given else _a_year_earlier
    if not year_given and day > today:
        day = _a_year_earlier(day)
    return day, default, step_back


def _part_of_day(words: str) -> tuple[str, time | None]:
    if words == "last night":
        return "last", _PARTS_OF_DAY["night"]
    for name, moment in _PARTS_OF_DAY.items():
        if words == name or words.endswith(" " + name):
            return words.removesuffix(name).strip(), moment
    return words, None


def _weekday(words: str) -> int | None:
    word = words.removeprefix("last ").strip()
    for number, name in enumerate(_WEEKDAYS):
        if re.fullmatch(name + r"[a-z]*", word) and _is_weekday_spelling(word, name):
            return number
    return None


def _is_weekday_spelling(word: str, short: str) -> bool:
    full = {
        "mon": "monday",
        "tue": "tuesday",
        "wed": "wednesday",
        "thu": "thursday",
        "fri": "friday",
        "sat": "saturday",
        "sun": "sunday",
    }[short]
    return full.startswith(word) or word in ("tues", "thur", "thurs")


def _calendar_date(words: str, today: date, day_first: bool | None):
    """(date, whether a year was written) for 03/12/2026, 3/12, 12 March, March 12 2026."""
    numeric = _NUMERIC_DATE.match(words)
    if numeric:
        first, second = int(numeric[1]), int(numeric[2])
        year = _year(numeric[3], today)
        return _ordered(first, second, year, day_first), numeric[3] is not None
    named = re.fullmatch(r"(\d{1,2}) ([a-z]+)(?: (\d{4}))?|([a-z]+) (\d{1,2})(?: (\d{4}))?", words)
    if not named:
        return None
    day_text, month_text, year_text = (
        named.group(1, 2, 3) if named[1] else (named[5], named[4], named[6])
    )
    month = _month(month_text)
    if month is None:
        return None
    year = int(year_text) if year_text else today.year
    return _checked_date(year, month, int(day_text)), year_text is not None


def _year(text: str | None, today: date) -> int:
    if text is None:
        return today.year
    return 2000 + int(text) if len(text) == 2 else int(text)


def _ordered(first: int, second: int, year: int, day_first: bool | None) -> date:
    as_day_first = _maybe_date(year, second, first)
    as_month_first = _maybe_date(year, first, second)
    if as_day_first and as_month_first and as_day_first != as_month_first:
        if day_first is None:
            raise AmbiguousDate(as_day_first, as_month_first)
        return as_day_first if day_first else as_month_first
    chosen = as_day_first or as_month_first
    if chosen is None:
        raise WhenProblem("no_such_date")
    return chosen


def _month(text: str) -> int | None:
    for number, name in enumerate(_MONTHS, start=1):
        if text.startswith(name) and len(text) >= 3:
            return number
    return None


def _maybe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _checked_date(year: int, month: int, day: int) -> date:
    found = _maybe_date(year, month, day)
    if found is None:
        raise WhenProblem("no_such_date")
    return found


def _a_year_earlier(day: date) -> date:
    return _maybe_date(day.year - 1, day.month, day.day) or day - timedelta(days=365)


def _local(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock).astimezone()
