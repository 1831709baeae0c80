"""The therapist's command line, ``securebase``, driven as a therapist's script would.

Every run goes through ``dashboard.cli.main``'s error translation
(``run_guarded``) inside click's test isolation, so core errors show as the
``error:``/``hint:`` lines a person sees; one run uses the installed script.
"""

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from dashboard.cli import cli
from securebase.environment import PASSPHRASE_VARIABLE, VAULT_VARIABLE, WORK_FACTOR_VARIABLE
from securebase.identity import Identity
from securebase.invitation import decode_invitation
from securebase.messages import CATALOGUE
from securebase.vault import Vault
from tests.export_factory import MARKER, FakeClient, committed, entry, item_id, rows
from tests.hardening_kit import Run, run_cli

PASSPHRASE = "correct horse battery staple"
FINGERPRINT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")
FILE_KEYS = {"file", "sha256", "status", "new", "updated", "removed", "error", "unconfirmed"}
CLIENT_KEYS = {"client_id", "label", "entries", "last_import", "key_fingerprint"}
EXPORTED_TABLES = [
    "entries",
    "clients",
    "homework_logs",
    "checkins",
    "assignments",
    "session_notes",
    "custom_exercises",
    "audit_log",
]


class Therapist:
    """Runs ``securebase ...`` against one vault folder."""

    def __init__(self, vault_path: Path):
        self.vault_path = vault_path
        self.env = {
            VAULT_VARIABLE: str(vault_path),
            PASSPHRASE_VARIABLE: PASSPHRASE,
            WORK_FACTOR_VARIABLE: "4",
        }

    def __call__(self, *args: str, passphrase: str = PASSPHRASE, stdin: str | None = None) -> Run:
        env = self.env | {PASSPHRASE_VARIABLE: passphrase}
        return run_cli(cli, "securebase", args, env, stdin)

    def vault(self) -> Vault:
        return Vault.unlock(self.vault_path, PASSPHRASE)


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")  # for the vaults the tests open directly
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


@pytest.fixture
def alice(therapist) -> FakeClient:
    """A client added through the CLI, with their own identity."""
    added = therapist("client", "add", "Alice", "--json").json()
    invitation = decode_invitation(added["invitation"])
    return FakeClient(
        added["client_id"], "Alice", Identity.generate(), invitation.therapist.age_recipient
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


# -- vault init -------------------------------------------------------------------


def test_vault_init_json(tmp_path):
    run = Therapist(tmp_path / "new")
    result = run("vault", "init", "--json")
    assert (result.code, result.err) == (0, "")
    payload = result.json()
    assert set(payload) == {"vault", "recipient", "fingerprint"}
    assert payload["vault"] == str(tmp_path / "new")
    assert FINGERPRINT.match(payload["fingerprint"])
    opened = Vault.unlock(tmp_path / "new", PASSPHRASE)
    assert payload["recipient"] == opened.identity.recipient
    assert payload["fingerprint"] == opened.identity.public.fingerprint
    assert opened.therapist_name == "Your therapist"


def test_vault_init_text_and_name(tmp_path):
    run = Therapist(tmp_path / "new")
    result = run("vault", "init", "--name", "Dr. Rivera")
    assert result.code == 0
    fingerprint = Vault.unlock(tmp_path / "new", PASSPHRASE).identity.public.fingerprint
    assert f"Vault created in {tmp_path / 'new'}." in result.out
    assert fingerprint in result.out
    assert Vault.unlock(tmp_path / "new", PASSPHRASE).therapist_name == "Dr. Rivera"


def test_vault_init_refuses_an_existing_vault(therapist):
    before = (therapist.vault_path / "identity.age").read_bytes()
    result = therapist("vault", "init", "--json")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"error: {CATALOGUE['store_exists'].text}",
        f"hint: {CATALOGUE['store_exists'].hint}",
    ]
    assert (therapist.vault_path / "identity.age").read_bytes() == before


@pytest.mark.parametrize("name", ["x" * 61, "   ", "Dr.\x1b[31m Red"])
def test_vault_init_refuses_a_name_no_invitation_can_carry(tmp_path, name):
    result = Therapist(tmp_path / "new")("vault", "init", "--name", name)
    assert result.code == 1
    assert f"error: {CATALOGUE['invalid_label'].text}" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "new" / "identity.age").exists()


# -- clients ----------------------------------------------------------------------


def test_client_add_json(therapist):
    result = therapist("client", "add", "Alice", "--json")
    assert result.code == 0
    payload = result.json()
    assert str(uuid.UUID(payload["client_id"])) == payload["client_id"]
    assert payload["invitation"].startswith("SBINVITE1")
    invitation = decode_invitation(payload["invitation"])
    assert str(invitation.client_id) == payload["client_id"]
    assert invitation.label == "Dr. Rivera"
    assert invitation.therapist.age_recipient == therapist.vault().identity.recipient


def test_client_add_text_shows_code_and_fingerprint(therapist):
    result = therapist("client", "add", "Alice")
    client = therapist.vault().client("Alice")
    assert result.code == 0
    assert f"Added Alice ({client.client_id})." in result.out
    assert client.invitation in result.out.splitlines()
    assert therapist.vault().identity.public.fingerprint in result.out


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["client", "add", "alice"], 1, "error: " + CATALOGUE["label_taken"].text),
        (["client", "add", "   "], 1, "error: " + CATALOGUE["invalid_label"].text),
        (["client", "archive", "Nobody"], 1, "hint: " + CATALOGUE["client_not_found"].hint),
        (
            ["client", "accept-key", "Alice", "--yes"],
            1,
            "error: " + CATALOGUE["no_pending_key"].text,
        ),
    ],
    ids=["label-taken", "blank-label", "unknown-client", "no-pending-key"],
)
def test_client_commands_refuse_calmly(therapist, alice, args, code, expected):
    result = therapist(*args)
    assert result.code == code
    assert expected in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_client_list_json_before_and_after_an_import(therapist, alice, tmp_path):
    therapist("client", "add", "Bob")
    before = therapist("client", "list", "--json").json()["clients"]
    assert [c["label"] for c in before] == ["Alice", "Bob"]
    assert all(set(c) >= CLIENT_KEYS for c in before)
    assert [(c["entries"], c["last_import"], c["key_fingerprint"]) for c in before] == [
        (0, None, None),
        (0, None, None),
    ]

    export = write(tmp_path / "in", "a.age", alice.export(1, [entry("a"), entry("b")]))
    assert therapist("import", export).code == 0
    after = therapist("client", "list", "--json").json()["clients"]
    first = after[0]
    assert first["client_id"] == alice.client_id
    assert first["entries"] == 2
    assert first["last_import"] == therapist.vault().client("Alice").last_import_at
    assert first["last_import"] is not None
    assert first["key_fingerprint"] == alice.identity.public.fingerprint


def test_client_list_text(therapist, alice):
    result = therapist("client", "list")
    assert result.code == 0
    assert result.out.splitlines() == [
        f"Alice  {alice.client_id[:8]}  entries 0  last import never  key not pinned yet"
    ]


def test_client_list_with_no_clients(therapist):
    assert therapist("client", "list").out == "No clients yet: securebase client add NAME\n"
    assert therapist("client", "list", "--json").json() == {"clients": []}


# -- import -----------------------------------------------------------------------


def test_import_json_reports_every_file_and_exits_1_on_a_refusal(therapist, alice, tmp_path):
    good = write(tmp_path / "in", "week1.age", alice.export(1, [entry("a"), entry("b")]))
    update = write(tmp_path / "in", "week2.age", alice.export(2, [entry("a", 2), entry("c")]))
    broken = write(tmp_path / "in", "broken.age", alice.export(3, [entry("d")])[:-3])

    result = therapist("import", good, update, broken, "--json")

    assert result.code == 1
    files = result.json()["files"]
    assert all(set(item) == FILE_KEYS for item in files)
    assert [
        (f["file"], f["status"], f["new"], f["updated"], f["removed"], f["error"]) for f in files
    ] == [
        (str(good), "imported", 2, 0, 0, None),
        (str(update), "imported", 1, 1, 0, None),
        (str(broken), "refused", 0, 0, 0, "tampered"),
    ]
    for item, path in zip(files, (good, update, broken), strict=True):
        assert item["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert therapist.vault().client("Alice").entries == 3


def test_import_exits_0_when_every_file_is_imported(therapist, alice, tmp_path):
    export = write(tmp_path / "in", "a.age", alice.export(1, [entry("a")]))
    first = therapist("import", export, "--json")
    again = therapist("import", export, "--json")
    assert (first.code, again.code) == (0, 0)
    assert again.json()["files"][0] | {"sha256": None} == {
        "file": str(export),
        "sha256": None,
        "status": "imported",
        "new": 0,
        "updated": 0,
        "removed": 0,
        "error": None,
        "unconfirmed": False,
    }


def test_import_text_one_line_per_file_and_a_hint_for_refusals(therapist, alice, tmp_path):
    good = write(tmp_path / "in", "good.age", alice.export(1, [entry("a"), entry("b")]))
    stranger = FakeClient.stranger(therapist.vault())
    unknown = write(tmp_path / "in", "unknown.age", stranger.export(1, [entry("s")]))
    not_age = write(tmp_path / "in", "notes.txt", f"{MARKER} plain text".encode())

    result = therapist("import", good, unknown, not_age)

    assert result.code == 1
    assert result.out.splitlines() == [
        f"ok  {good}: 2 new, 0 updated, 0 removed (key not confirmed yet)",
        f"NOT IMPORTED  {unknown}: {CATALOGUE['unknown_client'].text}",
        f"      hint: {CATALOGUE['unknown_client'].hint}",
        f"NOT IMPORTED  {not_age}: {CATALOGUE['not_age_file'].text}",
        f"      hint: {CATALOGUE['not_age_file'].hint}",
        "2 of 3 files were not imported; nothing else changed.",
    ]
    assert "Traceback" not in result.out + result.err
    assert MARKER not in result.out + result.err


def test_import_refuses_an_oversized_file_unread(therapist, alice, tmp_path):
    from securebase import limits

    big = tmp_path / "in" / "big.age"
    big.parent.mkdir()
    with open(big, "wb") as handle:
        handle.write(alice.export(1, [entry("a")]))
        handle.truncate(limits.MAX_SEALED_BYTES + 10)
    result = therapist("import", big, "--json")
    assert result.code == 1
    assert result.json()["files"][0]["error"] == "too_large"


def test_import_of_a_missing_file_is_a_usage_error(therapist, tmp_path):
    result = therapist("import", tmp_path / "nowhere.age")
    assert result.code == 2
    assert "does not exist" in result.err


# -- keys, archive ------------------------------------------------------------------


def test_accept_key_flow(therapist, alice, tmp_path):
    assert (
        therapist("import", write(tmp_path / "in", "1.age", alice.export(1, [entry("a")]))).code
        == 0
    )
    assert therapist("client", "confirm", "Alice", alice.identity.public.fingerprint).code == 0
    reinstalled = alice.with_new_key()
    changed = write(tmp_path / "in", "2.age", reinstalled.export(2, [entry("a", 2)]))

    refused = therapist("import", changed, "--json")
    assert refused.code == 1
    assert refused.json()["files"][0]["error"] == "key_changed"
    listed = therapist("client", "list", "--json").json()["clients"][0]
    assert listed["key_fingerprint"] == alice.identity.public.fingerprint
    assert listed["pending_key_fingerprint"] == reinstalled.identity.public.fingerprint
    assert (
        f"NEW KEY WAITING: {reinstalled.identity.public.fingerprint}"
        in therapist("client", "list").out
    )

    declined = therapist("client", "accept-key", "Alice", stdin="n\n")
    assert declined.code == 1  # click's Abort
    assert reinstalled.identity.public.fingerprint in declined.out
    assert therapist.vault().client("Alice").pending_signing_key is not None

    accepted = therapist("client", "accept-key", "Alice", stdin="y\n")
    assert accepted.code == 0
    assert f"Key accepted: {reinstalled.identity.public.fingerprint}" in accepted.out
    again = therapist("import", changed, "--json")
    assert again.code == 0
    assert again.json()["files"][0]["updated"] == 1


def test_accept_key_yes_json(therapist, alice, tmp_path):
    therapist("import", write(tmp_path / "in", "1.age", alice.export(1, [entry("a")])))
    therapist("client", "confirm", "Alice", alice.identity.public.fingerprint)
    reinstalled = alice.with_new_key()
    therapist("import", write(tmp_path / "in", "2.age", reinstalled.export(2, [entry("b")])))
    result = therapist("client", "accept-key", alice.client_id[:8], "--yes", "--json")
    assert result.code == 0
    payload = result.json()
    assert payload["key_fingerprint"] == reinstalled.identity.public.fingerprint
    assert payload["pending_key_fingerprint"] is None


def test_archive_and_restore(therapist, alice, tmp_path):
    archived = therapist("client", "archive", "alice", "--json")
    assert archived.code == 0
    assert archived.json()["archived"] is True
    assert therapist("client", "list", "--json").json() == {"clients": []}
    everyone = therapist("client", "list", "--all", "--json").json()["clients"]
    assert [(c["label"], c["archived"]) for c in everyone] == [("Alice", True)]
    assert "Alice (archived)" in therapist("client", "list", "--all").out

    export = write(tmp_path / "in", "1.age", alice.export(1, [entry("a")]))
    refused = therapist("import", export, "--json")
    assert (refused.code, refused.json()["files"][0]["error"]) == (1, "client_archived")

    restored = therapist("client", "restore", alice.client_id)
    assert (restored.code, restored.out) == (0, "Restored Alice.\n")
    assert therapist("import", export).code == 0


# -- vault export, rebuild ------------------------------------------------------------

FORMULA = f'=HYPERLINK("http://example.invalid") {MARKER}'


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_vault_export_writes_every_table(therapist, alice, tmp_path, file_format):
    export = alice.export(1, [entry("a", situation=FORMULA), entry("b")])
    therapist("import", write(tmp_path / "in", "1.age", export))
    out_dir = tmp_path / "out"

    result = therapist("vault", "export", "--format", file_format, "--out", out_dir, "--json")

    assert result.code == 0
    expected = [str(out_dir / f"{table}.{file_format}") for table in EXPORTED_TABLES]
    assert result.json() == {"format": file_format, "files": expected}
    assert sorted(path.name for path in out_dir.iterdir()) == sorted(Path(p).name for p in expected)
    if file_format == "csv":
        with open(out_dir / "entries.csv", encoding="utf-8-sig", newline="") as handle:
            entries = {row["id"]: row for row in csv.DictReader(handle)}
        assert entries[item_id("a")]["situation"] == "'" + FORMULA
        assert entries[item_id("b")]["situation"] == f"{MARKER} situation b r1"
        with open(out_dir / "clients.csv", encoding="utf-8-sig", newline="") as handle:
            assert [row["label"] for row in csv.DictReader(handle)] == ["Alice"]
    else:
        entries = {e["id"]: e for e in json.loads((out_dir / "entries.json").read_text())}
        assert entries[item_id("a")]["situation"] == FORMULA
        assert entries[item_id("a")]["client_label"] == "Alice"
        assert json.loads((out_dir / "session_notes.json").read_text()) == []


def test_vault_export_includes_unlocks_not_yet_folded_into_the_database(therapist, tmp_path):
    """Unlocks wait in ``audit.pending`` until the next commit; the export still lists them."""
    out_dir = tmp_path / "out"
    assert therapist("vault", "export", "--format", "json", "--out", out_dir).code == 0
    audit = json.loads((out_dir / "audit_log.json").read_text())
    assert audit[-1]["action"] == "unlocked"
    assert isinstance(audit[-1]["detail"], str)


def test_vault_export_text_warns_that_files_are_plain(therapist, tmp_path):
    result = therapist("vault", "export", "--out", tmp_path / "out")
    assert result.code == 0
    assert "not encrypted" in result.out


def test_vault_rebuild(therapist, alice, tmp_path):
    exports = [
        write(tmp_path / "in", "1.age", alice.export(1, [entry("a"), entry("b")])),
        write(tmp_path / "in", "2.age", alice.export(2, [entry("a", 2), entry("c")])),
    ]
    therapist("import", *exports)
    before = rows(committed(therapist.vault()), "entries", "id, revision, deleted, body")

    text = therapist("vault", "rebuild")
    result = therapist("vault", "rebuild", "--json")

    assert text.code == 0
    assert len(text.out.splitlines()) == 2
    assert all(line.startswith("ok  ") for line in text.out.splitlines())
    assert result.code == 0
    files = result.json()["files"]
    assert sorted(f["sha256"] for f in files) == sorted(
        hashlib.sha256(path.read_bytes()).hexdigest() for path in exports
    )
    assert {f["status"] for f in files} == {"imported"}
    assert rows(committed(therapist.vault()), "entries", "id, revision, deleted, body") == before


# -- passphrases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["client", "list"],
        ["client", "add", "Carol", "--json"],
        ["import", "EXPORT"],
        ["vault", "export", "--out", "OUT"],
        ["vault", "rebuild", "--json"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_a_wrong_passphrase_is_two_calm_lines(therapist, alice, tmp_path, args):
    export = write(tmp_path / "in", "1.age", alice.export(1, [entry("a")]))
    argv = [
        str(export) if a == "EXPORT" else str(tmp_path / "out") if a == "OUT" else a for a in args
    ]
    vault_files = data_files(therapist.vault_path)

    result = therapist(*argv, passphrase="not the passphrase")

    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"error: {CATALOGUE['wrong_passphrase'].text}",
        f"hint: {CATALOGUE['wrong_passphrase'].hint}",
    ]
    assert not (tmp_path / "out").exists()
    assert data_files(therapist.vault_path) == vault_files


def data_files(folder: Path) -> dict[str, bytes]:
    """The vault's files but the count of wrong tries (securebase.unlock_throttle)."""
    return {
        p.name: p.read_bytes()
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith("unlock.throttle")
    }


def test_the_installed_script_reports_a_wrong_passphrase_without_a_traceback(therapist):
    script = shutil.which("securebase", path=str(Path(sys.executable).parent))
    assert script, "the securebase console script is not installed"
    env = therapist.env | {PASSPHRASE_VARIABLE: "not the passphrase", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [script, "client", "list"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {CATALOGUE['wrong_passphrase'].text}",
        f"hint: {CATALOGUE['wrong_passphrase'].hint}",
    ]
    debug = subprocess.run(
        [script, "--debug", "client", "list"], capture_output=True, text=True, env=env, timeout=60
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr
    assert "WrongPassphrase" in debug.stderr
