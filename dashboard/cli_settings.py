"""``securebase settings crisis``: the crisis resources clients receive.

Every client's tool shows them with urgent help (``securebase.crisis``). They
reach a client signed, in the next homework pack; until a client has one,
their tool shows the defaults. The group is added to ``settings`` in
``dashboard.cli``. ``securebase.crisis`` (pydantic models) is imported inside
the commands, so ``securebase --help`` stays fast.
"""

import json

import click

from commandline.terminal import emit, json_option
from securebase.display import terminal_safe
from securebase.errors import InvalidCrisisResources

pass_vault_context = click.pass_obj
REACH = (
    "Clients receive this list in their next homework pack ('securebase homework pack'); "
    "until then their journal shows the defaults."
)


@click.group()
def crisis() -> None:
    """The crisis resources clients see with urgent help."""


def _lines(resources, own: bool) -> str:
    heading = "Your crisis resources:" if own else "Crisis resources (the defaults):"
    items = []
    for r in resources:
        items.append(f"- {terminal_safe(r.name)}: {terminal_safe(r.contact)}")
        if r.source:
            items.append(f"  source: {terminal_safe(r.source)}")
    return "\n".join([heading, *items])


@crisis.command(name="show")
@json_option
@pass_vault_context
def crisis_show(context, as_json: bool) -> None:
    """Show the list clients receive."""
    from securebase.crisis import crisis_resources, has_own_resources, resources_json

    vault = context.vault()
    resources, own = crisis_resources(vault), has_own_resources(vault)
    emit(as_json, {"own": own, "resources": resources_json(resources)}, _lines(resources, own))


@crisis.command(name="set")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@json_option
@pass_vault_context
def crisis_set(context, file, as_json: bool) -> None:
    """Replace the list with the one in FILE (JSON; - for stdin): a list of objects with
    "name" and "contact", and optionally "source" (kept for you, not sent)."""
    from securebase.crisis import resources_json, set_crisis_resources

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
    from securebase.crisis import reset_crisis_resources, resources_json

    resources = reset_crisis_resources(context.vault())
    emit(
        as_json,
        {"own": False, "resources": resources_json(resources)},
        f"{_lines(resources, False)}\n{REACH}",
    )
