"""``securebase homework``: the catalogue, assignments, and homework packs for a client.

Commands get the vault from the group's context object (``dashboard.cli.Context``).
The core modules (pydantic models, the catalogue, the vault) are imported inside
the commands, so ``securebase --help`` stays fast.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commandline.terminal import emit, json_option
from securebase.display import terminal_safe

if TYPE_CHECKING:
    from securebase.exercises import Exercise
    from securebase.therapist_records import AssignmentRecord

pass_vault_context = click.pass_obj
DAY = click.DateTime(["%Y-%m-%d"])


def _day(value: datetime | None):
    return value.date() if value else None


def assignment_line(a: AssignmentRecord) -> str:
    from securebase.exercises import how_often

    last = a.last_day
    until = f" until {last}" if last else ""
    ended = "  (ended early)" if a.ended_at else ""
    note = f"  note: {terminal_safe(a.note)}" if a.note else ""
    return (
        f"{a.assignment_id[:8]}  {a.exercise}  {how_often(a.times, a.per).lower()}  "
        f"from {a.starts}{until}{ended}{note}"
    )


@click.group()
def homework() -> None:
    """Assign homework exercises and make the homework pack for a client."""


@homework.command(name="exercises")
@json_option
@pass_vault_context
def homework_exercises(context, as_json: bool) -> None:
    """Show the exercise catalogue (built-in and your own)."""
    from securebase.exercises import how_often
    from securebase.vault_reads import exercise_catalogue

    catalogue = exercise_catalogue(context.vault())
    emit(
        as_json,
        {"exercises": [_exercise_json(e) for e in catalogue.values()]},
        "\n".join(
            f"{e.key}  {terminal_safe(e.title)}  ({how_often(e.default_times, e.default_per)})"
            f"{'  [yours]' if e.custom else ''}\n    {terminal_safe(e.rationale)}"
            for e in catalogue.values()
        ),
    )


def _exercise_json(e: Exercise) -> dict:
    return {
        "key": e.key,
        "title": e.title,
        "instructions": list(e.instructions),
        "default_times": e.default_times,
        "default_per": e.default_per,
        "minutes": e.minutes,
        "records": list(e.records),
        "rationale": e.rationale,
        "custom": e.custom,
    }


@homework.group(name="exercise")
def exercise_group() -> None:
    """Your own exercises, beside the built-in catalogue."""


@exercise_group.command(name="add")
@click.argument("key")
@click.option("--title", required=True, help="The exercise's name, as the client sees it.")
@click.option("--step", "steps", multiple=True, required=True, help="One step (repeatable).")
@click.option("--times", type=int, default=1, show_default=True)
@click.option("--per", type=click.Choice(["day", "week"]), default="day", show_default=True)
@click.option("--minutes", type=int, default=None, help="Typical duration.")
@click.option("--rationale", default="", help="One line for yourself: why this exercise.")
@click.option(
    "--records",
    default="minutes,helpfulness,note",
    show_default=True,
    help="What a log records (comma-separated).",
)
@json_option
@pass_vault_context
def exercise_add(context, key, title, steps, times, per, minutes, rationale, records, as_json):
    """Add your own exercise under KEY (lower case letters, digits and _)."""
    from securebase.exercises import Exercise
    from securebase.therapist_records import add_custom_exercise

    item = Exercise(
        key=key,
        title=title,
        instructions=tuple(steps),
        default_times=times,
        default_per=per,
        minutes=minutes,
        records=tuple(r.strip() for r in records.split(",") if r.strip()),
        rationale=rationale,
        custom=True,
    )
    added = add_custom_exercise(context.vault(), item)
    emit(as_json, _exercise_json(added), f"Added exercise {added.key}.")


@homework.command(name="assign")
@click.argument("client_ref", metavar="CLIENT")
@click.argument("exercise_key", metavar="EXERCISE")
@click.option("--times", type=int, help="How many times (default: the catalogue's).")
@click.option("--per", type=click.Choice(["day", "week"]), help="Per day or per week.")
@click.option("--from", "starts", type=DAY, help="First day (default: today).")
@click.option("--until", "ends", type=DAY, help="Last day (default: open-ended).")
@click.option("--note", default="", help="A note for the client.")
@json_option
@pass_vault_context
def homework_assign(context, client_ref, exercise_key, times, per, starts, ends, note, as_json):
    """Assign an exercise to a client."""
    from securebase.therapist_records import add_assignment
    from securebase.vault import now_utc
    from securebase.vault_reads import exercise_catalogue

    vault = context.vault()
    item = exercise_catalogue(vault).get(exercise_key)
    defaults = (item.default_times, item.default_per) if item else (1, "day")
    assignment_id = add_assignment(
        vault,
        client_ref,
        exercise_key,
        times=times or defaults[0],
        per=per or defaults[1],
        starts=_day(starts) or now_utc().date(),
        ends=_day(ends),
        note=note,
    )
    emit(as_json, {"assignment_id": assignment_id}, f"Assigned ({assignment_id}).")


@homework.command(name="list")
@click.argument("client_ref", metavar="CLIENT")
@click.option("--all", "include_ended", is_flag=True, help="Include ended assignments.")
@json_option
@pass_vault_context
def homework_list(context, client_ref: str, include_ended: bool, as_json: bool) -> None:
    """Show a client's assignments (current ones, or all with --all)."""
    from securebase.therapist_records import assignments

    found = assignments(context.vault(), client_ref, include_ended=include_ended)
    emit(
        as_json,
        {"assignments": [a.as_json() for a in found]},
        "\n".join(assignment_line(a) for a in found) or "No homework assigned.",
    )


@homework.command(name="edit")
@click.argument("reference", metavar="ASSIGNMENT")
@click.option("--times", type=int)
@click.option("--per", type=click.Choice(["day", "week"]))
@click.option("--from", "starts", type=DAY)
@click.option("--until", "ends", type=DAY)
@click.option("--note")
@json_option
@pass_vault_context
def homework_edit(context, reference, times, per, starts, ends, note, as_json):
    """Change an assignment's frequency, dates or note."""
    from securebase.therapist_records import edit_assignment

    edited = edit_assignment(
        context.vault(),
        reference,
        times=times,
        per=per,
        starts=_day(starts),
        ends=_day(ends),
        note=note,
    )
    emit(as_json, edited.as_json(), assignment_line(edited))


@homework.command(name="end")
@click.argument("reference", metavar="ASSIGNMENT")
@click.option("--on", "day", type=DAY, help="Its last day (default: today).")
@json_option
@pass_vault_context
def homework_end(context, reference, day, as_json):
    """End an assignment early (its history is kept)."""
    from securebase.therapist_records import end_assignment

    ended = end_assignment(context.vault(), reference, _day(day))
    emit(as_json, ended.as_json(), assignment_line(ended))


@homework.command(name="pack")
@click.argument("client_ref", metavar="CLIENT")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@json_option
@pass_vault_context
def homework_pack(context, client_ref: str, out: Path, as_json: bool) -> None:
    """Write the client's homework pack: encrypted to them, signed by you."""
    from securebase.atomic import write_atomically
    from securebase.homework_pack import seal_pack

    made = seal_pack(context.vault(), client_ref)
    write_atomically(out.resolve(), made.sealed)
    count = len(made.pack.assignments)
    emit(
        as_json,
        {
            "file": str(out),
            "pack_id": str(made.pack.pack_id),
            "issued_at": made.pack.issued_at.isoformat(),
            "assignments": count,
        },
        f"Homework pack with {count} assignment(s) written to {out}.\n"
        "Give it to the client; they import it with: securebase-journal homework import FILE",
    )
