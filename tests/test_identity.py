"""Identities: key derivation, the passphrase-protected identity file, age interop."""

import json
import re
import subprocess
from pathlib import Path

import pyrage
import pytest

from securebase import age_passphrase
from securebase.errors import IdentityFileInvalid, NotAgeFile, WrongPassphrase
from securebase.identity import (
    Identity,
    change_passphrase,
    fingerprint,
    load_identity,
    save_identity,
)
from tests import agecli

DATA = Path(__file__).resolve().parent / "data"
VECTORS = json.loads((DATA / "identity-vectors.json").read_text())
FAST = 4  # scrypt work factor for tests; production default is 18


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["fingerprint"])
def test_signing_key_and_fingerprint_derivation_is_pinned(vector):
    identity = Identity(vector["age_secret"])
    assert identity.recipient == vector["age_recipient"]
    assert identity.public.signing_key.hex() == vector["signing_key"]
    assert identity.public.fingerprint == vector["fingerprint"]


def test_fresh_identities_differ_and_look_right():
    first, second = Identity.generate(), Identity.generate()
    assert first.public != second.public
    assert re.fullmatch(r"age1[02-9ac-hj-np-z]{58}", first.recipient)
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", first.public.fingerprint)
    assert fingerprint(first.public.signing_key) == first.public.fingerprint


def test_repr_never_shows_the_secret():
    identity = Identity.generate()
    assert "SECRET" not in repr(identity).upper()


def test_save_and_load_round_trip(tmp_path):
    identity = Identity.generate()
    path = tmp_path / "identity.age"
    save_identity(identity, path, "a long passphrase", work_factor=FAST)
    assert load_identity(path, "a long passphrase").public == identity.public
    assert b"AGE-SECRET-KEY" not in path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["identity.age"]


def work_factor_of(path: Path) -> int:
    stanza = path.read_bytes().split(b"\n")[1].split()
    assert stanza[:2] == [b"->", b"scrypt"]
    return int(stanza[3])


@pytest.mark.parametrize("factor", [FAST, 10])
def test_work_factor_is_configurable(tmp_path, factor):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, "pw", work_factor=factor)
    assert work_factor_of(path) == factor


def test_default_work_factor_is_18(tmp_path):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, "pw")
    assert work_factor_of(path) == 18 == age_passphrase.DEFAULT_WORK_FACTOR


@pytest.mark.parametrize("factor", [0, 23])
def test_out_of_range_work_factor_is_refused(factor):
    with pytest.raises(ValueError, match="work factor"):
        age_passphrase.encrypt(b"x", "pw", work_factor=factor)


def test_wrong_passphrase_is_a_clear_error(tmp_path):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, "right", work_factor=FAST)
    with pytest.raises(WrongPassphrase):
        load_identity(path, "wrong")


def test_change_passphrase_keeps_the_keys(tmp_path):
    identity = Identity.generate()
    path = tmp_path / "identity.age"
    save_identity(identity, path, "old", work_factor=FAST)
    change_passphrase(path, "old", "new", work_factor=FAST)
    assert load_identity(path, "new").public == identity.public
    with pytest.raises(WrongPassphrase):
        load_identity(path, "old")


def test_change_passphrase_with_wrong_old_one_changes_nothing(tmp_path):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, "old", work_factor=FAST)
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(path, "not it", "new", work_factor=FAST)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"AGE-SECRET-KEY-1 in the clear", NotAgeFile),
        (b"", NotAgeFile),
    ],
)
def test_not_an_age_file(tmp_path, content, error):
    path = tmp_path / "identity.age"
    path.write_bytes(content)
    with pytest.raises(error):
        load_identity(path, "pw")


def test_truncated_identity_file_is_refused(tmp_path):
    path = tmp_path / "identity.age"
    save_identity(Identity.generate(), path, "pw", work_factor=FAST)
    path.write_bytes(path.read_bytes()[:-5])
    with pytest.raises(IdentityFileInvalid):
        load_identity(path, "pw")


@pytest.mark.parametrize(
    "text",
    ["# just a comment\n", "AGE-SECRET-KEY-1QQQ\n", "hello\nworld\n"],
)
def test_identity_file_without_a_valid_secret_is_refused(tmp_path, text):
    path = tmp_path / "identity.age"
    path.write_bytes(age_passphrase.encrypt(text.encode(), "pw", work_factor=FAST))
    with pytest.raises(IdentityFileInvalid):
        load_identity(path, "pw")


def test_passphrase_files_decrypt_with_pyrage_at_every_chunk_boundary():
    for size in (0, 1, 65535, 65536, 65537, 200_000):
        data = bytes(i % 251 for i in range(size))
        sealed = age_passphrase.encrypt(data, "pw", work_factor=2)
        assert pyrage.passphrase.decrypt(sealed, "pw") == data


def test_age_cli_decrypts_the_identity_file(tmp_path):
    identity = Identity.generate()
    path = tmp_path / "identity.age"
    save_identity(identity, path, "typed at a terminal", work_factor=10)
    out = tmp_path / "identity.txt"
    assert agecli.run_with_passphrase(["-d", "-o", str(out), str(path)], "typed at a terminal") == 0
    text = out.read_text()
    assert f"# public key: {identity.recipient}" in text
    derived = subprocess.run(
        ["age-keygen", "-y", str(out)], capture_output=True, text=True, check=True
    )
    assert derived.stdout.strip() == identity.recipient
