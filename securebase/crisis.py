"""Crisis resources: where a client can get urgent help, shown by every client front end.

Rules (DOMAIN.md "Safety", FORMAT.md 5):
- the defaults are data (``data/crisis_resources.json``), each with its source;
- the therapist may replace them with their own list (``set_crisis_resources``,
  audited), kept in the vault's settings; ``reset_crisis_resources`` returns to
  the defaults;
- the list reaches the client **signed**, in every homework pack. The invitation
  is not signed, so it carries none: a code anyone could alter must never
  change where a person in crisis is sent. Until the first pack arrives, the
  client's tools show the defaults;
- a list is 1 to ``MAX_CRISIS_RESOURCES`` resources; each has a name and how to
  reach it (required) and a source (optional, for the therapist: it stays in
  the vault and the defaults file; packs carry only ``PACK_FIELDS``), all short
  plain text. Bad input raises ``InvalidCrisisResources`` and changes nothing.
"""

import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files

from securebase import limits
from securebase.errors import InvalidCrisisResources
from securebase.journal import has_control_characters

SETTING = "crisis_resources"
FIELDS = ("name", "contact", "source")
REQUIRED = ("name", "contact")
PACK_FIELDS = REQUIRED  # what a homework pack carries to the client


@dataclass(frozen=True)
class Resource:
    name: str  # who, and where or when it applies: "Samaritans (UK and Republic of Ireland)"
    contact: str  # how to reach them: "Call 116 123, free from any phone, any time"
    source: str = ""  # where the details come from (defaults always name one)


@cache
def default_resources() -> tuple[Resource, ...]:
    """The built-in list, with sources."""
    data = json.loads(files("securebase").joinpath("data/crisis_resources.json").read_text("utf-8"))
    return parse_resources(data["resources"])


def parse_resources(value: object) -> tuple[Resource, ...]:
    """A validated list from JSON-like data (a list of objects with FIELDS)."""
    if not isinstance(value, list) or not 1 <= len(value) <= limits.MAX_CRISIS_RESOURCES:
        raise InvalidCrisisResources()
    return tuple(_resource(item) for item in value)


def _resource(item: object) -> Resource:
    if not isinstance(item, dict) or not set(item) <= set(FIELDS):
        raise InvalidCrisisResources()
    texts = {name: item.get(name, "") for name in FIELDS}
    for name, text in texts.items():
        if not isinstance(text, str) or len(text) > limits.MAX_SHORT_TEXT_CHARS:
            raise InvalidCrisisResources()
        if has_control_characters(text) or (name in REQUIRED and not text.strip()):
            raise InvalidCrisisResources()
    return Resource(**{name: " ".join(text.split()) for name, text in texts.items()})


def resources_json(resources: tuple[Resource, ...], fields=FIELDS) -> list[dict]:
    return [{k: v for k, v in asdict(r).items() if k in fields} for r in resources]


def crisis_resources(vault) -> tuple[Resource, ...]:
    """The therapist's list if they set one, else the defaults."""
    row = vault.store.db.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    return parse_resources(json.loads(row[0])) if row else default_resources()


def has_own_resources(vault) -> bool:
    row = vault.store.db.execute("SELECT 1 FROM settings WHERE key = ?", (SETTING,)).fetchone()
    return row is not None


def set_crisis_resources(vault, value: object) -> tuple[Resource, ...]:
    """Replace the list (validated first: bad input changes nothing). Audited."""
    resources = parse_resources(value)
    text = json.dumps(resources_json(resources), ensure_ascii=False)
    vault.store.update(
        lambda db: db.execute(
            "INSERT INTO settings VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING, text),
        )
    )
    vault.audit("crisis_resources_set", count=len(resources))
    return resources


def reset_crisis_resources(vault) -> tuple[Resource, ...]:
    """Back to the defaults. Audited."""
    vault.store.update(lambda db: db.execute("DELETE FROM settings WHERE key = ?", (SETTING,)))
    vault.audit("crisis_resources_reset")
    return default_resources()


def panel_lines(resources: tuple[Resource, ...]) -> list[str]:
    """One line per resource for a client's screen: "name: how to reach it"."""
    return [f"{r.name}: {r.contact}" for r in resources]
