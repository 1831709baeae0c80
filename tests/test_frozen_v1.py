"""Frozen version-1 files (tests/data/v1) keep opening, byte for byte.

These fixtures were written once by ``tests/data/freeze_v1.py``. If a change
makes one of these tests fail, the change broke the promise to existing
users: fix the change, never the fixture.
"""

import hashlib
import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from securebase.documents import parse_export
from securebase.envelope import open_sealed
from securebase.identity import load_identity
from securebase.invitation import decode_invitation

V1 = Path(__file__).resolve().parent / "data" / "v1"
MANIFEST = json.loads((V1 / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def therapist():
    return load_identity(V1 / "therapist.identity.age", MANIFEST["passphrase"])


def test_identity_files_open_with_their_passphrase(therapist):
    client = load_identity(V1 / "client.identity.age", MANIFEST["passphrase"])
    assert therapist.recipient == MANIFEST["therapist_recipient"]
    assert therapist.public.signing_key.hex() == MANIFEST["therapist_signing_key"]
    assert client.public.signing_key.hex() == MANIFEST["client_signing_key"]
    assert client.public.fingerprint == MANIFEST["client_fingerprint"]


@pytest.mark.parametrize("name", ["export.age", "export.armored.age"])
def test_sealed_exports_open_verify_and_parse(therapist, name):
    unsealed = open_sealed(
        (V1 / name).read_bytes(),
        therapist,
        expected_signer=bytes.fromhex(MANIFEST["client_signing_key"]),
        expected_kind=MANIFEST["kind"],
    )
    assert hashlib.sha256(unsealed.document).hexdigest() == MANIFEST["document_sha256"]
    assert unsealed.document == (V1 / "export.json").read_bytes()
    assert parse_export(unsealed.document).version == 1


def test_invitation_token_decodes():
    invitation = decode_invitation((V1 / "invitation.txt").read_text())
    expected = MANIFEST["invitation"]
    assert invitation.client_id == uuid.UUID(expected["client_id"])
    assert invitation.label == expected["label"]
    assert invitation.issued == date.fromisoformat(expected["issued"])
    assert invitation.therapist.age_recipient == MANIFEST["therapist_recipient"]
