"""The dashboard's chart builders: titles, axes, traces, labels, palette, empty states.

Each builder is checked on a small hand-made input, on the four demo clients
(through the analytics functions, as the pages call them) and on an empty
frame with the right columns. Entries carry a marker in every free-text field
so that a test can prove no client text reaches a figure.
"""

import json
import re
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures
from dashboard.figures import (
    BLUE,
    BLUISH_GREEN,
    EMPTY_TEXT,
    GREY,
    HOW_TO_READ,
    PALETTE,
    VERMILLION,
    belief_before_after,
    belief_drop_chart,
    challenge_completion_bars,
    distortion_weekly_bars,
    distress_by_trigger_bars,
    distress_drop_chart,
    homework_adherence_chart,
    measure_chart,
    soothing_effectiveness_bars,
    trigger_weekly_bars,
    urge_flow_sankey,
    urge_resistance_chart,
    weekday_hour_heatmap,
)
from securebase import presentation
from securebase.analytics import challenges, homework, measures, soothing, triggers, urges
from securebase.analytics.frames import checkins_frame, entries_frame, logs_frame
from securebase.analytics.load import ASSIGNMENT_COLUMNS
from securebase.analytics.trends import IMPROVING, NOT_ENOUGH_DATA, Trend, weekly_trend
from securebase.measures import MEASURES
from securebase.vocabulary import Behaviour, Distortion, SoothingTechnique, Trigger
from tests.analytics_builders import checkin, entry, log, make_id
from tests.demo_frames import demo_client_frames, demo_week_monday

MARKER = "ZQXMARKER"
W1, W2, W3, W4 = (date(2026, 3, 2) + timedelta(weeks=k) for k in range(4))
BUILDERS = [
    "trigger_weekly_bars", "distress_by_trigger_bars", "weekday_hour_heatmap", "urge_flow_sankey",
    "challenge_completion_bars", "belief_drop_chart", "distress_drop_chart", "belief_before_after",
    "distortion_weekly_bars", "urge_resistance_chart", "soothing_effectiveness_bars",
    "homework_adherence_chart", "measure_chart",
]  # fmt: skip
UNDERSCORED_KEYS = {
    member.value
    for vocabulary in (Trigger, Behaviour, Distortion, SoothingTechnique)
    for member in vocabulary
    if "_" in member.value
}


# --- hand-made inputs -----------------------------------------------------------


def marked(occurred: str, **fields):
    """An entry whose every free-text field carries MARKER."""
    text = {
        "situation": f"{MARKER} situation",
        "trigger_note": f"{MARKER} note",
        "body_sensations": f"{MARKER} body",
        "automatic_thought": f"{MARKER} thought",
        "need_statement": {"text": f"{MARKER} need", "shared": False},
        "partner_positive": [f"{MARKER} kind act"],
        "tags": [f"{MARKER}tag"],
    }
    challenge = fields.pop("challenge", None)
    if challenge is not None:
        challenge = {
            "evidence_for": f"{MARKER} for",
            "evidence_against": f"{MARKER} against",
            "balanced_thought": f"{MARKER} balanced",
            **challenge,
        }
    return entry(occurred, **text, **fields, challenge=challenge)


@pytest.fixture(scope="module")
def entries() -> pd.DataFrame:
    """Four entries over W1, W2 and W4 (W3 is empty), every text field marked."""
    return entries_frame(
        [
            marked(
                "2026-03-02T21:30:00+01:00",
                triggers=["conflict", "jealousy"],
                belief_before=80,
                distress_before=70,
                distress_after=40,
                urge={"intensity": 7, "acted": False, "behaviours": ["checking_phone"]},
                soothing=[{"technique": "paced_breathing", "minutes": 10}],
                challenge={"distortions": ["mind_reading"], "belief_after": 50},
            ),
            marked(
                "2026-03-04T08:15:00+01:00",
                triggers=["delayed_reply"],
                distress_before=50,
                urge={"intensity": 6, "acted": True, "behaviours": ["repeated_messages"]},
            ),
            marked(
                "2026-03-10T19:00:00+01:00",
                belief_before=60,
                distress_before=30,
                distress_after=20,
                urge={"intensity": 3, "acted": False, "behaviours": []},
                soothing=[{"technique": "grounding", "minutes": 5}],
                challenge={"distortions": [], "belief_after": 30},
            ),
            marked(
                "2026-03-23T22:45:00+01:00",
                triggers=["conflict"],
                belief_before=90,
                distress_before=90,
                distress_after=50,
                urge={"intensity": 9, "acted": False, "behaviours": ["calling", "withdrawing"]},
                soothing=[{"technique": "paced_breathing", "minutes": 15}],
                challenge={"distortions": ["catastrophizing", "mind_reading"], "belief_after": 40},
            ),
        ]
    )


@pytest.fixture(scope="module")
def assignments() -> pd.DataFrame:
    rows = [
        [make_id("breathing"), "paced_breathing", 1, "day", W1, None, f"{MARKER} plan"],
        [make_id("journal"), "trigger_journal", 2, "week", W1, None, ""],
    ]
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)


@pytest.fixture(scope="module")
def hand(entries, assignments) -> dict[str, go.Figure]:
    return hand_figures(entries, assignments)


def hand_figures(entries: pd.DataFrame, assignments: pd.DataFrame) -> dict[str, go.Figure]:
    """Every builder on the hand-made entries, fed through the analytics as a page would."""
    trends = challenges.challenge_trends(entries)
    logs = logs_frame([log("2026-03-03T07:00:00+01:00", "breathing", note=f"{MARKER} log")])
    checks = checkins_frame(
        [
            checkin("2026-03-02T09:00:00+01:00", "gad7", [2, 2, 2, 1, 1, 1, 1]),
            checkin("2026-03-16T09:00:00+01:00", "gad7", [0, 0, 0, 0, 0, 0, 0]),
        ]
    )
    return {
        "trigger_weekly_bars": trigger_weekly_bars(triggers.trigger_counts_by_week(entries)),
        "distress_by_trigger_bars": distress_by_trigger_bars(triggers.distress_by_trigger(entries)),
        "weekday_hour_heatmap": weekday_hour_heatmap(triggers.weekday_hour_counts(entries)),
        "urge_flow_sankey": urge_flow_sankey(urges.urge_flow(entries)),
        "challenge_completion_bars": challenge_completion_bars(
            challenges.challenge_completion_by_week(entries)
        ),
        "belief_drop_chart": belief_drop_chart(
            challenges.belief_drop_by_week(entries), trends["belief_drop"]
        ),
        "distress_drop_chart": distress_drop_chart(
            challenges.distress_drop_by_week(entries), trends["distress_drop"]
        ),
        "belief_before_after": belief_before_after(entries),
        "distortion_weekly_bars": distortion_weekly_bars(challenges.distortions_by_week(entries)),
        "urge_resistance_chart": urge_resistance_chart(urges.urge_resistance_by_week(entries), 5),
        "soothing_effectiveness_bars": soothing_effectiveness_bars(
            soothing.soothing_effectiveness(entries)
        ),
        "homework_adherence_chart": homework_adherence_chart(
            homework.adherence_by_week(assignments, logs, W1, W4, entries=entries)
        ),
        "measure_chart": measure_chart(measures.measure_history(checks, "gad7"), "gad7"),
    }


def demo_figures(trajectory: str) -> dict[str, go.Figure]:
    frames = demo_client_frames(trajectory)
    start, end = demo_week_monday(1), demo_week_monday(12) + timedelta(days=6)
    built = hand_figures(frames.entries, frames.assignments)
    built["homework_adherence_chart"] = homework_adherence_chart(
        homework.adherence_by_week(
            frames.assignments, frames.logs, start, end, entries=frames.entries
        )
    )
    built["measure_chart"] = measure_chart(
        measures.measure_history(frames.checkins, "gad7"), "gad7"
    )
    return built


# --- helpers --------------------------------------------------------------------


def title(fig: go.Figure) -> str:
    return fig.layout.title.text


def subtitle(fig: go.Figure) -> str:
    return fig.layout.title.subtitle.text


def is_empty_state(fig: go.Figure) -> bool:
    notes = [a.text for a in fig.layout.annotations]
    hidden = fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    return len(fig.data) == 0 and notes == [EMPTY_TEXT] and hidden


def colours_in(node) -> list[str]:
    """Every colour string under the keys plotly uses for data colours."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("color", "fillcolor", "bgcolor") and value is not None:
                found.extend(value if isinstance(value, list) else [value])
            else:
                found.extend(colours_in(value))
    elif isinstance(node, list | tuple):
        for item in node:
            found.extend(colours_in(item))
    return found


def as_hex(colour: str) -> str:
    match = re.fullmatch(r"rgba\((\d+),(\d+),(\d+),[\d.]+\)", colour)
    if match is None:
        return colour.upper()
    return "#" + "".join(f"{int(part):02X}" for part in match.groups())


# --- every builder --------------------------------------------------------------


def test_every_builder_has_a_one_line_reading_guide():
    assert set(HOW_TO_READ) == set(BUILDERS)
    for name in BUILDERS:
        assert callable(getattr(figures, name))
        guide = HOW_TO_READ[name]
        assert guide
        assert "\n" not in guide
        assert len(guide) < 220


def test_figures_carry_no_client_text(hand):
    assert set(hand) == set(BUILDERS)
    for name, fig in hand.items():
        assert not is_empty_state(fig), name
        assert MARKER not in fig.to_json(), name


def test_figures_show_labels_never_vocabulary_keys(hand):
    for name, fig in hand.items():
        text = fig.to_json()
        assert not [key for key in UNDERSCORED_KEYS if key in text], name


def test_data_colours_come_from_the_palette(hand):
    allowed = {colour.upper() for colour in PALETTE} | {"WHITE", figures.INK.upper()}  # + text
    for name, fig in hand.items():
        if name == "weekday_hour_heatmap":
            continue  # a sequential scale, checked below
        plotted = fig.to_plotly_json()
        used = colours_in(plotted["data"]) + colours_in(plotted["layout"].get("shapes", []))
        assert used, name
        assert {as_hex(c) for c in used} <= allowed, name


def test_a_figure_serialises_to_json(hand):
    fig = hand["urge_flow_sankey"]
    loaded = json.loads(fig.to_json())
    assert loaded["data"][0]["type"] == "sankey"
    assert loaded["layout"]["title"]["text"] == title(fig)


@pytest.mark.parametrize("trajectory", ["steady_improvement", "plateau", "bad_patch", "sparse"])
def test_the_demo_clients_draw_every_chart(trajectory):
    for name, fig in demo_figures(trajectory).items():
        assert not is_empty_state(fig), name
        assert title(fig), name
        assert len(fig.data) >= 1, name
        text = fig.to_json()
        json.loads(text)
        assert not [key for key in UNDERSCORED_KEYS if key in text], name


# --- empty states ---------------------------------------------------------------


def empty_inputs() -> dict[str, go.Figure]:
    none = entries_frame([])
    no_trend = weekly_trend(pd.DataFrame({"week": [], "value": []}))
    no_assignments = pd.DataFrame(columns=ASSIGNMENT_COLUMNS)
    return {
        "trigger_weekly_bars": trigger_weekly_bars(triggers.trigger_counts_by_week(none)),
        "distress_by_trigger_bars": distress_by_trigger_bars(triggers.distress_by_trigger(none)),
        "weekday_hour_heatmap": weekday_hour_heatmap(
            pd.DataFrame({"weekday": [], "hour": [], "count": []})
        ),
        "urge_flow_sankey": urge_flow_sankey(urges.urge_flow(none)),
        "challenge_completion_bars": challenge_completion_bars(
            challenges.challenge_completion_by_week(none)
        ),
        "belief_drop_chart": belief_drop_chart(challenges.belief_drop_by_week(none), no_trend),
        "distress_drop_chart": distress_drop_chart(
            challenges.distress_drop_by_week(none), no_trend
        ),
        "belief_before_after": belief_before_after(none),
        "distortion_weekly_bars": distortion_weekly_bars(challenges.distortions_by_week(none)),
        "urge_resistance_chart": urge_resistance_chart(urges.urge_resistance_by_week(none), 5),
        "soothing_effectiveness_bars": soothing_effectiveness_bars(
            soothing.soothing_effectiveness(none)
        ),
        "homework_adherence_chart": homework_adherence_chart(
            homework.adherence_by_week(no_assignments, logs_frame([]), W1, W4)
        ),
        "measure_chart": measure_chart(
            measures.measure_history(checkins_frame([]), "phq9"), "phq9"
        ),
    }


def test_every_builder_has_the_empty_state():
    built = empty_inputs()
    assert set(built) == set(BUILDERS)
    for name, fig in built.items():
        assert is_empty_state(fig), name
        assert title(fig), name
        note = fig.layout.annotations[0]
        assert (note.x, note.y, note.xref, note.yref) == (0.5, 0.5, "paper", "paper")
        json.loads(fig.to_json())


def test_nothing_to_draw_is_empty_too(entries):
    # The analytics give a full grid of zeros and weeks without a strong urge.
    assert is_empty_state(weekday_hour_heatmap(triggers.weekday_hour_counts(entries_frame([]))))
    weak = entries[entries["urge_intensity"].fillna(0) < 5]
    assert is_empty_state(urge_resistance_chart(urges.urge_resistance_by_week(weak, 5), 5))
    no_pairs = entries.assign(belief_after=pd.array([None] * len(entries), dtype="Int64"))
    assert is_empty_state(belief_before_after(no_pairs))


# --- triggers -------------------------------------------------------------------


def test_trigger_weekly_bars_stack_one_coloured_trace_per_trigger():
    counts = pd.DataFrame(
        {
            "week": [W1, W1, W1, W3],
            "trigger": ["conflict", "jealousy", "none", "conflict"],
            "count": [2, 1, 1, 3],
        }
    )
    fig = trigger_weekly_bars(counts)
    assert title(fig) == "Triggers noted each week"
    assert fig.layout.xaxis.title.text == "Week (Monday to Sunday)"
    assert fig.layout.yaxis.title.text == "Entries (count)"
    assert fig.layout.barmode == "stack"
    assert [t.type for t in fig.data] == ["bar"] * 3
    assert [t.name for t in fig.data] == [
        "Argument or criticism",
        "Partner's attention to others",
        "No trigger named",
    ]
    looks = [presentation.look("trigger", k) for k in ("conflict", "jealousy", "none")]
    assert [t.marker.color for t in fig.data] == [look.colour for look in looks]
    shapes = [t.marker.pattern.shape or "" for t in fig.data]
    assert shapes == [figures.style.PLOTLY_PATTERNS[look.pattern] for look in looks]
    assert list(fig.data[0].y) == [2, 3]
    # One labelled tick per week (its Monday), the empty W2 included.
    assert fig.layout.xaxis.type == "date"
    assert list(fig.layout.xaxis.ticktext) == ["02 Mar", "09 Mar", "16 Mar"]


def test_every_trigger_colour_and_pattern_comes_from_the_one_vocabulary():
    keys = [t.value for t in Trigger] + ["none", "a_newer_trigger"]
    counts = pd.DataFrame({"week": [W1] * len(keys), "trigger": keys, "count": [1] * len(keys)})
    fig = trigger_weekly_bars(counts)
    assert len(fig.data) == len(keys)  # an unknown trigger is drawn, not dropped
    for trace in fig.data:
        key = keys[[presentation.label("trigger", k) for k in keys].index(trace.name)]
        look = presentation.look("trigger", key)
        assert trace.marker.color == look.colour
        assert (trace.marker.pattern.shape or "") == figures.style.PLOTLY_PATTERNS[look.pattern]
        if trace.marker.pattern.shape:  # an explicit background: never drawn black
            assert trace.marker.pattern.bgcolor == look.colour


@pytest.mark.parametrize("count", [1, 4, 5, 12])
def test_every_weekly_bar_has_its_own_label(count):
    weeks = [W1 + timedelta(weeks=k) for k in range(count)]
    counts = pd.DataFrame({"week": weeks, "trigger": ["conflict"] * count, "count": [1] * count})
    axis = trigger_weekly_bars(counts).layout.xaxis
    assert (
        list(axis.tickvals) == [pd.Timestamp(w).isoformat() for w in weeks]
        or [pd.Timestamp(v).date() for v in axis.tickvals] == weeks
    )
    assert all(text for text in axis.ticktext)
    assert len(set(axis.ticktext)) == count
    assert "ISO" not in axis.title.text
    if count >= 7:  # day over month: twelve labels fit without running together
        assert all("<br>" in text for text in axis.ticktext)


def test_the_week_still_running_is_marked():
    counts = pd.DataFrame({"week": [W1, W2], "trigger": ["conflict"] * 2, "count": [3, 1]})
    running = trigger_weekly_bars(counts, through=W2 + timedelta(days=2))
    assert running.layout.xaxis.ticktext[-1].endswith("(so far)")
    assert not running.layout.xaxis.ticktext[0].endswith("(so far)")
    assert len(running.layout.shapes) == 1  # the running week shaded
    finished = trigger_weekly_bars(counts, through=W2 + timedelta(days=6))
    assert not any("so far" in text for text in finished.layout.xaxis.ticktext)
    assert len(finished.layout.shapes) == 0


def test_distress_by_trigger_bars_show_mean_max_and_n(entries):
    fig = distress_by_trigger_bars(triggers.distress_by_trigger(entries))
    assert title(fig) == "How distressing each trigger felt"
    assert fig.layout.xaxis.title.text == "Distress (0-100)"
    assert tuple(fig.layout.xaxis.range) == (0, 100)
    assert fig.layout.yaxis.title.text == "Trigger"
    bars, peaks = fig.data
    assert (bars.type, bars.orientation, peaks.type, peaks.mode) == (
        "bar",
        "h",
        "scatter",
        "markers",
    )
    # Conflict: 70 and 90 -> mean 80, max 90, most distressing so listed first.
    assert list(bars.y) == [
        "Argument or criticism (n=2)",
        "Partner's attention to others (n=1)",
        "Slow or missing reply (n=1)",
        "No trigger named (n=1)",
    ]
    assert list(bars.x) == [80, 70, 50, 30]
    assert list(peaks.x) == [90, 70, 50, 30]
    assert fig.layout.yaxis.autorange == "reversed"


def test_weekday_hour_heatmap_is_seven_by_twenty_four_with_monday_on_top(entries):
    fig = weekday_hour_heatmap(triggers.weekday_hour_counts(entries))
    assert title(fig) == presentation.CHARTS["weekday_hour_heatmap"].title
    assert fig.layout.xaxis.title.text == "Hour of the day (24-hour clock)"
    assert fig.layout.yaxis.title.text == "Day of the week"
    (heat,) = fig.data
    assert heat.type == "heatmap"
    assert len(heat.z) == 7
    assert all(len(row) == 24 for row in heat.z)
    assert heat.y[0] == "Monday"
    assert fig.layout.yaxis.autorange == "reversed"
    assert heat.z[0][21] == 1
    assert heat.z[0][22] == 1
    assert heat.z[1][19] == 1
    assert heat.z[2][8] == 1
    assert sum(map(sum, heat.z)) == 4
    assert heat.colorscale[0][1].upper() == "#F7FBFF"  # white at zero


# --- urges ----------------------------------------------------------------------


def test_urge_flow_sankey_runs_trigger_outcome_behaviour(entries):
    fig = urge_flow_sankey(urges.urge_flow(entries))
    assert title(fig) == "Where reassurance urges led"
    (sankey,) = fig.data
    assert sankey.type == "sankey"
    labels = list(sankey.node.label)
    assert {"Resisted", "Acted on", "No trigger named", "No behaviour named"} <= set(labels)
    assert {"Argument or criticism", "Checking the phone", "Pulling away"} <= set(labels)
    colours = dict(zip(labels, sankey.node.color, strict=True))
    assert (colours["Resisted"], colours["Acted on"]) == (BLUISH_GREEN, VERMILLION)
    links = {
        (labels[s], labels[t]): (v, c)
        for s, t, v, c in zip(
            sankey.link.source, sankey.link.target, sankey.link.value, sankey.link.color,
            strict=True,
        )
    }  # fmt: skip
    # Conflict: once with one behaviour (W1) and once with two (W4): three pairs resisted.
    assert links["Argument or criticism", "Resisted"][0] == 3
    assert links["Slow or missing reply", "Acted on"][0] == 1
    assert links["Resisted", "No behaviour named"][0] == 1
    assert as_hex(links["Argument or criticism", "Resisted"][1]) == BLUISH_GREEN
    assert as_hex(links["Acted on", "Sending several messages"][1]) == VERMILLION
    headings = [a.text for a in fig.layout.annotations]
    assert headings == ["<b>Trigger</b>", "<b>Urge</b>", "<b>Pulled toward</b>"]


def test_urge_resistance_chart_shows_gaps_and_counts():
    table = pd.DataFrame(
        {
            "week": [W1, W2, W4],
            "urges": [4, 0, 2],
            "resisted": [1, 0, 2],
            "share_resisted": [0.25, float("nan"), 1.0],
        }
    )
    fig = urge_resistance_chart(table, 6)
    assert title(fig) == presentation.CHARTS["urge_resistance_chart"].title
    assert "rated 6+ out of 10" in subtitle(fig)
    assert fig.layout.yaxis.title.text == "Strong urges resisted (%)"
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.yaxis.range[1] > 1
    assert fig.layout.xaxis.title.text == "Week (Monday to Sunday)"
    (line,) = fig.data
    assert (line.type, line.connectgaps) == ("scatter", False)
    # W2 (no strong urge) and W3 (no entry at all) are gaps.
    assert list(line.x) == [W1, W2, W3, W4]
    assert list(line.y) == [0.25, None, None, 1.0]
    assert [list(c) for c in line.customdata] == [[1, 4], [0, 0], [None, None], [2, 2]]


# --- thought challenges ---------------------------------------------------------


def test_challenge_completion_bars_show_the_share_with_counts(entries):
    fig = challenge_completion_bars(challenges.challenge_completion_by_week(entries))
    assert title(fig) == "Thought challenges completed each week"
    assert fig.layout.yaxis.title.text == "Completed (% of entries)"
    assert fig.layout.xaxis.title.text == "Week (Monday to Sunday)"
    assert (fig.layout.yaxis.tickformat, fig.layout.yaxis.range[0]) == (".0%", 0)
    (bars,) = fig.data
    assert bars.type == "bar"
    assert bars.marker.color == BLUE
    assert list(bars.y) == [0.5, 1.0, 1.0]
    assert [list(c) for c in bars.customdata] == [[1, 2], [1, 1], [1, 1]]


def test_the_trend_line_is_the_trends_own_line():
    # Weekly drops 10, 14, 30 at weeks 0, 1, 3: a gap at week 2.
    by_week = pd.DataFrame({"week": [W1, W2, W4], "n": [2, 3, 1], "mean_drop": [10.0, 14.0, 30.0]})
    trend = weekly_trend(by_week.rename(columns={"mean_drop": "value"}), better="up")
    fig = belief_drop_chart(by_week, trend)
    assert title(fig) == presentation.CHARTS["belief_drop_chart"].title
    assert fig.layout.yaxis.title.text == "Drop in belief (points, 0-100)"
    assert fig.layout.xaxis.title.text == "Week (Monday to Sunday)"
    points, line = fig.data
    assert (points.mode, line.mode) == ("markers", "lines")
    assert list(points.y) == [10.0, 14.0, 30.0]
    assert list(points.customdata) == [2, 3, 1]
    assert trend.first_week == W1
    assert line.x[0] == W1
    assert line.y[0] == pytest.approx(trend.intercept)
    for k in range(4):
        assert line.x[k] == W1 + timedelta(weeks=k)
        assert line.y[k] == pytest.approx(trend.intercept + trend.slope_per_week * k)
    # A steep line through three scattered weeks is not called "no clear change": the words
    # say which way the line goes and why it is not yet a change.
    assert trend.direction == "no clear change"
    assert "no clear change" not in subtitle(fig)
    assert subtitle(fig).startswith("The fitted line rises (+6.9 points a week)")
    assert line.name == "Fitted line (uncertain)"
    assert line.line.dash == "dash"
    # Points on a 0-100 scale: the axis reaches down to 0, never starts at 10.
    assert fig.layout.yaxis.rangemode == "tozero"


def test_a_drop_chart_without_a_fitted_trend_draws_the_points_only():
    by_week = pd.DataFrame({"week": [W1, W2], "n": [1, 1], "mean_drop": [5.0, 8.0]})
    trend = weekly_trend(by_week.rename(columns={"mean_drop": "value"}))
    fig = distress_drop_chart(by_week, trend)
    assert title(fig) == "How far distress fell within an entry"
    assert fig.layout.yaxis.title.text == "Drop in distress (points, 0-100)"
    assert len(fig.data) == 1
    assert NOT_ENOUGH_DATA in subtitle(fig)


def test_an_improving_trend_is_drawn_solid_green():
    by_week = pd.DataFrame({"week": [W1, W2, W3], "n": [1, 1, 1], "mean_drop": [0.0, 10, 20]})
    trend = Trend(10.0, 0.0, 10.0, 10.0, 3, IMPROVING, 2.0, intercept=0.0, first_week=W1)
    fig = distress_drop_chart(by_week, trend)
    assert (fig.data[1].line.color, fig.data[1].line.dash) == (BLUISH_GREEN, "solid")
    assert subtitle(fig) == "Trend: improving (fitted +10.0 points a week)"


def test_belief_before_after_pairs_the_newest_thirty():
    many = entries_frame(
        [
            marked(
                f"2026-03-{1 + day:02d}T20:00:00+00:00",
                belief_before=80,
                challenge={"belief_after": day},
            )
            for day in range(28)
        ]
        + [
            marked(f"2026-03-{1 + day:02d}T21:00:00+00:00", belief_before=70, challenge={})
            for day in range(5)
        ]
        + [
            marked(
                f"2026-03-{1 + day:02d}T07:00:00+00:00",
                belief_before=60,
                challenge={"belief_after": 10},
            )
            for day in range(5)
        ]
    )
    fig = belief_before_after(many)
    assert title(fig) == presentation.CHARTS["belief_before_after"].title
    assert fig.layout.xaxis.title.text == "Date of entry (client's local time)"
    assert fig.layout.yaxis.title.text == "Belief in the thought (0-100)"
    joins, before, after = fig.data
    assert (before.name, after.name) == ("Before challenge", "After challenge")
    assert len(before.x) == len(after.x) == 30  # 33 rated pairs, unrated ones left out
    assert before.x[0].day == 2
    assert after.y[-1] == 27
    assert len(joins.x) == 3 * 30
    assert joins.x[2] is None
    assert subtitle(fig) == "The 30 most recent entries with both ratings"
    assert MARKER not in fig.to_json()


def test_distortion_weekly_bars_use_labels_and_hatch_the_second_colour_round(entries):
    fig = distortion_weekly_bars(challenges.distortions_by_week(entries))
    assert title(fig) == presentation.CHARTS["distortion_weekly_bars"].title
    assert fig.layout.yaxis.title.text == "Entries (count)"
    assert [t.name for t in fig.data] == ["Mind reading", "Catastrophising"]
    assert [list(t.y) for t in fig.data] == [[1, 1], [1]]
    for trace, key in zip(fig.data, ("mind_reading", "catastrophizing"), strict=True):
        assert trace.marker.color == presentation.colour("distortion", key)


# --- soothing and homework ------------------------------------------------------


def test_soothing_bars_grey_out_techniques_with_few_uses():
    table = pd.DataFrame(
        {
            "technique": ["paced_breathing", "grounding", "journaling"],
            "uses": [5, 4, 1],
            "n_rated": [4, 3, 1],
            "mean_drop": [20.0, 12.5, 30.0],
            "minutes_median": [10.0, float("nan"), 5.0],
            "ranked": [True, True, False],
            "rank": pd.array([1, 2, None], dtype="Int64"),
        }
    )
    fig = soothing_effectiveness_bars(table)
    assert title(fig) == presentation.CHARTS["soothing_effectiveness_bars"].title
    # Shown on two lines each, so the bars keep their room beside the names (half a laptop).
    assert fig.layout.xaxis.title.text == "Drop in distress<br>(points)"
    ranked, few = fig.data
    assert (ranked.type, ranked.orientation, ranked.marker.color) == ("bar", "h", BLUE)
    assert list(ranked.y) == ["Paced breathing", "Grounding"]
    assert list(ranked.text) == ["n=4", "n=3"]
    assert few.marker.color == GREY
    assert list(few.y) == ["Journaling<br>(few uses)"]
    assert list(few.x) == [30.0]
    # The analytics' order is kept: rank 1 on top, the unranked below.
    assert list(fig.layout.yaxis.categoryarray) == [
        "Paced breathing", "Grounding", "Journaling<br>(few uses)",
    ]  # fmt: skip
    assert fig.layout.yaxis.autorange == "reversed"


def test_homework_chart_gives_each_assignment_a_named_row():
    by_week = pd.DataFrame(
        {
            "assignment_id": ["a", "a", "b", "c"],
            "exercise": ["paced_breathing", "paced_breathing", "paced_breathing",
                         "i_statement_practice"],
            "week": [W1, W2, W1, W2],
            "done": [7, 3, 1, 2],
            "expected": [7.0, 7.0, 3.0, 1.0],
            "share": [1.0, 3 / 7, 1 / 3, 2.0],
            "share_capped": [1.0, 3 / 7, 1 / 3, 1.0],
        }
    )  # fmt: skip
    fig = homework_adherence_chart(by_week)
    assert title(fig) == "Homework done each week, by exercise"
    rows = [a.text for a in fig.layout.annotations]
    assert rows == ["Paced breathing (1)", "Paced breathing (2)", "“I” statement practice"]
    assert len(fig.data) == 2 * 3  # a grey "set" track and a blue "done" bar per assignment
    done = [t for t in fig.data if t.marker.color == BLUE]
    assert [t.name for t in done] == rows
    assert list(done[0].y) == [1.0, 3 / 7]
    assert list(done[2].y) == [1.0]
    assert [list(c) for c in done[2].customdata] == [[2, 1.0]]
    assert fig.layout.xaxis3.title.text == "Week (Monday to Sunday)"
    assert fig.layout.yaxis2.title.text == "Done (%)"
    assert tuple(fig.layout.yaxis.range) == (0, 1)


# --- questionnaires -------------------------------------------------------------


@pytest.mark.parametrize("measure", ["gad7", "phq9"])
def test_measure_chart_shades_one_band_per_severity_level(measure):
    spec = MEASURES[measure]
    checks = checkins_frame(
        [
            checkin("2026-03-02T09:00:00+00:00", measure, [2] * spec.item_count),
            checkin("2026-03-30T09:00:00+00:00", measure, [0] * spec.item_count),
        ]
    )
    fig = measure_chart(measures.measure_history(checks, measure), measure)
    assert title(fig) == f"{spec.title} total score over time"
    assert fig.layout.xaxis.title.text == "Date completed"
    assert fig.layout.yaxis.title.text == f"{spec.title} total (points, 0-{spec.total_max})"
    shapes = fig.layout.shapes
    assert len(shapes) == len(spec.bands)
    assert [(s.y0, s.y1) for s in shapes] == [(b.low - 0.5, b.high + 0.5) for b in spec.bands]
    assert [a.text for a in fig.layout.annotations] == [b.label.capitalize() for b in spec.bands]
    assert fig.data[0].name == "Total score"
    assert list(fig.data[0].y) == [2 * spec.item_count, 0]


def test_measure_chart_marks_reliable_improvement_and_worsening():
    checks = checkins_frame(
        [
            checkin("2026-03-02T09:00:00+00:00", "gad7", [2, 2, 2, 1, 1, 1, 1]),  # 10
            checkin("2026-03-16T09:00:00+00:00", "gad7", [0, 0, 0, 0, 0, 0, 0]),  # 0
            checkin("2026-03-30T09:00:00+00:00", "gad7", [3, 3, 3, 3, 3, 3, 3]),  # 21
            checkin("2026-04-13T09:00:00+00:00", "gad7", [2, 2, 2, 1, 1, 1, 2]),  # 11
        ]
    )
    history = measures.measure_history(checks, "gad7")
    assert list(history["reliable_change"]) == [
        "no reliable change", "improved", "deteriorated", "no reliable change",
    ]  # fmt: skip
    fig = measure_chart(history, "gad7")
    _score, better, worse = fig.data
    assert better.name == "Reliable improvement"
    assert worse.name == "Reliable worsening"
    assert (better.marker.color, better.marker.symbol) == (BLUISH_GREEN, "triangle-down")
    assert (worse.marker.color, worse.marker.symbol) == (VERMILLION, "triangle-up")
    assert (list(better.y), list(worse.y)) == ([0], [21])
    assert list(better.x) == [date(2026, 3, 16)]
    assert subtitle(fig) == "Lower is better"


def test_measure_chart_says_when_reliable_change_cannot_be_assessed():
    checks = checkins_frame([checkin("2026-03-02T09:00:00+00:00", "phq9", [1] * 9)])
    history = measures.measure_history(checks, "phq9")
    fig = measure_chart(history, "phq9")
    unassessed = measures.NO_RCI_CONSTANTS in history.attrs["notes"]
    assert ("reliable change not assessed" in subtitle(fig)) == unassessed
    assert len(fig.data) == 1
