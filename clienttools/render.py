"""How entries look in the terminal: one line for lists, a full thought record for ``show``.

Every piece of client text passes through ``terminal_safe``.
"""

from securebase.display import shorten, terminal_safe
from securebase.journal import EntryTombstone, JournalEntry
from securebase.vocabulary import Behaviour, Distortion, Emotion, SoothingTechnique, Trigger


def entry_line(entry: JournalEntry | EntryTombstone) -> str:
    short_id = str(entry.id)[:8]
    if isinstance(entry, EntryTombstone):
        return f"{short_id}  (deleted)"
    when = f"{entry.occurred_at:%Y-%m-%d %H:%M}"
    triggers = ", ".join(Trigger(t).label for t in entry.triggers) or "-"
    situation = terminal_safe(shorten(entry.situation, 50))
    return f"{short_id}  {when}  {shorten(triggers, 30):<30}  {situation}"


def entry_text(entry: JournalEntry) -> str:
    """The entry as a readable thought record, in the order it was written."""
    lines = [
        f"Entry {entry.id} (revision {entry.revision})",
        f"When: {entry.occurred_at:%A %Y-%m-%d %H:%M}",
    ]
    lines.append(_field("What happened", entry.situation))
    if entry.triggers:
        lines.append(_field("Triggers", ", ".join(Trigger(t).label for t in entry.triggers)))
    if entry.trigger_note:
        lines.append(_field("About the trigger", entry.trigger_note))
    if entry.emotions:
        feelings = ", ".join(f"{Emotion(e.emotion).label} {e.intensity}" for e in entry.emotions)
        lines.append(_field("Feelings", feelings))
    if entry.body_sensations:
        lines.append(_field("In the body", entry.body_sensations))
    if entry.automatic_thought:
        belief = f" (believed {entry.belief_before}/100)" if entry.belief_before is not None else ""
        lines.append(_field("Thought", entry.automatic_thought + belief))
    lines += _urge_lines(entry) + _soothing_lines(entry) + _challenge_lines(entry)
    if entry.need_statement:
        shared = "shared" if entry.need_statement.shared else "not shared yet"
        lines.append(_field("I statement", f"{entry.need_statement.text} ({shared})"))
    lines += [_field("Partner did", item) for item in entry.partner_positive]
    if entry.distress_before is not None or entry.distress_after is not None:
        lines.append(
            _field("Distress", f"{_n(entry.distress_before)} -> {_n(entry.distress_after)}")
        )
    if entry.tags:
        lines.append(_field("Tags", ", ".join(entry.tags)))
    return "\n".join(lines)


def _urge_lines(entry: JournalEntry) -> list[str]:
    if not entry.urge:
        return []
    urge = entry.urge
    outcome = "acted on it" if urge.acted else "did not act on it"
    delay = f", waited {urge.delay_minutes} min" if urge.delay_minutes is not None else ""
    doing = ", ".join(Behaviour(b).label.lower() for b in urge.behaviours)
    text = f"{urge.intensity}/10, {outcome}{delay}" + (f" ({doing})" if doing else "")
    return [_field("Urge to seek reassurance", text)]


def _soothing_lines(entry: JournalEntry) -> list[str]:
    if not entry.soothing:
        return []
    used = ", ".join(
        SoothingTechnique(s.technique).label + (f" {s.minutes} min" if s.minutes else "")
        for s in entry.soothing
    )
    return [_field("What helped", used)]


def _challenge_lines(entry: JournalEntry) -> list[str]:
    challenge = entry.challenge
    if not challenge:
        return []
    lines = []
    if challenge.distortions:
        lines.append(
            _field(
                "Thinking patterns", ", ".join(Distortion(d).label for d in challenge.distortions)
            )
        )
    for label, text in (
        ("Evidence for", challenge.evidence_for),
        ("Evidence against", challenge.evidence_against),
        ("Balanced thought", challenge.balanced_thought),
    ):
        if text:
            lines.append(_field(label, text))
    if challenge.belief_after is not None:
        lines.append(_field("Belief afterwards", f"{challenge.belief_after}/100"))
    return lines


def _field(label: str, text: str) -> str:
    return f"{label + ':':<26}{terminal_safe(text)}"


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)
