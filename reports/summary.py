"""The session summary PDF: gather one client's figures, then lay them out.

Rules:
- ``gather`` = ``collect`` then ``summarise``: ``collect`` reads the unlocked
  vault once (only the weeks the summary shows, ``summary_start``) into
  ``SummaryInputs``, plain values and frames (no vault, no connection), and
  ``summarise`` computes ``SummaryData`` from them, so a batch can do that
  and the rendering in another process; every figure comes from a function
  of ``securebase.analytics`` (the brief, the chart frames, the tables);
- figures compare the period with the same number of days just before it;
  counts (the soothing table included) use the period, as the dashboard's
  tabs and its Brief do; charts and the belief trend use the brief's trend
  window (``securebase.period.trend_window``: the ``TREND_WEEKS`` ISO weeks
  up to the period's end, or the whole period when it is longer), because a
  one-week chart says little;
- flags come first and say where to look, never what was written: the
  vault's flags (``brief.client_flags``), every open one however old, the
  same list as the dashboard's banner;
- ``render`` lays the data out (``reports.sections``) and returns PDF bytes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from reports import DEFAULT_ENTRIES, sections
from reports.first_page import FLAG_LOOKBACK_DAYS
from reports.styles import build, long_date, styles
from reports.text import reset_missing, visual
from securebase.analytics.brief import SessionBrief, brief_start, client_flags, session_brief
from securebase.analytics.challenges import TREND_RULES, belief_drop_by_week, distortions_by_week
from securebase.analytics.frames import between, week_start
from securebase.analytics.homework import adherence_summary, mean_capped_share
from securebase.analytics.load import ClientFrames
from securebase.analytics.measures import measure_history
from securebase.analytics.risk import risk_flags_between
from securebase.analytics.soothing import soothing_effectiveness
from securebase.analytics.trends import Trend, weekly_trend
from securebase.analytics.triggers import trigger_counts_by_week
from securebase.analytics.urges import urge_resistance_by_week
from securebase.measures import MEASURES
from securebase.period import Period, trend_window
from securebase.therapist_records import session_notes
from securebase.vault_reads import client_frames, first_entry_date

MEASURE_KEYS = tuple(MEASURES)  # the registry: a new questionnaire needs no change here


@dataclass
class SummaryData:
    """Everything the summary shows, computed in the vault's process."""

    label: str
    therapist: str
    client_id: str
    prepared: date
    brief: SessionBrief
    previous: SessionBrief
    trigger_counts: pd.DataFrame
    belief_drops: pd.DataFrame
    belief_trend: Trend
    urge_resistance: pd.DataFrame
    measures: dict[str, pd.DataFrame]
    distortions: pd.DataFrame
    soothing: pd.DataFrame
    homework: pd.DataFrame
    entries: list[dict]
    notes: list[tuple[date, str]]
    next_steps: list[dict]
    exercise_titles: dict[str, str] = field(default_factory=dict)
    review_flags: list[dict] = field(default_factory=list)
    flagged_entries: list[dict] = field(default_factory=list)
    last_session: tuple[date, str] | None = None
    counts: dict = field(default_factory=dict)
    first_entry: date | None = None
    homework_done: float | None = None
    homework_done_previous: float | None = None
    chart_weeks: list[date] = field(default_factory=list)

    @property
    def period(self) -> Period:
        return self.brief.period


def chart_window(period: Period, first_entry: date | None = None) -> Period:
    """The charts' weeks: the brief's trend window, but never weeks before the client's
    first entry (an empty week there is not a zero)."""
    window = trend_window(period)
    if first_entry is not None and week_start(first_entry) <= period.end:
        return Period(max(window.start, week_start(first_entry)), period.end)
    return window


def summary_start(period: Period) -> date:
    """The earliest local date the summary reads: both briefs (this period's and the one
    before) and the chart window. Check-ins are read in full (measures need the first)."""
    return min(brief_start(period), brief_start(period.before()), chart_window(period).start)


def summary_frames(vault, client_id: str, period: Period) -> ClientFrames:
    """What the summary needs from the vault: the days from ``summary_start`` on."""
    since = summary_start(period)
    return client_frames(vault, client_id, since=since, all_checkins=True)


@dataclass(frozen=True)
class SummaryInputs:
    """What the summary reads from the vault for one client: plain values and frames, no
    vault, key or connection, so the figures can be computed in another process."""

    client_id: str
    label: str
    therapist: str
    period: Period
    frames: ClientFrames
    notes: list[tuple[date, str]]
    exercise_titles: dict[str, str]
    n_entries: int = DEFAULT_ENTRIES
    first_entry: date | None = None
    #: The vault's flags (``brief.client_flags``); None: scanned from the frames.
    flags: pd.DataFrame | None = None


def collect(
    vault,
    client_ref: str,
    period: Period,
    n_entries: int = DEFAULT_ENTRIES,
    frames: ClientFrames | None = None,
) -> SummaryInputs:
    """Everything the summary needs from an unlocked vault (``frames``: already read by
    ``summary_frames`` for this period)."""
    client = vault.client(client_ref)
    return SummaryInputs(
        client_id=client.client_id,
        label=client.label,
        therapist=vault.therapist_name,
        period=period,
        frames=frames or summary_frames(vault, client.client_id, period),
        notes=_notes(vault, client.client_id, period),
        exercise_titles=exercise_titles(vault),
        n_entries=n_entries,
        first_entry=first_entry_date(vault, client.client_id),
        flags=client_flags(vault, client.client_id, period),
    )


def gather(
    vault,
    client_ref: str,
    period: Period,
    n_entries: int = DEFAULT_ENTRIES,
    frames: ClientFrames | None = None,
) -> SummaryData:
    """The summary's data for one client of an unlocked vault."""
    return summarise(collect(vault, client_ref, period, n_entries, frames))


def summarise(inputs: SummaryInputs) -> SummaryData:
    """Every figure of the summary, from what ``collect`` read (no vault needed)."""
    frames, period, client_id = inputs.frames, inputs.period, inputs.client_id
    brief = session_brief(client_id, frames, period, inputs.flags)
    weeks = chart_window(period, inputs.first_entry)
    first, last = weeks.start, weeks.end
    window = between(frames.entries, first, last)
    entries = between(frames.entries, period.start, period.end)
    drops = belief_drop_by_week(window)
    homework = _homework(frames, period)
    better, min_effect = TREND_RULES["belief_drop"]
    mondays = [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    return SummaryData(
        label=inputs.label,
        therapist=inputs.therapist,
        client_id=client_id,
        prepared=date.today(),
        brief=brief,
        previous=session_brief(client_id, frames, period.before()),
        trigger_counts=trigger_counts_by_week(window, mondays),
        belief_drops=drops,
        belief_trend=weekly_trend(
            drops.rename(columns={"mean_drop": "value"}), better=better, min_effect=min_effect
        ),
        urge_resistance=urge_resistance_by_week(window),
        measures=_measures(frames.checkins, period.end),
        distortions=_distortion_counts(entries),
        soothing=soothing_effectiveness(entries),
        homework=homework,
        entries=most_distressing(entries, inputs.n_entries),
        notes=inputs.notes,
        next_steps=current_assignments(frames.assignments, period.end),
        exercise_titles=inputs.exercise_titles,
        review_flags=review_flags(frames, period, brief),
        flagged_entries=flagged_entries(frames.entries, brief),
        last_session=_last_session(inputs.notes, period),
        counts={
            "logs": len(between(frames.logs, period.start, period.end)),
            "checkins": len(between(frames.checkins, period.start, period.end)),
        },
        first_entry=inputs.first_entry,
        homework_done=mean_capped_share(homework),
        homework_done_previous=mean_capped_share(_homework(frames, period.before())),
        chart_weeks=mondays,
    )


def _homework(frames: ClientFrames, period: Period) -> pd.DataFrame:
    return adherence_summary(
        frames.assignments, frames.logs, period.start, period.end, entries=frames.entries
    )


def _last_session(notes: list[tuple[date, str]], period: Period) -> tuple[date, str] | None:
    """The note of the session this period follows (the last one before it)."""
    before = [note for note in notes if note[0] < period.start]
    return before[-1] if before else None


def review_flags(frames: ClientFrames, period: Period, brief: SessionBrief) -> list[dict]:
    """Flags for page 1: the period's, then questionnaire risk answers of the
    ``FLAG_LOOKBACK_DAYS`` before it (they persist: a date range must not hide them).
    When the brief's flags come from the vault's flag store (they carry ``open``: kept
    until reviewed, however old), those are the list, open ones first."""
    if any("open" in flag for flag in brief.flags):
        ordered = sorted(brief.flags, key=lambda flag: not flag.get("open"))
        return [_with_detail(flag, frames.checkins) for flag in ordered]
    earlier_start = period.start - timedelta(days=FLAG_LOOKBACK_DAYS)
    earlier = risk_flags_between(
        frames.entries.iloc[0:0], frames.checkins, earlier_start, period.start - timedelta(days=1)
    )
    found = [
        {"kind": r.kind, "source": r.source, "source_id": r.source_id,
         "local_date": r.local_date, "where": r.measure_or_field,
         "category": r.matched_term_category, "in_period": False}
        for r in earlier.itertuples()
    ]  # fmt: skip
    found += [{**flag, "in_period": True} for flag in brief.flags]
    return [_with_detail(flag, frames.checkins) for flag in found]


def _with_detail(flag: dict, checkins: pd.DataFrame) -> dict:
    """A check-in flag with the risk answer and total it rests on (numbers, no text)."""
    if flag["source"] != "checkin":
        return flag
    rows = checkins[checkins["id"] == flag["source_id"]]
    if rows.empty:
        return flag
    row = rows.iloc[0]
    answers = list(row["answers"])
    detail = {"total": int(row["total"])}
    if len(answers) >= 9:
        detail["answer"] = int(answers[8])
    return {**flag, "detail": detail}


def flagged_entries(entries: pd.DataFrame, brief: SessionBrief) -> list[dict]:
    """Every entry a flag cites (of the period, or open from before it when ``entries``
    reaches back that far), oldest first, printed in full."""
    ids = {f["source_id"] for f in brief.flags if f["source"] != "checkin"}
    chosen = entries[entries["id"].isin(ids)].sort_values("local_time")
    return chosen.to_dict("records")


def _notes(vault, client_id: str, period) -> list[tuple[date, str]]:
    """Notes in the period, led by the last note before it: the session this one follows."""
    before = session_notes(vault, client_id, None, period.start - timedelta(days=1))
    during = session_notes(vault, client_id, period.start, period.end)
    return [(n.session_date, n.text) for n in [*before[-1:], *during]]


def _measures(checkins: pd.DataFrame, end: date) -> dict[str, pd.DataFrame]:
    upto = checkins[checkins["local_date"] <= end]
    found = {key: measure_history(upto, key) for key in MEASURE_KEYS}
    return {key: frame for key, frame in found.items() if not frame.empty}


def _distortion_counts(entries: pd.DataFrame) -> pd.DataFrame:
    weekly = distortions_by_week(entries)
    counts = weekly.groupby("distortion", as_index=False)["count"].sum()
    return counts.sort_values(["count", "distortion"], ascending=[False, True]).head(5)


def most_distressing(entries: pd.DataFrame, n: int) -> list[dict]:
    """The ``n`` entries with the highest distress before, most distressing first."""
    ranked = entries.assign(_d=entries["distress_before"].astype("Float64").fillna(-1))
    ranked = ranked.sort_values(["_d", "local_time"], ascending=[False, False], kind="stable")
    return ranked.drop(columns="_d").head(max(n, 0)).to_dict("records")


def current_assignments(assignments: pd.DataFrame, on: date) -> list[dict]:
    """Assignments active on ``on`` (started, not ended)."""
    active = [
        row
        for row in assignments.to_dict("records")
        if row["starts"] <= on and (row["ends"] is None or row["ends"] >= on)
    ]
    return active


def exercise_titles(vault=None) -> dict[str, str]:
    """Exercise key -> title from the homework catalogue, when it is available."""
    try:
        from securebase.vault_reads import exercise_catalogue
    except ImportError:
        return {}
    try:
        catalogue = exercise_catalogue(vault)
    except Exception:
        catalogue = exercise_catalogue()
    return {key: exercise.title for key, exercise in catalogue.items()}


def render_inputs(inputs: SummaryInputs, paper: str = "a4") -> bytes:
    """The summary PDF from what ``collect`` read: figures and layout (a batch worker's job)."""
    return render(summarise(inputs), paper)


TITLE = "Session summary"


def running_header(data: SummaryData) -> str:
    """Who and when, on every page: label, short reference, period, print date."""
    return (
        f"{visual(data.label, 60)} · ref {data.client_id[:8]} · "
        f"{long_date(data.period.start)} – {long_date(data.period.end)} · "
        f"printed {long_date(data.prepared)}"
    )


def render(data: SummaryData, paper: str = "a4") -> bytes:
    """The summary as PDF bytes on ``paper`` ("a4" or "letter"); the metadata title names
    no one (the file may be emailed), the running header says whose it is."""
    reset_missing()
    story = sections.story(data, styles(), paper)
    return build(story, paper, TITLE, data.therapist, header=running_header(data))


def summary_pdf(
    vault, client_ref: str, period: Period, paper: str = "a4", n_entries: int = DEFAULT_ENTRIES
) -> bytes:
    return render(gather(vault, client_ref, period, n_entries), paper)
