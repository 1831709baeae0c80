"""A quick overview of the committed demo data, for the placeholder dashboard.

Reads ``therapist.json`` and every export document below the demo folder,
and summarises each client. Exports are matched to clients by ``client_id``,
never by folder name. Entries are counted once per id at their latest
revision; tombstones remove them, as the importer will.
"""

import json
from pathlib import Path

from securebase.documents import parse_export

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def demo_overview(demo_dir: Path) -> list[dict]:
    """One summary row per demo client, in roster order."""
    roster = json.loads((demo_dir / "therapist.json").read_text(encoding="utf-8"))
    documents = [parse_export(path.read_bytes()) for path in sorted(demo_dir.glob("*/*.json"))]
    return [_summarise(client, documents) for client in roster["clients"]]


def _summarise(client: dict, documents: list) -> dict:
    mine = [doc for doc in documents if str(doc.client_id) == client["client_id"]]
    latest: dict = {}
    for doc in sorted(mine, key=lambda d: d.sequence):
        for entry in doc.entries:
            if entry.id not in latest or entry.revision > latest[entry.id].revision:
                latest[entry.id] = entry
    return {
        "label": client["label"],
        "trajectory": client["trajectory"].replace("_", " "),
        "exports": len(mine),
        "entries": sum(not entry.deleted for entry in latest.values()),
        "first_day": min((doc.period.start for doc in mine), default=None),
        "last_day": max((doc.period.end for doc in mine), default=None),
    }
