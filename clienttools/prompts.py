"""The guided entry: calm questions in the order of a thought record (DOMAIN.md).

``walk_entry`` asks for a new entry and returns a draft in the export
format's JSON shape; ``walk_edit`` walks an existing entry and returns only
what changed. Both run inside ``clienttools.guided.run_guided``, which keeps
the answers in an encrypted draft as they are given. Rules:
- only the situation is required; Enter skips any other question (when
  editing, Enter keeps what is there and ``-`` clears it); ``<`` goes back;
- answers are checked as they are typed (ranges, lists, times, lengths) and
  re-asked gently, so the finished draft is one the model accepts;
- a walk is a pure function of its answers (it is replayed to resume a
  draft or go back), so it prints only through ``Asker.say``;
- every word the person reads is a constant here or in ``clienttools.asking``.
"""

from clienttools.asking import Asker
from securebase import limits
from securebase.display import shorten, terminal_safe
from securebase.journal import JournalEntry
from securebase.vocabulary import Behaviour, Distortion, Emotion, SoothingTechnique, Trigger

# -- words -------------------------------------------------------------------

INTRO_NEW = (
    "Let's write it down, one small step at a time.\n"
    "Press Enter to skip any question after the first; type < to go back one question.\n"
    "If you stop (Ctrl+C), your answers are kept, locked, for next time."
)
INTRO_EDIT = (
    "Press Enter to keep what is there, or type - to clear it; < goes back one question.\n"
    "If you stop (Ctrl+C), your answers are kept, locked, for next time."
)

ASK_SITUATION = "What happened? A sentence or two is enough"
ASK_WHEN = "When was it? Enter for now, or e.g. 9pm, yesterday 21:30 or this morning"
ASK_WHEN_EDIT = "When was it?"
ASK_TRIGGERS = "What set it off? Choose any that fit."
ASK_TRIGGER_NOTE = "Anything to add about what set it off?"
ASK_FEELINGS = "Which feelings came up?"
ASK_STRENGTH = "{feeling}: how strong, from 0 to 100?"
ASK_BODY = "What did you notice in your body?"
ASK_THOUGHT = "What thought went through your mind?"
ASK_BELIEF = "How much did you believe it, from 0 to 100?"
ASK_DISTRESS_BEFORE = "How distressed did you feel, from 0 to 100?"
ASK_URGE = "How strong was the urge to seek reassurance, from 0 to 10?"
ASK_ACTED = "Did you act on the urge? (y/n)"
ASK_BEHAVIOURS_ACTED = "What did you do?"
ASK_BEHAVIOURS_HELD = "What did you feel like doing?"
ASK_DELAY_ACTED = "How many minutes did you wait before acting? (0 if straight away)"
ASK_DELAY_HELD = "How many minutes did you wait with the urge?"
ASK_SOOTHING = "What did you do to soothe yourself?"
ASK_MINUTES = "{technique}: about how many minutes?"
ASK_DISTRESS_AFTER = "And now, how distressed do you feel, from 0 to 100?"
OFFER_CHALLENGE = "Would you like to take a closer look at the thought? (y/n)"
ASK_DISTORTIONS = "Do any of these thinking patterns fit?"
ASK_EVIDENCE_FOR = "What fits the thought?"
ASK_EVIDENCE_AGAINST = "What does not fit it?"
ASK_BALANCED = "A kinder, more balanced way to see it?"
ASK_BELIEF_AFTER = "How much do you believe the first thought now, from 0 to 100?"
ASK_NEED = 'An "I" statement, if you like (e.g. I feel ... when ...; would you ...?)'
ASK_SHARED = "Have you shared it yet? (y/n)"
NOTED_BEFORE = "Caring or reliable things you noted:"
KEEP_THESE = "Keep these? (y/n)"
ASK_PARTNER = "Something caring or reliable your partner did (Enter when done)"
ASK_PARTNER_MORE = "Anything else? (Enter when done)"
ASK_HOMEWORK = "Is this for one of your homework exercises? Enter if not."

AGAIN_SITUATION = "A few words are enough. What happened?"

SUMMARY_SAVED = "Saved."
SUMMARY_WAITED = "You noticed the urge and waited {minutes} — that counts."
SUMMARY_HELD = "You noticed the urge and did not act on it — that counts."
SUMMARY_DISTRESS = "Your distress went from {before} to {after}."
SUMMARY_BELIEF = "Your belief in the thought went from {before} to {after}."
SUMMARY_DEFAULT = "Writing it down is part of the work. Thank you."

_PERCENT = (limits.PERCENT_MIN, limits.PERCENT_MAX)
_SCALE10 = (limits.SCALE10_MIN, limits.SCALE10_MAX)


# -- the flows ---------------------------------------------------------------


def walk_entry(ask: Asker, assignments: list) -> dict:
    """Ask for a new entry; return its draft (only the fields that were given)."""
    draft = _walk(ask, {})
    draft |= _homework(ask, assignments)
    return {key: value for key, value in draft.items() if not _empty(value)}


def walk_edit(ask: Asker, entry: JournalEntry) -> dict:
    """Walk an entry with its values as defaults; return only the changed fields."""
    old = entry.model_dump(mode="json")
    new = _walk(ask, old)
    return {key: value for key, value in new.items() if value != old.get(key)}


def summary(entry: JournalEntry) -> str:
    """A short, kind word after saving, naming what went well (never what did not)."""
    notes = [_urge_note(entry), _change_note(entry)]
    notes = [note for note in notes if note] or [SUMMARY_DEFAULT]
    return " ".join([SUMMARY_SAVED, *notes])


# -- the steps, in thought-record order ----------------------------------------
# Each step gets the asker, the entry so far (``old``: empty for a new entry)
# and what was answered already (``new``), and returns the fields it fills.


def _situation(ask, old: dict, new: dict) -> dict:
    return {
        "situation": ask.text(ASK_SITUATION, old.get("situation", ""), required=AGAIN_SITUATION)
    }


def _when(ask, old: dict, new: dict) -> dict:
    question = ASK_WHEN_EDIT if ask.editing else ASK_WHEN
    return {"occurred_at": ask.when(question, old.get("occurred_at"))}


def _triggers(ask, old: dict, new: dict) -> dict:
    triggers = ask.choices(ASK_TRIGGERS, Trigger, old.get("triggers", []))
    note = old.get("trigger_note", "")
    if triggers or note:
        note = ask.text(ASK_TRIGGER_NOTE, note, limit=limits.MAX_SHORT_TEXT_CHARS)
    return {"triggers": triggers, "trigger_note": note}


def _feelings(ask, old: dict, new: dict) -> dict:
    before = {rating["emotion"]: rating["intensity"] for rating in old.get("emotions", [])}
    ratings = []
    for key in ask.choices(ASK_FEELINGS, Emotion, list(before)):
        question = ASK_STRENGTH.format(feeling=Emotion(key).label)
        strength = ask.number(question, *_PERCENT, before.get(key))
        if strength is not None:
            ratings.append({"emotion": key, "intensity": strength})
    body = ask.text(ASK_BODY, old.get("body_sensations", ""))
    return {"emotions": ratings, "body_sensations": body}


def _thought(ask, old: dict, new: dict) -> dict:
    thought = ask.text(ASK_THOUGHT, old.get("automatic_thought", ""))
    belief = old.get("belief_before")
    if thought:
        belief = ask.number(ASK_BELIEF, *_PERCENT, belief)
    return {"automatic_thought": thought, "belief_before": belief}


def _distress_before(ask, old: dict, new: dict) -> dict:
    distress = ask.number(ASK_DISTRESS_BEFORE, *_PERCENT, old.get("distress_before"))
    return {"distress_before": distress}


def _urge(ask, old: dict, new: dict) -> dict:
    urge = old.get("urge") or {}
    intensity = ask.number(ASK_URGE, *_SCALE10, urge.get("intensity"))
    if intensity is None:
        return {"urge": None}
    if intensity == 0:
        return {"urge": {"intensity": 0, "acted": False, "behaviours": [], "delay_minutes": None}}
    acted = ask.yes_no(ASK_ACTED, urge.get("acted"), required=True)
    question = ASK_BEHAVIOURS_ACTED if acted else ASK_BEHAVIOURS_HELD
    behaviours = ask.choices(question, Behaviour, urge.get("behaviours", []))
    question = ASK_DELAY_ACTED if acted else ASK_DELAY_HELD
    delay = ask.number(question, 0, limits.MAX_DELAY_MINUTES, urge.get("delay_minutes"))
    return {
        "urge": {
            "intensity": intensity,
            "acted": acted,
            "behaviours": behaviours,
            "delay_minutes": delay,
        }
    }


def _soothing(ask, old: dict, new: dict) -> dict:
    before = {use["technique"]: use["minutes"] for use in old.get("soothing", [])}
    used = []
    for key in ask.choices(ASK_SOOTHING, SoothingTechnique, list(before)):
        question = ASK_MINUTES.format(technique=SoothingTechnique(key).label)
        minutes = ask.number(question, 0, limits.MAX_ACTIVITY_MINUTES, before.get(key))
        used.append({"technique": key, "minutes": minutes})
    return {"soothing": used}


def _distress_after(ask, old: dict, new: dict) -> dict:
    distress = ask.number(ASK_DISTRESS_AFTER, *_PERCENT, old.get("distress_after"))
    return {"distress_after": distress}


def _challenge(ask, old: dict, new: dict) -> dict:
    current = old.get("challenge")
    if not new["automatic_thought"] or not ask.yes_no(OFFER_CHALLENGE, current is not None):
        return {"challenge": current}
    current = current or {}
    challenge = {
        "distortions": ask.choices(ASK_DISTORTIONS, Distortion, current.get("distortions", [])),
        "evidence_for": ask.text(ASK_EVIDENCE_FOR, current.get("evidence_for", "")),
        "evidence_against": ask.text(ASK_EVIDENCE_AGAINST, current.get("evidence_against", "")),
        "balanced_thought": ask.text(ASK_BALANCED, current.get("balanced_thought", "")),
        "belief_after": ask.number(ASK_BELIEF_AFTER, *_PERCENT, current.get("belief_after")),
    }
    return {"challenge": None if all(map(_empty, challenge.values())) else challenge}


def _need(ask, old: dict, new: dict) -> dict:
    current = old.get("need_statement") or {}
    text = ask.text(ASK_NEED, current.get("text", ""))
    if not text:
        return {"need_statement": None}
    shared = ask.yes_no(ASK_SHARED, current.get("shared", False))
    return {"need_statement": {"text": text, "shared": shared}}


def _partner(ask, old: dict, new: dict) -> dict:
    kept = list(old.get("partner_positive", []))
    if kept:
        ask.say(NOTED_BEFORE)
        for item in kept:
            ask.say(f"  - {terminal_safe(shorten(item, 70))}")
        if not ask.yes_no(KEEP_THESE, True):
            kept = []
    while len(kept) < limits.MAX_LIST_ITEMS:
        question = ASK_PARTNER_MORE if kept else ASK_PARTNER
        item = ask.text(question, limit=limits.MAX_SHORT_TEXT_CHARS)
        if not item:
            break
        kept.append(item)
    return {"partner_positive": kept}


_STEPS = (
    _situation,
    _when,
    _triggers,
    _feelings,
    _thought,
    _distress_before,
    _urge,
    _soothing,
    _distress_after,
    _challenge,
    _need,
    _partner,
)


def _walk(ask, old: dict) -> dict:
    new: dict = {}
    for step in _STEPS:
        new |= step(ask, old, new)
    return new


def _homework(ask, active: list) -> dict:
    if not active:
        return {}
    chosen = ask.one_of(ASK_HOMEWORK, [assignment.title for assignment in active])
    return {} if chosen is None else {"assignment_id": active[chosen].assignment_id}


def _empty(value) -> bool:
    return value is None or value == "" or value == []


# -- the closing word ------------------------------------------------------------


def _urge_note(entry: JournalEntry) -> str | None:
    urge = entry.urge
    if urge is None or urge.intensity == 0:
        return None
    if urge.delay_minutes:
        unit = "minute" if urge.delay_minutes == 1 else "minutes"
        return SUMMARY_WAITED.format(minutes=f"{urge.delay_minutes} {unit}")
    return None if urge.acted else SUMMARY_HELD


def _change_note(entry: JournalEntry) -> str | None:
    challenge = entry.challenge
    before, after = entry.belief_before, challenge.belief_after if challenge else None
    if before is not None and after is not None and after < before:
        return SUMMARY_BELIEF.format(before=before, after=after)
    before, after = entry.distress_before, entry.distress_after
    if before is not None and after is not None and after < before:
        return SUMMARY_DISTRESS.format(before=before, after=after)
    return None
