"""Sealed documents: round trips, interop with the age CLI, tampering, forwarding."""

import struct

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from securebase import limits
from securebase.envelope import MAGIC, SIGNATURE_DOMAIN, open_sealed, seal
from securebase.errors import (
    BadSignature,
    EnvelopeError,
    NotAgeFile,
    NotForThisIdentity,
    RecipientMismatch,
    Tampered,
    TooLarge,
    UnexpectedSigner,
    Unsigned,
    UnsupportedVersion,
    WrongKind,
)
from securebase.identity import Identity, save_identity
from tests import agecli

KIND = "securebase/journal-export"
DOCUMENT = b'{"format": "securebase/journal-export", "note": "a small document"}'
THERAPIST, CLIENT, STRANGER = Identity.generate(), Identity.generate(), Identity.generate()


def sealed_for_therapist(document: bytes = DOCUMENT, **options) -> bytes:
    return seal(document, CLIENT, [THERAPIST.recipient], kind=KIND, **options)


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 1024 * 1024])
def test_round_trip_at_chunk_boundaries(size):
    document = bytes(i % 256 for i in range(size))
    unsealed = open_sealed(sealed_for_therapist(document), THERAPIST)
    assert unsealed.document == document
    assert unsealed.signer == CLIENT.public.signing_key
    assert unsealed.kind == KIND


def test_every_recipient_can_open_and_sees_the_same_signed_list():
    recipients = [THERAPIST.recipient, STRANGER.recipient]
    sealed = seal(DOCUMENT, CLIENT, recipients, kind=KIND)
    for identity in (THERAPIST, STRANGER):
        unsealed = open_sealed(sealed, identity)
        assert unsealed.document == DOCUMENT
        assert unsealed.recipients == tuple(sorted(recipients))
    with pytest.raises(NotForThisIdentity):
        open_sealed(sealed, CLIENT)


def test_armored_output_is_ascii_and_opens():
    sealed = sealed_for_therapist(armored=True)
    assert sealed.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    sealed.decode("ascii")
    assert open_sealed(sealed, THERAPIST).document == DOCUMENT


def test_expected_signer_and_kind_are_enforced():
    sealed = sealed_for_therapist()
    assert open_sealed(sealed, THERAPIST, expected_signer=CLIENT.public.signing_key)
    with pytest.raises(UnexpectedSigner):
        open_sealed(sealed, THERAPIST, expected_signer=STRANGER.public.signing_key)
    with pytest.raises(WrongKind):
        open_sealed(sealed, THERAPIST, expected_kind="securebase/homework-pack")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", NotAgeFile),
        (b'{"format": "securebase/journal-export"}', NotAgeFile),
        (b"age-encryption.org/v1\n", Tampered),
        (b"\x00" * (limits.MAX_SEALED_BYTES + 1), TooLarge),
    ],
)
def test_junk_is_refused_with_a_specific_error(data, error):
    with pytest.raises(error):
        open_sealed(data, THERAPIST)


def test_a_document_over_the_limit_is_not_sealed():
    with pytest.raises(TooLarge):
        sealed_for_therapist(b"x" * (limits.MAX_DOCUMENT_BYTES + 1))


def test_every_single_byte_flip_of_the_age_file_is_refused():
    sealed = sealed_for_therapist()
    for index in range(len(sealed)):
        flipped = bytearray(sealed)
        flipped[index] ^= 0x01
        with pytest.raises(EnvelopeError):
            open_sealed(bytes(flipped), THERAPIST)


def test_every_truncation_is_refused():
    sealed = sealed_for_therapist()
    for length in range(len(sealed)):
        with pytest.raises(EnvelopeError):
            open_sealed(sealed[:length], THERAPIST)


LARGE_SEALED = sealed_for_therapist(bytes(range(256)) * 1024)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_damage_to_a_large_file_is_refused(data):
    sealed = LARGE_SEALED
    index = data.draw(st.integers(0, len(sealed) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = bytearray(sealed)
    damaged[index] ^= 1 << bit
    with pytest.raises(EnvelopeError):
        open_sealed(bytes(damaged), THERAPIST)


def reencrypted(statement: bytes, identity: Identity = THERAPIST) -> bytes:
    return pyrage.encrypt(statement, [identity.age_identity.to_public()])


def inner_statement() -> bytes:
    return pyrage.decrypt(sealed_for_therapist(), [THERAPIST.age_identity])


def test_every_byte_flip_inside_the_signed_statement_is_refused():
    """Someone who can encrypt to the therapist still cannot alter what was signed."""
    statement = inner_statement()
    for index in range(len(statement)):
        flipped = bytearray(statement)
        flipped[index] ^= 0x01
        with pytest.raises(EnvelopeError):
            open_sealed(reencrypted(bytes(flipped)), THERAPIST)


def test_a_file_encrypted_by_the_age_cli_is_refused_as_unsigned():
    result = agecli.run(["-r", THERAPIST.recipient], stdin=DOCUMENT)
    assert result.returncode == 0, result.stderr
    with pytest.raises(Unsigned):
        open_sealed(result.stdout, THERAPIST)


def test_forwarded_document_is_refused():
    """The therapist re-encrypts a client's signed export to someone else."""
    with pytest.raises(RecipientMismatch):
        open_sealed(reencrypted(inner_statement(), STRANGER), STRANGER)


def test_swapped_signer_key_is_refused():
    statement = inner_statement()
    start = statement.index(CLIENT.public.signing_key)
    swapped = statement[:start] + STRANGER.public.signing_key + statement[start + 32 :]
    with pytest.raises(BadSignature):
        open_sealed(reencrypted(swapped), THERAPIST)


def signed_statement(version: int, signer: Identity = CLIENT) -> bytes:
    recipient = THERAPIST.recipient.encode()
    body = (
        MAGIC
        + bytes([version, len(KIND)])
        + KIND.encode()
        + signer.public.signing_key
        + bytes([1, len(recipient)])
        + recipient
        + struct.pack(">Q", len(DOCUMENT))
        + DOCUMENT
    )
    return body + signer.sign(SIGNATURE_DOMAIN + body)


def test_the_statement_layout_matches_the_format_document():
    """A hand-built statement per docs/FORMAT.md opens: the layout is the contract."""
    assert open_sealed(reencrypted(signed_statement(1)), THERAPIST).document == DOCUMENT


def test_an_unknown_version_is_refused():
    with pytest.raises(UnsupportedVersion):
        open_sealed(reencrypted(signed_statement(2)), THERAPIST)


def test_trailing_bytes_after_the_signature_are_refused():
    with pytest.raises(Unsigned):
        open_sealed(reencrypted(signed_statement(1) + b"\x00"), THERAPIST)


def test_age_cli_decrypts_a_sealed_export_with_the_identity_file(tmp_path):
    identity_path = tmp_path / "identity.age"
    save_identity(THERAPIST, identity_path, "therapist passphrase", work_factor=10)
    sealed_path = tmp_path / "export.age"
    sealed_path.write_bytes(sealed_for_therapist())
    out = tmp_path / "statement.bin"
    exit_code = agecli.run_with_passphrase(
        ["-d", "-i", str(identity_path), "-o", str(out), str(sealed_path)],
        "therapist passphrase",
    )
    assert exit_code == 0
    statement = out.read_bytes()
    assert statement.startswith(MAGIC)
    assert DOCUMENT in statement
    assert statement == signed_statement_of(sealed_path.read_bytes())


def signed_statement_of(sealed: bytes) -> bytes:
    return pyrage.decrypt(sealed, [THERAPIST.age_identity])
