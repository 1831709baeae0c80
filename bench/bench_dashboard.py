"""Dashboard benchmark: AppTest run time of every page and of every client view.

Workloads: the caseload, Import and Settings pages on the caseload vault (40
clients), and the Client page of the heavy client (50,000 entries at full
size) with each of its tabs. Only the open tab is drawn in a run (``app_pages/client.py``), so
each tab is one timed run of its own.

Cold and warm: the target applies to the first time a view is drawn after
unlock, when the session's memo (``dashboard.data.remember``) holds nothing
for it yet. Each run follows a therapist's path: unlock (once, untimed,
through the Unlock page), then per run the memo is emptied and the caseload
page is drawn (cold), the Client page opens on its first tab, Brief (cold),
and every other tab is opened in turn (cold: only what earlier steps of the
path computed, the client's frames and period, is remembered) and drawn once
more (warm). Python's own caches (imports, compiled patterns) are warm, as
they are in a running dashboard.

Analytics share: in the same run, the ``securebase.analytics`` functions a
view calls are timed directly on the same frames, and set against a floor of
one bare pandas ``groupby`` + mean over the same rows per function the view
calls (the least any aggregate can cost). Target: each view under 1 s cold,
analytics at most 3x that floor.
"""

import os
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from bench import scale
from bench.harness import Context, Result

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"
PAGE_LIMIT = 1.0  # seconds, cold
ANALYTICS_LIMIT = 3.0  # x the groupby floor
TIMEOUT = 300
#: The pages besides the caseload and the client's tabs, so every page is timed.
OTHER_PAGES = {"import_files": "Import page", "settings": "Settings page"}


# -- driving the app ------------------------------------------------------------


@contextmanager
def dashboard_environment(folder: Path, today: date):
    """The variables the dashboard reads at start (vault folder, today), restored after."""
    wanted = {"SECUREBASE_VAULT": str(folder), "SECUREBASE_TODAY": today.isoformat()}
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def today_of(scale_set: scale.ScaleSet) -> date:
    """The dashboard's today: the last day of the set's history."""
    return scale_set.last_day


def checked(app):
    if app.exception:
        raise RuntimeError(f"the dashboard failed: {app.exception[0].message}")
    return app


def unlocked_app(passphrase: str):
    """An AppTest of the dashboard, unlocked through its Unlock page (lands on the caseload)."""
    from streamlit.testing.v1 import AppTest

    app = checked(AppTest.from_file(str(APP), default_timeout=TIMEOUT).run())
    app.text_input[0].input(passphrase)
    next(b for b in app.button if b.label == "Unlock").click()
    checked(app.run())
    if not app.session_state["vault"]:
        raise RuntimeError("the vault did not unlock")
    return app


def timed_run(app, change: Callable[[], object] | None = None) -> float:
    """Seconds one script run of ``app`` takes (``change`` applied first, untimed)."""
    if change is not None:
        change()
    start = time.perf_counter()
    app.run()
    seconds = time.perf_counter() - start
    checked(app)
    return seconds


def show_page(app, page: str) -> float:
    return timed_run(app, lambda: app.switch_page(f"app_pages/{page}.py"))


def forget(app) -> None:
    """Empty the session's memo: nothing the pages computed is remembered."""
    app.session_state["memo"] = None


def open_client(app, client_id: str) -> float:
    def change():
        app.session_state["client_id"] = client_id
        app.session_state["client_tab"] = "Brief"
        app.switch_page("app_pages/client.py")

    return timed_run(app, change)


def open_tab(app, title: str) -> float:
    return timed_run(app, lambda: app.session_state.__setitem__("client_tab", title))


def view_titles() -> list[str]:
    from dashboard.client_views import VIEWS

    return [title for title, _ in VIEWS]


# -- the analytics each view calls, and their floor ----------------------------


def client_data(vault, client_id: str, today: date, period=None):
    """What ``dashboard.data.client_period`` holds for ``period`` (default: the default one),
    read as the page reads it (from ``data.view_start`` on, every check-in)."""
    from securebase.analytics.brief import brief_start, default_period
    from securebase.analytics.caseload import RECENT_DAYS
    from securebase.analytics.frames import between
    from securebase.analytics.load import client_frames, last_session_date

    db = vault.store.db
    period = period or default_period(today, last_session_date(db, client_id, today))
    since = min(brief_start(period), today - timedelta(days=RECENT_DAYS - 1))
    frames = client_frames(db, client_id, since, all_checkins=True)
    return frames, period, between(frames.entries, period.start, period.end)


def view_analytics(client_id: str, frames, period, entries, today: date) -> dict:
    """Per view: the analytics calls its module makes (``dashboard/client_views``), and the
    rows they read (the period's entries; the brief also reads the period before it, its
    trend weeks and the recent weeks' flags; the measures read check-ins)."""
    from securebase.analytics.brief import TREND_WEEKS, session_brief
    from securebase.analytics.caseload import RECENT_DAYS
    from securebase.analytics.challenges import (
        TREND_RULES,
        belief_drop_by_week,
        challenge_completion_by_week,
        distortions_by_week,
        distress_drop_by_week,
    )
    from securebase.analytics.frames import between, week_start
    from securebase.analytics.homework import adherence_by_week, adherence_summary
    from securebase.analytics.measures import measure_history
    from securebase.analytics.risk import risk_flags_between
    from securebase.analytics.soothing import soothing_effectiveness
    from securebase.analytics.trends import weekly_trend
    from securebase.analytics.triggers import (
        distress_by_trigger,
        trigger_counts_by_week,
        weekday_hour_counts,
    )
    from securebase.analytics.urges import resisted_delay_minutes, urge_flow
    from securebase.analytics.urges import urge_resistance_by_week as resistance

    start, end = period.start, period.end
    weeks = [start + timedelta(days=7 * n) for n in range((end - start).days // 7 + 1)] + [end]
    checkins = frames.checkins[frames.checkins["local_date"] <= end]

    def trend(by_week, rule):
        better, min_effect = TREND_RULES[rule]
        series = by_week.rename(columns={"mean_drop": "value"})
        return weekly_trend(series, better=better, min_effect=min_effect)

    def homework(function):
        return lambda: function(frames.assignments, frames.logs, start, end, entries=frames.entries)

    recent = today - timedelta(days=RECENT_DAYS - 1)
    period_flags = risk_flags_between(frames.entries, frames.checkins, start, end)
    trend_start = week_start(end) - timedelta(weeks=TREND_WEEKS - 1)
    brief_rows = between(frames.entries, min(period.before().start, trend_start, recent), end)
    calls = {
        "Risk flags (banner on every tab)": [
            lambda: risk_flags_between(frames.entries, frames.checkins, start, end),
            lambda: risk_flags_between(frames.entries, frames.checkins, recent, today),
        ],
        "Brief": [lambda: session_brief(client_id, frames, period, period_flags)],
        "Triggers": [
            lambda: trigger_counts_by_week(entries, weeks),
            lambda: distress_by_trigger(entries),
            lambda: weekday_hour_counts(entries),
            lambda: urge_flow(entries),
        ],
        "Thought challenges": [
            lambda: challenge_completion_by_week(entries),
            lambda: trend(belief_drop_by_week(entries), "belief_drop"),
            lambda: trend(distress_drop_by_week(entries), "distress_drop"),
            lambda: distortions_by_week(entries),
        ],
        "Soothing and urges": [
            lambda: resistance(entries),
            lambda: soothing_effectiveness(entries),
            lambda: resisted_delay_minutes(entries),
        ],
        "Homework": [homework(adherence_by_week), homework(adherence_summary)],
        "Measures": [lambda m=m: measure_history(checkins, m) for m in ("gad7", "phq9")],
    }
    flagged = pd.concat([entries, between(frames.entries, recent, today)])
    rows = {"Brief": brief_rows, "Measures": checkins, "Risk flags (banner on every tab)": flagged}
    return {title: (functions, rows.get(title, entries)) for title, functions in calls.items()}


#: Aggregates behind each call, for the floor: the brief is made of nine (trigger
#: changes, urges now and before, belief change and trend, soothing, homework and
#: two measures; its flags are handed over); every other call is one.
FLOOR_UNITS = {"Brief": (9,)}
#: The risk scan reads text, it does not aggregate: its floor is turning the same
#: text into the screen's words once (docs/RISK_SCREEN.md rules 1-4), which any
#: matcher of that specification must do before it compares a single term.
SCAN = "Risk flags (banner on every tab)"


def scan_floor(entries: pd.DataFrame) -> None:
    """The least a risk scan of ``entries`` costs: the screen's words of each text."""
    from securebase.analytics.risk import TEXT_FIELDS
    from securebase.risk_screen import tokens

    for field in TEXT_FIELDS:
        for value in entries[field]:
            for text in value if isinstance(value, tuple) else (value,):
                tokens(text)


def groupby_floor(entries: pd.DataFrame) -> None:
    """The least an aggregate over ``entries`` costs: one plain groupby and mean."""
    column = "distress_before" if "distress_before" in entries else "total"
    entries.groupby("week")[column].mean()


def analytics_seconds(calls: list[Callable[[], object]]) -> float:
    start = time.perf_counter()
    for call in calls:
        call()
    return time.perf_counter() - start


def floor_seconds(entries: pd.DataFrame, units: int, floor=groupby_floor) -> float:
    start = time.perf_counter()
    for _ in range(units):
        floor(entries)
    return time.perf_counter() - start


# -- the benchmark --------------------------------------------------------------


def run(context: Context) -> list[Result]:
    quiet_outside_script_runs()
    results = []
    for size in context.sizes:
        results += caseload_page(context, scale.caseload(context, size))
    for size in context.sizes:
        results += client_views(context, scale.heavy(context, size))
    return results


def quiet_outside_script_runs() -> None:
    """Timing the views' analytics directly touches session state outside a script run;
    Streamlit warns about that once per call, which would bury the table. (A filter,
    because Streamlit resets its loggers' levels whenever an app test starts.)"""
    from streamlit.runtime.scriptrunner_utils import script_run_context

    script_run_context._LOGGER.addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )


def caseload_page(context: Context, scale_set: scale.ScaleSet) -> list[Result]:
    folder = scale_set.fresh_vault(context.work_dir / f"dashboard-caseload-{scale_set.size:g}")
    today = today_of(scale_set)
    cold, warm = [], []
    with dashboard_environment(folder, today):
        app = unlocked_app(scale_set.passphrase)
        pages = {page: [] for page in OTHER_PAGES}
        for _ in range(context.runs):
            forget(app)
            cold.append(show_page(app, "caseload"))
            warm.append(show_page(app, "caseload"))
            for page, times in pages.items():
                forget(app)
                times.append(show_page(app, page))
            show_page(app, "caseload")
        shown = len(app.session_state["caseload_order"])
        if shown != len(scale_set.clients):
            raise RuntimeError("the caseload page lost a client")
        vault = app.session_state["vault"]
        load, analytics, floor = caseload_analytics(vault, today, context.runs)
    note = (
        f"{len(scale_set.clients)} clients, {scale_set.entries:,} entries; warm rerun "
        f"{statistics.median(warm) * 1000:.0f} ms; of the cold run, reading the clients' "
        f"windows {load * 1000:.0f} ms"
    )
    others = [
        Result(
            "Dashboard",
            f"{OTHER_PAGES[page]}, cold",
            scale_set.size,
            statistics.median(times),
            limit=PAGE_LIMIT,
            target=f"< {PAGE_LIMIT:g} s",
            note=f"{len(scale_set.clients)} clients",
            runs=times,
        )
        for page, times in pages.items()
    ]
    return [
        *others,
        Result(
            "Dashboard",
            "caseload page, cold",
            scale_set.size,
            statistics.median(cold),
            limit=PAGE_LIMIT,
            target=f"< {PAGE_LIMIT:g} s",
            note=note,
            runs=cold,
        ),
        Result(
            "Dashboard analytics",
            "caseload table (analytics.caseload)",
            scale_set.size,
            analytics,
            floor=floor,
            limit=ANALYTICS_LIMIT,
            target=f"<= {ANALYTICS_LIMIT:g}x groupby floor",
            note="floor: 6 groupbys per client (flags, 2 trends, adherence, last entry, week)",
        ),
    ]


def caseload_analytics(vault, today: date, runs: int) -> tuple[float, float, float]:
    """Median seconds of reading every client's window as the page does
    (``caseload_client``), of ``caseload`` on them, and of its floor."""
    from securebase.analytics.caseload import caseload, caseload_client

    db, clients = vault.store.db, vault.clients()
    loads, times, floors = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        rows = [caseload_client(db, c.client_id, c.label, c.last_import_at, today) for c in clients]
        loads.append(time.perf_counter() - start)
        times.append(analytics_seconds([lambda rows=rows: caseload(rows, today)]))
        floors.append(sum(floor_seconds(row.frames.entries, 6) for row in rows))
    return statistics.median(loads), statistics.median(times), statistics.median(floors)


def client_views(context: Context, scale_set: scale.ScaleSet) -> list[Result]:
    from securebase.analytics.brief import Period

    folder = scale_set.fresh_vault(context.work_dir / f"dashboard-heavy-{scale_set.size:g}")
    today = today_of(scale_set)
    client_id = scale_set.clients[0][0]
    titles = view_titles()
    cold = {title: [] for title in titles}
    warm = {title: [] for title in titles}
    with dashboard_environment(folder, today):
        app = unlocked_app(scale_set.passphrase)
        for _ in range(context.runs):
            forget(app)
            show_page(app, "caseload")  # the path to the client page, as after unlock
            cold["Brief"].append(open_client(app, client_id))
            warm["Brief"].append(timed_run(app))
            for title in titles[1:]:
                cold[title].append(open_tab(app, title))
                warm[title].append(timed_run(app))
        vault = app.session_state["vault"]
        shares = view_shares(vault, client_id, today, context.runs)
        first = vault.store.db.execute(
            "SELECT MIN(substr(occurred_at, 1, 10)) FROM entries WHERE client_id = ?",
            (client_id,),
        ).fetchone()[0]
        whole = view_shares(
            vault, client_id, today, context.runs, Period(date.fromisoformat(first), today)
        )
    period_entries = shares.pop("_entries")
    whole_entries = whole.pop("_entries")
    results = []
    for title in titles:
        name = "client page, Brief (first tab)" if title == "Brief" else f"client tab {title}"
        results.append(
            Result(
                "Dashboard",
                f"{name}, cold",
                scale_set.size,
                statistics.median(cold[title]),
                limit=PAGE_LIMIT,
                target=f"< {PAGE_LIMIT:g} s",
                note=f"heavy client, {scale_set.entries:,} entries ({period_entries:,} in the "
                f"period); warm rerun {statistics.median(warm[title]) * 1000:.0f} ms",
                runs=cold[title],
            )
        )
    for label, found, rows in (
        ("default period", shares, period_entries),
        ("whole history as the period", whole, whole_entries),
    ):
        for title, (seconds, floor, units) in found.items():
            results.append(
                Result(
                    "Dashboard analytics",
                    f"{title} view's analytics, {label}",
                    scale_set.size,
                    seconds,
                    floor=floor,
                    limit=ANALYTICS_LIMIT,
                    target=f"<= {ANALYTICS_LIMIT:g}x floor",
                    note=f"{rows:,} entries in the period; floor: "
                    + (
                        "one regex pass over the same text (period + recent weeks)"
                        if title == SCAN
                        else f"{units} groupby+mean over the same rows"
                    ),
                )
            )
    return results


def view_shares(vault, client_id: str, today: date, runs: int, period=None) -> dict:
    """Per view: median seconds of its analytics calls, of their floor, and the floor's units."""
    frames, period, entries = client_data(vault, client_id, today, period)
    calls = view_analytics(client_id, frames, period, entries, today)
    shares: dict = {"_entries": len(entries)}
    for title, (functions, rows) in calls.items():
        units = sum(FLOOR_UNITS.get(title, (1,) * len(functions)))
        times = [analytics_seconds(functions) for _ in range(runs)]
        floor = scan_floor if title == SCAN else groupby_floor
        units = 1 if title == SCAN else units
        floors = [floor_seconds(rows, units, floor) for _ in range(runs)]
        shares[title] = (statistics.median(times), statistics.median(floors), units)
    return shares
