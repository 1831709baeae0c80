"""Terminal pieces both command lines share (the client's and the therapist's).

Rules: a passphrase comes from ``SECUREBASE_PASSPHRASE`` when set, else from
a hidden prompt (a new one is asked twice and must be long enough); a
command with ``--json`` prints exactly one JSON object and nothing else.
"""

import click

from securebase import localserver
from securebase.display import terminal_json
from securebase.environment import passphrase_from_environment
from securebase.messages import CATALOGUE, NETWORK_WARNING
from securebase.passphrase_rules import check_new_passphrase, estimate

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")


def localserver_options(command):
    """``--address`` (loopback unless ``--allow-network``) for commands that start a server."""
    command = click.option(
        "--allow-network",
        is_flag=True,
        help="Allow an --address that other computers can reach (prints a warning).",
    )(command)
    return click.option(
        "--address",
        default=localserver.LOOPBACK,
        show_default=True,
        help="Address to listen on; only loopback addresses unless --allow-network.",
    )(command)


def announce_address(address: str, allow_network: bool) -> None:
    """Refuse a non-loopback address (a core error) unless allowed; warn when allowed."""
    if localserver.check_address(address, allow_network=allow_network):
        click.echo(NETWORK_WARNING.format(address=address), err=True)


def url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def emit(as_json: bool, payload: dict, text: str) -> None:
    click.echo(terminal_json(payload) if as_json else text)


def read_passphrase(
    prompt: str,
    *,
    confirm: bool = False,
    advice: str | None = None,
    known_words: tuple[str, ...] = (),
) -> str:
    """The passphrase from the environment, or typed (twice and strong enough when new).

    A new passphrase follows ``securebase.passphrase_rules`` whichever way it
    comes: from ``SECUREBASE_PASSPHRASE`` a weak one is refused (a core error),
    typed it is explained and asked for again.
    """
    from_environment = passphrase_from_environment()
    if from_environment:
        if confirm:
            check_new_passphrase(from_environment, known_words)
        return from_environment
    if confirm and advice:
        click.echo(advice)
    while True:
        passphrase = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
        if not confirm or estimate(passphrase, known_words).acceptable:
            return passphrase
        refusal = CATALOGUE["weak_passphrase"]
        click.echo(f"{refusal.text}\n{refusal.hint}")
