"""A therapist vault holding the demo caseload, built from the committed demo files.

``build_demo_vault(folder)`` creates a vault with the demo therapist's
identity, adds the four demo clients (with their ids from the roster), their
homework assignments and session notes, and imports every weekly export
through the real importer, so the demo exercises the same path as real use;
then it confirms each client's key by the fingerprint in the roster, as a
therapist does in a first session.
The vault passphrase is published (``sample_data/README.md``): demo only.
"""

import json
from datetime import date
from pathlib import Path

from sample_data.keys import DEMO_THERAPIST_PASSPHRASE
from sample_data.roster import DEMO_DIR, demo_therapist
from securebase.importer import import_files
from securebase.therapist_records import add_assignment, add_session_note
from securebase.vault import Vault

DEMO_VAULT_PASSPHRASE = DEMO_THERAPIST_PASSPHRASE


def build_demo_vault(folder: Path, demo_dir: Path = DEMO_DIR) -> Vault:
    roster = json.loads((demo_dir / "therapist.json").read_text(encoding="utf-8"))
    vault = Vault.create(
        folder,
        DEMO_VAULT_PASSPHRASE,
        roster["therapist"]["display_name"],
        identity=demo_therapist(demo_dir),
    )
    for client in roster["clients"]:
        _add_client(vault, client)
    exports = sorted(demo_dir.glob("*/exports/*.age"))
    results = import_files(vault, [(path.name, path.read_bytes()) for path in exports])
    refused = [result.file for result in results if result.status != "imported"]
    if refused:
        raise RuntimeError(f"demo exports were refused: {refused}")
    for client in roster["clients"]:  # as in each client's first session
        vault.confirm_key(client["client_id"], client["fingerprint"])
    return vault


def _add_client(vault: Vault, client: dict) -> None:
    vault.add_client(client["label"], client_id=client["client_id"])
    for plan in client["assignments"]:
        add_assignment(
            vault,
            client["client_id"],
            plan["exercise"],
            times=plan["times"],
            per=plan["per"],
            starts=date.fromisoformat(plan["from"]),
            ends=date.fromisoformat(plan["until"]) if plan["until"] else None,
            note=plan["note"],
            assignment_id=plan["assignment_id"],
        )
    for note in client["session_notes"]:
        add_session_note(vault, client["client_id"], date.fromisoformat(note["date"]), note["text"])
