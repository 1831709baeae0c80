"""``securebase-journal add``, ``edit`` and ``import-csv``: writing entries.

Guided questions run through ``clienttools.guided.run_guided`` (an encrypted
draft after every answer, ``<`` to go back, nothing lost on Ctrl+C); the
journal is unlocked before the first question. Scripts give flags or JSON;
JSON and CSV input may carry ids and can be run again without duplicating
(``clienttools.scripted``).
"""

import json
import sys
from pathlib import Path

import click

from clienttools import safety, wording
from clienttools.cli_context import Context, pass_context
from clienttools.csv_import import CsvRefused, import_file
from clienttools.entry_options import entry_options, fields_from_options
from clienttools.guided import run_guided
from clienttools.journal import local_now
from clienttools.prompts import INTRO_EDIT, INTRO_NEW, walk_edit, walk_entry
from clienttools.prompts import summary as kind_summary
from clienttools.render import entry_line
from clienttools.scripted import save_scripted
from clienttools.settings import day_first
from commandline.terminal import emit, json_option

NOT_JSON = "That is not valid JSON (line {line}, column {column})."
NOT_ENTRIES = "The JSON should be one entry (an object) or a list of entries."
ONLY_INTERACTIVE = "--interactive asks each question itself; give no other options with it."
NEED_SOMETHING = "Give --situation TEXT, --json FILE, or --interactive to be asked."
SAY_WHAT_TO_CHANGE = "Say what to change (for example --situation TEXT), or use --interactive."
SCRIPTED_SAVED = "Saved: {new} new, {updated} updated, {unchanged} unchanged."
DELETED_NOT_BACK = "{deleted} of them you had deleted; they were not added back."

interactive_option = click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Ask the questions one by one (the default in a terminal when no options are given).",
)


@click.command()
@entry_options
@click.option(
    "--json",
    "json_source",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE|-]",
    help="Print one JSON object; with FILE (or - for stdin), also read the entry "
    "or list of entries from it, in the export format's fields. An entry with an "
    "id you already have is updated, not added twice.",
)
@interactive_option
@pass_context
def add(context: Context, json_source: str | None, interactive: bool, **options) -> None:
    """Write a new entry: guided questions, or options / JSON for scripts."""
    as_json = json_source is not None
    _interactive_alone(interactive, bool(json_source) or _any_flag(options))
    if json_source:
        _add_from_json(context, click.open_file(json_source, encoding="utf-8").read(), as_json)
        return
    if options.get("situation"):
        journal = context.journal()
        drafts = [fields_from_options(options, local_now(), day_first=day_first(journal))]
        saved = journal.add_entries(drafts)
        closing = wording.SAVED_ENTRY
    elif interactive or sys.stdin.isatty():
        journal = context.journal()  # unlock first: a wrong passphrase loses no answers
        active = journal.assignments(on=local_now().date())
        guided = run_guided(
            journal, context.home, "add", INTRO_NEW, lambda ask: walk_entry(ask, active)
        )
        saved = journal.add_entries([guided.result])
        guided.finish()
        closing = kind_summary(saved[0])
    else:
        raise click.UsageError(NEED_SOMETHING)
    urgent = safety.after_save(context.journal(), saved, as_json)  # before "Saved"
    emit(
        as_json,
        {"entries": [{"id": str(e.id), "revision": e.revision} for e in saved], **urgent},
        "\n".join([*(entry_line(e) for e in saved), closing]),
    )


def _add_from_json(context: Context, text: str, as_json: bool) -> None:
    drafts = _drafts_from_json(text)
    outcome = save_scripted(context.journal(), drafts)
    urgent = safety.after_save(context.journal(), outcome.entries, as_json)
    lines = [entry_line(e) for e in outcome.entries]
    lines.append(
        SCRIPTED_SAVED.format(new=outcome.new, updated=outcome.updated, unchanged=outcome.unchanged)
    )
    if outcome.deleted:
        lines.append(DELETED_NOT_BACK.format(deleted=outcome.deleted))
    emit(
        as_json,
        {
            "entries": [{"id": str(e.id), "revision": e.revision} for e in outcome.entries],
            "new": outcome.new,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "deleted": outcome.deleted,
            **urgent,
        },
        "\n".join(lines),
    )


def _any_flag(options: dict) -> bool:
    return any(value not in (None, (), "") for value in options.values())


def _interactive_alone(interactive: bool, other_input: bool) -> None:
    if interactive and other_input:
        raise click.UsageError(ONLY_INTERACTIVE)


def _drafts_from_json(text: str) -> list[dict]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        problem = NOT_JSON.format(line=error.lineno, column=error.colno)
    else:
        drafts = loaded if isinstance(loaded, list) else [loaded]
        if all(isinstance(draft, dict) for draft in drafts):
            return drafts
        problem = NOT_ENTRIES
    raise click.BadParameter(problem, param_hint="--json")


@click.command(name="import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and count its entries; save nothing.")
@json_option
@pass_context
def import_csv(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Add entries from a spreadsheet saved as CSV (see docs/CLIENT.md); safe to repeat."""
    try:
        result = import_file(context.journal(), file, dry_run=dry_run)
    except CsvRefused as refused:
        click.echo(f"error: {refused.text}\nhint: {refused.hint}", err=True)
        raise click.exceptions.Exit(1) from None
    outcome = result.outcome
    urgent = {} if dry_run else safety.after_save(context.journal(), outcome.entries, as_json)
    counts = {"new": outcome.new, "updated": outcome.updated, "unchanged": outcome.unchanged}
    emit(
        as_json,
        {
            "imported": 0 if dry_run else outcome.new + outcome.updated,
            "entries": [] if dry_run else [str(entry.id) for entry in outcome.entries],
            "valid": result.valid,
            "dry_run": dry_run,
            **counts,
            "deleted": outcome.deleted,
            **urgent,
        },
        result.words(),
    )


@click.command()
@click.argument("entry_id")
@entry_options
@json_option
@interactive_option
@pass_context
def edit(context: Context, entry_id: str, as_json: bool, interactive: bool, **options) -> None:
    """Change an entry; what you leave out stays as it was."""
    journal = context.journal()  # unlock first: a wrong passphrase loses no answers
    changes = fields_from_options(
        options, local_now(), only_given=True, day_first=day_first(journal)
    )
    _interactive_alone(interactive, bool(changes))
    guided = None
    if interactive or (not changes and sys.stdin.isatty()):
        current = journal.find_entry(entry_id)
        guided = run_guided(
            journal,
            context.home,
            f"edit-{current.id}",
            INTRO_EDIT,
            lambda ask: walk_edit(ask, current),
            editing=True,
            latest=current.recorded_at,
        )
        changes = guided.result
        if not changes:
            guided.finish()
            unchanged = {"id": str(current.id), "revision": current.revision}
            emit(as_json, unchanged, wording.NOTHING_CHANGED)
            return
    if not changes:
        raise click.UsageError(SAY_WHAT_TO_CHANGE)
    edited = journal.edit_entry(entry_id, changes)
    if guided:
        guided.finish()
    urgent = safety.after_save(journal, edited, as_json)
    emit(
        as_json,
        {"id": str(edited.id), "revision": edited.revision, **urgent},
        f"{entry_line(edited)}\nUpdated.",
    )
