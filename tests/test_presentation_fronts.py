"""Screen and paper read the one presentation vocabulary: same words, same colours.

The dashboard's figures, its flag banner and homework table, and the PDF's
trigger chart are checked against ``securebase.presentation`` so a second,
drifting table anywhere fails here.
"""

from datetime import date, timedelta

import pandas as pd
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend

from dashboard.client_views import flags, homework, words
from dashboard.figures import homework_adherence_chart, trigger_weekly_bars
from reports import charts as pdf_charts
from securebase import presentation
from securebase.vocabulary import Trigger

W1 = date(2026, 3, 2)


def pdf_parts(drawing) -> tuple[VerticalBarChart, Legend]:
    chart = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
    legend = next(c for c in drawing.contents if isinstance(c, Legend))
    return chart, legend


def test_the_pdf_trigger_chart_keeps_a_trigger_it_has_no_colour_for():
    counts = pd.DataFrame(
        {
            "week": [W1, W1, W1 + timedelta(weeks=1)],
            "trigger": ["jealousy", "a_newer_trigger", "conflict"],
            "count": [2, 3, 1],
        }
    )
    chart, legend = pdf_parts(pdf_charts.trigger_chart(counts, 400))
    names = [name for _, name in legend.colorNamePairs]
    assert names == ["Argument or criticism", "Partner's attention to others", "A newer trigger"]
    assert len(chart.data) == 3  # nothing dropped: six entries counted in the bars
    assert sum(sum(series) for series in chart.data) == 6


def test_a_trigger_has_one_colour_on_screen_and_on_paper():
    keys = [t.value for t in Trigger] + ["none"]
    counts = pd.DataFrame({"week": [W1] * len(keys), "trigger": keys, "count": [1] * len(keys)})
    _, legend = pdf_parts(pdf_charts.trigger_chart(counts, 400))
    on_paper = {name: colour.hexval()[2:].upper() for colour, name in legend.colorNamePairs}
    on_screen = {
        t.name: t.marker.color.lstrip("#").upper() for t in trigger_weekly_bars(counts).data
    }
    assert on_paper == on_screen
    jealousy = presentation.label("trigger", "jealousy")
    assert on_paper[jealousy] == presentation.colour("trigger", "jealousy").lstrip("#")


def test_the_pdf_trigger_chart_has_the_dashboards_title():
    counts = pd.DataFrame({"week": [W1], "trigger": ["conflict"], "count": [1]})
    drawing = pdf_charts.trigger_chart(counts, 400)
    titles = [c.text for c in drawing.contents if hasattr(c, "text")]
    assert trigger_weekly_bars(counts).layout.title.text in titles


def test_an_exercise_has_one_name_on_every_part_of_the_homework_tab():
    title = presentation.label("exercise", "self_worth_activity")
    assert title == "Time for yourself"
    assert words.exercise_title("self_worth_activity") == title
    by_week = pd.DataFrame(
        {
            "assignment_id": ["a1"],
            "exercise": ["self_worth_activity"],
            "week": [W1],
            "done": [1],
            "expected": [2.0],
            "share": [0.5],
            "share_capped": [0.5],
        }
    )
    assert [a.text for a in homework_adherence_chart(by_week).layout.annotations] == [title]
    table = pd.DataFrame(
        {
            "exercise": ["self_worth_activity"],
            "times": [2],
            "per": ["week"],
            "done": [1],
            "expected": [2.0],
            "share": [0.5],
            "current_streak": [1],
            "longest_streak": [1],
            "mean_helpfulness": [None],
            "n_helpfulness": [0],
            "mean_distress_drop": [None],
            "n_distress": [0],
        }
    )
    assert list(homework.summary_frame(table)["Exercise"]) == [title]


def test_flag_words_are_the_vocabularys():
    rows = pd.DataFrame(
        {
            "source": ["entry"],
            "source_id": ["e1"],
            "kind": ["lexicon"],
            "local_date": [W1],
            "measure_or_field": ["situation"],
            "matched_term_category": ["death_wish"],
        }
    )
    entries = pd.DataFrame({"id": ["e1"], "local_time": [pd.Timestamp("2026-03-02 10:00")]})
    (line,) = flags.flag_lines(rows, entries)
    assert presentation.label("risk", "death_wish") in line
