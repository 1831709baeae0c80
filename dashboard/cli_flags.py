"""``securebase flags``: list a client's risk flags and mark them reviewed.

Rules: a thin wrapper over ``securebase.flag_store`` / ``flag_review``; the
vault is unlocked by the main CLI's context (``ctx.obj``). Lines name where to
look (an entry's date and field, a check-in's item and answer), never what the
client wrote. A flag is a prompt to look, not an assessment.
"""

from datetime import timedelta

import click

from commandline.terminal import emit, json_option
from dashboard.cli_report import today as cli_today
from securebase.display import terminal_safe


@click.group()
def flags() -> None:
    """Risk flags: where to look, kept until you mark them reviewed."""


@flags.command(name="list")
@click.argument("reference", metavar="CLIENT")
@click.option("--days", default=28, show_default=True, help="Also list reviewed flags and "
              "mentions of items dated, written or received in the last N days.")  # fmt: skip
@json_option
@click.pass_obj
def flags_list(context, reference: str, days: int, as_json: bool) -> None:
    """Open flags (however old) and the last weeks' reviewed flags and mentions."""
    from securebase.analytics.flag_sources import describe_flags  # heavy: only when run
    from securebase.vault_reads import client_frames, period_flags

    vault = context.vault()
    client = vault.client(reference)
    today = cli_today()
    start = today - timedelta(days=max(days, 1) - 1)
    found = period_flags(vault, client.client_id, start, today)
    checkins = client_frames(vault, client.client_id).checkins
    described = describe_flags(found, checkins)
    lines = [f"{terminal_safe(client.label)}: {sum(f['open'] for f in described)} open flag(s)"]
    lines += [_line(flag) for flag in described]
    payload = {
        "client_id": client.client_id,
        "flags": [{**f, "local_date": f["local_date"].isoformat()} for f in described],
    }
    emit(as_json, payload, "\n".join(lines))


def _line(flag: dict) -> str:
    state = "OPEN" if flag["open"] else ("reviewed" if flag["level"] == "flag" else "mention")
    what = flag["category"] or flag["kind"]
    return f"  [{state}] {flag['flag_id']}  {str(what).replace('_', ' ')}: {flag['source_words']}"


@flags.command(name="review")
@click.argument("reference", metavar="CLIENT")
@click.argument("flag_ids", metavar="FLAG...", nargs=-1)
@click.option("--all-open", is_flag=True, help="Mark every open flag of the client reviewed.")
@json_option
@click.pass_obj
def flags_review(context, reference: str, flag_ids: tuple[str, ...], all_open: bool, as_json):
    """Mark flags reviewed (audited). FLAG is the id shown by 'flags list' (its first
    characters are enough when they name one flag)."""
    if bool(flag_ids) == all_open:
        raise click.UsageError("give one or more FLAG ids, or --all-open")
    from securebase.flag_review import review_all_open, review_flags  # heavy: only when run
    from securebase.vault_reads import open_flag_count

    vault = context.vault()
    client = vault.client(reference)
    reviewed = (
        review_all_open(vault, client.client_id)
        if all_open
        else review_flags(vault, client.client_id, list(flag_ids))
    )
    remaining = open_flag_count(vault, client.client_id)
    payload = {"client_id": client.client_id, "reviewed": reviewed, "open": remaining}
    emit(as_json, payload, f"Marked {len(reviewed)} flagged item(s) reviewed; {remaining} open.")
