"""Plaintext never touches disk: a canary written into a journal is found nowhere.

A whole client scenario runs through the journal API (set-up, entries, an
edit, a deletion, homework, a check-in, an export) with a unique canary in
every kind of free text. Then every readable file under the client's home
and under the system temporary directory is searched for the canary as
UTF-8, UTF-16 (both byte orders) and base64 (standard and URL-safe, at all
three alignments). The scenario's own files are among those searched; the
export is ciphertext, so it must not contain the canary either.

A second test proves the scanner can fail: it finds a canary planted in
each of those forms.
"""

import base64
import os
import stat
import tempfile
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from clienttools.home import ClientHome
from clienttools.journal import Assignment, create_journal, open_journal
from securebase.envelope import open_sealed
from securebase.identity import Identity
from securebase.invitation import new_invitation

PASSPHRASE = "canary test passphrase"
MAX_SCANNED_BYTES = 50 * 1024 * 1024


def new_canary() -> str:
    return f"CANARY-{uuid.uuid4().hex}"


def needles(canary: str) -> dict[bytes, str]:
    """Byte patterns that betray the canary, and what each one is.

    They are built from the random part alone, so a canary whose prefix was
    changed or cut off is still found; base64 is taken at each of the three
    alignments the text can have inside a longer encoded stream, keeping only
    the characters that depend on the text alone.
    """
    secret = canary.rsplit("-", 1)[1]
    raw = secret.encode("ascii")
    found = {
        raw: "UTF-8",
        secret.encode("utf-16-le"): "UTF-16-LE",
        secret.encode("utf-16-be"): "UTF-16-BE",
    }
    for shift, skip in ((0, 0), (1, 2), (2, 3)):
        total = shift + len(raw)
        encoded = base64.b64encode(bytes(shift) + raw)[skip : 4 * (total // 3)]
        found[encoded] = f"base64 (offset {shift})"
        found[encoded.translate(bytes.maketrans(b"+/", b"-_"))] = f"base64url (offset {shift})"
    return found


def scan(roots: list[Path], canary: str) -> tuple[dict[Path, list[str]], set[Path]]:
    """Every regular file under ``roots`` that holds the canary, and every file searched.

    Symbolic links are not followed; unreadable files, files that vanish
    during the walk and files over ``MAX_SCANNED_BYTES`` are skipped.
    """
    patterns = needles(canary)
    hits: dict[Path, list[str]] = {}
    searched: set[Path] = set()
    for path in _regular_files(roots):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        searched.add(path)
        forms = [form for pattern, form in patterns.items() if pattern in data]
        if forms:
            hits[path] = forms
    return hits, searched


def _regular_files(roots: list[Path]):
    seen: set[Path] = set()
    for root in roots:
        for folder, _, names in os.walk(root.resolve(), onerror=lambda error: None):
            for name in names:
                path = Path(folder, name)
                try:
                    info = os.lstat(path)  # a symbolic link is not a regular file here
                except OSError:
                    continue
                fits = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_SCANNED_BYTES
                if fits and path not in seen:
                    seen.add(path)
                    yield path


def run_client_scenario(home: ClientHome, export_file: Path, canary: str) -> Identity:
    """Everything a client does in a week, with the canary in every free-text field."""
    therapist = Identity.generate()
    invitation = new_invitation(therapist.public, "Dr. Canary", date.today())
    journal = create_journal(home, invitation, PASSPHRASE)
    now = datetime.now().astimezone().replace(microsecond=0)
    kept, edited, deleted = journal.add_entries(
        [entry_draft(canary, n, now - timedelta(hours=n + 1)) for n in range(3)], now=now
    )
    journal.edit_entry(str(edited.id), {"automatic_thought": f"Edited: {canary}"})
    journal.delete_entry(str(deleted.id))
    assignment_id = str(uuid.uuid4())
    journal.replace_assignments([assignment(assignment_id, canary, now.date())])
    journal.log_homework(
        {"assignment_id": assignment_id, "minutes": 8, "helpfulness": 6, "note": f"Log {canary}"}
    )
    journal.add_checkin("gad7", [1, 2, 1, 0, 2, 1, 1])
    journal.export(export_file.write_bytes)
    assert kept.situation.endswith(canary)
    return therapist


def entry_draft(canary: str, n: int, occurred: datetime) -> dict:
    return {
        "occurred_at": occurred.isoformat(),
        "situation": f"Situation {n}: no reply all evening. {canary}",
        "triggers": ["delayed_reply"],
        "trigger_note": f"Note {n} {canary}",
        "body_sensations": f"Tight chest {canary}",
        "automatic_thought": f"They are leaving me. {canary}",
        "challenge": {
            "distortions": [],
            "evidence_for": f"For {canary}",
            "evidence_against": f"Against {canary}",
            "balanced_thought": f"Balanced {canary}",
            "belief_after": 40,
        },
        "need_statement": {"text": f"I need {canary}", "shared": False},
        "partner_positive": [f"Made tea {canary}"],
        "tags": ["canary"],
    }


def assignment(assignment_id: str, canary: str, today: date) -> Assignment:
    return Assignment(
        assignment_id=assignment_id,
        exercise="paced_breathing",
        title="Paced breathing",
        times=1,
        per="day",
        starts=today - timedelta(days=3),
        ends=None,
        note=f"Before bed {canary}",
    )


def test_canary_is_nowhere_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    canary = new_canary()
    home = ClientHome(tmp_path / "home")
    export_file = tmp_path / "outbox" / "export.age"
    export_file.parent.mkdir()
    therapist = run_client_scenario(home, export_file, canary)

    # The canary really is in what was encrypted, so its absence below means something.
    reopened = open_journal(home, PASSPHRASE)
    assert sum(canary in entry.situation for entry in reopened.entries()) == 2
    assert canary in open_sealed(export_file.read_bytes(), therapist).document.decode()
    reopened.store.close()

    hits, searched = scan([home.root, export_file.parent, Path(tempfile.gettempdir())], canary)
    created = {path.resolve() for path in [*home.root.iterdir(), export_file]}
    assert {p.name for p in created} >= {"identity.age", "journal.db.age", "journal.db.age.prev"}
    assert created <= searched, "the scan missed files the scenario wrote"
    megabytes = sum(path.stat().st_size for path in searched if path.exists()) / 2**20
    print(f"\ncanary scan: {len(searched)} files, {megabytes:.0f} MiB, {len(hits)} hits")
    report = {str(path): forms for path, forms in hits.items()}
    assert not hits, f"client plaintext found on disk: {report}"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-16-be"),
        lambda text: base64.b64encode(text.encode()),
        lambda text: base64.b64encode(b"x" + text.encode()),
        lambda text: base64.urlsafe_b64encode(b"xy" + text.encode()),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be", "base64", "base64+1", "base64url+2"],
)
def test_the_scanner_finds_a_planted_canary(tmp_path, encode):
    canary = new_canary()
    planted = tmp_path / "deep" / "er" / "leak.bin"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(os.urandom(1000) + encode(f"journal text: {canary}.") + os.urandom(1000))
    (tmp_path / "innocent.txt").write_text(new_canary())
    (tmp_path / "link").symlink_to(planted)
    hits, searched = scan([tmp_path], canary)
    assert list(hits) == [planted.resolve()]
    assert (tmp_path / "innocent.txt").resolve() in searched
