"""Command-line flags for every field of a journal entry, and their translation.

Used by ``add`` and ``edit``. Values are turned into the export format's
JSON shape; validation (ranges, vocabularies, lengths) is left to the model
so the rules live in one place. Pairs are written ``name=number``, e.g.
``--emotion anxiety=70`` or ``--soothing paced_breathing=10``.
"""

from datetime import datetime

import click

from clienttools.options import WholeNumber
from clienttools.when import EXAMPLES, AmbiguousDate, WhenProblem, parse_when

TIME_NOT_READ = "I could not read that time. Try " + EXAMPLES + "."
DATE_ORDER_UNKNOWN = (
    "That date can be read two ways. Say how you write dates first: "
    "securebase-journal settings --date-order day-first (or month-first)."
)
NOT_A_PAIR = "Write it as name=number, for example anxiety=70."

_TEXT_FLAGS = {
    "situation": "What happened, in a sentence or two.",
    "trigger_note": "A short note about the trigger.",
    "body_sensations": "What you noticed in your body.",
    "automatic_thought": "The thought that came up (the 'hot' thought).",
    "evidence_for": "Evidence that supports the thought.",
    "evidence_against": "Evidence that does not fit the thought.",
    "balanced_thought": "A more balanced way to see it.",
    "need": "An 'I' statement: what you feel and would like.",
    "assignment": "Id of the homework this entry belongs to.",
}
_NUMBER_FLAGS = {
    "belief_before": "How much you believed the thought, 0-100.",
    "belief_after": "How much you believe it after challenging it, 0-100.",
    "distress_before": "Distress before, 0-100.",
    "distress_after": "Distress after soothing or challenging, 0-100.",
    "urge": "How strong the urge to seek reassurance was, 0-10.",
    "delay": "Minutes you waited before acting on the urge (or in total, if you did not).",
}
_LIST_FLAGS = {
    "trigger": "A trigger key, e.g. delayed_reply (repeatable).",
    "emotion": "A feeling and its strength, e.g. anxiety=70 (repeatable).",
    "behaviour": "What you did or wanted to do, e.g. checking_phone (repeatable).",
    "soothing": "What helped, with minutes, e.g. paced_breathing=10 (repeatable).",
    "distortion": "A thinking pattern, e.g. mind_reading (repeatable).",
    "partner_positive": "Something reliable or caring your partner did (repeatable).",
    "tag": "A tag of your own (repeatable).",
}


def entry_options(command):
    """Decorate a click command with one flag per entry field."""
    options = [click.option("--occurred-at", "occurred_at", help='When it happened, e.g. "21:30".')]
    options += [click.option(f"--{n.replace('_', '-')}", n, help=h) for n, h in _TEXT_FLAGS.items()]
    options += [
        click.option(f"--{n.replace('_', '-')}", n, type=WholeNumber(), help=h)
        for n, h in _NUMBER_FLAGS.items()
    ]
    options += [
        click.option(f"--{n.replace('_', '-')}", n, multiple=True, help=h)
        for n, h in _LIST_FLAGS.items()
    ]
    options.append(
        click.option("--acted/--resisted", "acted", default=None, help="Did you act on the urge?")
    )
    options.append(
        click.option(
            "--shared/--not-shared",
            "need_shared",
            default=None,
            help="Did you share the 'I' statement?",
        )
    )
    for option in reversed(options):
        command = option(command)
    return command


# Flags that fill one nested object of the entry: {object: {field: flag}}.
_GROUPS = {
    "urge": {
        "intensity": "urge",
        "acted": "acted",
        "behaviours": "behaviour",
        "delay_minutes": "delay",
    },
    "challenge": {
        "distortions": "distortion",
        "evidence_for": "evidence_for",
        "evidence_against": "evidence_against",
        "balanced_thought": "balanced_thought",
        "belief_after": "belief_after",
    },
    "need_statement": {"text": "need", "shared": "need_shared"},
}
_PLAIN = (
    "situation",
    "trigger_note",
    "body_sensations",
    "automatic_thought",
    "belief_before",
    "distress_before",
    "distress_after",
)


def fields_from_options(
    options: dict, now: datetime, *, only_given: bool = False, day_first: bool | None = None
) -> dict:
    """The entry fields the flags describe, in the export format's JSON shape.

    With ``only_given`` (for edits) only the flags actually used appear, and
    nested objects hold only their given fields, to be merged into the entry.
    """
    fields = {name: options.get(name) for name in _PLAIN if _given(options.get(name))}
    if options.get("occurred_at"):
        fields["occurred_at"] = _when(options["occurred_at"], now, day_first)
    if options.get("assignment"):
        fields["assignment_id"] = options["assignment"]
    for flag, field in (
        ("trigger", "triggers"),
        ("partner_positive", "partner_positive"),
        ("tag", "tags"),
    ):
        if options.get(flag):
            fields[field] = list(options[flag])
    if options.get("emotion"):
        fields["emotions"] = [
            {"emotion": k, "intensity": v} for k, v in _pairs(options["emotion"], "--emotion")
        ]
    if options.get("soothing"):
        fields["soothing"] = [
            {"technique": k, "minutes": v} for k, v in _pairs(options["soothing"], "--soothing")
        ]
    fields.update(_grouped_fields(options))
    if not only_given and "need_statement" in fields:
        fields["need_statement"].setdefault("shared", False)
    return fields


def _given(value) -> bool:
    return value is not None and value != () and value != ""


def _grouped_fields(options: dict) -> dict:
    grouped = {}
    for group, members in _GROUPS.items():
        given = {
            field: list(options[flag]) if isinstance(options[flag], tuple) else options[flag]
            for field, flag in members.items()
            if _given(options.get(flag))
        }
        if given:
            grouped[group] = given
    return grouped


def _when(text: str, now: datetime, day_first: bool | None) -> str:
    try:
        return parse_when(text, now, day_first=day_first).isoformat()
    except AmbiguousDate:
        problem = DATE_ORDER_UNKNOWN
    except WhenProblem:
        problem = TIME_NOT_READ
    raise click.BadParameter(problem, param_hint="--occurred-at")


def _pairs(values, flag: str) -> list[tuple[str, int | None]]:
    pairs = []
    for value in values or ():
        name, _, number = value.partition("=")
        if number and not number.strip().isdigit():
            raise click.BadParameter(NOT_A_PAIR, param_hint=flag)
        pairs.append((name.strip(), int(number) if number else None))
    return pairs
