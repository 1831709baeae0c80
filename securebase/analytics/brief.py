"""The session brief: what to know in the five minutes before a session.

Rule-based and traceable: every figure comes from one function of this
package (named next to it below), computed for the period and, where a
comparison helps, for the previous period of the same length.

Rules:
- the period defaults to "since the last session note" (the day after it,
  through ``today``), or the last 28 days when there is no note;
- the previous period is the same number of days just before it;
- trends (belief drop after challenges) use the ``TREND_WEEKS`` ISO weeks
  ending with the period, because a slope over one or two weeks says little;
- soothing is ranked over the same trend window, so it rests on enough uses;
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
from datetime import date, timedelta

import pandas as pd

from securebase.analytics.challenges import belief_change, belief_trends, headline_direction
from securebase.analytics.flag_sources import describe_flags, flag_lines
from securebase.analytics.frames import between, week_start
from securebase.analytics.homework import overall_adherence
from securebase.analytics.load import ClientFrames, client_frames, last_session_date
from securebase.analytics.measures import latest_measure
from securebase.analytics.outcomes import STALE_DAYS
from securebase.analytics.risk import risk_flags_between
from securebase.analytics.soothing import best_technique
from securebase.analytics.triggers import trigger_changes
from securebase.analytics.urges import URGE_THRESHOLD, resisted_share
from securebase.errors import InvalidPeriod
from securebase.flag_store import period_flags
from securebase.measures import MEASURES
from securebase.vocabulary import SoothingTechnique, Trigger

DEFAULT_DAYS = 28
TREND_WEEKS = 8
TOP_TRIGGERS = 3


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise InvalidPeriod()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def before(self) -> "Period":
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def default_period(today: date, last_session: date | None) -> Period:
    if last_session is not None and last_session < today:
        return Period(last_session + timedelta(days=1), today)
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)


def brief_start(period: Period) -> date:
    """The earliest local date ``session_brief`` reads for ``period`` (the previous period
    or the first trend week): frames loaded from this date on give the same brief.
    Check-ins are the exception: measures look back to the first one (the baseline)."""
    trend_start = week_start(period.end) - timedelta(weeks=TREND_WEEKS - 1)
    return min(period.before().start, trend_start)


@dataclass
class SessionBrief:
    client_id: str
    period: Period
    entries: int
    entries_previous: int
    flags: list[dict] = field(default_factory=list)
    top_triggers: list[dict] = field(default_factory=list)
    urges: dict = field(default_factory=dict)
    belief: dict = field(default_factory=dict)
    soothing: dict | None = None
    homework: dict = field(default_factory=dict)
    measures: list[dict] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        payload = asdict(self)
        payload["period"] = self.period.as_json()
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
        client_id, client_frames(db, client_id), period, brief_flags(db, client_id, period)
    )


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
    window = between(
        frames.entries, week_start(period.end) - timedelta(weeks=TREND_WEEKS - 1), period.end
    )
    brief = SessionBrief(client_id, period, len(entries), len(earlier))
    brief.flags = _flags(frames, period, flags)
    brief.top_triggers = _top_triggers(frames.entries, period, previous)
    brief.urges = _urges(entries, earlier)
    brief.belief = _belief(entries, window)
    brief.soothing = _soothing(window)
    brief.homework = _homework(frames, period)
    brief.measures = _measures(frames, period)
    brief.lines = brief_lines(brief)
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
    table = trigger_changes(
        entries, (previous.start, previous.end), (period.start, period.end), top=None
    )
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


def _soothing(window) -> dict | None:
    """soothing.best_technique over the trend window."""
    best = best_technique(window)
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
    return [m for m in found if m is not None]


# -- words ------------------------------------------------------------------


def brief_lines(brief: SessionBrief) -> list[str]:
    """The brief in plain sentences, flags first."""
    return [
        *flag_lines(brief.flags),
        _entries_line(brief),
        *_trigger_lines(brief.top_triggers),
        *_urge_lines(brief.urges),
        *_belief_lines(brief.belief),
        *_soothing_lines(brief.soothing),
        *_homework_lines(brief.homework),
        *(line for m in brief.measures for line in (_measure_line(m), _threshold_line(m))),
    ]


def _entries_line(brief: SessionBrief) -> str:
    p = brief.period
    return (
        f"{brief.entries} entries from {p.start:%d %b} to {p.end:%d %b} "
        f"({brief.entries_previous} in the {p.days} days before)."
    )


def _trigger_lines(triggers: list[dict]) -> list[str]:
    if not triggers:
        return []
    parts = [
        f"{_label(Trigger, t['trigger']).lower()} {t['count']} (before: {t['count_previous']})"
        for t in triggers
    ]
    return ["Most frequent triggers: " + "; ".join(parts) + "."]


def _urge_lines(urges: dict) -> list[str]:
    if not urges["total"] and not urges["total_previous"]:
        return []
    now = _share_words(urges["resisted"], urges["total"], urges["share"])
    before = _share_words(
        urges["resisted_previous"], urges["total_previous"], urges["share_previous"]
    )
    return [f"Strong urges (intensity {urges['threshold']}+) resisted: {now}; before: {before}."]


def _belief_lines(belief: dict) -> list[str]:
    if not belief["n"]:
        return [
            f"No completed thought challenges in the period (trend: {belief['trend_direction']})."
        ]
    interval = ""
    if belief["ci_low"] is not None:
        interval = f", 95% CI {belief['ci_low']:.0f} to {belief['ci_high']:.0f}"
    return [
        f"After challenges, belief in the anxious thought fell by {belief['mean_drop']:.0f} "
        f"points on average (n={belief['n']}{interval}); "
        f"{TREND_WEEKS}-week trend: {belief['trend_direction']} (belief before a challenge: "
        f"{belief['level_direction']}; share of it dropped: {belief['drop_share_direction']})."
    ]


def _soothing_lines(soothing: dict | None) -> list[str]:
    if soothing is None:
        return []
    return [
        f"Most helpful soothing over the last {TREND_WEEKS} weeks: "
        f"{_label(SoothingTechnique, soothing['technique']).lower()} "
        f"(distress down {soothing['mean_drop']:.0f} points on average, n={soothing['n']})."
    ]


def _homework_lines(homework: dict) -> list[str]:
    if not homework["expected"]:
        return []
    return [
        f"Homework: {homework['done']} of about {homework['expected']:.0f} expected sessions done "
        f"({homework['share']:.0%})."
    ]


_CHANGE_WORDS = {
    "improved": "reliable improvement",
    "deteriorated": "reliable deterioration",
    "no reliable change": "no reliable change",
}


def _measure_line(measure: dict) -> str:
    change = _CHANGE_WORDS.get(measure["reliable_change"], "reliable change not assessed")
    line = (
        f"{measure['title']}: {measure['total']} ({measure['band']}) on "
        f"{measure['local_date']:%d %b}; baseline {measure['baseline_total']} on "
        f"{measure['baseline_date']:%d %b}: {change}"
    )
    if measure.get("clinical"):
        line += f", clinically {measure['clinical']}"
    if measure.get("outcome_words"):
        line += f"; NHS Talking Therapies: {measure['outcome_words']}"
    line += "."
    if measure.get("stale"):
        line += (
            f" The latest check-in is {measure['days_old']} days old (over {STALE_DAYS}): "
            "it may not describe now."
        )

    endorsed = measure.get("risk_items_endorsed") or []
    if endorsed:
        items = ", ".join(str(number) for number in endorsed)
        line += f" FLAG: item {items} (thoughts of self-harm) answered above 0 - please look."
    return line


def _threshold_line(measure: dict) -> str:
    """Each threshold behind the measure's line, with its source (full ones in the JSON)."""
    if not measure.get("thresholds"):
        return f"{measure['title']} thresholds: none with a source we could check."
    parts = [f"{t['name']} {t['value']} ({t['cite']})" for t in measure["thresholds"]]
    return f"{measure['title']} thresholds: " + "; ".join(parts) + "."


def _share_words(part: int, total: int, share: float | None) -> str:
    return f"{part} of {total} ({share:.0%})" if share is not None else "none recorded"


def _label(vocabulary, key: str) -> str:
    try:
        return vocabulary(key).label
    except ValueError:
        return key.replace("_", " ")


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
