"""The session brief: what to know in the five minutes before a session, as facts.

Rule-based and traceable: every figure comes from one function of this
package (named next to it below), computed for the period and, where a
comparison helps, for the previous period of the same length. The brief holds
numbers, directions, keys, dates and flags, never sentences: each front end
composes its own from these facts with the shared words of
``securebase.presentation.brief_words`` (the dashboard's Brief view, the PDF's
"What changed", the ``securebase brief`` command line), choosing which facts
to say by what they are, never by filtering sentences.

Rules:
- the period is a ``securebase.period.Period``; it defaults to "since the last
  session note" (the day after it, through ``today``), or the last
  ``DEFAULT_DAYS`` days when there is no note (``period.default_period``);
- the previous period is the same number of days just before it;
- counts use the period itself, exactly the entries the client tabs show:
  entries, triggers, urges, the belief drop, the most helpful soothing
  (``soothing.best_technique`` over the period's entries, the Soothing tab's
  table) and homework;
- trends (belief before a challenge and its drop) use ``period.trend_window``
  (the ``TREND_WEEKS`` ISO weeks ending with the period, or the period's weeks
  when longer; ``SessionBrief.trend_window`` says which), because a slope over
  one or two weeks says little; the PDF's charts use the same weeks;
- flags come first: from the vault, every flag whose item happened, was
  written or was received in the period, and every flag still open (not yet
  reviewed) however old (``flag_store``); open ones first. A flag is a prompt
  to look, not an assessment. Given frames alone (no vault), the flags of
  items dated in the period;
- questionnaires: the latest score of each measure as of the period's end,
  its change since the first check-in (Jacobson & Truax, clinical cutoff c,
  and the NHS Talking Therapies paired metrics), every threshold with its
  source, and a warning when the latest check-in is more than
  ``outcomes.STALE_DAYS`` days old.
"""

from dataclasses import asdict, dataclass, field
from datetime import date

import pandas as pd

from securebase.analytics.challenges import belief_change, belief_trends, headline_direction
from securebase.analytics.flag_sources import describe_flags
from securebase.analytics.frames import between
from securebase.analytics.homework import overall_adherence
from securebase.analytics.load import ClientFrames, client_frames, last_session_date
from securebase.analytics.measures import latest_measure
from securebase.analytics.outcomes import STALE_DAYS
from securebase.analytics.risk import risk_flags_between
from securebase.analytics.soothing import best_technique
from securebase.analytics.triggers import trigger_changes
from securebase.analytics.urges import URGE_THRESHOLD, resisted_share
from securebase.flag_store import period_flags
from securebase.measures import MEASURES
from securebase.period import (  # noqa: F401 - DEFAULT_DAYS, TREND_WEEKS: the brief's words
    DEFAULT_DAYS,
    TREND_WEEKS,
    Period,
    default_period,
    trend_window,
)

TOP_TRIGGERS = 3


def brief_start(period: Period) -> date:
    """The earliest local date ``session_brief`` reads for ``period`` (the previous period
    or the first trend week): frames loaded from this date on give the same brief.
    Check-ins are the exception: measures look back to the first one (the baseline)."""
    return min(period.before().start, trend_window(period).start)


@dataclass
class SessionBrief:
    client_id: str
    period: Period
    trend_window: Period
    entries: int
    entries_previous: int
    flags: list[dict] = field(default_factory=list)
    top_triggers: list[dict] = field(default_factory=list)
    urges: dict = field(default_factory=dict)
    belief: dict = field(default_factory=dict)
    soothing: dict | None = None
    homework: dict = field(default_factory=dict)
    measures: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        payload = asdict(self)
        payload["period"] = self.period.as_json()
        payload["trend_window"] = self.trend_window.as_json()
        payload["previous_period"] = self.period.before().as_json()
        return _jsonable(payload)


def client_brief(vault, client_id: str, start: date | None = None, end: date | None = None):
    """The brief for one client of an unlocked vault (defaults per the module rules)."""
    db = vault.store.db
    end = end or date.today()
    period = (
        Period(start, end) if start else default_period(end, last_session_date(db, client_id, end))
    )
    return session_brief(
        client_id, client_frames(db, client_id), period, client_flags(vault, client_id, period)
    )


def client_flags(vault, client_id: str, period: Period) -> pd.DataFrame:
    """``brief_flags`` of an unlocked vault: what the PDF and the dashboard's banner list."""
    return brief_flags(vault.store.db, client_id, period)


def brief_flags(db, client_id: str, period: Period) -> pd.DataFrame:
    """The vault's flags for ``period`` (module rules), for ``session_brief``'s ``flags``:
    the PDF and the dashboard call this too."""
    return period_flags(db, client_id, period.start, period.end)


def session_brief(
    client_id: str, frames: ClientFrames, period: Period, flags: pd.DataFrame | None = None
) -> SessionBrief:
    """The brief for ``period``; see the module rules. ``flags``: the vault's
    (``brief_flags``), or the period's ``risk.risk_flags_between`` when the caller has
    them already; else the frames are scanned here."""
    entries = between(frames.entries, period.start, period.end)
    previous = period.before()
    earlier = between(frames.entries, previous.start, previous.end)
    trend = trend_window(period)
    window = between(frames.entries, trend.start, trend.end)
    brief = SessionBrief(client_id, period, trend, len(entries), len(earlier))
    brief.flags = _flags(frames, period, flags)
    brief.top_triggers = _top_triggers(frames.entries, period, previous)
    brief.urges = _urges(entries, earlier)
    brief.belief = _belief(entries, window)
    brief.soothing = _soothing(entries)
    brief.homework = _homework(frames, period)
    brief.measures = _measures(frames, period)
    return brief


def _flags(frames: ClientFrames, period: Period, flags: pd.DataFrame | None) -> list[dict]:
    """The vault's flags in words (``flag_sources``), open ones first; or, from frames,
    risk.risk_flags limited to the period."""
    if flags is not None and "level" in flags:
        described = describe_flags(flags, frames.checkins)
        return sorted(described, key=lambda f: not f["open"])  # stable: oldest first within
    if flags is None:
        flags = risk_flags_between(frames.entries, frames.checkins, period.start, period.end)
    return [
        {
            "kind": row.kind,
            "source": row.source,
            "source_id": row.source_id,
            "local_date": row.local_date,
            "where": row.measure_or_field,
            "category": row.matched_term_category,
            "open": True,
        }
        for row in flags.itertuples()
    ]


def _top_triggers(entries, period: Period, previous: Period) -> list[dict]:
    """triggers.trigger_changes, ordered by this period's count."""
    table = trigger_changes(entries, previous, period, top=None)
    table = table[table["count_b"] > 0].sort_values(["count_b", "trigger"], ascending=[False, True])
    return [
        {
            "trigger": row.trigger,
            "count": int(row.count_b),
            "count_previous": int(row.count_a),
            "mean_distress": _number(row.mean_distress_b),
        }
        for row in table.head(TOP_TRIGGERS).itertuples()
    ]


def _urges(entries, earlier) -> dict:
    """urges.resisted_share for the period and the previous one."""
    now, before = resisted_share(entries), resisted_share(earlier)
    return {
        "threshold": URGE_THRESHOLD,
        "resisted": now.resisted,
        "total": now.total,
        "share": now.share,
        "resisted_previous": before.resisted,
        "total_previous": before.total,
        "share_previous": before.share,
    }


def _belief(entries, window) -> dict:
    """challenges.belief_change for the period; challenges.belief_trends over the trend
    window (the level of belief before a challenge, and the proportional drop)."""
    change = belief_change(entries)
    trends = belief_trends(window)
    level, share = trends["belief_before"], trends["belief_drop_share"]
    return {
        "n": change.n,
        "mean_drop": change.mean_drop,
        "ci_low": change.ci_low,
        "ci_high": change.ci_high,
        "trend_direction": headline_direction(trends),
        "level_direction": level.direction,
        "level_slope_per_week": level.slope_per_week,
        "drop_share_direction": share.direction,
        "trend_slope_per_week": level.slope_per_week,
        "trend_weeks": level.n_weeks,
    }


def _soothing(entries) -> dict | None:
    """soothing.best_technique over the period's entries (the Soothing tab's table)."""
    best = best_technique(entries)
    if best is None:
        return None
    return {"technique": best.technique, "mean_drop": best.mean_drop, "n": best.n}


def _homework(frames: ClientFrames, period: Period) -> dict:
    """homework.overall_adherence for the period (journal-based exercises included)."""
    done, expected, share = overall_adherence(
        frames.assignments, frames.logs, period.start, period.end, entries=frames.entries
    )
    return {"done": done, "expected": expected, "share": share}


def _measures(frames: ClientFrames, period: Period) -> list[dict]:
    """measures.latest_measure for each questionnaire, as of the period's end."""
    checkins = frames.checkins[frames.checkins["local_date"] <= period.end]
    found = [latest_measure(checkins, measure, as_of=period.end) for measure in MEASURES]
    return [{**m, "stale_after_days": STALE_DAYS} for m in found if m is not None]


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)  # NaN -> None


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return _number(value) if isinstance(value, float) else value
