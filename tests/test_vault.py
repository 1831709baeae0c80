"""The therapist's vault: creating, unlocking, the roster, standard-tool access,
no plaintext on disk, two writers at once, and being killed mid-import."""

import base64
import hashlib
import itertools
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.errors import (
    AmbiguousClient,
    ClientNotFound,
    InvalidLabel,
    LabelTaken,
    StoreExists,
    VaultFormatUnknown,
    WrongPassphrase,
)
from securebase.importer import import_files, rebuild
from securebase.invitation import decode_invitation
from securebase.vault import Vault
from securebase.vault_schema import MIGRATIONS
from tests import agecli
from tests.export_factory import (
    FakeClient,
    checkin,
    committed,
    entry,
    files_under,
    homework_log,
    item_id,
    rows,
    tombstone,
)

PASSPHRASE = "correct horse battery staple"
PASSPHRASE_VARIABLE = "SB_TEST_VAULT_PASSPHRASE"


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    return Vault.create(tmp_path / "vault", PASSPHRASE, "Dr. Test")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- creating and unlocking -------------------------------------------------------


def test_create_writes_the_documented_layout(vault):
    folder = vault.path
    metadata = json.loads((folder / "vault.json").read_text())
    assert metadata == {"format": "securebase/vault", "version": 1, "created": f"{date.today():%F}"}
    identity_file = (folder / "identity.age").read_bytes()
    assert identity_file.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert (folder / "vault.db.age").read_bytes().startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert (folder / "received").is_dir()
    assert vault.therapist_name == "Dr. Test"
    assert [line["action"] for line in vault.audit_log()] == ["vault_created"]


def test_unlock_opens_the_same_vault(vault):
    vault.add_client("Alice")
    opened = Vault.unlock(vault.path, PASSPHRASE)
    assert opened.identity.recipient == vault.identity.recipient
    assert opened.therapist_name == "Dr. Test"
    assert [c.label for c in opened.clients()] == ["Alice"]
    assert opened.audit_log()[-1]["action"] == "unlocked"


def test_unlock_is_audited_without_rewriting_the_database(vault):
    vault.add_client("Alice")
    database = vault.path / "vault.db.age"
    before = (database.stat().st_ino, database.stat().st_mtime_ns, database.read_bytes())

    opened = Vault.unlock(vault.path, PASSPHRASE)

    after = (database.stat().st_ino, database.stat().st_mtime_ns, database.read_bytes())
    assert after == before
    assert [line["action"] for line in opened.audit_log()[-2:]] == ["client_added", "unlocked"]
    pending = (vault.path / "audit.pending").read_bytes()
    assert b"unlocked" not in pending  # encrypted: to the therapist's own identity
    stored = [action for (action,) in rows(committed(opened), "audit_log", "action")]
    assert "unlocked" not in stored


def test_the_next_commit_folds_pending_audit_lines_into_the_database(vault):
    Vault.unlock(vault.path, PASSPHRASE)
    Vault.unlock(vault.path, PASSPHRASE)
    vault.add_client("Alice")  # any commit, by any program holding the vault

    stored = [action for (_, action) in rows(committed(vault), "audit_log", "id, action")]
    assert stored == ["vault_created", "unlocked", "unlocked", "client_added"]
    assert (vault.path / "audit.pending").read_bytes() == b""
    assert [line["action"] for line in vault.audit_log()] == stored


def test_pending_audit_lines_fold_once_and_a_torn_line_is_skipped(vault):
    Vault.unlock(vault.path, PASSPHRASE)
    pending = vault.path / "audit.pending"
    lines = pending.read_bytes()
    vault.add_client("Alice")
    # A crash after the commit but before the file was emptied, then a torn append.
    pending.write_bytes(lines + lines[: len(lines) // 2])

    vault.add_client("Bob")

    stored = [action for (_, action) in rows(committed(vault), "audit_log", "id, action")]
    assert stored == ["vault_created", "unlocked", "client_added", "client_added"]


def test_a_wrong_passphrase_is_refused_and_changes_nothing(vault):
    before = files_under(vault.path)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault.path, PASSPHRASE + "!")
    after = files_under(vault.path)
    # Only the count of wrong tries (securebase.unlock_throttle) is new.
    counted = {name: after.pop(name) for name in list(after) if name.startswith("unlock.throttle")}
    assert set(counted) == {"unlock.throttle", "unlock.throttle.lock"}
    assert after == before


@pytest.mark.parametrize("keep", ["everything", "vault.json", "identity.age", "vault.db.age"])
def test_creating_over_an_existing_vault_is_refused_and_changes_nothing(vault, keep):
    for name in ("vault.json", "identity.age", "vault.db.age"):
        if keep not in ("everything", name):
            (vault.path / name).unlink()
    before = files_under(vault.path)
    with pytest.raises(StoreExists):
        Vault.create(vault.path, "another passphrase", "Someone else")
    assert files_under(vault.path) == before


def test_the_old_passphrase_still_opens_a_vault_someone_tried_to_recreate(vault):
    with pytest.raises(StoreExists):
        Vault.create(vault.path, "another passphrase")
    assert Vault.unlock(vault.path, PASSPHRASE).identity.recipient == vault.identity.recipient


@pytest.mark.parametrize("name", ["", "  ", "x" * 61, "é" * 31, "Dr.\x1b[2J"])
def test_a_therapist_name_no_invitation_could_carry_is_refused_first(tmp_path, name):
    with pytest.raises(InvalidLabel):
        Vault.create(tmp_path / "vault", PASSPHRASE, name)
    assert not (tmp_path / "vault").exists()


def test_the_longest_therapist_name_still_makes_invitations(tmp_path, monkeypatch):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    created = Vault.create(tmp_path / "vault", PASSPHRASE, "é" * 30)
    assert decode_invitation(created.add_client("Alice")[1]).label == "é" * 30


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        b"",
        b"not json",
        b"[]",
        b'"securebase/vault"',
        b'{"format": "securebase/journal", "version": 1}',
        b'{"format": "securebase/vault", "version": 2}',
        b'{"format": "securebase/vault", "version": "1"}',
        b'{"format": "securebase/vault"}',
        b'{"version": 1}',
    ],
    ids=["missing", "empty", "not-json", "list", "string", "other-format", "version-2",
         "version-text", "no-version", "no-format"],
)  # fmt: skip
def test_an_unknown_vault_format_is_refused(vault, metadata):
    target = vault.path / "vault.json"
    if metadata is None:
        target.unlink()
    else:
        target.write_bytes(metadata)
    with pytest.raises(VaultFormatUnknown):
        Vault.unlock(vault.path, PASSPHRASE)


def test_only_the_owner_can_read_the_vault(tmp_path, monkeypatch):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    previous = os.umask(0)  # the most permissive umask: modes must not depend on it
    try:
        created = Vault.create(tmp_path / "deep" / "vault", PASSPHRASE)
        client = FakeClient.join(created, "Alice")
        (result,) = import_files(created, [("x", client.export(1, [entry("a")]))])
    finally:
        os.umask(previous)
    folder = created.path
    assert mode(folder) == 0o700
    assert mode(folder / "received") == 0o700
    assert mode(folder / "received" / result.sha256[:2]) == 0o700
    for name in ("vault.json", "identity.age", "vault.db.age", "vault.db.age.prev"):
        assert mode(folder / name) == 0o600, name
    assert mode(folder / "received" / result.sha256[:2] / f"{result.sha256}.age") == 0o600


# -- the roster -------------------------------------------------------------------


def test_an_invitation_carries_the_vaults_keys_and_the_client_id(vault):
    client, code = vault.add_client("Alice")
    assert code.startswith("SBINVITE1")
    invitation = decode_invitation(code)
    assert invitation.therapist.age_recipient == vault.identity.recipient
    assert invitation.therapist.signing_key == vault.identity.public.signing_key
    assert str(invitation.client_id) == client.client_id
    assert invitation.label == "Dr. Test"
    assert invitation.issued == date.today()
    assert client.invitation == code
    assert (client.signing_key, client.entries, client.last_sequence) == (None, 0, 0)
    assert vault.audit_log()[-1]["action"] == "client_added"
    assert vault.audit_log()[-1]["client_id"] == client.client_id


def test_every_client_gets_a_different_id(vault):
    ids = {vault.add_client(f"Client {n}")[0].client_id for n in range(5)}
    assert len(ids) == 5


@pytest.mark.parametrize("again", ["alice smith", "ALICE SMITH", "  Alice   Smith "])
def test_a_label_is_taken_whatever_its_case_or_spacing(vault, again):
    first, _ = vault.add_client(" Alice  Smith")
    assert first.label == "Alice Smith"
    with pytest.raises(LabelTaken):
        vault.add_client(again)
    assert [c.label for c in vault.clients(include_archived=True)] == ["Alice Smith"]


@pytest.mark.parametrize("label", ["", "   ", "x" * 81])
def test_a_label_needs_1_to_80_characters(vault, label):
    with pytest.raises(InvalidLabel):
        vault.add_client(label)
    assert vault.clients() == []


def test_find_a_client_by_id_prefix_or_label(vault):
    alice, _ = vault.add_client("Alice")
    vault.add_client("Bob")
    for reference in (
        alice.client_id,
        alice.client_id.upper(),
        alice.client_id[:8],
        f"  {alice.client_id[:12]} ",
        "alice",
        "ALICE",
    ):
        assert vault.client(reference).client_id == alice.client_id, reference


def test_unknown_and_ambiguous_references_are_refused(vault):
    alice, _ = vault.add_client("Alice")
    with pytest.raises(ClientNotFound):
        vault.client("Carol")
    with pytest.raises(ClientNotFound):
        vault.client(alice.client_id[:7])  # a prefix needs 8 characters
    with pytest.raises(ClientNotFound):
        vault.client(str(uuid.uuid4()))
    # A label that is another client's id prefix: the reference fits both.
    vault.add_client(alice.client_id[:8])
    with pytest.raises(AmbiguousClient):
        vault.client(alice.client_id[:8])
    assert vault.client(alice.client_id).label == "Alice"


def test_archive_and_restore(vault):
    alice, _ = vault.add_client("Alice")
    vault.add_client("Bob")
    archived = vault.set_archived("alice", True)
    assert archived.archived_at is not None
    assert [c.label for c in vault.clients()] == ["Bob"]
    assert [c.label for c in vault.clients(include_archived=True)] == ["Alice", "Bob"]
    assert vault.client("Alice").archived_at is not None  # still found by reference
    restored = vault.set_archived(alice.client_id, False)
    assert restored.archived_at is None
    assert [c.label for c in vault.clients()] == ["Alice", "Bob"]
    actions = [(line["action"], line["client_id"]) for line in vault.audit_log()[-2:]]
    assert actions == [("client_archived", alice.client_id), ("client_restored", alice.client_id)]


# -- standard tools: age and sqlite3 ----------------------------------------------------


def test_age_and_sqlite3_read_the_vault_without_securebase(vault, tmp_path):
    client = FakeClient.join(vault, "Alice")
    import_files(vault, [("1", client.export(1, [entry("a"), entry("b"), entry("c")]))])
    import_files(vault, [("2", client.export(2, [tombstone("c", 2)]))])
    plain = tmp_path / "vault.sqlite"

    code = agecli.run_with_passphrase(
        ["-d", "-i", str(vault.path / "identity.age"), "-o", str(plain), str(vault.store.path)],
        PASSPHRASE,
    )

    assert code == 0
    query = "SELECT count(*), sum(deleted = 0) FROM entries; PRAGMA user_version;"
    result = subprocess.run(
        ["sqlite3", str(plain), query], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.split() == ["3|2", str(len(MIGRATIONS))]


def test_a_version_2_vault_upgrades_on_open_and_counts_entries_from_an_index(vault):
    client = FakeClient.join(vault, "Alice")
    import_files(vault, [("1", client.export(1, [entry("a"), entry("b"), entry("c")]))])
    import_files(vault, [("2", client.export(2, [tombstone("c", 2)]))])

    def back_to_version_2(db):
        db.execute("DROP INDEX entries_live")
        # Migration 4 (confirmed keys) undone too.
        db.execute("DROP TABLE held_keys")
        db.execute("DROP TABLE rejected_files")
        db.execute("ALTER TABLE clients DROP COLUMN key_confirmed_at")
        # Migration 5 (repeats by statement) undone too.
        db.execute("DROP INDEX received_by_statement")
        db.execute("ALTER TABLE received_files DROP COLUMN statement_sha256")
        db.execute("DROP TABLE risk_flags")  # migration 6
        db.execute("DROP TABLE flag_reviews")

    vault.store.update(back_to_version_2)
    vault.store.db.execute("PRAGMA user_version = 2")
    vault.store.update(lambda db: None)  # written as a version 2 database
    assert len(MIGRATIONS) == 6

    reopened = Vault.unlock(vault.path, PASSPHRASE)

    db = reopened.store.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM entries WHERE client_id = ? AND deleted = 0",
        (client.client_id,),
    ).fetchall()
    assert "COVERING INDEX entries_live" in " ".join(row[-1] for row in plan)
    assert [c.entries for c in reopened.clients()] == [2]


# -- no plaintext on disk --------------------------------------------------------------


def _needles(canary: str) -> dict[str, bytes]:
    raw = canary.encode("utf-8")
    needles = {"utf-8": raw, "utf-16-le": canary.encode("utf-16-le")}
    for shift in range(3):  # base64 at each alignment; the edge characters mix in neighbours
        needles[f"base64+{shift}"] = base64.b64encode(b"\0" * shift + raw)[4:-4]
    return needles


def _files_holding(needles: dict[str, bytes], roots: list[Path], since: float) -> list[str]:
    """Files under ``roots`` changed since ``since`` (the canary did not exist before)
    that contain any needle, with the encoding found."""
    found = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode) or info.st_mtime < since:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue  # vanished or unreadable meanwhile
                found += [f"{path} ({kind})" for kind, needle in needles.items() if needle in data]
    return found


def test_no_client_text_reaches_the_disk_unencrypted(vault):
    started = time.time() - 2  # coarse file timestamps
    canary = f"canary-{uuid.uuid4().hex}-{uuid.uuid4().hex[:8]}"
    needles = _needles(canary)
    roots = [vault.path, Path(tempfile.gettempdir())]
    client = FakeClient.join(vault, "Alice")
    text = {"situation": f"situation {canary}", "automatic_thought": f"thought {canary}"}
    log = homework_log("h") | {"note": f"note {canary}"}
    import_files(vault, [("1", client.export(1, [entry("a", **text)], [log], [checkin("k")]))])
    import_files(vault, [("2", client.export(2, [entry("a", 2, **text), entry("b", **text)]))])
    rebuild(vault)
    Vault.unlock(vault.path, PASSPHRASE).client("Alice")

    assert _files_holding(needles, roots, started) == []
    assert canary in json.dumps(rows(committed(vault), "entries", "body"))  # it was imported

    # The scanner finds a planted canary in each encoding, in both places.
    for kind, needle in needles.items():
        for root in roots:
            with tempfile.NamedTemporaryFile(dir=root, prefix="plant-", delete=False) as plant:
                plant.write(b"padding " + needle + b" padding")
            try:
                assert _files_holding({kind: needle}, [root], started) == [f"{plant.name} ({kind})"]
            finally:
                os.unlink(plant.name)


# -- two writers, and being killed -------------------------------------------------------

WORKER = r"""
import os, sys, time
from pathlib import Path
from securebase.importer import import_files
from securebase.vault import Vault

vault = Vault.unlock(Path(sys.argv[1]), os.environ["SB_TEST_VAULT_PASSPHRASE"])
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit(2)
for batch in sys.argv[3:]:
    names = batch.split(",")
    results = import_files(vault, [(name, Path(name).read_bytes()) for name in names])
    for name, result in zip(names, results):
        print(result.status, name, flush=True)
    time.sleep(float(sys.argv[2]))
"""


def start_worker(
    vault_path: Path, batches: list[list[Path]], pause: float = 0.0
) -> subprocess.Popen:
    """A process that unlocks the vault, says ready, waits for "go", then imports
    each batch with one ``import_files`` call, printing ``imported NAME`` after it
    (and pausing ``pause`` seconds, as a person between two imports would)."""
    env = {**os.environ, PASSPHRASE_VARIABLE: PASSPHRASE}
    args = [",".join(str(path) for path in batch) for batch in batches]
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(vault_path), str(pause), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_ready(process: subprocess.Popen) -> None:
    assert process.stdout.readline() == "ready\n"


def go(process: subprocess.Popen) -> None:
    process.stdin.write("go\n")
    process.stdin.flush()


def write_exports(folder: Path, client: FakeClient, first: int, count: int, tag: str) -> dict:
    """``count`` exports with two fresh entries each; path -> the entry ids it holds."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for seq in range(first, first + count):
        names = [f"{tag}-{seq}-x", f"{tag}-{seq}-y"]
        path = folder / f"{tag}-{seq}.age"
        path.write_bytes(client.export(seq, [entry(name) for name in names]))
        written[path] = {item_id(name) for name in names}
    return written


def test_two_processes_importing_at_once_lose_nothing(vault, tmp_path):
    alice, bob = FakeClient.join(vault, "Alice"), FakeClient.join(vault, "Bob")
    alice_files = write_exports(tmp_path / "in", alice, 1, 16, "alice")
    bob_files = write_exports(tmp_path / "in", bob, 1, 16, "bob")
    # The pause outlasts the file lock's 50 ms polling, so the writers take turns
    # instead of one finishing first (the lock is not fair to a waiting process).
    pairs = [list(pair) for pair in zip(*[iter(bob_files)] * 2, strict=True)]
    workers = [
        start_worker(vault.path, [[path] for path in alice_files], pause=0.07),
        start_worker(vault.path, pairs, pause=0.07),
    ]
    for worker in workers:
        wait_ready(worker)
    for worker in workers:
        go(worker)
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0]
    assert outputs[0].split() == [word for p in alice_files for word in ("imported", str(p))]
    assert outputs[1].split() == [word for p in bob_files for word in ("imported", str(p))]
    final = Vault.unlock(vault.path, PASSPHRASE)
    stored = {(row[0], row[1]) for row in rows(committed(final), "entries", "client_id, id")}
    expected = {(alice.client_id, i) for ids in alice_files.values() for i in ids}
    expected |= {(bob.client_id, i) for ids in bob_files.values() for i in ids}
    assert stored == expected
    assert len(rows(committed(final), "received_files")) == 32
    actions = Counter(line["action"] for line in final.audit_log())
    assert (actions["imported"], actions["unlocked"]) == (32, 3)
    writers = [line["client_id"] for line in final.audit_log() if line["action"] == "imported"]
    switches = sum(a != b for a, b in itertools.pairwise(writers))
    assert switches >= 4, f"the two writers hardly overlapped: {switches} switches"


KILL_RUNS = 50
KILL_SEED = 20260302
FILES_PER_RUN = 6


def _present(db, client: FakeClient, path: Path, ids: set[str], sha256: str) -> tuple[bool, bool]:
    """(every entry of the file is stored, the file is recorded as received)."""
    placeholders = ",".join("?" * len(ids))
    stored = db.execute(
        f"SELECT count(*) FROM entries WHERE client_id = ? AND id IN ({placeholders})",
        (client.client_id, *ids),
    ).fetchone()[0]
    received = db.execute("SELECT 1 FROM received_files WHERE sha256 = ?", (sha256,)).fetchone()
    assert stored in (0, len(ids)), f"{path.name}: {stored} of {len(ids)} entries (half a file)"
    return stored == len(ids), received is not None


def _run_and_kill(vault_path: Path, batches: list[list[Path]], delay: float) -> list[str]:
    worker = start_worker(vault_path, batches)
    wait_ready(worker)
    go(worker)
    time.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    output = worker.communicate(timeout=60)[0]
    return [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("imported ")]


def _time_to_import(vault_path: Path, batches: list[list[Path]]) -> float:
    """Seconds from "go" to the last file reported, in one uninterrupted run."""
    worker = start_worker(vault_path, batches)
    wait_ready(worker)
    started = time.monotonic()
    go(worker)
    reported = [worker.stdout.readline() for batch in batches for _ in batch]
    elapsed = time.monotonic() - started
    worker.communicate(timeout=60)
    assert [line.split()[0] for line in reported] == ["imported"] * len(reported)
    return elapsed


def test_killed_mid_import_every_reported_file_is_complete(vault, tmp_path):
    rng = random.Random(KILL_SEED)
    client = FakeClient.join(vault, "Alice")
    files = write_exports(tmp_path / "in", client, 1, FILES_PER_RUN * (KILL_RUNS + 1), "k")
    paths = list(files)
    runs = [paths[i : i + FILES_PER_RUN] for i in range(0, len(paths), FILES_PER_RUN)]

    def batches_of(run: list[Path]) -> list[list[Path]]:
        batches, rest = [], list(run)
        while rest:
            size = rng.choice([1, 1, 2])
            batches.append(rest[:size])
            rest = rest[size:]
        return batches

    # Calibration: one uninterrupted run tells how long the imports take here.
    window = _time_to_import(vault.path, batches_of(runs[0]))

    outcomes = Counter()
    for run in runs[1:]:
        done = _run_and_kill(vault.path, batches_of(run), rng.uniform(0, window))
        opened = Vault.unlock(vault.path, PASSPHRASE)  # never damaged by the kill
        db = committed(opened)
        for path in run:
            data = path.read_bytes()
            sha256 = hashlib.sha256(data).hexdigest()
            entries_stored, recorded = _present(db, client, path, files[path], sha256)
            assert entries_stored == recorded, f"{path.name}: entries and record disagree"
            if str(path) in done:
                assert recorded, f"{path.name} was reported imported but is missing"
                kept = opened.received_dir / sha256[:2] / f"{sha256}.age"
                assert kept.read_bytes() == data
        assert not list(vault.path.glob(".vault.db.age.*.tmp"))  # cleaned by the next writer
        outcomes[len(done)] += 1

    leftovers = list(vault.received_dir.rglob(".*.tmp"))  # ciphertext a killed writer left
    print(
        f"kill runs: files reported imported per run -> {dict(sorted(outcomes.items()))};"
        f" temporary files left in received/: {len(leftovers)}"
    )
    assert sum(outcomes.values()) == KILL_RUNS
    assert len(outcomes) >= 3, f"the kills all landed alike: {outcomes}"
    # Files not reported (killed first) can simply be imported again, and the
    # received folder rebuilds the same database.
    results = import_files(opened, [(p.name, p.read_bytes()) for p in paths])
    assert all(result.status == "imported" for result in results)
    assert opened.client("Alice").entries == 2 * len(paths)
    rebuilt = rebuild(opened)
    assert len(rebuilt) == len(paths)
    assert all(result.status == "imported" for result in rebuilt)
    assert opened.client("Alice").entries == 2 * len(paths)
