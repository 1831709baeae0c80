"""The web journal's format code (TypeScript, run under node) against the Python core.

What the browser app makes must be exactly what the therapist's side reads:
keys and fingerprints from the shared vectors; invitations made by
``securebase client add``; identity files readable both ways and by the
reference ``age`` CLI; a sealed export that ``securebase import`` takes into
a vault with every entry identical field by field, and that ``age -d``
opens with the therapist's identity; homework packs made by ``securebase
homework pack`` opened, and every bad pack refused with its own code.
"""

import json
import uuid
from pathlib import Path

import pytest

from securebase.envelope import seal
from securebase.homework_pack import PACK_KIND
from securebase.identity import Identity, load_identity, save_identity, verify_signature
from securebase.invitation import decode_invitation
from securebase.journal import FORMAT_LABEL
from tests.agecli import run_with_passphrase
from tests.test_therapist_cli import PASSPHRASE, Therapist
from tests.webkit import interop

VECTORS = json.loads((Path(__file__).parent / "data" / "identity-vectors.json").read_text())
NEW_YORK = "-05:00"


def test_keys_signatures_and_fingerprints_match_the_core():
    for vector in VECTORS:
        made = interop("keys", secret=vector["age_secret"], message="hello")
        assert made["recipient"] == vector["age_recipient"]
        assert made["signing_key"] == vector["signing_key"]
        assert made["fingerprint"] == vector["fingerprint"]
        signature = bytes.fromhex(made["signature"])
        assert signature == Identity(vector["age_secret"]).sign(b"hello")
        assert verify_signature(bytes.fromhex(made["signing_key"]), signature, b"hello")


def test_identity_file_opens_in_python_in_age_and_back(tmp_path):
    path = tmp_path / "identity.age"
    made = interop("identity_file", path=str(path), passphrase="a long phrase", work_factor=4)
    assert load_identity(path, "a long phrase").recipient == made["recipient"]
    out = tmp_path / "plain.txt"
    assert run_with_passphrase(["-d", "-o", str(out), str(path)], "a long phrase") == 0
    assert made["secret"] in out.read_text()
    assert f"# public key: {made['recipient']}" in (out.read_text())
    desktop = tmp_path / "desktop.age"
    identity = Identity.generate()
    save_identity(identity, desktop, "another phrase", work_factor=4)
    assert interop("open_identity", path=str(desktop), passphrase="another phrase") == {
        "secret": str(identity.age_identity).upper()
    }
    wrong = interop("open_identity", path=str(desktop), passphrase="not it")
    assert wrong == {"error": "WrongPassphrase"}


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


def add_client(therapist: Therapist, label: str) -> dict:
    added = therapist("client", "add", label, "--json")
    assert added.code == 0, added.err
    return added.json()


def test_invitation_from_the_cli_decodes_the_same(therapist):
    added = add_client(therapist, "Alice")
    python = decode_invitation(added["invitation"])
    for text in (added["invitation"], f"https://journal.example/#{added['invitation']}"):
        typescript = interop("invitation", code=text)
        assert typescript["clientId"] == str(python.client_id) == added["client_id"]
        assert typescript["therapistRecipient"] == python.therapist.age_recipient
        assert typescript["therapistSigningKey"] == python.therapist.signing_key.hex()
        assert typescript["fingerprint"] == python.therapist.fingerprint
        assert (typescript["label"], typescript["issued"]) == (
            python.label,
            python.issued.isoformat(),
        )
    broken = (
        added["invitation"][:-3]
        + ("Q" if added["invitation"][-3] != "Q" else "P")
        + (added["invitation"][-2:])
    )
    assert "check each character" in interop("invitation", code=broken)["error"]


def full_entry(n: int) -> dict:
    return {
        "id": str(uuid.uuid4()), "revision": 2, "deleted": False,
        "occurred_at": f"2026-03-0{n}T21:40:00{NEW_YORK}",
        "recorded_at": f"2026-03-0{n}T22:05:13{NEW_YORK}",
        "situation": f"He did not answer for three hours, entry {n} — “quotes” & <b>tags</b>",
        "triggers": ["delayed_reply", "tone_change"], "trigger_note": "after lunch",
        "emotions": [{"emotion": "anxiety", "intensity": 80}, {"emotion": "hurt", "intensity": 40}],
        "body_sensations": "tight chest\nshallow breath", "automatic_thought": "He is leaving",
        "belief_before": 85, "distress_before": 70, "distress_after": 35,
        "urge": {"intensity": 8, "acted": False, "behaviours": ["repeated_messages"],
                 "delay_minutes": 15},
        "soothing": [{"technique": "paced_breathing", "minutes": 5},
                     {"technique": "grounding", "minutes": None}],
        "challenge": {"distortions": ["mind_reading"], "evidence_for": "slow replies",
                      "evidence_against": "he said he was in meetings",
                      "balanced_thought": "He is busy, not gone", "belief_after": 30},
        "need_statement": {"text": "I feel uneasy when I do not hear back", "shared": True},
        "partner_positive": ["He called at 6"], "assignment_id": None, "tags": ["work", "evening"],
    }  # fmt: skip


def minimal_entry() -> dict:
    return {
        "id": str(uuid.uuid4()), "revision": 1, "deleted": False,
        "occurred_at": f"2026-03-04T08:00:00{NEW_YORK}",
        "recorded_at": f"2026-03-04T08:00:20{NEW_YORK}",
        "situation": "Quick note", "triggers": [], "trigger_note": "", "emotions": [],
        "body_sensations": "", "automatic_thought": "", "belief_before": None,
        "distress_before": None, "distress_after": None,
        "urge": {"intensity": 6, "acted": True, "behaviours": [], "delay_minutes": None},
        "soothing": [], "challenge": None, "need_statement": None, "partner_positive": [],
        "assignment_id": None, "tags": [],
    }  # fmt: skip


def export_items() -> list[dict]:
    tombstone = {"id": str(uuid.uuid4()), "revision": 3, "deleted": True,
                 "recorded_at": f"2026-03-05T09:00:00{NEW_YORK}"}  # fmt: skip
    log = {"id": str(uuid.uuid4()), "assignment_id": str(uuid.uuid4()), "revision": 1,
           "deleted": False, "done_at": f"2026-03-03T07:30:00{NEW_YORK}", "minutes": 10,
           "helpfulness": 7, "distress_before": 60, "distress_after": 30,
           "note": "calmer"}  # fmt: skip
    checkin = {"id": str(uuid.uuid4()), "measure": "gad7",
               "completed_at": f"2026-03-05T10:00:00{NEW_YORK}",
               "answers": [1, 2, 0, 3, 1, 0, 2]}  # fmt: skip
    already_sent = {**full_entry(1), "revision": 1}
    return [
        {"type": "entry", "body": full_entry(2)},
        {"type": "entry", "body": minimal_entry()},
        {"type": "entry", "body": tombstone},
        {"type": "entry", "body": already_sent, "sent": 1},
        {"type": "log", "body": log},
        {"type": "checkin", "body": checkin},
    ]


def stored(therapist: Therapist, table: str, client_id: str) -> dict[str, dict]:
    vault = therapist.vault()
    rows = vault.store.db.execute(
        f"SELECT id, body FROM {table} WHERE client_id = ?",
        (client_id,),
    ).fetchall()
    vault.store.close()
    return {row["id"]: json.loads(row["body"]) for row in rows}


def test_export_is_imported_field_by_field_and_opens_with_age(therapist, tmp_path):
    added = add_client(therapist, "Alice")
    items = export_items()
    path = tmp_path / "export.age"
    made = interop(
        "export", invitation=added["invitation"], items=items, path=str(path), sequence=1,
        now=f"2026-03-05T10:05:00{NEW_YORK}",
    )  # fmt: skip
    assert made["problems"] == []
    assert made["counts"] == {"entries": 2, "deleted": 1, "homework_logs": 1, "checkins": 1}
    document = made["document"]
    assert document["period"] == {"start": "2026-03-02", "end": "2026-03-05"}

    result = therapist("import", str(path), "--json")
    assert result.code == 0, result.err + result.out
    entries = stored(therapist, "entries", added["client_id"])
    assert entries == {entry["id"]: entry for entry in document["entries"]}
    assert entries == {i["body"]["id"]: i["body"] for i in items[:3]}  # not the one already sent
    logs = stored(therapist, "homework_logs", added["client_id"])
    assert list(logs.values()) == [items[4]["body"]]
    checkins = stored(therapist, "checkins", added["client_id"])
    assert list(checkins.values()) == [items[5]["body"]]

    # The reference age CLI opens it with the therapist's identity (passphrase-protected).
    plain = tmp_path / "statement.bin"
    identity_file = therapist.vault_path / "identity.age"
    code = run_with_passphrase(["-d", "-i", str(identity_file), "-o", str(plain), str(path)],
                               PASSPHRASE)  # fmt: skip
    assert code == 0
    statement = plain.read_bytes()
    assert statement.startswith(
        b"SBSEALED\x01" + bytes([len(FORMAT_LABEL)]) + FORMAT_LABEL.encode()
    )
    assert json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode() in statement


@pytest.fixture
def packed(therapist, tmp_path):
    """A client whose TS-made key the vault has pinned, with a pack made by the CLI."""
    added = add_client(therapist, "Alice")
    client = interop("keys")
    first = tmp_path / "first.age"
    interop("export", invitation=added["invitation"], items=[], path=str(first),
            secret=client["secret"])  # fmt: skip
    assert therapist("import", str(first), "--json").code == 0
    [listed] = json.loads(therapist("client", "list", "--json").out)["clients"]
    assert therapist("client", "confirm", "Alice", listed["key_fingerprint"]).code == 0
    assigned = therapist("homework", "assign", "Alice", "paced_breathing", "--note",
                         "Before bed <b>is</b> good.", "--json")  # fmt: skip
    assert assigned.code == 0, assigned.err
    pack = tmp_path / "pack.age"
    assert therapist("homework", "pack", "Alice", "--out", str(pack), "--json").code == 0
    return {**added, "secret": client["secret"], "pack": pack,
            "assignment_id": assigned.json()["assignment_id"]}  # fmt: skip


def open_pack(packed, path: Path) -> dict:
    return interop("open_pack", path=str(path), secret=packed["secret"],
                   invitation=packed["invitation"])  # fmt: skip


def test_pack_from_the_cli_opens(packed):
    opened = open_pack(packed, packed["pack"])["pack"]
    assert opened["client_id"] == packed["client_id"]
    [assignment] = opened["assignments"]
    assert assignment["assignment_id"] == packed["assignment_id"]
    assert assignment["exercise"] == "paced_breathing"
    assert assignment["note"] == "Before bed <b>is</b> good."
    assert assignment["instructions"]
    assert assignment["records"]


def test_bad_packs_are_refused_each_with_its_reason(packed, therapist, tmp_path):
    good = packed["pack"].read_bytes()
    document = json.loads(
        __import__("pyrage").decrypt(good, [Identity(packed["secret"]).age_identity])[
            9 + 1 + len(PACK_KIND) + 32 + 1 + 1 + 62 + 8 : -64
        ]
    )
    client = Identity(packed["secret"])
    vault = therapist.vault()
    real = vault.identity
    vault.store.close()
    stranger = Identity.generate()

    def sealed(doc: dict, signer=real, to=client.recipient, kind=PACK_KIND) -> bytes:
        return seal(json.dumps(doc).encode(), signer, [to], kind=kind)

    cases = {
        "tampered": good[:-40] + bytes([good[-40] ^ 1]) + good[-39:],
        "unexpected_signer": sealed(document, signer=stranger),
        "wrong_kind": sealed(document, kind=FORMAT_LABEL),
        "not_for_you": sealed(document, to=stranger.recipient),
        "not_your_pack": sealed({**document, "client_id": str(uuid.uuid4())}),
        "invalid": sealed({**document, "surprise": 1}),
        "not_age": b"hello, this is not a pack",
    }
    for expected, data in cases.items():
        path = tmp_path / f"{expected}.age"
        path.write_bytes(data)
        assert open_pack(packed, path) == {"error": expected}, expected
    assert "pack" in open_pack(packed, packed["pack"])  # the good one still opens


RISK_DATA = Path(__file__).parent / "data"


def risk_texts() -> list[str]:
    """Every shared risk text: the corpus, the development probes, and a few edge cases."""
    texts = ["not suicidal but hopeless", "I would never hurt myself", "sucide", "self-harm",
             "killed myself laughing", "cut myself some slack", "Selbstmord ß ς İ", "",
             "I don't want to die, I just want the pain to stop", "I ran 5 kms today"]  # fmt: skip
    texts += [
        item["text"] for item in json.loads((RISK_DATA / "risk_corpus.json").read_text())["items"]
    ]
    probes = json.loads((RISK_DATA / "risk_probes.json").read_text())
    texts += [text for key in ("risk", "look_alikes") for text in probes[key]]
    return texts


def test_risk_screen_agrees_with_python_on_the_shared_corpus():
    """The web journal's screen gives exactly the core's results (categories and levels)."""
    from securebase.risk_screen import screen

    texts = risk_texts()
    answer = interop("risk", texts=texts)
    python = [[{"category": m.category, "level": m.level} for m in screen(t)] for t in texts]
    disagreements = [t for t, a, b in zip(texts, answer["screen"], python, strict=True) if a != b]
    assert disagreements == []
    flags = [[m["category"] for m in found if m["level"] == "flag"] for found in python]
    assert answer["categories"] == flags
    assert sum(bool(found) for found in python) > 200  # the corpus does exercise the matcher
    assert any(m["level"] == "mention" for found in python for m in found)  # denials seen


def test_risk_screen_passes_the_agreement_file():
    """``tests/data/risk_agreement.json`` (docs/RISK_SCREEN.md), result for result."""
    cases = json.loads((RISK_DATA / "risk_agreement.json").read_text())["cases"]
    answer = interop("risk", texts=[case["text"] for case in cases])["screen"]
    assert answer == [case["expected"] for case in cases]


def test_a_pack_carries_the_therapists_crisis_resources(packed, therapist, tmp_path):
    """A signed pack may carry the practice's crisis resources (null in older packs)."""
    client = Identity(packed["secret"])
    vault = therapist.vault()
    real = vault.identity
    vault.store.close()
    base = interop_pack_document(packed)
    resources = [{"name": "Crisis line of the practice's region", "contact": "Call 0800 000 000"}]
    for value, expected in ((resources, resources), (None, None)):
        path = tmp_path / "resources.age"
        doc = {**base, "crisis_resources": value}
        path.write_bytes(seal(json.dumps(doc).encode(), real, [client.recipient], kind=PACK_KIND))
        opened = open_pack(packed, path)["pack"]
        assert opened.get("crisis_resources") == expected
    bad = {**base, "crisis_resources": [{"name": "", "contact": "x"}]}
    path = tmp_path / "bad-resources.age"
    path.write_bytes(seal(json.dumps(bad).encode(), real, [client.recipient], kind=PACK_KIND))
    assert open_pack(packed, path) == {"error": "invalid"}


def interop_pack_document(packed) -> dict:
    """The JSON document inside the CLI-made pack, as the TS code parsed it."""
    return {
        "format": PACK_KIND,
        "version": 1,
        **{k: v for k, v in open_pack(packed, packed["pack"])["pack"].items()
           if k in ("pack_id", "client_id", "issued_at", "assignments")},
    }  # fmt: skip
