"""The client's command line, ``securebase-journal``.

Rules: calm, short wording; core errors become words only in
``securebase.messages.run_guarded`` (called by ``main``).
"""

import sys

import click

from securebase import __version__
from securebase.messages import run_guarded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks for errors.")
@click.version_option(__version__, prog_name="securebase-journal")
def cli(debug: bool) -> None:
    """Your private SecureBase journal: write about the moments that stir up
    worry in your relationship, and send your therapist an encrypted copy.

    Nobody watches this journal as you write. If you are in danger or
    thinking about harming yourself, call your local emergency number now.
    """


def main() -> None:
    run_guarded(cli, sys.argv[1:])
