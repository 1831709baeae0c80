"""The session brief's words: one sentence per fact, shared by every front end.

``analytics.brief.session_brief`` returns facts (numbers, directions, keys,
dates, flags); the front ends compose what they show from the functions
here, so the dashboard, the PDF and the command line say a figure in the same
words. Each front end picks the facts it shows by what they are (the
dashboard leaves flags to its banner, the PDF leaves the figures of its
"What changed" table to the table); nothing filters finished sentences.

Rules: a function returns ``None`` when its fact has nothing to say (no
urges in either period, no ranked soothing); sentences name no client text
(flags say where to look: a date, a field, a category, an id); labels come
from this package's vocabulary; dates are written "%d %b" as on screen.
"""

from collections.abc import Callable
from datetime import date

from securebase.presentation import label
from securebase.risk_screen import category_words

FLAG_WORDS = {
    "phq9_item9": "PHQ-9 item 9 (thoughts of self-harm) answered above 0",
    "risk_language": "words about {category} in an entry",
}
CHANGE_WORDS = {
    "improved": "reliable improvement",
    "deteriorated": "reliable deterioration",
    "no reliable change": "no reliable change",
}
A_PROMPT = "a prompt to look, not an assessment"


def flag_sentence(flag: dict) -> str:
    """One flag of ``SessionBrief.flags``: open ones start "FLAG:"."""
    if "source_words" not in flag:  # from frames alone (no vault)
        words = FLAG_WORDS.get(flag["kind"], flag["kind"].replace("_", " "))
        words = words.format(category=category_words(flag["category"]))
        return f"FLAG: {words} on {flag['local_date']:%a %d %b} - {A_PROMPT}."
    where = flag["source_words"]
    if flag["source"] == "entry":
        where = f"words about {category_words(flag['category'])} ({where})"
    if flag["open"]:
        return f"FLAG: {where}. Open until reviewed (id {flag['flag_id']}); {A_PROMPT}."
    if flag["level"] == "flag":
        return f"Flag reviewed: {where}."
    return f"Mention (a denial or an ambivalent statement): {where}."


def entries_sentence(brief) -> str:
    p = brief.period
    return (
        f"{brief.entries} entries from {p.start:%d %b} to {p.end:%d %b} "
        f"({brief.entries_previous} in the {p.days} days before)."
    )


def trigger_sentence(triggers: list[dict]) -> str | None:
    if not triggers:
        return None
    parts = [
        f"{label('trigger', t['trigger']).lower()} {t['count']} (before: {t['count_previous']})"
        for t in triggers
    ]
    return "Most frequent triggers: " + "; ".join(parts) + "."


def urge_sentence(urges: dict) -> str | None:
    if not urges["total"] and not urges["total_previous"]:
        return None
    now = share_words(urges["resisted"], urges["total"], urges["share"])
    before = share_words(
        urges["resisted_previous"], urges["total_previous"], urges["share_previous"]
    )
    return f"Strong urges (intensity {urges['threshold']}+) resisted: {now}; before: {before}."


def short_day(day: date) -> str:
    """The dashboard's and the command line's date ("02 Feb"); the PDF passes its own."""
    return f"{day:%d %b}"


def trend_words(brief, day: Callable[[date], str] = short_day) -> str:
    """Which weeks the belief trend is fitted over ("8-week trend from 02 Feb")."""
    window = brief.trend_window
    weeks = (window.end - window.start).days // 7 + 1
    return f"{weeks}-week trend from {day(window.start)}"


def belief_sentence(brief, day: Callable[[date], str] = short_day) -> str:
    belief = brief.belief
    if not belief["n"]:
        return (
            "No completed thought challenges in the period "
            f"({trend_words(brief, day)}: {belief['trend_direction']})."
        )
    interval = ""
    if belief["ci_low"] is not None:
        interval = f", 95% CI {belief['ci_low']:.0f} to {belief['ci_high']:.0f}"
    return (
        f"After challenges, belief in the anxious thought fell by {belief['mean_drop']:.0f} "
        f"points on average (n={belief['n']}{interval}); "
        f"{trend_words(brief, day)}: {belief['trend_direction']} (belief before a challenge: "
        f"{belief['level_direction']}; share of it dropped: {belief['drop_share_direction']})."
    )


def soothing_sentence(soothing: dict | None) -> str | None:
    """The most helpful soothing of the period (the Soothing tab's rank 1)."""
    if soothing is None:
        return None
    return (
        f"Most helpful soothing in this period: {label('technique', soothing['technique']).lower()}"
        f" (distress down {soothing['mean_drop']:.0f} points on average, n={soothing['n']})."
    )


def homework_sentence(homework: dict) -> str | None:
    if not homework["expected"]:
        return None
    return (
        f"Homework: {homework['done']} of about {homework['expected']:.0f} expected sessions done "
        f"({homework['share']:.0%})."
    )


def measure_sentence(measure: dict) -> str:
    """The latest score, its band and change since baseline, staleness and risk items."""
    change = CHANGE_WORDS.get(measure["reliable_change"], "reliable change not assessed")
    line = (
        f"{measure['title']}: {measure['total']} ({measure['band']}) on "
        f"{measure['local_date']:%d %b}; baseline {measure['baseline_total']} on "
        f"{measure['baseline_date']:%d %b}: {change}"
    )
    if measure.get("clinical"):
        line += f", clinically {measure['clinical']}"
    if measure.get("outcome_words"):
        line += f"; NHS Talking Therapies: {measure['outcome_words']}"
    line += "."
    if measure.get("stale"):
        line += (
            f" The latest check-in is {measure['days_old']} days old (over "
            f"{measure['stale_after_days']}): it may not describe now."
        )
    endorsed = measure.get("risk_items_endorsed") or []
    if endorsed:
        items = ", ".join(str(number) for number in endorsed)
        line += f" FLAG: item {items} (thoughts of self-harm) answered above 0 - please look."
    return line


def threshold_sentence(measure: dict) -> str:
    """Each threshold behind the measure's sentence, with its source (full ones in the JSON)."""
    if not measure.get("thresholds"):
        return f"{measure['title']} thresholds: none with a source we could check."
    parts = [f"{t['name']} {t['value']} ({t['cite']})" for t in measure["thresholds"]]
    return f"{measure['title']} thresholds: " + "; ".join(parts) + "."


def figure_sentences(brief) -> list[str]:
    """Every figure of the brief after the flags, in reading order (the dashboard's Brief
    view and the command line say all of them)."""
    found = [
        entries_sentence(brief),
        trigger_sentence(brief.top_triggers),
        urge_sentence(brief.urges),
        belief_sentence(brief),
        soothing_sentence(brief.soothing),
        homework_sentence(brief.homework),
        *(s for m in brief.measures for s in (measure_sentence(m), threshold_sentence(m))),
    ]
    return [sentence for sentence in found if sentence is not None]


def share_words(part: int, total: int, share: float | None) -> str:
    return f"{part} of {total} ({share:.0%})" if share is not None else "none recorded"
