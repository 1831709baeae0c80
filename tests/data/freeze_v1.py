"""Make the frozen version-1 fixtures in tests/data/v1 (run once, then never again).

The files this writes are a promise: every future SecureBase must open them.
It refuses to overwrite anything; to freeze a future version, copy this
script to ``freeze_v2.py`` and write into ``tests/data/v2``.
"""

import hashlib
import json
import sys
import uuid
from datetime import date
from pathlib import Path

from securebase.envelope import seal
from securebase.identity import Identity, save_identity
from securebase.invitation import Invitation
from tests.builders import valid_document

HERE = Path(__file__).resolve().parent / "v1"
PASSPHRASE = "fixture passphrase"


def main() -> int:
    if any(HERE.iterdir()):
        sys.exit(f"{HERE} is frozen; refusing to overwrite it")
    therapist, client = Identity.generate(), Identity.generate()
    document = json.dumps(valid_document(), indent=2).encode()
    save_identity(therapist, HERE / "therapist.identity.age", PASSPHRASE, work_factor=10)
    save_identity(client, HERE / "client.identity.age", PASSPHRASE, work_factor=10)
    kind = "securebase/journal-export"
    (HERE / "export.age").write_bytes(seal(document, client, [therapist.recipient], kind=kind))
    (HERE / "export.armored.age").write_bytes(
        seal(document, client, [therapist.recipient], kind=kind, armored=True)
    )
    (HERE / "export.json").write_bytes(document)
    invitation = Invitation(
        therapist.public, uuid.uuid4(), "Dr. Fixture · Room 2", date(2026, 11, 23)
    )
    (HERE / "invitation.txt").write_text(invitation.encode() + "\n")
    manifest = {
        "passphrase": PASSPHRASE,
        "kind": kind,
        "therapist_recipient": therapist.recipient,
        "therapist_signing_key": therapist.public.signing_key.hex(),
        "client_recipient": client.recipient,
        "client_signing_key": client.public.signing_key.hex(),
        "client_fingerprint": client.public.fingerprint,
        "document_sha256": hashlib.sha256(document).hexdigest(),
        "invitation": {
            "client_id": str(invitation.client_id),
            "label": invitation.label,
            "issued": invitation.issued.isoformat(),
        },
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
