"""Command-line pieces both command lines share (the client's and the therapist's).

Rules: a passphrase comes from ``SECUREBASE_PASSPHRASE`` when set, else from
a hidden prompt (a new one is asked twice and must be long enough); a
command with ``--json`` prints exactly one JSON object and nothing else.
"""

import json

import click

from securebase.environment import passphrase_from_environment

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


def emit(as_json: bool, payload: dict, text: str) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False) if as_json else text)


def read_passphrase(
    prompt: str, *, min_chars: int, confirm: bool = False, advice: str | None = None
) -> str:
    """The passphrase from the environment, or typed (twice and long enough when new)."""
    from_environment = passphrase_from_environment()
    if from_environment:
        return from_environment
    if confirm and advice:
        click.echo(advice)
    while True:
        passphrase = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
        if not confirm or len(passphrase) >= min_chars:
            return passphrase
        click.echo(f"Please use at least {min_chars} characters.")
