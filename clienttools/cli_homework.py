"""``securebase-journal homework``: import the therapist's pack, list and log homework.

Commands get the journal from the group's context object
(``clienttools.cli_context.Context``). ``homework log`` without options, at
a terminal, asks its questions one by one with an encrypted draft
(``clienttools.guided``), after unlocking the journal.
"""

import sys
from pathlib import Path

import click

from clienttools import safety
from clienttools.asking import Asker
from clienttools.guided import run_guided
from clienttools.homework_import import find_assignment, import_pack, steps
from clienttools.journal import Assignment
from clienttools.options import WholeNumber
from commandline.terminal import emit, json_option
from securebase import limits
from securebase.display import terminal_line, terminal_safe
from securebase.exercises import how_often

PACK_IMPORTED = "Your homework from {therapist} is ready: {count}. Take it one step at a time."
PACK_OLDER = (
    "This homework pack is older than the one you already have, so nothing was changed. "
    "Your current homework stays as it is."
)
NO_HOMEWORK = "No homework yet. When your therapist sends a homework pack, import it here."
LOGGED = "Logged. Well done for making time for this."
LOG_INTRO = "{title}: a few questions; Enter skips any of them, < goes back one."
ASK_MINUTES = "About how many minutes did it take?"
ASK_HELPFULNESS = "How helpful was it, from 0 to 10?"
ASK_DISTRESS_BEFORE = "How distressed did you feel before, from 0 to 100?"
ASK_DISTRESS_AFTER = "And after, from 0 to 100?"
ASK_NOTE = "Anything you want to remember about it?"

pass_journal_context = click.pass_obj


def _count(n: int) -> str:
    return f"{n} exercise" if n == 1 else f"{n} exercises"


def _read_limited(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limits.MAX_SEALED_BYTES + 1)


def assignment_json(a: Assignment) -> dict:
    return {
        "assignment_id": a.assignment_id,
        "exercise": a.exercise,
        "title": a.title,
        "times": a.times,
        "per": a.per,
        "starts": a.starts.isoformat(),
        "ends": a.ends.isoformat() if a.ends else None,
        "note": a.note,
        "instructions": steps(a),
    }


def assignment_text(a: Assignment) -> str:
    until = f" until {a.ends:%a %d %b}" if a.ends else ""
    lines = [
        f"{a.assignment_id[:8]}  {terminal_safe(a.title)} ({a.exercise})",
        f"    {how_often(a.times, a.per)}, from {a.starts:%a %d %b}{until}",
    ]
    lines += [f"    {n}. {terminal_safe(step)}" for n, step in enumerate(steps(a), start=1)]
    if a.note:
        lines.append(f"    Note from your therapist: {terminal_safe(a.note)}")
    return "\n".join(lines)


@click.group()
def homework() -> None:
    """Homework from your therapist: import it, see it, log it as done."""


@homework.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@pass_journal_context
def homework_import(context, file: Path, as_json: bool) -> None:
    """Import a homework pack (.age file) your therapist gave you."""
    journal = context.journal()
    result = import_pack(journal, _read_limited(file))
    count = len(result.pack.assignments)
    text = (
        PACK_IMPORTED.format(therapist=terminal_line(journal.therapist.label), count=_count(count))
        if result.replaced
        else PACK_OLDER
    )
    emit(
        as_json,
        {
            "status": "imported" if result.replaced else "older",
            "pack_id": str(result.pack.pack_id),
            "issued_at": result.pack.issued_at.isoformat(),
            "assignments": count,
        },
        text,
    )


@homework.command(name="list")
@json_option
@pass_journal_context
def homework_list(context, as_json: bool) -> None:
    """Show your homework, with the steps for each exercise."""
    current = context.journal().assignments()
    emit(
        as_json,
        {"assignments": [assignment_json(a) for a in current]},
        "\n\n".join(assignment_text(a) for a in current) or NO_HOMEWORK,
    )


@homework.command(name="log")
@click.argument("reference", metavar="ASSIGNMENT")
@click.option("--minutes", type=WholeNumber(0, limits.MAX_ACTIVITY_MINUTES))
@click.option("--helpfulness", type=WholeNumber(0, 10), help="How helpful it was, 0-10.")
@click.option("--distress-before", type=WholeNumber(0, 100), help="Distress before, 0-100.")
@click.option("--distress-after", type=WholeNumber(0, 100), help="Distress after, 0-100.")
@click.option("--urge-before", type=WholeNumber(0, 10), help="The urge before waiting, 0-10.")
@click.option("--urge-after", type=WholeNumber(0, 10), help="The urge after waiting, 0-10.")
@click.option("--note", default="", help="Anything you want to remember about it.")
@click.option("--interactive", "-i", is_flag=True, help="Ask the questions one by one.")
@json_option
@pass_journal_context
def homework_log(context, reference: str, note: str, interactive: bool, as_json: bool, **ratings):
    """Log an exercise as done (its id, the start of it, or its exercise name)."""
    journal = context.journal()  # unlock first: a wrong passphrase loses no answers
    assignment = find_assignment(journal, reference)
    draft = {name: value for name, value in ratings.items() if value is not None}
    if note.strip():
        draft["note"] = note.strip()
    guided = None
    if interactive or (not draft and sys.stdin.isatty()):
        guided = run_guided(
            journal,
            context.home,
            f"homework-{assignment.assignment_id}",
            LOG_INTRO.format(title=terminal_safe(assignment.title)),
            _ask_log,
        )
        draft = guided.result
    log = journal.log_homework({"assignment_id": assignment.assignment_id, **draft})
    if guided:
        guided.finish()
    urgent = safety.after_save(journal, log, as_json)  # before "Logged"
    emit(
        as_json,
        {
            "id": str(log.id),
            "assignment_id": assignment.assignment_id,
            "done_at": log.done_at.isoformat(),
            **urgent,
        },
        f"{terminal_safe(assignment.title)}: {LOGGED}",
    )


def _ask_log(ask: Asker) -> dict:
    answers = {
        "minutes": ask.number(ASK_MINUTES, 0, limits.MAX_ACTIVITY_MINUTES, None),
        "helpfulness": ask.number(ASK_HELPFULNESS, 0, 10, None),
        "distress_before": ask.number(ASK_DISTRESS_BEFORE, 0, 100, None),
        "distress_after": ask.number(ASK_DISTRESS_AFTER, 0, 100, None),
        "note": ask.text(ASK_NOTE, ""),
    }
    return {name: value for name, value in answers.items() if value not in (None, "")}
