"""Screen and paper read the one presentation vocabulary: same words, same colours.

The dashboard's figures, its flag banner and homework table, and the PDF's
trigger chart are checked against ``securebase.presentation`` so a second,
drifting table anywhere fails here.
"""

from datetime import date, timedelta

import pandas as pd
from reportlab.graphics.shapes import Group, Rect, String

from dashboard.client_views import flags, homework, words
from dashboard.figures import homework_adherence_chart, trigger_weekly_bars
from reports import charts as pdf_charts
from securebase import presentation, risk_screen
from securebase.vocabulary import Trigger

W1 = date(2026, 3, 2)


MONDAYS = [W1, W1 + timedelta(weeks=1)]


def pdf_legend(drawing) -> list[tuple[str, str]]:
    """(name, swatch colour) of each legend item of a PDF chart (``chart_parts.legend``: a
    patterned swatch, its outline, then the name), in drawing order."""
    items, shapes = [], drawing.contents
    for swatch, outline, name in zip(shapes, shapes[1:], shapes[2:], strict=False):
        shaped = isinstance(swatch, Group) and isinstance(outline, Rect)
        if shaped and isinstance(name, String) and outline.fillColor is None:
            items.append((name.text, swatch.contents[0].fillColor.hexval()[2:].upper()))
    return items


def pdf_texts(drawing) -> list[str]:
    return [shape.text for shape in drawing.contents if isinstance(shape, String)]


def test_the_pdf_trigger_chart_keeps_a_trigger_it_has_no_colour_for():
    counts = pd.DataFrame(
        {
            "week": [W1, W1, W1 + timedelta(weeks=1)],
            "trigger": ["jealousy", "a_newer_trigger", "conflict"],
            "count": [2, 3, 1],
        }
    )
    drawing = pdf_charts.trigger_chart(counts, 400, MONDAYS)
    names = [name for name, _ in pdf_legend(drawing)]
    assert names == ["Argument or criticism", "Partner's attention to others", "A newer trigger"]
    unknown = dict(pdf_legend(drawing))["A newer trigger"]
    assert unknown == presentation.GREY.lstrip("#").upper()  # drawn grey, not dropped
    texts = pdf_texts(drawing)
    assert "5" in texts  # the week totals above the bars: nothing dropped
    assert "1" in texts


def test_a_trigger_has_one_colour_on_screen_and_on_paper():
    keys = [t.value for t in Trigger] + ["none"]
    counts = pd.DataFrame({"week": [W1] * len(keys), "trigger": keys, "count": [1] * len(keys)})
    on_paper = dict(pdf_legend(pdf_charts.trigger_chart(counts, 400, MONDAYS)))
    on_screen = {
        t.name: t.marker.color.lstrip("#").upper() for t in trigger_weekly_bars(counts).data
    }
    assert on_paper == on_screen
    jealousy = presentation.label("trigger", "jealousy")
    assert on_paper[jealousy] == presentation.colour("trigger", "jealousy").lstrip("#").upper()


def test_the_pdf_trigger_chart_has_the_dashboards_title():
    counts = pd.DataFrame({"week": [W1], "trigger": ["conflict"], "count": [1]})
    drawing = pdf_charts.trigger_chart(counts, 400, MONDAYS)
    assert trigger_weekly_bars(counts).layout.title.text in pdf_texts(drawing)


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
    category = risk_screen.categories()[0]
    rows = pd.DataFrame(
        {
            "source": ["entry"],
            "source_id": ["e1"],
            "kind": ["lexicon"],
            "local_date": [W1],
            "field": ["situation"],
            "category": [category],
            "level": ["flag"],
            "reviewed": [False],
            "recorded_at": ["2026-03-02T10:00:00+00:00"],
            "received_at": ["2026-03-02T12:00:00+00:00"],
        }
    )
    checkins = pd.DataFrame({"id": [], "local_time": []})
    ((_, line),) = flags.flag_lines(rows, checkins)
    assert presentation.label("risk", category) in line
    assert presentation.label("risk", "an_older_key") == "An older key"  # readable, never raw
