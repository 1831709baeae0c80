"""The client's command line, ``securebase-journal``.

Rules: calm, short wording (``clienttools.wording``); core errors become
words only in ``securebase.messages.run_guarded`` (called by ``main``).
Commands that report a result take ``--json`` and then print exactly one
JSON object. The passphrase comes from ``SECUREBASE_PASSPHRASE`` when set,
otherwise from a hidden prompt.
"""

import sys
from pathlib import Path

import click

from clienttools import safety, wording
from clienttools.cli_checkin import checkin
from clienttools.cli_context import Context, pass_context, read_passphrase
from clienttools.cli_entries import add, edit, import_csv
from clienttools.cli_export import export, sent
from clienttools.cli_homework import homework
from clienttools.draft_file import DraftFile, waiting
from clienttools.home import default_home
from clienttools.journal import create_journal
from clienttools.options import ClientGroup, OneOf, WholeNumber, day_option
from clienttools.render import entry_line, entry_text
from clienttools.settings import DATE_ORDERS, day_first, set_day_first
from commandline import terminal
from commandline.terminal import emit, json_option
from securebase import __version__
from securebase.display import terminal_line
from securebase.errors import InvalidInvitation
from securebase.invitation import decode_invitation
from securebase.messages import run_guarded
from securebase.messages_client import describe_for_client

ALREADY_THERE = "A journal already exists in {home}. " + wording.NOTHING_CHANGED
CODE_AGAIN = "That code does not look right; please check it and try again."
NO_ENTRIES = "No entries yet."
DRAFT_WAITING = "Unfinished answers are waiting for you: {command}"
DATE_ORDER_SET = "Dates like 03/12/2026 are read {order}."
DATE_ORDER_UNSET = "Dates like 03/12/2026: not set yet (you will be asked the first time)."
ORDER_WORDS = {"day-first": "day first (3 December)", "month-first": "month first (March 12)"}


@click.group(cls=ClientGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
        raise click.ClickException(ALREADY_THERE.format(home=context.home.root))
    decoded = _ask_invitation(invitation)
    journal = create_journal(context.home, decoded, read_passphrase(confirm=True))
    therapist = journal.therapist
    emit(
        as_json,
        {
            "client_id": str(therapist.client_id),
            "therapist_label": therapist.label,
            "therapist_fingerprint": therapist.fingerprint,
            "fingerprint": journal.identity.public.fingerprint,
            "home": str(context.home.root),
        },
        "\n".join(
            [
                wording.WELCOME,
                f"Exports go to: {terminal_line(therapist.label)}",
                wording.CONFIRM_FINGERPRINT.format(fingerprint=therapist.fingerprint),
                wording.YOUR_FINGERPRINT.format(fingerprint=journal.identity.public.fingerprint),
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
            click.echo(CODE_AGAIN)


@cli.command(name="list")
@click.option("-n", "--last", "limit", type=WholeNumber(1), default=20, show_default=True)
@day_option("--since", "Only entries on or after this day (e.g. 2026-11-20, yesterday, Mon).")
@day_option("--until", "Only entries on or before this day.")
@click.option("--trigger", help="Only entries with this trigger (e.g. delayed_reply).")
@json_option
@pass_context
def list_entries(context, limit, since, until, trigger, as_json) -> None:
    """Show your most recent entries."""
    found = context.journal().entries(since=since, until=until, trigger=trigger, limit=limit)
    lines = [entry_line(e) for e in found] or [NO_ENTRIES]
    lines += [DRAFT_WAITING.format(command=command) for command in waiting(context.home)]
    emit(as_json, {"entries": [e.model_dump(mode="json") for e in found]}, "\n".join(lines))


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
    # Unfinished changes to a deleted entry have nowhere to go: the person chose to delete it.
    DraftFile(context.home, journal.identity, f"edit-{entry.id}").discard()
    emit(
        as_json,
        {"id": str(tombstone.id), "revision": tombstone.revision, "deleted": True},
        "Deleted.",
    )


@cli.command()
@click.option(
    "--date-order",
    type=OneOf(DATE_ORDERS),
    help="How you write dates, so 03/12/2026 is read the way you mean it.",
)
@json_option
@pass_context
def settings(context: Context, date_order: str | None, as_json: bool) -> None:
    """See or change your preferences (kept inside your locked journal)."""
    journal = context.journal()
    if date_order:
        set_day_first(journal, date_order == DATE_ORDERS[0])
    current = day_first(journal)
    order = None if current is None else DATE_ORDERS[0 if current else 1]
    emit(
        as_json,
        {"date_order": order},
        DATE_ORDER_SET.format(order=ORDER_WORDS[order]) if order else DATE_ORDER_UNSET,
    )


@cli.command()
@click.option("--port", default=8502, show_default=True, help="Port on 127.0.0.1.")
@terminal.localserver_options
def app(port: int, address: str, allow_network: bool) -> None:
    """Serve the web journal on this computer (127.0.0.1) and open it in your browser.

    The web journal keeps its own journal inside the browser, locked with your
    passphrase; set it up from the link your therapist gives you.
    """
    from clienttools import webserver

    terminal.announce_address(address, allow_network)
    host = terminal.url_host(address)
    click.echo(f"Your journal: http://{host}:{port}/  (Ctrl+C to stop)")
    click.echo("Open the link your therapist gave you, with this address in front of the #.")
    raise SystemExit(webserver.serve(address, port))


@cli.group(name="help")
def help_group() -> None:
    """Where to find help."""


@help_group.command()
def urgent() -> None:
    """Where to get urgent help (this journal is not read in real time)."""
    click.echo("\n".join([wording.URGENT_HELP, *safety.panel_lines_default()]))


for command in (add, edit, import_csv, export, sent, checkin, homework):
    cli.add_command(command)


def main() -> None:
    run_guarded(cli, sys.argv[1:], describe_for_client)
