"""Page 1 of the session summary: what a therapist must see first, in this order.

1. Flags to review: risk flags of the period, and PHQ-9 item-9 answers above
   0 from the recent check-ins even when they fall before the period (a
   safety concern does not expire with the date range), each with its source,
   its date and the reference of what it cites;
2. "Since the session on DATE": how long ago, and what arrived since;
3. what the last session planned (that session's note, in full);
4. current homework;
5. what changed (``reports.changes``: the figures with a direction word).
Flags say where to look, never the words; flagged entries are printed in
full under "Flagged entries" with the same reference (``ref`` below).
"""

from datetime import date

from reportlab.platypus import Spacer, Table, TableStyle

from reports import changes, fonts
from reports.bidi import Para
from reports.styles import FLAG_BACKGROUND, FLAG_BORDER, long_date
from reports.text import para_text
from securebase.analytics.flag_sources import FIELD_WORDS
from securebase.measures import MEASURES
from securebase.risk_screen import category_words

NOTE_LIMIT = 3000
#: How far back before the period a questionnaire risk answer stays on page 1.
FLAG_LOOKBACK_DAYS = 84
LOOKBACK_WEEKS = FLAG_LOOKBACK_DAYS // 7


def ref(source_id: str) -> str:
    """The short reference a flag cites and its printed source shows."""
    return str(source_id)[:8]


def _checkin_words(flag: dict) -> str:
    spec = MEASURES.get(str(flag["where"]))
    title = spec.title if spec else str(flag["where"]).upper()
    detail = flag.get("detail") or {}
    words = f"{title} check-in (ref {ref(flag['source_id'])}): item 9, thoughts of self-harm"
    if "answer" in detail:
        words += f", answered {detail['answer']} of 3"
    if "total" in detail:
        words += f"; total {detail['total']}"
    return words + "."


def flag_words(flag: dict, printed: frozenset = frozenset()) -> str:
    """One flag of page 1 in the PDF's words (its date format, its references), composed
    from the flag's facts; ``printed``: the ids of the entries under "Flagged entries"."""
    day = long_date(flag["local_date"])
    if flag["source"] == "checkin":
        words = f"{day}: {_checkin_words(flag)}"
    else:
        where = FIELD_WORDS.get(flag["where"], str(flag["where"]).replace("_", " "))
        category = category_words(flag["category"])
        words = (
            f"{day}: journal entry (ref {ref(flag['source_id'])}{_late(flag)}), field “{where}”, "
            f"words about {category}"
        )
        shown = flag["source_id"] in printed or "level" not in flag
        words += "; printed in full under Flagged entries." if shown else "."
    if "level" in flag:  # the vault's flags (flag_store): open until reviewed, however old
        return f"{words} {_state(flag)}"
    if not flag.get("in_period", True):
        words += (
            f" Before this period: a questionnaire risk answer stays on page 1 for "
            f"{LOOKBACK_WEEKS} weeks."
        )
    return words


def _late(flag: dict) -> str:
    """When the entry was written and received, if not on the day it is dated."""
    parts = []
    for verb, stamp in (
        ("written", flag.get("recorded_at")),
        ("received", flag.get("received_at")),
    ):
        if stamp and stamp[:10] != flag["local_date"].isoformat():
            parts.append(f"{verb} {long_date(date.fromisoformat(stamp[:10]))}")
    return "".join(f", {part}" for part in parts)


def _state(flag: dict) -> str:
    if flag["open"]:
        return "Not yet reviewed."
    if flag["level"] == "flag":
        return "Reviewed."
    return "A mention (a denial or an ambivalent statement), not a flag."


def flags(data, s, width) -> list:
    found = data.review_flags
    head = Para("Flags to review", s["h1"])
    if not found:
        return [head, Para("No risk flags in this period or in recent check-ins.", s["body"])]
    printed = frozenset(entry["id"] for entry in data.flagged_entries)
    rows = [[Para("⚑ " + flag_words(f, printed), s["flag_cell"])] for f in found]
    t = Table(rows, colWidths=[width], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FLAG_BACKGROUND),
                ("BOX", (0, 0), (-1, -1), 1.5, FLAG_BORDER),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, FLAG_BORDER),
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular()),
            ]
        )
    )
    note = "A flag is a prompt to look, not an assessment. Where to look, not what was written."
    return [head, t, Para(note, s["small"])]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def since(data, s) -> list:
    last = data.last_session
    period = data.period
    b = data.brief
    what = (
        f"{_count(b.entries, 'journal entry', 'journal entries')}, "
        f"{_count(data.counts['logs'], 'homework log', 'homework logs')} and "
        f"{_count(data.counts['checkins'], 'check-in', 'check-ins')} from "
        f"{long_date(period.start)} to {long_date(period.end)} ({period.days} days)."
    )
    if last is None:
        return [Para("No session note yet", s["h1"]), Para(what, s["body"])]
    return [Para(f"Since the session on {long_date(last[0])}", s["h1"]), Para(what, s["body"])]


def plan(data, s) -> list:
    head = Para("What the last session planned", s["h1"])
    if data.last_session is None:
        return [head, Para("No session note before this period.", s["body"])]
    day, text = data.last_session
    words = para_text(text, NOTE_LIMIT, keep_lines=True)
    return [head, Para(f"<b>{long_date(day)}:</b> {words}", s["body"])]


def homework(data, s, width, exercise_name) -> list:
    head = Para("Current homework", s["h1"])
    if not data.next_steps:
        return [head, Para("No homework is assigned at the moment.", s["body"])]
    rows = [[Para(v, s["cell_bold"]) for v in ("Exercise", "How often", "Since", "Note")]]
    for a in data.next_steps:
        values = [
            exercise_name(data, a["exercise"]),
            f"{a['times']} × per {a['per']}",
            long_date(a["starts"]),
            para_text(a.get("note") or "", 300),
        ]
        rows.append([Para(v, s["cell"]) for v in values])
    from reports.sections import table

    widths = [w * width for w in (0.32, 0.16, 0.16, 0.36)]
    return [head, table(rows, widths)]


def page_one(data, s, width, exercise_name) -> list:
    return [
        *flags(data, s, width),
        *since(data, s),
        *plan(data, s),
        *homework(data, s, width, exercise_name),
        Spacer(1, 2),
        *changes.what_changed(data, s, width),
    ]
