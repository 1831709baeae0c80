"""``securebase settings``: settings kept in the vault that clients receive.

``settings crisis``: the crisis resources every client's tool shows with urgent
help (``securebase.crisis``). They reach a client signed, in the next homework
pack; until a client has one, their tool shows the defaults.
"""

import json

import click

from clienttools.terminal import emit, json_option
from securebase.crisis import (
    crisis_resources,
    has_own_resources,
    reset_crisis_resources,
    resources_json,
    set_crisis_resources,
)
from securebase.display import terminal_safe
from securebase.errors import InvalidCrisisResources

pass_vault_context = click.pass_obj
REACH = (
    "Clients receive this list in their next homework pack ('securebase homework pack'); "
    "until then their journal shows the defaults."
)


@click.group()
def settings() -> None:
    """Settings your clients receive (crisis resources)."""


@settings.group()
def crisis() -> None:
    """The crisis resources clients see with urgent help."""


def _lines(resources, own: bool) -> str:
    heading = "Your crisis resources:" if own else "Crisis resources (the defaults):"
    items = []
    for r in resources:
        items.append(f"- {terminal_safe(r.name)}: {terminal_safe(r.contact)}")
        extra = (r.note, r.source and f"source: {r.source}")
        items += [f"  {terminal_safe(text)}" for text in extra if text]
    return "\n".join([heading, *items])


@crisis.command(name="show")
@json_option
@pass_vault_context
def crisis_show(context, as_json: bool) -> None:
    """Show the list clients receive."""
    vault = context.vault()
    resources, own = crisis_resources(vault), has_own_resources(vault)
    emit(as_json, {"own": own, "resources": resources_json(resources)}, _lines(resources, own))


@crisis.command(name="set")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@json_option
@pass_vault_context
def crisis_set(context, file, as_json: bool) -> None:
    """Replace the list with the one in FILE (JSON; - for stdin): a list of objects with
    "name" and "contact", and optionally "note" and "source"."""
    try:
        value = json.loads(file.read())
    except ValueError:
        raise InvalidCrisisResources() from None
    resources = set_crisis_resources(context.vault(), value)
    emit(
        as_json,
        {"own": True, "resources": resources_json(resources)},
        f"{_lines(resources, True)}\n{REACH}",
    )


@crisis.command(name="reset")
@json_option
@pass_vault_context
def crisis_reset(context, as_json: bool) -> None:
    """Go back to the default list."""
    resources = reset_crisis_resources(context.vault())
    emit(
        as_json,
        {"own": False, "resources": resources_json(resources)},
        f"{_lines(resources, False)}\n{REACH}",
    )
