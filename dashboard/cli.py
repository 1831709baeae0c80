"""The therapist's command line, ``securebase``.

Rules: commands are thin wrappers over the core; core errors become words
only in ``securebase.messages.run_guarded`` (called by ``main``); tracebacks
only with ``--debug``. The dashboard server always binds to 127.0.0.1.
"""

import sys
from pathlib import Path

import click

from securebase import __version__, localserver
from securebase.localserver import LOOPBACK
from securebase.messages import run_guarded

APP_PATH = Path(__file__).resolve().parent / "streamlit_app.py"
DEFAULT_PORT = 8501


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
@click.version_option(__version__, prog_name="securebase")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """SecureBase for therapists: import encrypted client journals, review
    trends, assign homework and print session summaries."""
    ctx.obj = {"debug": debug}


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
    """Open the dashboard on synthetic demo clients (no real data)."""
    from sample_data.roster import DEMO_DIR

    env = {"SECUREBASE_DEMO_DIR": str(data_dir or DEMO_DIR)}
    raise SystemExit(serve(port, env))


def serve(port: int, extra_env: dict[str, str]) -> int:
    click.echo(f"SecureBase dashboard: http://{LOOPBACK}:{port}  (Ctrl+C to stop)")
    return localserver.serve(APP_PATH, port, extra_env)


def main() -> None:
    run_guarded(cli, sys.argv[1:])
