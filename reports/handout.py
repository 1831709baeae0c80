"""The homework handout: the client's current assignments, how to do them, a week's log.

Rules: one block per assignment active on the chosen day, in the order they
were set: the exercise's title, why it helps, its steps (from the homework
catalogue, ``securebase.exercises``), how often, the therapist's note, and a
tick-box log for one week: seven boxes (Mon-Sun) per session a day for a
daily assignment (up to ``MAX_DAILY_ROWS`` rows), ``times`` boxes for a
weekly one. Written for a client: calm, short, no figures about them.
An exercise missing from the catalogue still gets its block, by its key.
"""

from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from reports.bidi import Para
from reports.styles import MARGIN, PAPERS, RULE, build, long_date, styles
from reports.summary import current_assignments
from reports.text import para_text
from securebase.analytics.frames import week_start
from securebase.analytics.load import assignments_frame

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_DAILY_ROWS = 3
BOX = "☐"
FOOTER = "Personal — your homework from SecureBase"


def _catalogue(db) -> dict:
    try:
        from securebase.exercises import exercise_catalogue
    except ImportError:
        return {}
    return exercise_catalogue(db)


def frequency(times: int, per: str, minutes: int | None) -> str:
    often = ("once" if times == 1 else "twice" if times == 2 else f"{times} times") + f" a {per}"
    return often + (f", about {minutes} minutes each time" if minutes else "")


def tick_log(times: int, per: str, width: float, s: dict) -> Table:
    if per == "day":
        header = [Para(d, s["cell_bold"]) for d in DAYS]
        rows = [header] + [[BOX] * 7 for _ in range(min(times, MAX_DAILY_ROWS))]
        widths = [width / 7] * 7
    else:
        count = min(times, 14)
        rows = [[Para(f"Session {n}", s["cell_bold"]) for n in range(1, count + 1)]]
        rows.append([BOX] * count)
        widths = [width / max(count, 7)] * count
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("FONTSIZE", (0, 1), (-1, -1), 16),
                ("LEADING", (0, 1), (-1, -1), 20),
                ("FONTNAME", (0, 1), (-1, -1), s["body"].fontName),
                ("TEXTCOLOR", (0, 1), (-1, -1), colors.HexColor("#666666")),
            ]
        )
    )
    return table


def assignment_block(row: dict, exercise, s: dict, width: float) -> list:
    title = exercise.title if exercise else str(row["exercise"]).replace("_", " ").capitalize()
    parts = [Para(para_text(title, 80), s["h1"])]
    if exercise and exercise.rationale:
        parts.append(Para(para_text(exercise.rationale, 400), s["body"]))
    minutes = exercise.minutes if exercise else None
    parts.append(
        Para(f"<b>How often:</b> {frequency(row['times'], row['per'], minutes)}", s["body"])
    )
    for n, step in enumerate(exercise.instructions if exercise else (), start=1):
        parts.append(Para(f"{n}. {para_text(step, 400)}", s["body"]))
    if row.get("note"):
        parts.append(Para(f"<b>Note:</b> {para_text(row['note'], 400)}", s["body"]))
    parts += [Spacer(1, 3), tick_log(int(row["times"]), row["per"], width, s)]
    return [KeepTogether(parts)]


def handout_pdf(vault, client_ref: str, on: date, paper: str = "a4") -> bytes:
    """The handout for the week containing ``on``, as PDF bytes."""
    client = vault.client(client_ref)
    rows = current_assignments(assignments_frame(vault.store.db, client.client_id), on)
    catalogue = _catalogue(vault.store.db)
    return handout_from(rows, catalogue, client.label, vault.therapist_name, on, paper)


def handout_from(rows, catalogue, label: str, therapist: str, on: date, paper: str) -> bytes:
    s = styles()
    width = PAPERS[paper][0] - 2 * MARGIN
    monday = week_start(on)
    story = [
        Para("Your homework this week", s["title"]),
        Para(
            f"For {para_text(label, 80)}, from {para_text(therapist, 120)}. "
            f"Week of {long_date(monday)} to {long_date(monday + timedelta(days=6))}.",
            s["body"],
        ),
        Para(
            "Tick a box each time you practise. Missing a day is fine: pick it up again the "
            "next day. Bring this sheet, or your journal, to your next session.",
            s["small"],
        ),
    ]
    if not rows:
        story.append(Para("No homework is set at the moment.", s["body"]))
    for row in rows:
        story += assignment_block(row, catalogue.get(row["exercise"]), s, width)
    return build(story, paper, "Your homework", therapist, FOOTER)
