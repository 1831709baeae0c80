"""Strings from outside never steer the client's terminal: the invitation's label included.

An invitation code is not signed, so whoever writes one chooses its label.
A label with escape sequences, bidirectional overrides or line breaks is
refused when the code is read; a label that reached a journal before that
rule (or any other outside string) is still shown made safe.
"""

import re
from datetime import date

import pytest

from securebase import invitation
from securebase.display import terminal_line
from securebase.errors import InvalidInvitation, InvalidLabel
from securebase.identity import Identity
from securebase.invitation import decode_invitation, new_invitation
from securebase.vault import Vault
from tests.hardening_kit import make_world

HOSTILE_LABELS = {
    "bidi override": "Dr. \u202eRivera",
    "bidi isolate": "Dr. \u2067Rivera\u2069",
    "escape sequence": "Dr. \x1b[31mRivera",
    "C1 control": "Dr. \x9bRivera",
    "new line": "Dr. Rivera\nYour bank",
    "tab": "Dr.\tRivera",
}
#: What a terminal must never receive: C0/C1 controls but tab and newline, and bidi controls.
STEERING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def forged_code(label: str) -> str:
    """An invitation as a hostile tool would write it (the encoder's own check skipped)."""
    made = new_invitation(Identity.generate().public, "placeholder", date.today())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(invitation, "is_plain_label", lambda _label: True)
        return invitation.Invitation(made.therapist, made.client_id, label, made.issued).encode()


@pytest.mark.parametrize("label", HOSTILE_LABELS.values(), ids=HOSTILE_LABELS.keys())
def test_an_invitation_with_a_hostile_label_is_refused(label):
    with pytest.raises(InvalidInvitation):
        decode_invitation(forged_code(label))


def test_an_ordinary_label_with_accents_still_reads():
    assert decode_invitation(forged_code("Dr. Zoë Núñez-Ölçer")).label == "Dr. Zoë Núñez-Ölçer"


@pytest.mark.parametrize("label", HOSTILE_LABELS.values(), ids=HOSTILE_LABELS.keys())
def test_a_therapist_name_no_invitation_may_carry_is_refused(tmp_path, monkeypatch, label):
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    with pytest.raises(InvalidLabel):
        Vault.create(tmp_path / "vault", "calm harbour seven lanterns", label)


def test_a_hostile_label_already_in_a_journal_is_shown_made_safe(tmp_path, monkeypatch):
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    world = make_world(tmp_path)
    assert world.therapist("homework", "assign", "Alice", "paced_breathing").code == 0
    assert world.therapist("homework", "pack", "Alice", "--out", tmp_path / "p.age").code == 0
    journal = world.journal()
    hostile = "".join(HOSTILE_LABELS.values())
    journal.store.update(
        lambda db: db.execute(
            "UPDATE settings SET value = ? WHERE key = 'therapist_label'", (hostile,)
        )
    )
    journal.store.close()
    runs = [
        world.client("export", "--out", tmp_path / "w.age"),
        world.client("homework", "import", tmp_path / "p.age"),
        world.client("export", "--out", tmp_path / "w2.age", "--json"),
    ]
    for run in runs:
        assert run.code == 0, run.err
        assert STEERING.search(run.out + run.err) is None, repr(run.out)
        assert "\nYour bank" not in run.out  # the label cannot fake a line of its own
    assert "Rivera" in runs[0].out  # shown, made safe, not dropped


def test_terminal_line_leaves_no_steering_character_and_no_line_break():
    shown = terminal_line("".join(HOSTILE_LABELS.values()))
    assert STEERING.search(shown) is None
    assert "\n" not in shown
    assert "\t" not in shown
