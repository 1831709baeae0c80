"""The client's command line, ``securebase-journal``.

Rules: calm, short wording (``clienttools.wording``); core errors become
words only in ``securebase.messages.run_guarded`` (called by ``main``).
Commands that report a result take ``--json`` and then print exactly one
JSON object. The passphrase comes from ``SECUREBASE_PASSPHRASE`` when set,
otherwise from a hidden prompt.
"""

import json
import sys
from datetime import date
from pathlib import Path

import click

from clienttools import safety, terminal, wording
from clienttools.cli_homework import homework
from clienttools.csv_import import CSV_CHECKED, CSV_IMPORTED, CsvRefused, import_file
from clienttools.entry_options import entry_options, fields_from_options
from clienttools.home import ClientHome, default_home
from clienttools.homework_import import measures_offered
from clienttools.journal import ClientJournal, create_journal, local_now, open_journal
from clienttools.prompts import guided_edit, guided_entry
from clienttools.prompts import summary as kind_summary
from clienttools.render import entry_line, entry_text
from clienttools.terminal import emit, json_option
from clienttools.when import parse_day
from securebase import __version__
from securebase.atomic import write_atomically
from securebase.errors import InvalidInvitation
from securebase.invitation import decode_invitation
from securebase.measures import MEASURES
from securebase.messages import run_guarded
from securebase.vocabulary import MeasureKey

MIN_PASSPHRASE_CHARS = 8


class Context:
    def __init__(self, home: ClientHome):
        self.home = home
        self._journal: ClientJournal | None = None

    def journal(self) -> ClientJournal:
        if self._journal is None:
            self._journal = open_journal(self.home, read_passphrase())
        return self._journal


pass_context = click.make_pass_decorator(Context)
interactive_option = click.option(
    "--interactive",
    "-i",
    is_flag=True,
    help="Ask the questions one by one (the default in a terminal when no flags are given).",
)


def read_passphrase(confirm: bool = False) -> str:
    return terminal.read_passphrase(
        "Passphrase",
        min_chars=MIN_PASSPHRASE_CHARS,
        confirm=confirm,
        advice=wording.PASSPHRASE_HINT,
    )


def day_option(name: str, help_text: str):
    def convert(_ctx, _param, value):
        try:
            return parse_day(value) if value else None
        except ValueError as error:
            raise click.BadParameter(str(error)) from None

    return click.option(name, callback=convert, help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Journal folder (default: $SECUREBASE_HOME or your user data folder).",
)
@click.version_option(__version__, prog_name="securebase-journal")
@click.pass_context
def cli(ctx: click.Context, debug: bool, home: Path | None) -> None:
    """Your private SecureBase journal: write about the moments that stir up
    worry in your relationship, and send your therapist an encrypted copy.

    Nobody watches this journal as you write. If you are in danger or
    thinking about harming yourself, call your local emergency number now
    (see: securebase-journal help urgent).
    """
    ctx.obj = Context(default_home(home))


@cli.command()
@click.option("--invitation", help="The code from your therapist (starts with SBINVITE1).")
@json_option
@pass_context
def init(context: Context, invitation: str | None, as_json: bool) -> None:
    """Set up your journal from your therapist's invitation."""
    if context.home.exists():
        raise click.ClickException(
            f"A journal already exists in {context.home.root}. {wording.NOTHING_CHANGED}"
        )
    decoded = _ask_invitation(invitation)
    journal = create_journal(context.home, decoded, read_passphrase(confirm=True))
    therapist = journal.therapist
    emit(
        as_json,
        {
            "client_id": str(therapist.client_id),
            "therapist_label": therapist.label,
            "therapist_fingerprint": therapist.fingerprint,
            "home": str(context.home.root),
        },
        "\n".join(
            [
                wording.WELCOME,
                f"Exports go to: {therapist.label}",
                wording.CONFIRM_FINGERPRINT.format(fingerprint=therapist.fingerprint),
                "",
                wording.URGENT_HELP,
                *safety.panel_lines_default(),
            ]
        ),
    )


def _ask_invitation(given: str | None):
    while True:
        code = given or click.prompt("Invitation code")
        try:
            return decode_invitation(code)
        except InvalidInvitation:
            if given:
                raise
            click.echo("That code does not look right; please check it and try again.")


@cli.command()
@entry_options
@click.option(
    "--json",
    "json_source",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE|-]",
    help="Print one JSON object; with FILE (or - for stdin), also read the entry "
    "or list of entries from it, in the export format's fields.",
)
@interactive_option
@pass_context
def add(context: Context, json_source: str | None, interactive: bool, **options) -> None:
    """Write a new entry: guided questions, or flags / JSON for scripts."""
    as_json = json_source is not None
    _interactive_alone(interactive, bool(json_source) or _any_flag(options))
    prompted = interactive or not (json_source or options.get("situation"))
    if json_source:
        drafts = _drafts_from_json(click.open_file(json_source, encoding="utf-8").read())
    elif options.get("situation"):
        drafts = [fields_from_options(options, local_now())]
    elif interactive or sys.stdin.isatty():
        drafts = [guided_entry(context.journal(), local_now())]
    else:
        raise click.UsageError("give --situation TEXT, --json FILE, or --interactive")
    saved = context.journal().add_entries(drafts)
    urgent = safety.after_save(context.journal(), saved, as_json)  # before "Saved"
    closing = kind_summary(saved[0]) if prompted else wording.SAVED_ENTRY
    emit(
        as_json,
        {"entries": [{"id": str(e.id), "revision": e.revision} for e in saved], **urgent},
        "\n".join([*(entry_line(e) for e in saved), closing]),
    )


def _any_flag(options: dict) -> bool:
    return any(value not in (None, (), "") for value in options.values())


def _interactive_alone(interactive: bool, other_input: bool) -> None:
    if interactive and other_input:
        raise click.UsageError("--interactive asks each question itself; give no other flags")


def _drafts_from_json(text: str) -> list[dict]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        problem = f"not valid JSON (line {error.lineno}, column {error.colno})"
    else:
        drafts = loaded if isinstance(loaded, list) else [loaded]
        if all(isinstance(draft, dict) for draft in drafts):
            return drafts
        problem = "expected an entry object or a list of them"
    raise click.BadParameter(problem, param_hint="--json")


@cli.command(name="import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and count its entries; save nothing.")
@json_option
@pass_context
def import_csv(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Add entries from a spreadsheet saved as CSV (see docs/CLIENT.md)."""
    try:
        result = import_file(context.journal(), file, dry_run=dry_run)
    except CsvRefused as refused:
        click.echo(f"error: {refused.text}\nhint: {refused.hint}", err=True)
        raise click.exceptions.Exit(1) from None
    ids = [str(entry.id) for entry in result.saved]
    urgent = safety.after_save(context.journal(), list(result.saved), as_json)
    words = CSV_CHECKED if dry_run else CSV_IMPORTED
    emit(
        as_json,
        {"imported": len(ids), "entries": ids, "valid": result.valid, "dry_run": dry_run, **urgent},
        words.format(count=result.valid, entries="entry" if result.valid == 1 else "entries"),
    )


@cli.command(name="list")
@click.option("-n", "--last", "limit", type=click.IntRange(min=1), default=20, show_default=True)
@day_option("--since", "Only entries on or after this date (YYYY-MM-DD).")
@day_option("--until", "Only entries on or before this date.")
@click.option("--trigger", help="Only entries with this trigger (e.g. delayed_reply).")
@json_option
@pass_context
def list_entries(context, limit, since: date, until: date, trigger, as_json) -> None:
    """Show your most recent entries."""
    found = context.journal().entries(since=since, until=until, trigger=trigger, limit=limit)
    emit(
        as_json,
        {"entries": [e.model_dump(mode="json") for e in found]},
        "\n".join(entry_line(e) for e in found) or "No entries yet.",
    )


@cli.command()
@click.argument("entry_id")
@json_option
@pass_context
def show(context: Context, entry_id: str, as_json: bool) -> None:
    """Show one entry in full (the first characters of its id are enough)."""
    entry = context.journal().find_entry(entry_id)
    emit(as_json, entry.model_dump(mode="json"), entry_text(entry))


@cli.command()
@click.argument("entry_id")
@entry_options
@json_option
@interactive_option
@pass_context
def edit(context: Context, entry_id: str, as_json: bool, interactive: bool, **options) -> None:
    """Change an entry; unchanged fields stay as they were."""
    journal = context.journal()
    changes = fields_from_options(options, local_now(), only_given=True)
    _interactive_alone(interactive, bool(changes))
    if interactive or (not changes and sys.stdin.isatty()):
        current = journal.find_entry(entry_id)
        changes = guided_edit(current, local_now())
        if not changes:
            unchanged = {"id": str(current.id), "revision": current.revision}
            emit(as_json, unchanged, wording.NOTHING_CHANGED)
            return
    if not changes:
        raise click.UsageError("say what to change, e.g. --situation TEXT")
    edited = journal.edit_entry(entry_id, changes)
    urgent = safety.after_save(journal, edited, as_json)
    emit(
        as_json,
        {"id": str(edited.id), "revision": edited.revision, **urgent},
        f"{entry_line(edited)}\nUpdated.",
    )


@cli.command()
@click.argument("entry_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@pass_context
def delete(context: Context, entry_id: str, yes: bool, as_json: bool) -> None:
    """Delete an entry. Your therapist's copy is removed at the next export."""
    journal = context.journal()
    entry = journal.find_entry(entry_id)
    if not yes:
        click.echo(entry_line(entry))
        click.confirm("Delete this entry?", abort=True)
    tombstone = journal.delete_entry(str(entry.id))
    emit(
        as_json,
        {"id": str(tombstone.id), "revision": tombstone.revision, "deleted": True},
        "Deleted.",
    )


@cli.command()
@day_option("--since", "Start of the period (default: everything not yet sent, and 7 days).")
@day_option("--until", "End of the period (default: today).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to save.")
@click.option("--armor", is_flag=True, help="Write ASCII text instead of binary.")
@json_option
@pass_context
def export(context, since: date, until: date, out: Path | None, armor: bool, as_json) -> None:
    """Save an encrypted copy for your therapist; only they can open it."""
    journal = context.journal()
    target = out or Path(f"securebase-export-{local_now():%Y-%m-%d}-{_next_sequence(journal)}.age")
    summary = journal.export(
        lambda sealed: write_atomically(target.resolve(), sealed),
        since=since,
        until=until,
        armored=armor,
    )
    counts = summary.counts
    emit(
        as_json,
        {"file": str(target), "sequence": summary.sequence, **counts},
        wording.EXPORT_DONE.format(
            counts=wording.count_words(counts), therapist=journal.therapist.label, file=target
        ),
    )


def _next_sequence(journal: ClientJournal) -> int:
    return journal.last_export_sequence() + 1


@cli.command()
@click.argument("measure", type=click.Choice([m.value for m in MeasureKey]))
@click.option("--answers", help="Comma-separated item scores, e.g. 0,1,2,3,0,1,2.")
@json_option
@pass_context
def checkin(context: Context, measure: str, answers: str | None, as_json: bool) -> None:
    """Answer a short questionnaire your therapist chose for you (GAD-7, PHQ-9 or PHQ-8)."""
    offered = measures_offered(context.journal())
    if measure not in offered:
        titles = ", ".join(MEASURES[MeasureKey(key)].title for key in offered)
        raise click.UsageError(wording.NOT_OFFERED.format(offered=titles))
    spec = MEASURES[MeasureKey(measure)]
    scores = _parse_answers(answers, spec) if answers else _ask_items(spec)
    saved = context.journal().add_checkin(measure, scores)
    urgent = safety.after_save(context.journal(), saved, as_json, answers=list(saved.answers))
    total = spec.total(saved.answers)
    band = spec.band(total).label
    emit(
        as_json,
        {"measure": measure, "total": total, "band": band, **urgent},
        f"Thank you. Your {spec.title} total is {total} of {spec.total_max} ({band}).\n"
        "Your therapist will look at it with you.",
    )


def _parse_answers(text: str, spec) -> list[int]:
    try:
        scores = [int(part) for part in text.split(",")]
    except ValueError:
        scores = []
    if len(scores) != spec.item_count or not all(
        spec.item_min <= s <= spec.item_max for s in scores
    ):
        raise click.BadParameter(
            f"give {spec.item_count} numbers from {spec.item_min} to {spec.item_max}",
            param_hint="--answers",
        )
    return scores


def _ask_items(spec) -> list[int]:
    click.echo(spec.stem)
    for value, option in enumerate(spec.options):
        click.echo(f"  {value} = {option}")
    scores = [
        click.prompt(f"{number}. {item}", type=click.IntRange(spec.item_min, spec.item_max))
        for number, item in enumerate(spec.items, start=1)
    ]
    click.echo(spec.copyright)
    return scores


@cli.command()
@click.option("--port", default=8502, show_default=True, help="Port on 127.0.0.1.")
@terminal.localserver_options
@pass_context
def app(context: Context, port: int, address: str, allow_network: bool) -> None:
    """Open your journal in the browser (only on this computer, at 127.0.0.1)."""
    from securebase import localserver
    from securebase.errors import StoreMissing

    terminal.announce_address(address, allow_network)
    if not context.home.exists():
        raise StoreMissing()
    host = terminal.url_host(address)
    click.echo(f"Your journal: http://{host}:{port}  (Ctrl+C to stop)")
    app_path = Path(__file__).resolve().parent / "app.py"
    env = {"SECUREBASE_HOME": str(context.home.root)}
    raise SystemExit(localserver.serve(app_path, port, env, address))


@cli.group(name="help")
def help_group() -> None:
    """Where to find help."""


@help_group.command()
def urgent() -> None:
    """Where to get urgent help (this journal is not read in real time)."""
    click.echo("\n".join([wording.URGENT_HELP, *safety.panel_lines_default()]))


cli.add_command(homework)


def main() -> None:
    run_guarded(cli, sys.argv[1:])
