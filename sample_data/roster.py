"""A quick overview of the committed demo data, for the placeholder dashboard.

Unlocks the demo therapist's identity with its published demo passphrase,
opens every sealed export below the demo folder (verified: the right kind,
signed by the client key pinned in ``therapist.json``) and summarises each
client. Exports are matched to clients by ``client_id`` and signer, never by
folder name. Entries are counted once per id at their latest revision;
tombstones remove them, as the importer does.
"""

import json
from pathlib import Path

from sample_data.keys import DEMO_THERAPIST_PASSPHRASE, THERAPIST_IDENTITY_FILE
from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.identity import Identity, load_identity
from securebase.journal import FORMAT_LABEL, ExportDocument

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def demo_therapist(demo_dir: Path) -> Identity:
    return load_identity(demo_dir / THERAPIST_IDENTITY_FILE, DEMO_THERAPIST_PASSPHRASE)


def open_demo_exports(demo_dir: Path) -> list[tuple[bytes, ExportDocument]]:
    """Every sealed export below ``demo_dir``, verified and parsed: (signer, document)."""
    therapist = demo_therapist(demo_dir)
    opened = []
    for path in sorted(demo_dir.glob("*/exports/*.age")):
        unsealed = open_sealed(path.read_bytes(), therapist, expected_kind=FORMAT_LABEL)
        opened.append((unsealed.signer, parse_export(unsealed.document)))
    return opened


def demo_overview(demo_dir: Path) -> list[dict]:
    """One summary row per demo client, in roster order."""
    roster = json.loads((demo_dir / "therapist.json").read_text(encoding="utf-8"))
    opened = open_demo_exports(demo_dir)
    return [_summarise(client, opened) for client in roster["clients"]]


def _summarise(client: dict, opened: list[tuple[bytes, ExportDocument]]) -> dict:
    pinned = bytes.fromhex(client["signing_key"])
    mine = [
        doc
        for signer, doc in opened
        if str(doc.client_id) == client["client_id"] and signer == pinned
    ]
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
