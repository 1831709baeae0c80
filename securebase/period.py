"""The period a therapist looks at: one type for the brief, the tabs, the PDF and the CLI.

A ``Period`` is two local dates, both included. Every front end and every
analytics function that works "for a period" takes this type; a period is
never a bare (start, end) pair kept somewhere else.

Rules:
- ``start`` after ``end`` is refused with ``InvalidPeriod`` (a stable code,
  worded in ``securebase.messages``); ``Period.ordered`` swaps two dates a
  person picked in either order instead;
- the default period (``default_period``) runs from the day after the last
  session note through today, or covers the last ``DEFAULT_DAYS`` days when
  there is no note (or the note is dated today or later);
- the period before is the same number of days just before it (``before``);
- trends look further back: ``trend_window`` is the ``TREND_WEEKS`` ISO weeks
  (Monday to Sunday) ending with the period's last week, or the period's own
  weeks when it is longer, because a slope over one or two weeks says little.
  Counts (entries, triggers, urges, soothing, homework) use the period itself.

The journal document's ``period`` field (``securebase.journal.Period``) is the
wire shape of an export (frozen v1, pydantic, validated as a document), not
a second period type for analytics.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from securebase.errors import InvalidPeriod

DEFAULT_DAYS = 28
TREND_WEEKS = 8


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise InvalidPeriod()

    @classmethod
    def ordered(cls, one: date, other: date) -> "Period":
        """Two dates picked in either order (a date picker's "from" after its "to")."""
        return cls(min(one, other), max(one, other))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> "Period":
        """The same number of days just before this period."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def default_period(today: date, last_session: date | None) -> Period:
    """Since the last session note (the day after it, through ``today``), else the last
    ``DEFAULT_DAYS`` days."""
    if last_session is not None and last_session < today:
        return Period(last_session + timedelta(days=1), today)
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)


def trend_window(period: Period) -> Period:
    """The weeks a trend is fitted over (module rules): from the Monday ``TREND_WEEKS - 1``
    weeks before the period's last week, or the period's first Monday when earlier."""
    start = week_start(period.end) - timedelta(weeks=TREND_WEEKS - 1)
    return Period(min(start, week_start(period.start)), period.end)
