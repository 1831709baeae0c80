"""The therapist's command line, ``securebase``.

Rules: commands are thin wrappers over the core; core errors become words
only in ``securebase.messages.run_guarded`` (called by ``main``); tracebacks
only with ``--debug``. Commands that report a result take ``--json`` and
then print exactly one JSON object. The dashboard binds to 127.0.0.1.
Modules that load pydantic, pandas, reportlab or pyrage are imported inside
the commands that use them, so ``securebase --help`` answers at once
(``bench/bench_startup.py`` measures it).
"""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import sys
import tempfile
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commandline import terminal
from commandline.terminal import announce_address, emit, json_option, localserver_options, url_host
from dashboard.cli_flags import flags
from dashboard.cli_homework import homework
from dashboard.cli_measures import client_measures_command
from dashboard.cli_report import report
from dashboard.cli_settings import crisis
from securebase import __version__, limits, localserver
from securebase.display import terminal_safe
from securebase.environment import (
    TODAY_VARIABLE,
    VAULT_VARIABLE,
    WORK_FACTOR_VARIABLE,
)
from securebase.localserver import LOOPBACK
from securebase.messages import run_guarded

if TYPE_CHECKING:
    from securebase.vault import Vault

APP_PATH = Path(__file__).resolve().parent / "streamlit_app.py"
DEFAULT_PORT = 8501


class Context:
    def __init__(self, vault_path: Path):
        self.vault_path = vault_path
        self._vault: Vault | None = None

    def vault(self, *, load_while_typing: tuple[str, ...] = ()) -> Vault:
        """The unlocked vault. The vault's modules and ``load_while_typing`` are imported
        in the background while the passphrase is typed (scrypt then runs alone)."""
        if self._vault is None:
            loading = preload(("securebase.vault", *load_while_typing))
            passphrase = read_passphrase()
            loading.join()
            from securebase.vault import Vault

            self._vault = Vault.unlock(self.vault_path, passphrase)
        return self._vault


def preload(modules: tuple[str, ...]) -> threading.Thread:
    """Import ``modules`` in a background thread; a failure is left for the real import
    to raise, in the main thread, with its own message."""

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # raised again by the real import, where it is used
                return

    thread = threading.Thread(target=load, name="securebase-preload", daemon=True)
    thread.start()
    return thread


pass_context = click.make_pass_decorator(Context)


def read_passphrase(confirm: bool = False, known_words: tuple[str, ...] = ()) -> str:
    return terminal.read_passphrase("Vault passphrase", confirm=confirm, known_words=known_words)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
@click.option(
    "--vault",
    "vault_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="Vault folder (default: $SECUREBASE_VAULT or your user data folder).",
)
@click.version_option(__version__, prog_name="securebase")
@click.pass_context
def cli(ctx: click.Context, debug: bool, vault_path: Path | None) -> None:
    """SecureBase for therapists: import encrypted client journals, review
    trends, assign homework and print session summaries."""
    from securebase.vault import default_vault_path

    ctx.obj = Context(default_vault_path(vault_path))


# -- vault ------------------------------------------------------------------


@cli.group()
def vault() -> None:
    """Create, export or rebuild your encrypted vault."""


@vault.command(name="init")
@click.option(
    "--name",
    "therapist_name",
    default="Your therapist",
    show_default=True,
    help="How clients see you in their journal (e.g. Dr. Rivera).",
)
@json_option
@pass_context
def vault_init(context: Context, therapist_name: str, as_json: bool) -> None:
    """Create a new vault, protected by a passphrase you choose."""
    from securebase.vault import Vault

    passphrase = read_passphrase(confirm=True, known_words=(therapist_name,))
    created = Vault.create(context.vault_path, passphrase, therapist_name)
    keys = created.identity.public
    emit(
        as_json,
        {
            "vault": str(created.path),
            "recipient": keys.age_recipient,
            "fingerprint": keys.fingerprint,
        },
        f"Vault created in {created.path}.\n"
        f"Your signing fingerprint (clients confirm it with you): {keys.fingerprint}\n"
        "Keep your passphrase safe: without it the vault cannot be opened.",
    )


@vault.command(name="export")
@click.option("--format", "file_format", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write into (it will hold readable health information).",
)
@json_option
@pass_context
def vault_export(context: Context, file_format: str, out_dir: Path, as_json: bool) -> None:
    """Write everything as plain CSV or JSON files for other software.

    The files are NOT encrypted: keep them somewhere safe and delete them
    when you are done.
    """
    from securebase.vault_export import export_vault

    written = export_vault(context.vault(), out_dir, file_format)
    emit(
        as_json,
        {"format": file_format, "files": [str(path) for path in written]},
        "\n".join(str(path) for path in written)
        + "\nThese files are not encrypted; delete them when you no longer need them.",
    )


@vault.command(name="rebuild")
@json_option
@pass_context
def vault_rebuild(context: Context, as_json: bool) -> None:
    """Recreate every received entry from the stored export files."""
    from dashboard.cli_output import import_report
    from securebase.importer import rebuild

    report = import_report(rebuild(context.vault()))
    emit(as_json, report.payload, report.text)


# -- clients ----------------------------------------------------------------


@cli.group()
def client() -> None:
    """Add clients and manage their keys."""


@client.command(name="add")
@click.argument("label")
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the invitation sheet (QR code, code, fingerprint, set-up steps) here.",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@json_option
@pass_context
def client_add(
    context: Context, label: str, pdf_path: Path | None, paper: str, as_json: bool
) -> None:
    """Add a client and print the invitation code to give them."""
    vault_ = context.vault()
    added, code = vault_.add_client(label)
    fingerprint = vault_.identity.public.fingerprint
    link = vault_.invitation_link(code)
    payload = {"client_id": added.client_id, "label": added.label, "invitation": code}
    if link:
        payload["link"] = link
    if pdf_path is not None:
        from reports.batch import write_document
        from reports.invitation import invitation_pdf

        sheet = invitation_pdf(
            code, added.label, vault_.therapist_name, fingerprint, date.today(), paper, link
        )
        payload["pdf"] = str(write_document(pdf_path, sheet))
    emit(
        as_json,
        payload,
        f"Added {terminal_safe(added.label)} ({added.client_id}).\n"
        f"Invitation code, to give the client in session:\n{code}\n"
        + (f"Link that opens their web journal with it:\n{link}\n" if link else "")
        + f"Your fingerprint, for them to confirm: {fingerprint}"
        + (f"\nInvitation sheet: {payload['pdf']}" if pdf_path else ""),
    )


@client.command(name="list")
@click.option("--all", "include_archived", is_flag=True, help="Include archived clients.")
@json_option
@pass_context
def client_list(context: Context, include_archived: bool, as_json: bool) -> None:
    """Show clients with their last import, entries and key fingerprint."""
    from dashboard.cli_output import client_json, client_line

    clients = context.vault().clients(include_archived=include_archived)
    emit(
        as_json,
        {"clients": [client_json(c) for c in clients]},
        "\n".join(client_line(c) for c in clients) or "No clients yet: securebase client add NAME",
    )


@client.command(name="archive")
@click.argument("reference", metavar="CLIENT")
@json_option
@pass_context
def client_archive(context: Context, reference: str, as_json: bool) -> None:
    """Archive a client: their data is kept; imports wait until they are restored."""
    from dashboard.cli_output import client_json

    changed = context.vault().set_archived(reference, True)
    emit(as_json, client_json(changed), f"Archived {terminal_safe(changed.label)}.")


@client.command(name="restore")
@click.argument("reference", metavar="CLIENT")
@json_option
@pass_context
def client_restore(context: Context, reference: str, as_json: bool) -> None:
    """Restore an archived client."""
    from dashboard.cli_output import client_json

    changed = context.vault().set_archived(reference, False)
    emit(as_json, client_json(changed), f"Restored {terminal_safe(changed.label)}.")


@client.command(name="accept-key")
@click.argument("reference", metavar="CLIENT")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@pass_context
def client_accept_key(context: Context, reference: str, yes: bool, as_json: bool) -> None:
    """Accept a client's new key, after checking its fingerprint with them."""
    from dashboard.cli_output import client_json

    vault_ = context.vault()
    found = vault_.client(reference)
    if not yes and found.pending_signing_key:
        click.echo(f"New key fingerprint: {found.pending_fingerprint}")
        click.confirm("Has the client confirmed this fingerprint with you?", abort=True)
    changed = vault_.accept_key(reference)
    emit(as_json, client_json(changed), f"Key accepted: {changed.key_fingerprint}")


@client.command(name="confirm")
@click.argument("reference", metavar="CLIENT")
@click.argument("fingerprint", metavar="FINGERPRINT")
@json_option
@pass_context
def client_confirm(context: Context, reference: str, fingerprint: str, as_json: bool) -> None:
    """Confirm a client's key: type the code their journal shows them (e.g. ABCD-EFGH-...).

    Until then their exports are marked unconfirmed and no homework pack is
    sealed to them. If two devices answered the invitation, the code you type
    decides which one is the client; what the other one sent is removed.
    """
    from dashboard.cli_output import client_json

    changed = context.vault().confirm_key(reference, fingerprint)
    emit(
        as_json,
        client_json(changed),
        f"Key confirmed for {terminal_safe(changed.label)}: {changed.key_fingerprint}",
    )


# -- import -----------------------------------------------------------------


@cli.group()
def settings() -> None:
    """Settings kept in the vault."""


@settings.command(name="journal-url")
@click.argument("address", required=False)
@json_option
@pass_context
def settings_journal_url(context: Context, address: str | None, as_json: bool) -> None:
    """Show or set where the practice's web journal is hosted (invitation links use it)."""
    vault_ = context.vault()
    current = vault_.set_journal_url(address) if address else vault_.journal_url
    emit(
        as_json,
        {"journal_url": current},
        f"Web journal address: {terminal_safe(current)}"
        if current
        else "No web journal address set. Set one with: securebase settings journal-url URL",
    )


@cli.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@json_option
@pass_context
def import_command(context: Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Import client exports (.age files). Safe to repeat: nothing is duplicated.

    Exits with status 1 when any file was refused (each one says why).
    """
    from dashboard.cli_output import import_report
    from securebase.importer import import_files

    results = import_files(context.vault(), [(str(path), read_limited(path)) for path in files])
    report = import_report(results)
    emit(as_json, report.payload, report.text)
    if report.refused:
        sys.exit(1)


def read_limited(path: Path) -> bytes:
    """At most one byte over the limit, so an oversized file is refused unread."""
    with open(path, "rb") as handle:
        return handle.read(limits.MAX_SEALED_BYTES + 1)


# -- review -----------------------------------------------------------------


@cli.command()
@click.argument("reference", metavar="CLIENT")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option(
    "--until", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: today)."
)
@json_option
@pass_context
def brief(context: Context, reference: str, start, end, as_json: bool) -> None:
    """The session brief: flags first, then what moved since the last session."""
    from securebase.analytics.brief import client_brief
    from securebase.presentation.brief_words import figure_sentences, flag_sentence

    vault_ = context.vault()
    client_ = vault_.client(reference)
    result = client_brief(vault_, client_.client_id, start and start.date(), end and end.date())
    header = f"{terminal_safe(client_.label)}: {result.period.start} to {result.period.end}"
    lines = [*map(flag_sentence, result.flags), *figure_sentences(result)]
    emit(as_json, result.as_json(), "\n".join([header, *lines]))


# -- dashboard --------------------------------------------------------------


@cli.command(name="dashboard")
@click.option("--port", default=DEFAULT_PORT, show_default=True, help="Port on 127.0.0.1.")
@localserver_options
@click.option(
    "--vault",
    "vault_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Vault folder (default: the one given before the command, $SECUREBASE_VAULT, "
    "or your user data folder). Without a vault there, the dashboard offers to create one.",
)
@pass_context
def dashboard_command(
    context: Context, port: int, address: str, allow_network: bool, vault_path: Path | None
) -> None:
    """Serve the dashboard on 127.0.0.1 (this computer only) and print its address."""
    announce_address(address, allow_network)
    chosen = (vault_path or context.vault_path).expanduser().resolve()
    # A real vault never shows the demo passphrase hint, whatever the environment says.
    env = {VAULT_VARIABLE: str(chosen), "SECUREBASE_DEMO": "0"}
    raise SystemExit(serve(port, env, address))


@cli.command()
@click.option("--port", default=DEFAULT_PORT, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Demo data folder (default: the bundled synthetic clients).",
)
def demo(port: int, data_dir: Path | None) -> None:
    """Open the dashboard on a fresh demo vault of synthetic clients (no real data).

    The vault is built in a new temporary folder from the bundled demo
    exports and deleted when the dashboard stops. Its passphrase is published.
    """
    from securebase.demo import (
        DEMO_VAULT_PASSPHRASE,
        DEMO_WORK_FACTOR,
        build_demo_vault,
        demo_folder,
        demo_last_day,
    )

    demo_dir = data_dir or demo_folder()
    folder = Path(tempfile.mkdtemp(prefix="securebase-demo-"))
    # Stopped with SIGTERM (as by a test or a service manager): still clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with _environment(WORK_FACTOR_VARIABLE, str(DEMO_WORK_FACTOR)):
            build_demo_on_its_day(folder / "vault", demo_dir, build_demo_vault)
        click.echo(f"Demo vault: {folder / 'vault'}")
        click.echo(f"Demo passphrase (published, demo only): {DEMO_VAULT_PASSPHRASE}")
        env = {
            VAULT_VARIABLE: str(folder / "vault"),
            "SECUREBASE_DEMO": "1",
            TODAY_VARIABLE: demo_last_day(demo_dir).isoformat(),
        }
        code = serve(port, env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    raise SystemExit(code)


def build_demo_on_its_day(folder: Path, demo_dir: Path, build) -> None:
    """``build(folder, demo_dir)`` with the clock pinned to the demo's last day, the day the
    dashboard then shows it as of: imports and key checks are dated that day too, not on
    the real day the demo happens to be built ("as of 22 Nov" beside "Last import 03 Dec")."""
    from securebase.demo import demo_last_day

    with _environment(TODAY_VARIABLE, demo_last_day(demo_dir).isoformat()):
        build(folder, demo_dir)


@contextmanager
def _environment(name: str, value: str):
    """Set an environment variable for the duration of a block (unless already set)."""
    before = os.environ.get(name)
    os.environ.setdefault(name, value)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)


def serve(port: int, extra_env: dict[str, str], address: str = LOOPBACK) -> int:
    click.echo(f"SecureBase dashboard: http://{url_host(address)}:{port}  (Ctrl+C to stop)")
    return localserver.serve(APP_PATH, port, extra_env, address)


client.add_command(client_measures_command)
cli.add_command(flags)
cli.add_command(homework)
cli.add_command(report)
settings.add_command(crisis)


def main() -> None:
    run_guarded(cli, sys.argv[1:])
