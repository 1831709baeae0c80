"""The session summary's sections, as platypus flowables, in reading order.

Rules: headings are the ``HEADINGS`` words (tests look for them); client
text only through ``reports.text.para_text`` (escaped, covered, clipped);
every width is a share of the frame width, so A4 and Letter both fit;
flags say where to look (date, field, category, entry id), never the words.
"""

from datetime import timedelta

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Table, TableStyle

from reports import charts, first_page, fonts, records
from reports.bidi import Para
from reports.styles import MARGIN, PAPERS, RULE, long_date
from reports.text import PLACEHOLDER, missing, para_text
from securebase import presentation
from securebase.analytics.soothing import MIN_N_FOR_RANKING
from securebase.analytics.urges import URGE_THRESHOLD
from securebase.measures import MEASURES

HEADINGS = (
    "Flags to review", "What the last session planned", "Current homework", "What changed",
    "Charts", "Top triggers and distortions", "Soothing effectiveness", "Homework adherence",
    "Selected entries",
)  # fmt: skip
NOTE_LIMIT = 3000


def story(data, s: dict, paper: str) -> list:
    """Page 1 first (``first_page``), then the charts and tables, then the entries."""
    width = PAPERS[paper][0] - 2 * MARGIN
    parts = [
        cover(data, s, width),
        first_page.page_one(data, s, width, exercise_name),
        chart_grid(data, s, width),
        triggers_and_distortions(data, s, width),
        soothing(data, s, width),
        homework(data, s, width),
        records.flagged_entries(data, s, width),
        records.selected_entries(data, s, width),
        notes(data, s),
    ]
    return [*parts[0], *missing_note(s), *(flowable for part in parts[1:] for flowable in part)]


def missing_note(s: dict) -> list:
    """A line saying how many characters no installed font could draw (after the text
    was set: ``reports.text`` counts them), or nothing."""
    lost = missing()
    if not lost:
        return []
    words = (
        "character could not be printed and shows"
        if lost == 1
        else ("characters could not be printed and show")
    )
    return [Para(f"{lost} {words} as {PLACEHOLDER}.", s["flag"])]


def table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")))
    t.setStyle(TableStyle(commands))
    return t


def cells(values: list, style) -> list[Para]:
    return [Para(str(v), style) for v in values]


def label(kind: str, key: str) -> str:
    """The shared vocabulary's label (``securebase.presentation``), escaped."""
    return para_text(presentation.label(kind, key), 40)


def period_words(period) -> str:
    return f"{long_date(period.start)} – {long_date(period.end)}"


def cover(data, s, width) -> list:
    """Title and who/when, two facts a row (the running header repeats them on every page)."""
    rows = [
        ["Client", para_text(data.label, 80), "Period", period_words(data.period)],
        ["Therapist", para_text(data.therapist, 120), "Printed", long_date(data.prepared)],
    ]
    body = [
        [Para(v, s["cell_bold"] if i % 2 == 0 else s["cell"]) for i, v in enumerate(row)]
        for row in rows
    ]
    widths = [w * width for w in (0.13, 0.37, 0.12, 0.38)]
    return [Para("Session summary", s["title"]), table(body, widths, False)]


def _share(value) -> str:
    return "–" if value is None else f"{value:.0%}"


def _points(value) -> str:
    return "–" if value is None else f"{value:.0f}"


def chart_grid(data, s, width) -> list:
    half = width / 2 - 8
    weeks, session = data.chart_weeks, data.last_session and data.last_session[0]
    drawings = [
        charts.trigger_chart(data.trigger_counts, half, weeks, session),
        charts.urge_chart(data.urge_resistance, half, URGE_THRESHOLD, weeks, session),
        charts.belief_chart(data.belief_drops, data.belief_trend, half, weeks, session),
        *(
            charts.measure_chart(h, MEASURES[k], half, weeks, session)
            for k, h in data.measures.items()
        ),
    ]
    rows = []
    for i in range(0, len(drawings), 2):
        pair = drawings[i : i + 2]
        row = Table([pair + [""] * (2 - len(pair))], colWidths=[width / 2, width / 2])
        row.hAlign = "LEFT"
        row.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]
            )
        )
        rows.append(row)
    return [Para("Charts", s["h1"]), Para(chart_note(data), s["intro"]), *rows]


def _weeks(n: int) -> str:
    return "week" if n == 1 else f"{n} weeks"


def chart_note(data) -> str:
    """Which weeks every chart shows, and why those."""
    weeks = data.chart_weeks
    end = min(weeks[-1] + timedelta(days=6), data.period.end)
    note = (
        f"Every chart shows the same {_weeks(len(weeks))} (Monday to Sunday), "
        f"{long_date(weeks[0])} to {long_date(end)}: the weeks the brief's trends are "
        f"fitted over, or the whole period when it is longer, from the client's first entry on."
    )
    if data.last_session:
        note += f" Dashed line: the last session, {long_date(data.last_session[0])}."
    return note


def triggers_and_distortions(data, s, width) -> list:
    half = width / 2 - 6
    trig = [cells(["Trigger", "Now", "Before", "Mean distress"], s["cell_bold"])] + [
        cells(
            [
                label("trigger", t["trigger"]),
                t["count"],
                t["count_previous"],
                _points(t["mean_distress"]),
            ],
            s["cell"],
        )
        for t in data.brief.top_triggers
    ]
    dist = [cells(["Distortion", "Entries"], s["cell_bold"])] + [
        cells([label("distortion", r.distortion), int(r.count)], s["cell"])
        for r in data.distortions.itertuples()
    ]
    left = (
        table(trig, [0.42 * half, 0.16 * half, 0.18 * half, 0.24 * half])
        if len(trig) > 1
        else Para("No triggers in this period.", s["body"])
    )
    right = (
        table(dist, [0.75 * half, 0.25 * half])
        if len(dist) > 1
        else Para("No distortions named in this period.", s["body"])
    )
    pair = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    pair.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [KeepTogether([Para("Top triggers and distortions", s["h1"]), pair])]


def soothing(data, s, width) -> list:
    head = Para("Soothing effectiveness", s["h1"])
    if data.soothing.empty:
        return [head, Para("No soothing recorded in this period.", s["body"])]
    rows = [
        cells(
            ["Technique", "Uses", "Rated", "Mean distress drop", "Median minutes", "Rank"],
            s["cell_bold"],
        )
    ]
    for r in data.soothing.itertuples():
        rows.append(
            cells(
                [
                    label("technique", r.technique),
                    r.uses,
                    r.n_rated,
                    _points(None if r.mean_drop != r.mean_drop else r.mean_drop),
                    _points(None if r.minutes_median != r.minutes_median else r.minutes_median),
                    "–" if not r.ranked else int(r.rank),
                ],
                s["cell"],
            )
        )
    widths = [w * width for w in (0.34, 0.1, 0.1, 0.2, 0.16, 0.1)]
    note = (
        f"In this period ({period_words(data.period)}), as on the dashboard; techniques with "
        f"fewer than {MIN_N_FOR_RANKING} rated uses are not ranked. "
        "Relief that went with a technique, not proof it caused it."
    )
    return [head, table(rows, widths), Para(note, s["small"])]


def exercise_name(data, key: str) -> str:
    return para_text(data.exercise_titles.get(key) or str(key).replace("_", " ").capitalize(), 60)


def homework(data, s, width) -> list:
    head = Para("Homework adherence", s["h1"])
    if data.homework.empty:
        return [head, Para("No homework was active in this period.", s["body"])]
    rows = [
        cells(
            ["Exercise", "Done", "Expected", "Share", "Current streak", "Helpfulness"],
            s["cell_bold"],
        )
    ]
    for r in data.homework.itertuples():
        unit = ("day" if r.per == "day" else "week") + ("" if r.current_streak == 1 else "s")
        help_ = (
            "–" if r.n_helpfulness == 0 else f"{r.mean_helpfulness:.1f}/10 (n={r.n_helpfulness})"
        )
        rows.append(
            cells(
                [
                    exercise_name(data, r.exercise),
                    r.done,
                    f"{r.expected:.1f}",
                    _share(None if r.share != r.share else r.share),
                    f"{r.current_streak} {unit}",
                    help_,
                ],
                s["cell"],
            )
        )
    widths = [w * width for w in (0.34, 0.1, 0.12, 0.1, 0.16, 0.18)]
    return [head, table(rows, widths)]


def notes(data, s) -> list:
    """Session notes written during the period (the last session's note is on page 1);
    nothing when there are none, so no page ends on an empty closing section."""
    during = [note for note in data.notes if note != data.last_session]
    if not during:
        return []
    out = [Para("Notes from sessions in this period", s["h1"])]
    for day, text in during:
        out += [
            Para(long_date(day), s["h2"]),
            Para(para_text(text, NOTE_LIMIT, keep_lines=True), s["body"]),
        ]
    return out
