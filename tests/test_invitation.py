"""Invitation tokens: round trips, typo detection, and refusals."""

import uuid
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from securebase import bech32
from securebase.errors import InvalidInvitation
from securebase.identity import Identity
from securebase.invitation import MAX_LABEL_BYTES, Invitation, decode_invitation, new_invitation

THERAPIST = Identity.generate()
INVITATION = new_invitation(THERAPIST.public, "Dr. Rivera · Thursdays", date(2026, 11, 23))
TOKEN = INVITATION.encode()


def test_token_starts_with_the_prefix_and_is_upper_case():
    assert TOKEN.startswith("SBINVITE1")
    assert TOKEN.upper() == TOKEN


def test_round_trip_keeps_every_field():
    decoded = decode_invitation(TOKEN)
    assert decoded == INVITATION
    assert decoded.therapist.age_recipient == THERAPIST.recipient
    assert decoded.therapist.fingerprint == THERAPIST.public.fingerprint


@settings(max_examples=60, deadline=None)
@given(
    label=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20).filter(
        lambda s: s.strip()
    ),
    issued=st.dates(date(2000, 1, 1), date(2179, 1, 1)),
)
def test_round_trip_for_any_label_and_date(label, issued):
    invitation = Invitation(THERAPIST.public, uuid.uuid4(), label, issued)
    assert decode_invitation(invitation.encode()) == invitation


def test_pasting_lower_case_or_with_line_breaks_still_works():
    assert decode_invitation(TOKEN.lower()) == INVITATION
    assert decode_invitation(f"  {TOKEN[:40]}\n{TOKEN[40:]}  ") == INVITATION


def test_every_single_character_substitution_is_detected():
    for index, original in enumerate(TOKEN):
        for replacement in bech32.CHARSET.upper():
            if replacement == original:
                continue
            with pytest.raises(InvalidInvitation):
                decode_invitation(TOKEN[:index] + replacement + TOKEN[index + 1 :])


def test_every_dropped_or_doubled_character_is_detected():
    for index in range(len(TOKEN)):
        with pytest.raises(InvalidInvitation):
            decode_invitation(TOKEN[:index] + TOKEN[index + 1 :])
        with pytest.raises(InvalidInvitation):
            decode_invitation(TOKEN[:index] + TOKEN[index] + TOKEN[index:])


@pytest.mark.parametrize(
    "token",
    [
        "",
        "SBINVITE1",
        TOKEN[:9] + TOKEN[9:].lower(),  # mixed case
        TOKEN.replace("1", "I", 1),
        bech32.encode("sbinvite", bytes([2]) + bytes(83)).upper(),  # unknown version
        bech32.encode("sbinvite", bytes([1]) + bytes(20)).upper(),  # too short
        bech32.encode("other", bytes([1]) + bytes(83)).upper(),  # wrong prefix
    ],
)
def test_malformed_tokens_are_refused(token):
    with pytest.raises(InvalidInvitation):
        decode_invitation(token)


@pytest.mark.parametrize("label", ["", "   ", "x" * (MAX_LABEL_BYTES + 1), "bell\x07"])
def test_unusable_labels_are_refused_when_encoding(label):
    with pytest.raises(ValueError, match="label"):
        Invitation(THERAPIST.public, uuid.uuid4(), label, date(2026, 1, 1)).encode()


def test_error_text_does_not_repeat_the_token():
    damaged = TOKEN[:-1] + ("Q" if TOKEN[-1] != "Q" else "P")
    with pytest.raises(InvalidInvitation) as refused:
        decode_invitation(damaged)
    assert TOKEN[9:30] not in str(refused.value)
