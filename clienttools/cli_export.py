"""``securebase-journal export`` and ``sent``: making the file, and saying it was sent.

The export rule lives in ``securebase.client_journal.export_selection`` (docs/FORMAT.md):
making a file marks nothing as sent. ``export`` lists what the file holds
(date and first words of each entry, on this screen only; deleted entries
counted apart), then asks "Did you send it?" at a terminal; ``sent``
confirms later. Until an export is confirmed, the next one holds its
entries too.
"""

import sys
from pathlib import Path

import click

from clienttools import wording
from clienttools.cli_context import Context, pass_context
from clienttools.journal import ClientJournal, ExportSummary, local_now
from clienttools.options import WholeNumber, day_option
from commandline.terminal import emit, json_option
from securebase.atomic import write_atomically
from securebase.display import shorten, terminal_line, terminal_safe
from securebase.journal import JournalEntry

ASK_SENT = "Did you send it to your therapist? (y/n)"
AGAIN_YES_NO = "Please answer y or n."


@click.command()
@day_option("--since", "Only items dated on or after this day (default: all not yet sent).")
@day_option("--until", "Only items dated on or before this day (default: today).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to save.")
@click.option("--armor", is_flag=True, help="Write ASCII text instead of binary.")
@json_option
@pass_context
def export(context: Context, since, until, out: Path | None, armor: bool, as_json: bool) -> None:
    """Save an encrypted copy for your therapist; only they can open it."""
    journal = context.journal()
    target = out or Path(f"securebase-export-{local_now():%Y-%m-%d}-{_next(journal)}.age")
    summary = journal.export(
        lambda sealed: write_atomically(target.resolve(), sealed),
        since=since,
        until=until,
        armored=armor,
    )
    if as_json:
        fingerprint = journal.identity.public.fingerprint
        emit(
            True,
            {
                "file": str(target),
                "sequence": summary.sequence,
                "fingerprint": fingerprint,
                **summary.counts,
            },
            "",
        )
        return
    click.echo(_summary_text(journal, summary, target))
    if not any(summary.counts.values()):
        click.echo(wording.EXPORT_EMPTY)
    elif sys.stdin.isatty() and _yes(ASK_SENT):
        journal.confirm_sent(summary.sequence)
        click.echo(wording.EXPORT_CONFIRMED)
    else:
        click.echo(wording.EXPORT_NOT_YET_SENT.format(sequence=summary.sequence))


def _next(journal: ClientJournal) -> int:
    return journal.last_export_sequence() + 1


def _summary_text(journal: ClientJournal, summary: ExportSummary, target: Path) -> str:
    document = summary.document
    live = [e for e in document.entries if isinstance(e, JournalEntry)]
    lines = [wording.EXPORT_HOLDS.format(therapist=terminal_line(journal.therapist.label))]
    lines += [
        f"  {e.occurred_at:%a} {e.occurred_at.day} {e.occurred_at:%b %H:%M}  "
        f"{terminal_safe(shorten(e.situation, 50))}"
        for e in sorted(live, key=lambda entry: entry.occurred_at)
    ]
    lines.append(wording.count_words(summary.counts))
    lines.append(wording.EXPORT_SAVED.format(file=terminal_safe(str(target))))
    lines.append(wording.YOUR_FINGERPRINT.format(fingerprint=journal.identity.public.fingerprint))
    return "\n".join(lines)


def _yes(question: str) -> bool:
    while True:
        answer = click.prompt(question, default="", show_default=False, prompt_suffix=" ")
        answer = answer.strip().casefold()
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")
        click.echo(AGAIN_YES_NO)


@click.command()
@click.argument("sequence", type=WholeNumber(1), required=False, metavar="[NUMBER]")
@json_option
@pass_context
def sent(context: Context, sequence: int | None, as_json: bool) -> None:
    """Say you sent an export (the latest, or the one with this number) to your therapist."""
    record = context.journal().confirm_sent(sequence)
    emit(
        as_json,
        {"sequence": record.sequence, "sent_at": record.sent_at.isoformat()},
        wording.EXPORT_CONFIRMED_LATER.format(
            sequence=record.sequence,
            made=f"{record.created_at:%a} {record.created_at.day} {record.created_at:%b %H:%M}",
        ),
    )
