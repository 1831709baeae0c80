"""``securebase client measures``: which questionnaires a client is asked between sessions.

Rules: a thin wrapper over ``securebase.client_measures``; the choice reaches the
client in the next homework pack (``securebase homework pack``).
"""

import click

from commandline.terminal import emit, json_option
from securebase.display import terminal_safe
from securebase.measures import MEASURES
from securebase.vocabulary import MeasureKey


@click.command(name="measures")
@click.argument("reference", metavar="CLIENT")
@click.argument("keys", metavar="[MEASURE]...", nargs=-1)
@json_option
@click.pass_obj
def client_measures_command(context, reference: str, keys: tuple[str, ...], as_json: bool):
    """Show, or choose, the questionnaires a client is asked: gad7, phq9, phq8 (the PHQ-9
    without item 9, where its answers cannot be watched between sessions). The choice
    travels in the next homework pack."""
    from securebase.client_measures import set_client_measures
    from securebase.vault_reads import client_measures

    vault = context.vault()
    client = vault.client(reference)
    chosen = (
        set_client_measures(vault, client.client_id, keys)
        if keys
        else client_measures(vault, client.client_id)
    )
    titles = ", ".join(MEASURES[MeasureKey(key)].title for key in chosen)
    verb = "now asked" if keys else "asked"
    after = " (from the next homework pack)" if keys else ""
    emit(
        as_json,
        {"client_id": client.client_id, "measures": list(chosen)},
        f"{terminal_safe(client.label)} is {verb}: {titles}{after}.",
    )
