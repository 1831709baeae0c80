"""'What changed': this period beside the one before, each change with a direction word.

Rules:
- the previous period is the same number of days just before this one; when
  it starts before the client's first entry there is nothing fair to compare
  with, and the table says so instead of "0 -> 83";
- a change is "better", "worse" or "no clear change"; entry counts get no
  verdict (more entries can mean more distress or more practice);
- shares resting on fewer than ``SMALL_N`` events (urges) are shown as counts
  ("4 of 5") with no percentage-point change, and their change is "no clear
  change": a difference of one or two urges is not a trend;
- a share differs "clearly" when it moves by at least ``CLEAR_SHARE`` (15
  percentage points); belief drop when it moves by at least ``CLEAR_POINTS``
  (10 points on the 0-100 scale) with at least ``SMALL_N_BELIEF`` challenges
  each side; questionnaires use the reliable change index of the core
  (Jacobson & Truax 1991) against the first check-in;
- "homework done" is the mean of each assignment's share capped at 100%
  (``analytics.homework.mean_capped_share``);
- under the table, the brief's other facts in the shared words of
  ``presentation.brief_words`` (``brief_sentences``): triggers, the belief
  trend, the most helpful soothing and the questionnaires' thresholds. Flags
  are on page 1 and the table's figures are not said twice.
"""

from reports.bidi import Para
from reports.styles import long_date
from reports.text import para_text
from securebase.analytics.urges import URGE_THRESHOLD
from securebase.presentation.brief_words import (
    belief_sentence,
    soothing_sentence,
    threshold_sentence,
    trigger_sentence,
)

SMALL_N = 10
SMALL_N_BELIEF = 5
CLEAR_SHARE = 0.15
CLEAR_POINTS = 10
BETTER, WORSE, UNCLEAR = "better", "worse", "no clear change"


def direction(now, before, clear, higher_is_better=True) -> str:
    if now is None or before is None or abs(now - before) < clear:
        return UNCLEAR
    return BETTER if (now > before) == higher_is_better else WORSE


def _counts(part: int, total: int) -> str:
    return f"{part} of {total}" if total else "none"


def _share(value) -> str:
    return "–" if value is None else f"{value:.0%}"


def urge_row(b, p, comparable: bool) -> list[str]:
    u = b.urges
    name = f"Strong urges ({URGE_THRESHOLD}+ of 10) resisted"
    now_n, before_n = u["total"], u["total_previous"]
    small = now_n < SMALL_N or before_n < SMALL_N
    now = _counts(u["resisted"], now_n) + ("" if small else f" ({_share(u['share'])})")
    if not comparable:
        return [name, now, "–", "no earlier period"]
    before = _counts(u["resisted_previous"], before_n)
    before += "" if small else f" ({_share(u['share_previous'])})"
    if small:
        return [name, now, before, f"{UNCLEAR} (fewer than {SMALL_N} urges)"]
    change = direction(u["share"], u["share_previous"], CLEAR_SHARE)
    points = 100 * (u["share"] - u["share_previous"])
    return [name, now, before, f"{change} ({points:+.0f} points)"]


def belief_row(b, p, comparable: bool) -> list[str]:
    name = "Belief drop after challenges (0-100)"
    now_b, before_b = b.belief, p.belief

    def words(belief):
        drop = belief["mean_drop"]
        return "none" if drop is None else f"{drop:.0f} points (n={belief['n']})"

    if not comparable:
        return [name, words(now_b), "–", "no earlier period"]
    if min(now_b["n"], before_b["n"]) < SMALL_N_BELIEF:
        verdict = f"{UNCLEAR} (fewer than {SMALL_N_BELIEF} challenges)"
    else:
        verdict = direction(now_b["mean_drop"], before_b["mean_drop"], CLEAR_POINTS)
    return [name, words(now_b), words(before_b), verdict]


def homework_row(data, comparable: bool) -> list[str]:
    name = "Homework done (mean per exercise, each capped at 100%)"
    now, before = data.homework_done, data.homework_done_previous
    if not comparable:
        return [name, _share(now), "–", "no earlier period"]
    return [name, _share(now), _share(before), direction(now, before, CLEAR_SHARE)]


def entries_row(b, p, comparable: bool) -> list[str]:
    change = "" if not comparable else f"{b.entries - p.entries:+d} (no verdict)"
    return ["Journal entries", str(b.entries), str(p.entries) if comparable else "–", change]


_RELIABLE = {"improved": BETTER, "deteriorated": WORSE}


def measure_rows(b) -> list[list[str]]:
    rows = []
    for m in b.measures:
        verdict = _RELIABLE.get(m["reliable_change"], UNCLEAR)
        if m["reliable_change"] not in (*_RELIABLE, "no reliable change"):
            verdict = f"{UNCLEAR} (reliable change not assessed)"
        baseline = f"{m['baseline_total']} on {long_date(m['baseline_date'])}"
        rows.append(
            [
                f"{m['title']} (latest vs first check-in)",
                f"{m['total']} ({m['band']})",
                baseline,
                verdict + (" (reliable change)" if verdict in (BETTER, WORSE) else ""),
            ]
        )
    return rows


def comparable(data) -> bool:
    """Whether the previous period lies within the client's journal (see the rules)."""
    first = data.first_entry
    return first is not None and first <= data.previous.period.start


def figure_rows(data) -> list[list[str]]:
    b, p, fair = data.brief, data.previous, comparable(data)
    return [
        entries_row(b, p, fair),
        urge_row(b, p, fair),
        belief_row(b, p, fair),
        homework_row(data, fair),
        *measure_rows(b),
    ]


def brief_sentences(brief) -> list[str]:
    """The brief's facts the table does not show (module rules), in reading order."""
    found = [
        trigger_sentence(brief.top_triggers),
        belief_sentence(brief, long_date),
        soothing_sentence(brief.soothing),
        *(threshold_sentence(m) for m in brief.measures),
    ]
    return [sentence for sentence in found if sentence is not None]


def what_changed(data, s, width) -> list:
    from reports.sections import cells, period_words, table

    header = cells(["", "This period", "Before", "Change"], s["cell_bold"])
    rows = [header] + [cells(r, s["cell"]) for r in figure_rows(data)]
    widths = [0.34 * width, 0.22 * width, 0.2 * width, 0.24 * width]
    if comparable(data):
        note = f"Before: {period_words(data.previous.period)}, the same number of days."
    elif data.first_entry is None:
        note = "No journal entries yet."
    else:
        note = (
            f"No comparison: the client's first entry was on "
            f"{long_date(data.first_entry)}, after the start of the period before this one."
        )
    lines = brief_sentences(data.brief)
    return [
        Para("What changed", s["h1"]),
        table(rows, widths),
        Para(note, s["small"]),
        *(Para("• " + para_text(line), s["body"]) for line in lines),
    ]
