"""The caseload view: one row per client, ordered so that who needs attention comes first.

Rules:
- "this week" is the ISO week containing ``today``;
- flags: the client's *open* flags, however old, from the vault
  (``flag_store.open_flags``: screened on arrival, open until the therapist
  marks them reviewed), counted as places to look (one per entry or
  check-in). Without the vault's flags (``open_flags`` None: frames alone),
  the flags of the last ``RECENT_DAYS`` days, or since the last session note
  when that is longer ago;
- questionnaires: a reliable deterioration from the first check-in to the
  latest on any measure (Jacobson & Truax, or the NHS Talking Therapies
  points; ``measures.latest_measure``);
- trend directions are belief (its level before a challenge, lower is
  better, and its proportional drop after one; ``challenges.belief_trends``,
  worsening if either worsens) and the weekly share of
  strong urges resisted, each over the last ``brief.TREND_WEEKS`` ISO weeks;
- homework adherence is ``homework.overall_adherence`` over the brief's
  default period (``brief.default_period``: since the last session note, or
  the last ``DEFAULT_DAYS`` days), so the caseload and the Brief agree;
- attention order: an open risk flag first (more places first), then a
  reliable deterioration on a questionnaire, then the number of worsening
  trends, then the longest time since the last entry (no entries at all
  counts as the longest), then label. ``attention`` gives each reason in
  words, in that order;
- every column reads only items from ``caseload_start`` on, and the date of
  the last entry: ``caseload_client`` loads just that window, so the view
  costs the same after two years of history as after two months.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from securebase.analytics.brief import TREND_WEEKS, default_period
from securebase.analytics.challenges import belief_trends, headline_direction
from securebase.analytics.frames import between, week_start
from securebase.analytics.homework import overall_adherence
from securebase.analytics.load import ClientFrames, client_frames, last_entry_date
from securebase.analytics.measures import latest_measure
from securebase.analytics.risk import risk_flags_between
from securebase.analytics.trends import WORSENING, weekly_trend
from securebase.analytics.urges import (
    URGE_RESISTANCE_MIN_EFFECT,
    resisted_share,
    urge_resistance_by_week,
)
from securebase.flag_store import FLAG_LEVEL, open_flags
from securebase.measures import MEASURES

RECENT_DAYS = 28
_BELIEF_WORDS = {
    "belief_before": "belief in the anxious thought (before challenges)",
    "belief_drop_share": "relief from challenges (share of belief dropped)",
}
CASELOAD_COLUMNS = [
    "client_id", "label", "last_import", "days_since_last_entry", "entries_this_week",
    "flags", "deteriorated", "belief_trend", "urge_trend", "homework_share", "worsening",
    "attention",
]  # fmt: skip


@dataclass(frozen=True)
class CaseloadClient:
    """What the caseload needs about one client besides their frames."""

    client_id: str
    label: str
    last_import: str | None
    frames: ClientFrames
    last_session: date | None = None
    # The latest live entry's local date up to today, when ``frames`` hold only a window
    # that lacks it (``caseload_client``); None: the frames hold it (or there is none).
    last_entry: date | None = None
    #: The vault's open flags (``flag_store.open_flags``); None: judged from ``frames``.
    open_flags: pd.DataFrame | None = None


def caseload_start(today: date, last_session: date | None = None) -> date:
    """The earliest local date any caseload column looks at (module rules)."""
    trend_start = week_start(today) - timedelta(weeks=TREND_WEEKS - 1)
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    homework_start = default_period(today, last_session).start
    return min(trend_start, recent_start, homework_start, _flag_start(last_session, today))


def caseload_client(
    db,
    client_id: str,
    label: str,
    last_import: str | None,
    today: date,
    last_session: date | None = None,
) -> CaseloadClient:
    """A client's caseload input, read from the vault database: only the window it needs."""
    since = caseload_start(today, last_session)
    # Every check-in: a questionnaire's change is counted from the first one.
    frames = client_frames(db, client_id, since=since, all_checkins=True)
    # The window holds every entry from its start on: if one is dated up to today, the
    # latest of those is the last entry; only a window without one asks the database.
    held = (frames.entries["local_date"] <= today).any()
    last_entry = None if held else last_entry_date(db, client_id, today)
    flags = open_flags(db, client_id)
    return CaseloadClient(client_id, label, last_import, frames, last_session, last_entry, flags)


def caseload(clients: list[CaseloadClient], today: date) -> pd.DataFrame:
    rows = [_row(client, today) for client in clients]
    frame = pd.DataFrame(rows, columns=[*CASELOAD_COLUMNS, "_since"])
    frame["_deteriorated"] = frame["deteriorated"].str.len() > 0
    frame = frame.sort_values(
        ["flags", "_deteriorated", "worsening", "_since", "label"],
        ascending=[False, False, False, False, True],
        kind="stable",
    )
    frame = frame.astype({"days_since_last_entry": "Int64", "homework_share": "Float64"})
    return frame.drop(columns=["_since", "_deteriorated"]).reset_index(drop=True)


def _row(client: CaseloadClient, today: date) -> dict:
    entries = client.frames.entries
    window = between(entries, week_start(today) - timedelta(weeks=TREND_WEEKS - 1), today)
    places = _flag_places(client, today)
    deteriorated = _deteriorated(client.frames.checkins, today)
    trends = belief_trends(window)
    belief, urges = headline_direction(trends), _urge_trend(window)
    strong = resisted_share(window)
    since = _days_since_last_entry(entries, today, client.last_entry)
    homework = default_period(today, client.last_session)
    share = overall_adherence(
        client.frames.assignments, client.frames.logs, homework.start, today, entries=entries
    )[2]
    urge_words = (
        f"strong urges resisted ({strong.resisted} of {strong.total} in {TREND_WEEKS} weeks)"
    )
    named = [(_BELIEF_WORDS[name], trend.direction) for name, trend in trends.items()]
    named.append((urge_words, urges))
    worsening = [name for name, direction in named if direction == WORSENING]
    return {
        "client_id": client.client_id,
        "label": client.label,
        "last_import": client.last_import,
        "days_since_last_entry": since,
        "entries_this_week": int(entries["local_date"].between(week_start(today), today).sum()),
        "flags": places,
        "deteriorated": deteriorated,
        "belief_trend": belief,
        "urge_trend": urges,
        "homework_share": share,
        "worsening": len(worsening),
        "attention": _attention(places, deteriorated, worsening, since),
        "_since": since if since is not None else 10**6,
    }


def _flag_start(last_session: date | None, today: date) -> date:
    """Flags stay on the caseload for RECENT_DAYS, or since the last session if longer ago."""
    recent = today - timedelta(days=RECENT_DAYS - 1)
    if last_session is None:
        return recent
    return min(recent, last_session + timedelta(days=1))


def _flag_places(client: CaseloadClient, today: date) -> int:
    """Open flags as places to look (module rules)."""
    if client.open_flags is not None:
        flags = client.open_flags[client.open_flags["level"] == FLAG_LEVEL]
    else:
        start = _flag_start(client.last_session, today)
        flags = risk_flags_between(client.frames.entries, client.frames.checkins, start, today)
    return len(set(zip(flags["source"], flags["source_id"], strict=True)))


def _deteriorated(checkins: pd.DataFrame, today: date) -> str:
    """Each questionnaire reliably worse than at its first check-in, in words ('' if none)."""
    found = []
    for key in MEASURES:
        latest = latest_measure(checkins[checkins["local_date"] <= today], key)
        if latest is None or latest["count"] < 2:
            continue
        outcome = latest["outcome"] or {}
        if latest["reliable_change"] == "deteriorated" or outcome.get("reliable_deterioration"):
            found.append(
                f"{latest['title']} reliably worse ({latest['baseline_total']} -> "
                f"{latest['total']} since {latest['baseline_date']:%d %b})"
            )
    return "; ".join(found)


def _urge_trend(window: pd.DataFrame) -> str:
    series = urge_resistance_by_week(window).rename(columns={"share_resisted": "value"})
    return weekly_trend(series, better="up", min_effect=URGE_RESISTANCE_MIN_EFFECT).direction


def _days_since_last_entry(
    entries: pd.DataFrame, today: date, last_entry: date | None
) -> int | None:
    dates = entries["local_date"]  # one column, not every column of the rows
    past = dates[dates <= today]
    latest = [day for day in (past.max() if len(past) else None, last_entry) if day]
    return (today - max(latest)).days if latest else None


def _attention(flags: int, deteriorated: str, worsening: list[str], since: int | None) -> str:
    reasons = []
    if flags:
        reasons.append(f"{flags} flag{'s' if flags > 1 else ''} to look at")
    if deteriorated:
        reasons.append(deteriorated)
    reasons += [f"{name} worsening" for name in worsening]
    if since is None:
        reasons.append("no entries yet")
    elif since > 7:
        reasons.append(f"no entry for {since} days")
    return "; ".join(reasons)
