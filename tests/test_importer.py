"""Importing sealed exports: the import matrix, refusals, batches, convergence, rebuild.

Exports come from ``tests/export_factory.py`` (sealed exactly as the client
tool seals them); one test goes through the real client journal end to end.
What the vault holds is always read back from the file on disk.
"""

import hashlib
import json
import shutil
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clienttools.home import ClientHome
from clienttools.journal import create_journal
from securebase import importer, limits
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.errors import DiskFull, NoPendingKey
from securebase.identity import Identity
from securebase.importer import import_files, rebuild
from securebase.invitation import decode_invitation
from securebase.vault import Vault
from tests.export_factory import (
    HOMEWORK_PACK_KIND,
    MARKER,
    FakeClient,
    checkin,
    committed,
    entry,
    files_under,
    flip_byte,
    homework_log,
    import_one,
    item_id,
    padded,
    reencrypted,
    resealed_with_flip,
    rows,
    situation_text,
    tombstone,
    unsigned,
)

pytest_plugins = ["tests.vault_kit"]  # the vault and alice fixtures

PASSPHRASE = "correct horse battery staple"
ITEM_TABLES = ("entries", "homework_logs", "checkins")
PENDING_COLUMNS = ("pending_signing_key", "pending_age_recipient", "pending_since")
CLIENT_COLUMNS = (
    "client_id, label, created_at, invitation, archived_at, signing_key, age_recipient,"
    " key_pinned_at, last_sequence, last_import_at"
)
ENTRY_COLUMNS = "client_id, id, revision, deleted, occurred_at, occurred_utc, recorded_at, body"


def counts(result) -> tuple:
    return (result.status, result.new, result.updated, result.removed, result.error)


def entries_of(vault: Vault, client: FakeClient) -> dict[str, tuple]:
    """Entry id -> (revision, deleted, situation or None), as committed."""
    found = committed(vault).execute(
        "SELECT id, revision, deleted, body FROM entries WHERE client_id = ?", (client.client_id,)
    )
    return {
        row["id"]: (row["revision"], bool(row["deleted"]), json.loads(row["body"]).get("situation"))
        for row in found
    }


def live(name: str, revision: int) -> tuple:
    return (revision, False, situation_text(name, revision))


def gone(revision: int) -> tuple:
    return (revision, True, None)


def received_path(vault: Vault, sha256: str) -> Path:
    return vault.received_dir / sha256[:2] / f"{sha256}.age"


# -- the import matrix: accepted files ------------------------------------------


def test_first_import_pins_the_key_and_keeps_the_file(vault, alice):
    data = alice.export(1, [entry("a"), entry("b")], [homework_log("h")], [checkin("k")])
    result = import_one(vault, data, "week1.age")

    assert counts(result) == ("imported", 4, 0, 0, None)
    assert result.file == "week1.age"
    assert result.summary == "4 new, 0 updated, 0 removed (key not confirmed yet)"
    assert result.unconfirmed
    client = vault.client("Alice")
    assert client.key_status == "unconfirmed"
    assert client.signing_key == alice.identity.public.signing_key.hex()
    assert client.key_fingerprint == alice.identity.public.fingerprint
    assert (client.last_sequence, client.entries) == (1, 2)
    assert client.last_import_at is not None
    assert received_path(vault, result.sha256).read_bytes() == data
    db = committed(vault)
    assert rows(db, "received_files", "sha256, client_id, sequence") == [
        (result.sha256, alice.client_id, 1)
    ]
    assert rows(db, "homework_logs", "id, revision, deleted") == [(item_id("h"), 1, 0)]
    assert rows(db, "checkins", "id, measure") == [(item_id("k"), "gad7")]
    assert entries_of(vault, alice) == {item_id("a"): live("a", 1), item_id("b"): live("b", 1)}


def test_known_client_new_and_updated_entries(vault, alice):
    import_one(vault, alice.export(1, [entry("a"), entry("b")]))
    result = import_one(vault, alice.export(2, [entry("a", 2), entry("c")]))

    assert counts(result) == ("imported", 1, 1, 0, None)
    assert entries_of(vault, alice) == {
        item_id("a"): live("a", 2),
        item_id("b"): live("b", 1),
        item_id("c"): live("c", 1),
    }
    assert vault.client(alice.client_id).last_sequence == 2


@pytest.mark.parametrize("same_batch", [False, True], ids=["two calls", "one batch"])
def test_the_same_file_twice_changes_nothing_the_second_time(vault, alice, same_batch):
    data = alice.export(1, [entry("a"), entry("b")], checkins=[checkin("k")])
    if same_batch:
        first, second = import_files(vault, [("one.age", data), ("again.age", data)])
    else:
        first = import_one(vault, data)
        before = {table: rows(committed(vault), table) for table in ITEM_TABLES}
        second = import_one(vault, data, "again.age")
        assert {table: rows(committed(vault), table) for table in ITEM_TABLES} == before

    assert counts(first) == ("imported", 3, 0, 0, None)
    assert counts(second) == ("imported", 0, 0, 0, None)
    assert second.repeated
    assert second.sha256 == first.sha256
    assert second.summary == "0 new, 0 updated, 0 removed (already imported)"
    assert len(rows(committed(vault), "received_files")) == 1
    assert len(entries_of(vault, alice)) == 2


def test_overlapping_exports_never_duplicate_an_entry(vault, alice):
    week = alice.export(1, [entry("a"), entry("b")], checkins=[checkin("k")])
    fortnight = alice.export(2, [entry("a"), entry("b"), entry("c")], checkins=[checkin("k")])
    assert counts(import_one(vault, week)) == ("imported", 3, 0, 0, None)
    assert counts(import_one(vault, fortnight)) == ("imported", 1, 0, 0, None)

    db = committed(vault)
    assert len(rows(db, "entries")) == 3
    assert len(rows(db, "checkins")) == 1
    assert vault.client("Alice").entries == 3


SEQUENCED = {
    1: [entry("a"), entry("b")],
    2: [entry("a", 2), entry("c")],
    3: [entry("a", 3), tombstone("b", 2)],
}
SEQUENCED_RESULT = {
    "a": live("a", 3),
    "b": gone(2),
    "c": live("c", 1),
}


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 1, 2), (2, 3, 1), (3, 2, 1)])
def test_any_order_of_sequences_ends_in_the_same_state(vault, alice, order):
    results = [import_one(vault, alice.export(seq, SEQUENCED[seq])) for seq in order]

    assert all(result.status == "imported" for result in results)
    expected = {item_id(name): state for name, state in SEQUENCED_RESULT.items()}
    assert entries_of(vault, alice) == expected
    assert vault.client("Alice").last_sequence == 3
    assert vault.client("Alice").entries == 2


def test_out_of_order_counts_only_what_changed(vault, alice):
    third, first, second = (alice.export(seq, SEQUENCED[seq]) for seq in (3, 1, 2))
    # 3: a r3 is new; the tombstone of a never-seen entry counts as nothing.
    assert counts(import_one(vault, third)) == ("imported", 1, 0, 0, None)
    # 1: a r1 and b r1 are older than what is stored.
    assert counts(import_one(vault, first)) == ("imported", 0, 0, 0, None)
    # 2: a r2 is older, c is new.
    assert counts(import_one(vault, second)) == ("imported", 1, 0, 0, None)


def test_higher_revision_replaces_and_a_replayed_older_export_does_not_roll_back(vault, alice):
    old = alice.export(1, [entry("a"), entry("b")])
    import_one(vault, old)
    assert counts(import_one(vault, alice.export(2, [entry("a", 2)]))) == (
        "imported",
        0,
        1,
        0,
        None,
    )

    replayed = import_one(vault, old)  # the very same file again
    resent = import_one(vault, alice.export(1, [entry("a"), entry("b")]))  # same content, new file
    assert counts(replayed) == counts(resent) == ("imported", 0, 0, 0, None)
    assert replayed.repeated
    assert not resent.repeated
    assert entries_of(vault, alice)[item_id("a")] == live("a", 2)


def test_a_tombstone_removes_and_an_older_revision_never_resurrects(vault, alice):
    import_one(vault, alice.export(1, [entry("a"), entry("b")]))
    assert counts(import_one(vault, alice.export(3, [tombstone("a", 3)]))) == (
        "imported",
        0,
        0,
        1,
        None,
    )
    stored = json.loads(
        committed(vault)
        .execute("SELECT body FROM entries WHERE id = ?", (item_id("a"),))
        .fetchone()[0]
    )
    assert stored["deleted"] is True
    assert "situation" not in stored
    assert vault.client("Alice").entries == 1

    late = import_one(vault, alice.export(2, [entry("a", 2)]))  # edited before the deletion
    assert counts(late) == ("imported", 0, 0, 0, None)
    assert entries_of(vault, alice)[item_id("a")] == gone(3)
    assert vault.client("Alice").entries == 1
    # A later tombstone of an entry already deleted removes nothing more.
    again = import_one(vault, alice.export(4, [tombstone("a", 4)]))
    assert counts(again) == ("imported", 0, 0, 0, None)
    assert entries_of(vault, alice)[item_id("a")] == gone(4)


def test_homework_logs_follow_the_same_revision_rules(vault, alice):
    import_one(vault, alice.export(1, logs=[homework_log("h"), homework_log("i")]))
    deleted = homework_log("h", 2) | {"deleted": True, "note": ""}
    result = import_one(vault, alice.export(2, logs=[deleted, homework_log("i", 2)]))
    assert counts(result) == ("imported", 0, 1, 1, None)
    replay = import_one(vault, alice.export(3, logs=[homework_log("h", 1)]))
    assert counts(replay) == ("imported", 0, 0, 0, None)
    assert rows(committed(vault), "homework_logs", "id, revision, deleted") == sorted(
        [(item_id("h"), 2, 1), (item_id("i"), 2, 0)]
    )


def test_two_clients_with_the_same_item_ids_stay_apart(vault, alice):
    bob = FakeClient.join(vault, "Bob")
    import_files(
        vault, [("a", alice.export(1, [entry("a")])), ("b", bob.export(1, [entry("a", 2)]))]
    )
    assert entries_of(vault, alice) == {item_id("a"): live("a", 1)}
    assert entries_of(vault, bob) == {item_id("a"): live("a", 2)}


# -- refusals -----------------------------------------------------------------------
# Each case prepares the vault (Alice has imported one export before it runs) and
# returns (file bytes, expected error code). The refused file would change data if
# it were accepted: it carries an edit of "a" and a new entry "c".


def _next_entries():
    return [entry("a", 2, situation=f"{MARKER} would change a"), entry("c")]


def case_unknown_client(vault, alice):
    return FakeClient.stranger(vault).export(1, _next_entries()), "unknown_client"


def case_key_changed(vault, alice):
    return alice.with_new_key().export(2, _next_entries()), "key_changed"


def case_for_another_therapist(vault, alice):
    other = Identity.generate()
    return alice.export(2, _next_entries(), recipients=[other.recipient]), "not_for_this_identity"


def case_unsigned_age_file(vault, alice):
    document = json.dumps(alice.document(2, _next_entries())).encode()
    return unsigned(document, vault.identity.recipient), "unsigned"


def case_bad_signature(vault, alice):
    return resealed_with_flip(alice.export(2, _next_entries()), vault.identity), "bad_signature"


def case_forwarded(vault, alice):
    colleague = Identity.generate()
    sealed = alice.export(2, _next_entries(), recipients=[colleague.recipient])
    return reencrypted(sealed, colleague, vault.identity.recipient), "recipient_mismatch"


def case_homework_pack_kind(vault, alice):
    document = json.dumps(alice.document(2, _next_entries())).encode()
    return alice.seal_raw(document, kind=HOMEWORK_PACK_KIND), "wrong_kind"


def case_first_byte_flipped(vault, alice):
    return flip_byte(alice.export(2, _next_entries()), 0), "not_age_file"


def case_header_mac_flipped(vault, alice):
    data = alice.export(2, _next_entries())
    return flip_byte(data, data.index(b"\n--- ") + 6), "tampered"


def case_payload_byte_flipped(vault, alice):
    data = alice.export(2, _next_entries())
    return flip_byte(data, len(data) - 40), "tampered"


def case_truncated_by_half(vault, alice):
    data = alice.export(2, _next_entries())
    return data[: len(data) // 2], "tampered"


def case_last_byte_cut(vault, alice):
    return alice.export(2, _next_entries())[:-1], "tampered"


def case_armored_and_damaged(vault, alice):
    data = alice.export(2, _next_entries(), armored=True)
    middle = data.index(b"\n", len(data) // 2) - 3  # a base64 character mid-body
    return data[:middle] + (b"A" if data[middle : middle + 1] != b"A" else b"B") + data[
        middle + 1 :
    ], "tampered"


def case_oversized(vault, alice):
    return padded(alice.export(2, _next_entries()), limits.MAX_SEALED_BYTES + 1), "too_large"


def case_invalid_document(vault, alice):
    doc = alice.document(2, _next_entries())
    doc["entries"][0]["urge"]["intensity"] = 11
    return alice.seal_raw(json.dumps(doc).encode()), "invalid_document"


def case_unknown_field(vault, alice):
    doc = alice.document(2, _next_entries())
    doc["entries"][1][f"note_{MARKER}"] = MARKER
    return alice.seal_raw(json.dumps(doc).encode()), "invalid_document"


def case_not_json(vault, alice):
    return alice.seal_raw(f'{{"situation": "{MARKER}", '.encode()), "malformed_json"


def case_archived_client(vault, alice):
    vault.set_archived("Alice", True)
    return alice.export(2, _next_entries()), "client_archived"


def case_keys_name_someone_else(vault, alice):
    return alice.export(2, _next_entries(), keys=Identity.generate()), "key_mismatch"


def case_signed_by_someone_naming_alice(vault, alice):
    impostor = Identity.generate()
    return alice.export(2, _next_entries(), signer=impostor, keys=alice.identity), "key_mismatch"


REFUSALS = [
    case_unknown_client,
    case_key_changed,
    case_for_another_therapist,
    case_unsigned_age_file,
    case_bad_signature,
    case_forwarded,
    case_homework_pack_kind,
    case_first_byte_flipped,
    case_header_mac_flipped,
    case_payload_byte_flipped,
    case_truncated_by_half,
    case_last_byte_cut,
    case_armored_and_damaged,
    case_oversized,
    case_invalid_document,
    case_unknown_field,
    case_not_json,
    case_archived_client,
    case_keys_name_someone_else,
    case_signed_by_someone_naming_alice,
]


def clinical_snapshot(vault: Vault, *, with_pending: bool = True) -> dict:
    db = committed(vault)
    snapshot = {table: rows(db, table) for table in (*ITEM_TABLES, "received_files")}
    columns = CLIENT_COLUMNS + (", " + ", ".join(PENDING_COLUMNS) if with_pending else "")
    snapshot["clients"] = rows(db, "clients", columns)
    return snapshot


@pytest.fixture
def decryptions(monkeypatch) -> list[int]:
    """The size of every input pyrage was asked to decrypt (a spy, not a mock)."""
    sizes: list[int] = []
    real = pyrage.decrypt

    def spy(data, identities):
        sizes.append(len(data))
        return real(data, identities)

    monkeypatch.setattr(pyrage, "decrypt", spy)
    return sizes


@pytest.mark.parametrize("case", REFUSALS, ids=lambda case: case.__name__.removeprefix("case_"))
def test_a_refused_file_changes_no_clinical_data(vault, alice, case, decryptions):
    first = alice.export(1, [entry("a"), entry("b")], [homework_log("h")], [checkin("k")])
    assert import_one(vault, first).status == "imported"
    alice.confirm(vault)
    data, code = case(vault, alice)
    pending_may_change = code == "key_changed"
    before = clinical_snapshot(vault, with_pending=not pending_may_change)
    received_before = files_under(vault.received_dir)
    audit_before = vault.audit_log()
    decryptions.clear()

    result = import_one(vault, data, "refused.age")

    assert counts(result) == ("refused", 0, 0, 0, code)
    assert result.file == "refused.age"
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert MARKER not in result.summary + result.hint
    assert result.hint
    assert clinical_snapshot(vault, with_pending=not pending_may_change) == before
    assert files_under(vault.received_dir) == received_before
    audit_after = Vault.unlock(vault.path, PASSPHRASE).audit_log()[:-1]  # drop "unlocked"
    added = audit_after[len(audit_before) :]
    assert audit_after[: len(audit_before)] == audit_before
    assert [(line["action"], line["detail"]) for line in added] == [
        ("import_refused", {"sha256": result.sha256, "error": code})
    ]
    assert MARKER not in json.dumps(added)
    if code == "too_large":
        assert all(size <= limits.MAX_SEALED_BYTES for size in decryptions)


ENVELOPE_REFUSALS = {"tampered", "not_for_this_identity", "not_age_file"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.booleans(),
    where=st.integers(min_value=0, max_value=2**20),
    bit=st.sampled_from([1, 2, 4, 8, 16, 32, 64, 128]),
)
def test_any_flipped_bit_or_cut_is_refused_never_raised(vault, alice, cut, where, bit):
    sealed = alice.export(1, [entry("a")])
    index = where % len(sealed)
    damaged = sealed[:index] if cut else flip_byte(sealed, index, bit)
    result = import_one(vault, damaged)
    assert result.status == "refused"
    assert result.error in ENVELOPE_REFUSALS
    assert rows(committed(vault), "entries") == []


def test_a_changed_key_waits_for_the_therapist_then_imports(vault, alice):
    import_one(vault, alice.export(1, [entry("a")]))
    alice.confirm(vault)
    reinstalled = alice.with_new_key()
    data = reinstalled.export(2, [entry("a", 2), entry("b")])

    assert import_one(vault, data).error == "key_changed"
    waiting = vault.client("Alice")
    assert waiting.signing_key == alice.identity.public.signing_key.hex()
    assert waiting.pending_fingerprint == reinstalled.identity.public.fingerprint
    assert import_one(vault, data).error == "key_changed"  # still refused until accepted

    accepted = vault.accept_key("Alice")
    assert accepted.key_fingerprint == reinstalled.identity.public.fingerprint
    assert accepted.pending_signing_key is None
    assert counts(import_one(vault, data)) == ("imported", 1, 1, 0, None)
    assert entries_of(vault, alice)[item_id("a")] == live("a", 2)
    # The old key is now the stranger.
    assert import_one(vault, alice.export(3, [entry("c")])).error == "key_changed"
    accepted_lines = [line for line in vault.audit_log() if line["action"] == "key_confirmed"]
    assert accepted_lines[-1] == {
        "at": accepted_lines[-1]["at"],
        "action": "key_confirmed",
        "client_id": alice.client_id,
        "detail": {
            "fingerprint": reinstalled.identity.public.fingerprint,
            "held_keys_dropped": 0,
            "files_rejected": 0,
        },
    }


def test_accept_key_without_a_waiting_key_is_refused(vault, alice):
    import_one(vault, alice.export(1, [entry("a")]))
    with pytest.raises(NoPendingKey):
        vault.accept_key("Alice")


# -- batches --------------------------------------------------------------------


def test_a_mixed_batch_imports_the_good_files_in_one_write(vault, alice):
    bob = FakeClient.join(vault, "Bob")
    import_one(vault, alice.export(1, [entry("a")]))
    alice.confirm(vault)
    store_file = vault.store.path
    before_bytes = store_file.read_bytes()
    audit_before = len(vault.audit_log())
    batch = [
        ("alice-2.age", alice.export(2, [entry("a", 2), entry("b")])),
        ("damaged.age", alice.export(3, [entry("x")])[:-5]),
        ("bob-1.age", bob.export(1, [entry("a"), entry("z")])),
        ("stranger.age", FakeClient.stranger(vault).export(1, [entry("s")])),
        ("alice-new-key.age", alice.with_new_key().export(4, [entry("y")])),
    ]

    results = import_files(vault, batch)

    assert [(r.file, r.status, r.error) for r in results] == [
        ("alice-2.age", "imported", None),
        ("damaged.age", "refused", "tampered"),
        ("bob-1.age", "imported", None),
        ("stranger.age", "refused", "unknown_client"),
        ("alice-new-key.age", "refused", "key_changed"),
    ]
    assert entries_of(vault, alice) == {item_id("a"): live("a", 2), item_id("b"): live("b", 1)}
    assert entries_of(vault, bob) == {item_id("a"): live("a", 1), item_id("z"): live("z", 1)}
    # One write for the batch: the previous generation is exactly the file before it.
    assert store_file.with_name(store_file.name + ".prev").read_bytes() == before_bytes
    assert store_file.read_bytes() != before_bytes
    actions = [line["action"] for line in vault.audit_log()[audit_before:]]
    assert actions == ["imported", "import_refused", "imported", "import_refused", "import_refused"]
    for _, data in (batch[0], batch[2]):
        sha256 = hashlib.sha256(data).hexdigest()
        assert (vault.received_dir / sha256[:2] / f"{sha256}.age").read_bytes() == data


def test_a_batch_whose_received_files_cannot_be_kept_commits_nothing(vault, alice, monkeypatch):
    import_one(vault, alice.export(1, [entry("a")]))
    before = entries_of(vault, alice), vault.store.path.read_bytes()
    batch = [(f"alice-{n}.age", alice.export(n, [entry(f"e{n}")])) for n in range(2, 6)]
    real_write = importer.write_atomically

    def full_on_the_third(path, data, **options):
        if data == batch[2][1]:
            raise DiskFull()
        real_write(path, data, **options)

    monkeypatch.setattr(importer, "write_atomically", full_on_the_third)

    with pytest.raises(DiskFull):
        import_files(vault, batch)

    assert (entries_of(vault, alice), vault.store.path.read_bytes()) == before
    monkeypatch.setattr(importer, "write_atomically", real_write)
    results = import_files(vault, batch)  # once there is room again: all of them, once
    assert [(r.status, r.new, r.repeated) for r in results] == [("imported", 1, False)] * 4


def test_a_batch_of_only_refusals_records_them_and_nothing_else(vault, alice):
    import_one(vault, alice.export(1, [entry("a")]))
    before = clinical_snapshot(vault)
    results = import_files(vault, [("x", b"not an export"), ("y", b"")])
    assert [r.error for r in results] == ["not_age_file", "not_age_file"]
    assert clinical_snapshot(vault) == before


# -- convergence (property) ---------------------------------------------------------

CONVERGENCE_EXPORTS = {
    1: ([entry("a"), entry("b"), entry("c")], [homework_log("h")], [checkin("k1")]),
    2: ([entry("a", 2), entry("b"), entry("d")], [], [checkin("k1")]),
    3: ([entry("a", 2), tombstone("b", 2), entry("d", 2)], [homework_log("h", 2)], []),
    4: ([entry("c", 2), entry("d", 2), entry("e")], [], [checkin("k2", measure="phq9")]),
    5: (
        [entry("a", 3), entry("e"), tombstone("b", 2), tombstone("c", 3)],
        [],
        [checkin("k2", measure="phq9")],
    ),
}


class ConvergenceWorld:
    """One template vault with one client and the five exports, made once."""

    def __init__(self, root: Path):
        self.root = root
        self.template = root / "template"
        vault = Vault.create(self.template, PASSPHRASE)
        self.identity = vault.identity
        self.client = FakeClient.join(vault, "Casey")
        self.files = {
            seq: self.client.export(seq, *items) for seq, items in CONVERGENCE_EXPORTS.items()
        }
        self.references: dict[frozenset, dict] = {}
        self.made = 0

    def fresh_vault(self) -> Vault:
        self.made += 1
        path = self.root / f"v{self.made}"
        shutil.copytree(self.template, path)
        return Vault(path, self.identity)

    def state(self, vault: Vault) -> dict:
        db = committed(vault)
        state = {"entries": rows(db, "entries", ENTRY_COLUMNS)}
        state["homework_logs"] = rows(db, "homework_logs", "client_id, id, revision, deleted, body")
        state["checkins"] = rows(db, "checkins", "client_id, id, measure, completed_at, body")
        state["last_sequence"] = vault.client("Casey").last_sequence
        sources = {row[0] for table in ITEM_TABLES for row in rows(db, table, "source_sha256")}
        assert sources <= {row[0] for row in rows(db, "received_files", "sha256")}
        return state

    def reference(self, sequences: frozenset) -> dict:
        """Each distinct export once, in sequence order."""
        if sequences not in self.references:
            vault = self.fresh_vault()
            for seq in sorted(sequences):
                import_one(vault, self.files[seq])
            self.references[sequences] = self.state(vault)
        return self.references[sequences]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> ConvergenceWorld:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(WORK_FACTOR_VARIABLE, "4")
        return ConvergenceWorld(tmp_path_factory.mktemp("convergence"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=10),
    as_batch=st.booleans(),
)
def test_any_order_with_repeats_converges(world, order, as_batch):
    vault = world.fresh_vault()
    if as_batch:
        results = import_files(vault, [(f"{seq}.age", world.files[seq]) for seq in order])
    else:
        results = [import_one(vault, world.files[seq], f"{seq}.age") for seq in order]
    assert all(result.status == "imported" for result in results)
    assert world.state(vault) == world.reference(frozenset(order))


def test_the_full_convergence_reference_is_what_the_exports_say(world):
    state = world.reference(frozenset(CONVERGENCE_EXPORTS))
    by_id = {row[1]: (row[2], row[3]) for row in state["entries"]}
    assert by_id == {
        item_id("a"): (3, 0),
        item_id("b"): (2, 1),
        item_id("c"): (3, 1),
        item_id("d"): (2, 0),
        item_id("e"): (1, 0),
    }
    assert [(row[1], row[2]) for row in state["homework_logs"]] == [(item_id("h"), 2)]
    assert len(state["checkins"]) == 2
    assert state["last_sequence"] == 5


# -- rebuild ------------------------------------------------------------------------


def _import_history(vault: Vault, alice: FakeClient, bob: FakeClient) -> None:
    results = import_files(
        vault,
        [
            ("a1", alice.export(1, [entry("a"), entry("b")], [homework_log("h")], [checkin("k")])),
            ("a2", alice.export(2, [entry("a", 2), entry("b"), entry("c")])),
            ("a3", alice.export(3, [tombstone("b", 2), entry("c", 2)], [homework_log("h", 2)])),
            ("b1", bob.export(1, [entry("a"), entry("q")], checkins=[checkin("k")])),
        ],
    )
    assert all(result.status == "imported" for result in results)


def _rebuildable_state(vault: Vault) -> dict:
    db = committed(vault)
    return {
        "entries": rows(db, "entries", ENTRY_COLUMNS),
        "homework_logs": rows(db, "homework_logs", "client_id, id, revision, deleted, body"),
        "checkins": rows(db, "checkins", "client_id, id, measure, body"),
        "received_files": rows(db, "received_files", "sha256, client_id, export_id, sequence"),
        "sequences": rows(db, "clients", "client_id, last_sequence, signing_key"),
    }


def test_rebuild_recreates_the_same_items_from_received_files(vault, alice):
    bob = FakeClient.join(vault, "Bob")
    _import_history(vault, alice, bob)
    before = _rebuildable_state(vault)
    vault.store.update(lambda db: db.execute("DELETE FROM entries"))
    assert rows(committed(vault), "entries") == []

    results = rebuild(vault)

    assert len(results) == 4
    assert all(result.status == "imported" for result in results)
    assert _rebuildable_state(vault) == before
    assert vault.audit_log()[-1]["action"] == "rebuilt"
    assert vault.audit_log()[-1]["detail"] == {"files": 4}


def test_rebuild_keeps_archived_clients_and_accepted_keys(vault, alice):
    import_one(vault, alice.export(1, [entry("a"), entry("b")]))
    alice.confirm(vault)
    reinstalled = alice.with_new_key()
    key_change = reinstalled.export(2, [entry("a", 2)])
    import_one(vault, key_change)
    vault.accept_key("Alice")
    assert import_one(vault, key_change).status == "imported"
    vault.set_archived("Alice", True)
    before = _rebuildable_state(vault)

    results = rebuild(vault)

    assert [result.error for result in results] == [None, None]
    assert _rebuildable_state(vault) == before
    assert vault.client("Alice").key_fingerprint == reinstalled.identity.public.fingerprint


# -- audit log ------------------------------------------------------------------------


def test_the_audit_log_records_actions_without_client_text(vault, alice):
    good = alice.export(1, [entry("a")], [homework_log("h")], [checkin("k")])
    good_result = import_one(vault, good)
    refused = import_one(vault, alice.export(2, [entry("x", situation=f"{MARKER} secret")])[:-1])
    unlocked = Vault.unlock(vault.path, PASSPHRASE)
    import_one(unlocked, good)
    import_one(unlocked, alice.with_new_key().export(3, [entry("b")]))
    unlocked.accept_key("Alice")

    log = unlocked.audit_log()
    assert [line["action"] for line in log] == [
        "vault_created",
        "client_added",
        "imported",
        "import_refused",
        "unlocked",
        "import_repeated",
        "import_refused",
        "key_confirmed",
    ]
    assert log[2]["detail"] == {"sha256": good_result.sha256, "new": 3, "updated": 0, "removed": 0}
    assert log[2]["client_id"] == alice.client_id
    assert log[3]["detail"] == {"sha256": refused.sha256, "error": "tampered"}
    assert log[6]["detail"]["error"] == "key_conflict"  # the first key was never confirmed
    assert log[6]["client_id"] == alice.client_id
    assert all(line["at"] for line in log)
    assert MARKER not in json.dumps(log)


# -- end to end with the real client journal ----------------------------------------------


def test_the_client_tool_exports_import_edit_and_delete(vault, tmp_path):
    _, code = vault.add_client("Dana")
    journal = create_journal(ClientHome(tmp_path / "dana"), decode_invitation(code), "dana pass 12")
    written = journal.add_entry({"situation": f"{MARKER} no reply all evening"})
    sent: list[bytes] = []

    journal.export(sent.append)
    assert counts(import_one(vault, sent[-1])) == ("imported", 1, 0, 0, None)
    journal.edit_entry(str(written.id), {"situation": f"{MARKER} edited"})
    journal.export(sent.append)
    assert counts(import_one(vault, sent[-1])) == ("imported", 0, 1, 0, None)
    journal.delete_entry(str(written.id))
    journal.export(sent.append)
    assert counts(import_one(vault, sent[-1])) == ("imported", 0, 0, 1, None)

    dana = vault.client("Dana")
    assert dana.key_fingerprint == journal.identity.public.fingerprint
    assert (dana.last_sequence, dana.entries) == (3, 0)
    assert [result.status for result in import_files(vault, [("1", sent[0])])] == ["imported"]
    assert vault.client("Dana").entries == 0  # the first export does not resurrect it
