"""The homework handout: the client's current homework for the next seven days.

Rules:
- the seven days start on a chosen day: by default the day after printing
  (``default_start``), so a sheet printed on a Sunday is not already over;
  every day box is headed by its weekday and date, in date order;
- one block per assignment active during those days, in the order they were
  set: the exercise's title, why it helps in the client's words
  (``securebase.exercise_words``; a therapist's own exercise has none), how
  often, its steps from the homework catalogue (``securebase.exercises``),
  the therapist's note, and a tick box for each day (one row per session a
  day, up to ``MAX_DAILY_ROWS``; a weekly exercise gets one row and says how
  many times to aim for);
- written for a client: calm, short, no figures about them, every text at
  least ``MIN_SIZE`` points, footer included.
"""

from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from reports.bidi import Para
from reports.styles import MARGIN, PAPERS, RULE, build, long_date, style, styles
from reports.summary import current_assignments
from reports.text import para_text
from securebase.exercise_words import WHY
from securebase.vault_reads import assignments_frame

DAYS = 7
MAX_DAILY_ROWS = 3
MIN_SIZE = 11
BOX = "☐"
FOOTER = "Personal — your homework from SecureBase"


def default_start(printed: date) -> date:
    """The first day of the handout: the day after printing."""
    return printed + timedelta(days=1)


def handout_styles() -> dict:
    """The house styles, enlarged so nothing on a client's sheet is below ``MIN_SIZE``."""
    s = styles()
    return {
        **s,
        "title": style("h-title", fontName=s["title"].fontName, fontSize=20, leading=25),
        "h1": style(
            "h-h1",
            fontName=s["h1"].fontName,
            fontSize=15,
            leading=19,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "body": style("h-body", fontSize=12, leading=16, spaceAfter=4),
        "small": style(
            "h-small", fontSize=MIN_SIZE, leading=14, textColor=colors.HexColor("#444444")
        ),
        "day": style(
            "h-day",
            fontName=s["h1"].fontName,
            fontSize=MIN_SIZE,
            leading=13,
            alignment=1,
            spaceAfter=0,
        ),
    }


def _catalogue(vault) -> dict:
    try:
        from securebase.vault_reads import exercise_catalogue
    except ImportError:
        return {}
    return exercise_catalogue(vault)


def frequency(times: int, per: str, minutes: int | None) -> str:
    often = ("once" if times == 1 else "twice" if times == 2 else f"{times} times") + f" a {per}"
    return often + (f", about {minutes} minutes each time" if minutes else "")


def day_boxes(times: int, per: str, days: list[date], width: float, s: dict) -> Table:
    """One column per day, headed "Tue" over "24 Nov"; a box per session to tick."""
    header = [Para(f"{day:%a}<br/>{day.day} {day:%b}", s["day"]) for day in days]
    rows = min(times, MAX_DAILY_ROWS) if per == "day" else 1
    table = Table([header] + [[BOX] * len(days) for _ in range(rows)],
                  colWidths=[width / len(days)] * len(days), hAlign="LEFT")  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("FONTSIZE", (0, 1), (-1, -1), 20),
                ("LEADING", (0, 1), (-1, -1), 26),
                ("FONTNAME", (0, 1), (-1, -1), s["body"].fontName),
                ("TEXTCOLOR", (0, 1), (-1, -1), colors.HexColor("#555555")),
            ]
        )
    )
    return table


def assignment_block(row: dict, exercise, days: list[date], s: dict, width: float) -> list:
    title = exercise.title if exercise else str(row["exercise"]).replace("_", " ").capitalize()
    parts = [Para(para_text(title, 80), s["h1"])]
    if WHY.get(row["exercise"]):
        parts.append(Para(WHY[row["exercise"]], s["body"]))
    minutes = exercise.minutes if exercise else None
    often = frequency(row["times"], row["per"], minutes)
    parts.append(Para(f"<b>How often:</b> {often}", s["body"]))
    for n, step in enumerate(exercise.instructions if exercise else (), start=1):
        parts.append(Para(f"{n}. {para_text(step, 400)}", s["body"]))
    if row.get("note"):
        parts.append(Para(f"<b>From your therapist:</b> {para_text(row['note'], 400)}", s["body"]))
    tick = "Tick a box each time you do it."
    if row["per"] == "week":
        tick = f"Aim for {often.split(' a week')[0]} this week; tick the day you do it."
    parts += [Para(tick, s["small"]), Spacer(1, 2)]
    parts.append(day_boxes(int(row["times"]), row["per"], days, width, s))
    return [KeepTogether(parts)]


def handout_pdf(
    vault, client_ref: str, printed: date, paper: str = "a4", start: date | None = None
) -> bytes:
    """The handout for the seven days from ``start`` (default: the day after ``printed``)."""
    client = vault.client(client_ref)
    first = start or default_start(printed)
    rows = active_during(assignments_frame(vault, client.client_id), first)
    catalogue = _catalogue(vault)
    return handout_from(rows, catalogue, client.label, vault.therapist_name, first, paper)


def active_during(assignments, first: date) -> list[dict]:
    """Assignments active on at least one of the seven days from ``first``."""
    seen, rows = set(), []
    for offset in range(DAYS):
        for row in current_assignments(assignments, first + timedelta(days=offset)):
            if row["assignment_id"] not in seen:
                seen.add(row["assignment_id"])
                rows.append(row)
    return rows


def handout_from(rows, catalogue, label: str, therapist: str, first: date, paper: str) -> bytes:
    s = handout_styles()
    width = PAPERS[paper][0] - 2 * MARGIN
    days = [first + timedelta(days=k) for k in range(DAYS)]
    story = [
        Para("Your homework for the next 7 days", s["title"]),
        Para(
            f"For {para_text(label, 80)}, from {para_text(therapist, 120)}. "
            f"From {days[0]:%A} {long_date(days[0])} to {days[-1]:%A} {long_date(days[-1])}.",
            s["body"],
        ),
        Para(
            "Missing a day is fine: pick it up again the next day. Bring this sheet, or your "
            "journal, to your next session.",
            s["small"],
        ),
    ]
    if not rows:
        story.append(Para("No homework is set at the moment.", s["body"]))
    for row in sorted(rows, key=lambda r: r["starts"]):
        story += assignment_block(row, catalogue.get(row["exercise"]), days, s, width)
    return build(story, paper, "Your homework", therapist, FOOTER, footer_size=MIN_SIZE)
