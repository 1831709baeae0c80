"""Urgent help on the client's screen at the moment of writing.

Rules (DOMAIN.md "Safety"):
- when an entry, a homework log note or a check-in is saved, every text in it
  goes through the risk screen (``securebase.risk_screen``); any match, a
  flag or a mention, and any risk item answered above its minimum (PHQ-9
  item 9), shows the urgent-help panel at once, before "Saved";
- the panel says honestly when the therapist will see it (at the next export)
  and lists the crisis resources from the last signed homework pack, else the
  defaults (``securebase.crisis``);
- what was written is saved first and never changed; the panel never repeats it.
"""

import json
import textwrap

import click

from clienttools.homework_import import CRISIS_RESOURCES
from clienttools.journal import ClientJournal
from securebase.crisis import Resource, default_resources, panel_lines, parse_resources
from securebase.errors import InvalidCrisisResources
from securebase.measures import MEASURES
from securebase.risk_screen import screen

WIDTH = 78  # columns: readable in any terminal
PANEL_TITLE = "If you need help now"
PANEL_OPENING = (
    "What you just wrote may be about something very hard. Thank you for putting it "
    "into words; you do not have to hold it alone."
)
PANEL_HONEST = (
    "Nobody reads this journal as you write. Your therapist will see this when you "
    "send your next export, so please do not wait for them if you need help now."
)
PANEL_ASK = (
    "If you are thinking about suicide or self-harm, or you might be in danger, "
    "please contact one of these now:"
)
PANEL_CLOSING = "If you can, tell someone you trust how you are feeling."


def journal_resources(journal: ClientJournal) -> tuple[Resource, ...]:
    """The list from the last signed homework pack, else the defaults."""
    saved = journal.setting(CRISIS_RESOURCES)
    if saved:
        try:
            return parse_resources(json.loads(saved))
        except (ValueError, InvalidCrisisResources):
            pass  # never withhold help over a damaged setting: fall back to the defaults
    return default_resources()


def texts_in(value) -> list[str]:
    """Every string in a saved record (entry, log, ...) as its JSON, recursively.

    Ids, dates and vocabulary keys are strings too; they never match the screen,
    and reading everything means no free-text field can be forgotten."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for part in value.values() for text in texts_in(part)]
    if isinstance(value, list | tuple):
        return [text for part in value for text in texts_in(part)]
    return []


def text_needs_help(texts: list[str]) -> bool:
    return any(screen(text) for text in texts)


def answers_need_help(measure: str, answers: list[int]) -> bool:
    """A risk item (e.g. PHQ-9 item 9) answered above its minimum."""
    spec = MEASURES.get(measure)
    return spec is not None and any(answers[n - 1] > spec.item_min for n in spec.risk_items)


def panel(resources: tuple[Resource, ...]) -> str:
    """The panel as terminal text, wrapped to ``WIDTH`` columns."""
    rule = "-" * len(PANEL_TITLE)
    paragraphs = [textwrap.fill(p, WIDTH) for p in (PANEL_OPENING, PANEL_HONEST, PANEL_ASK)]
    items = [_item(line) for line in panel_lines(resources)]
    parts = [PANEL_TITLE, rule, paragraphs[0], "", paragraphs[1], "", paragraphs[2], *items]
    return "\n".join([*parts, "", textwrap.fill(PANEL_CLOSING, WIDTH), ""])


def _item(text: str) -> str:
    """``  - name: contact``, wrapped with a hanging indent."""
    return textwrap.fill(text, WIDTH, initial_indent="  - ", subsequent_indent="    ")


def needs_help(saved, *, answers=None) -> bool:
    """True if ``saved`` (a record or a list of them; a check-in with ``answers``) needs
    the panel: any text the screen matches, or a risk item above its minimum."""
    records = saved if isinstance(saved, list | tuple) else [saved]
    dumped = [r.model_dump(mode="json") if hasattr(r, "model_dump") else r for r in records]
    if text_needs_help(texts_in(dumped)):
        return True
    return answers is not None and answers_need_help(str(getattr(saved, "measure", "")), answers)


def after_save(journal: ClientJournal, saved, as_json: bool, *, answers=None) -> dict:
    """Show the panel if ``saved`` needs it (``needs_help``).

    Call it after saving and before saying "Saved": in a terminal the panel comes
    first; with ``--json`` it goes to stderr and the JSON says ``urgent_help``."""
    if not needs_help(saved, answers=answers):
        return {}
    click.echo(panel(journal_resources(journal)), err=as_json)
    return {"urgent_help": True}


def panel_lines_default() -> list[str]:
    """The default resources as lines, for screens shown before the journal is open
    (set-up, ``help urgent``): the therapist's list lives inside the locked journal."""
    return [
        "Where to reach someone now:",
        *(f"  - {line}" for line in panel_lines(default_resources())),
    ]
