"""The demo vault: the one door front ends use to the synthetic demo caseload.

``build_demo_vault(folder)`` creates a vault with the demo therapist's
identity, adds the demo clients (with their ids from the roster), their
homework assignments and session notes, and imports every weekly export
through the real importer, so the demo exercises the same path as real use;
then it confirms each client's key by the fingerprint in the roster, as a
therapist does in a first session.

Rules: the demo data is synthetic and its keys and passphrases are published
(``sample_data/README.md``): demo only, never for real data. The committed
demo files are package data of ``sample_data``, read here as files (the
generator that writes them is never imported: the core depends on no other
package of this project). Front ends (``securebase demo``, the dashboard's
unlock page) ask this module, and import nothing from ``sample_data``.
"""

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from securebase.identity import Identity, load_identity

if TYPE_CHECKING:  # the builder's modules load pandas: imported when a demo is built
    from securebase.vault import Vault

#: The demo vault's passphrase (and the demo therapist identity file's): published.
DEMO_VAULT_PASSPHRASE = "demo-therapist-passphrase"  # noqa: S105 - published demo secret
#: scrypt work factor (log2 N) of the demo's identity files, so the demo opens at once.
DEMO_WORK_FACTOR = 12
THERAPIST_IDENTITY_FILE = "therapist.identity.age"
ROSTER_FILE = "therapist.json"


def demo_folder() -> Path:
    """The committed demo data (``sample_data/demo/``, shipped as package data)."""
    return Path(str(resources.files("sample_data").joinpath("demo")))


def demo_therapist(demo_dir: Path) -> Identity:
    """The demo therapist's identity, unlocked with its published passphrase."""
    return load_identity(demo_dir / THERAPIST_IDENTITY_FILE, DEMO_VAULT_PASSPHRASE)


def demo_last_day(demo_dir: Path | None = None) -> date:
    """The demo's last day: the dashboard shows the demo as of this day."""
    return date.fromisoformat(_roster(demo_dir or demo_folder())["end"])


def build_demo_vault(folder: Path, demo_dir: Path | None = None) -> "Vault":
    """A new vault in ``folder`` holding the demo caseload (module docstring)."""
    from securebase.importer import import_files
    from securebase.vault import Vault

    demo_dir = demo_dir or demo_folder()
    roster = _roster(demo_dir)
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


def _roster(demo_dir: Path) -> dict:
    return json.loads((demo_dir / ROSTER_FILE).read_text(encoding="utf-8"))


def _add_client(vault: "Vault", client: dict) -> None:
    from securebase.therapist_records import add_assignment, add_session_note

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
