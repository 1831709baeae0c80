"""The caseload view: one row per client, ordered so that who needs attention comes first.

Rules:
- "this week" is the ISO week containing ``today``; flags are shown for the
  last ``RECENT_DAYS`` days, or since the last session note when that is
  longer ago, so a flag nobody has reviewed in session does not drop off;
- trend directions are the belief-drop trend (challenges) and the weekly
  share of strong urges resisted, each over the last ``brief.TREND_WEEKS``
  ISO weeks, with the direction rule of ``trends``;
- homework adherence is ``homework.overall_adherence`` over the brief's
  default period (``brief.default_period``: since the last session note, or
  the last ``DEFAULT_DAYS`` days), so the caseload and the Brief agree;
- attention order: clients with recent flags first (more flags first), then
  by the number of worsening trends, then the longest time since the last
  entry (a client with no entries at all counts as the longest), then
  label. The reasons are listed in ``attention`` in words;
- every column reads only items from ``caseload_start`` on, and the date of
  the last entry: ``caseload_client`` loads just that window, so the view
  costs the same after two years of history as after two months.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from securebase.analytics.brief import TREND_WEEKS, default_period
from securebase.analytics.challenges import TREND_RULES, belief_drop_by_week
from securebase.analytics.frames import between, week_start
from securebase.analytics.homework import overall_adherence
from securebase.analytics.load import ClientFrames, client_frames, last_entry_date
from securebase.analytics.risk import risk_flags_between
from securebase.analytics.trends import WORSENING, weekly_trend
from securebase.analytics.urges import URGE_RESISTANCE_MIN_EFFECT, urge_resistance_by_week

RECENT_DAYS = 28
CASELOAD_COLUMNS = [
    "client_id", "label", "last_import", "days_since_last_entry", "entries_this_week",
    "flags", "belief_trend", "urge_trend", "homework_share", "worsening", "attention",
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
    frames = client_frames(db, client_id, since=caseload_start(today, last_session))
    # The window holds every entry from its start on: if one is dated up to today, the
    # latest of those is the last entry; only a window without one asks the database.
    held = (frames.entries["local_date"] <= today).any()
    last_entry = None if held else last_entry_date(db, client_id, today)
    return CaseloadClient(client_id, label, last_import, frames, last_session, last_entry)


def caseload(clients: list[CaseloadClient], today: date) -> pd.DataFrame:
    rows = [_row(client, today) for client in clients]
    frame = pd.DataFrame(rows, columns=[*CASELOAD_COLUMNS, "_since"])
    frame = frame.sort_values(
        ["flags", "worsening", "_since", "label"],
        ascending=[False, False, False, True],
        kind="stable",
    )
    frame = frame.astype({"days_since_last_entry": "Int64", "homework_share": "Float64"})
    return frame.drop(columns="_since").reset_index(drop=True)


def _row(client: CaseloadClient, today: date) -> dict:
    entries = client.frames.entries
    window = between(entries, week_start(today) - timedelta(weeks=TREND_WEEKS - 1), today)
    flags = risk_flags_between(
        entries, client.frames.checkins, _flag_start(client.last_session, today), today
    )
    belief, urges = _belief_trend(window), _urge_trend(window)
    since = _days_since_last_entry(entries, today, client.last_entry)
    homework = default_period(today, client.last_session)
    share = overall_adherence(
        client.frames.assignments, client.frames.logs, homework.start, today, entries=entries
    )[2]
    worsening = [
        name
        for name, trend in (("belief drop", belief), ("urges resisted", urges))
        if trend == WORSENING
    ]
    return {
        "client_id": client.client_id,
        "label": client.label,
        "last_import": client.last_import,
        "days_since_last_entry": since,
        "entries_this_week": int(entries["local_date"].between(week_start(today), today).sum()),
        "flags": len(flags),
        "belief_trend": belief,
        "urge_trend": urges,
        "homework_share": share,
        "worsening": len(worsening),
        "attention": _attention(len(flags), worsening, since),
        "_since": since if since is not None else 10**6,
    }


def _flag_start(last_session: date | None, today: date) -> date:
    """Flags stay on the caseload for RECENT_DAYS, or since the last session if longer ago."""
    recent = today - timedelta(days=RECENT_DAYS - 1)
    if last_session is None:
        return recent
    return min(recent, last_session + timedelta(days=1))


def _belief_trend(window: pd.DataFrame) -> str:
    better, min_effect = TREND_RULES["belief_drop"]
    series = belief_drop_by_week(window).rename(columns={"mean_drop": "value"})
    return weekly_trend(series, better=better, min_effect=min_effect).direction


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


def _attention(flags: int, worsening: list[str], since: int | None) -> str:
    reasons = []
    if flags:
        reasons.append(f"{flags} flag{'s' if flags > 1 else ''} to look at")
    reasons += [f"{name} worsening" for name in worsening]
    if since is None:
        reasons.append("no entries yet")
    elif since > 7:
        reasons.append(f"no entry for {since} days")
    return "; ".join(reasons)
