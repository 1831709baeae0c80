"""``securebase report``: session summaries and homework handouts as PDF files.

Rules: a thin wrapper over ``reports``, imported only when a command runs (so
``securebase --help`` does not load reportlab and pandas); the vault is unlocked by the main
CLI's context (``ctx.obj``); with ``--encrypt`` every file is written as an
age file to the therapist's own recipient instead of a plain PDF; ``--json``
prints one object with the files written.
"""

from datetime import date
from pathlib import Path

import click

from commandline.terminal import emit, json_option
from reports import DEFAULT_ENTRIES
from securebase import environment
from securebase.display import terminal_safe

#: What writing a report loads (pandas, reportlab), imported while the passphrase is typed.
REPORT_MODULES = ("reports.summary", "reports.batch", "reports.handout")
DAY = click.DateTime(["%Y-%m-%d"])


def today() -> date:
    """Today, or the day pinned by ``SECUREBASE_TODAY`` (the demo's last day)."""
    return environment.today()


@click.command(name="report")
@click.argument("reference", metavar="CLIENT", required=False)
@click.option("--all", "every", is_flag=True, help="Every active client with activity.")
@click.option("--from", "start", type=DAY,
              help="First day (default: after the last session; handout: tomorrow).")  # fmt: skip
@click.option("--until", "end", type=DAY, help="Last day (default: today).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--entries", "n_entries", default=DEFAULT_ENTRIES, show_default=True,
              help="How many of the most distressing entries to include.")  # fmt: skip
@click.option("--handout", is_flag=True, help="Write the client's homework handout instead.")
@click.option(
    "--encrypt",
    is_flag=True,
    help="Write an age file (FILE.pdf.age) encrypted to your own vault key instead of a "
    "plain PDF; open it with: age -d -i identity.age FILE.pdf.age > FILE.pdf",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for --all (one file per client).")  # fmt: skip
@json_option
@click.pass_obj
def report(context, reference, every, start, end, paper, n_entries, handout, encrypt, out,
           out_dir, as_json) -> None:  # fmt: skip
    """Write a client's session summary (or homework handout) as a PDF.

    A plain PDF holds readable health information: keep it safe, or use
    --encrypt. Examples: securebase report "Robin A." --out robin.pdf;
    securebase report --all --out-dir summaries/
    """
    if every == bool(reference) or (every and not out_dir) or (not every and not out):
        raise click.UsageError("give CLIENT with --out FILE, or --all with --out-dir FOLDER")
    # reportlab and pandas load only when a report is written (fast --help), and
    # while the passphrase is typed.
    vault = context.vault(load_while_typing=REPORT_MODULES)
    from reports.batch import client_period, write_all, write_document
    from reports.handout import handout_pdf
    from reports.summary import gather, render

    end = end.date() if end else today()
    start = start and start.date()
    if every:
        written = write_all(vault, out_dir, start, end, paper=paper, encrypt=encrypt)
        files = [{"client_id": w.client_id, "file": str(w.file)} for w in written]
        text = "\n".join(f"{terminal_safe(w.label)}: {w.file}" for w in written)
        emit(as_json, {"files": files}, text or "No client had activity in the period.")
        return
    client = vault.client(reference)
    if handout:
        pdf = handout_pdf(vault, client.client_id, end, paper, start=start)
    else:
        period = client_period(vault, client.client_id, start, end)
        pdf = render(gather(vault, client.client_id, period, n_entries), paper)
    path = write_document(out, pdf, vault if encrypt else None)
    emit(as_json, {"client_id": client.client_id, "file": str(path), "encrypted": encrypt},
         f"Wrote {path}" + ("" if encrypt else " (plain PDF: keep it safe)"))  # fmt: skip
