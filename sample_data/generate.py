"""Deterministic demo data: a therapist, their clients' encrypted homes, the sealed exports.

Run ``python -m sample_data.generate [--seed 7] [--out DIR] [--end YYYY-MM-DD]``.
It writes into ``sample_data/demo/`` unless told otherwise:

    therapist.json                 the therapist's side: clients, their pinned keys,
                                   homework, session notes (nothing secret)
    therapist.identity.age         the demo therapist's identity
    <slug>/home/identity.age       each client's identity
    <slug>/home/journal.db.age     each client's encrypted journal (see homes.py)
    <slug>/exports/export-NN.age   the sealed weekly exports that client sent

The passphrases of the identity files are in ``sample_data/README.md``.

Rules:
- deterministic where it can be: randomness only from seeded ``random.Random``
  streams (identities included, see ``keys.py``), no clock, no ``uuid4``; dates
  are anchored at ``--end`` (default 2026-11-22, a Sunday, the demo's last day).
  The plaintext (``therapist.json`` and every export document) is
  byte-identical for the same seed and end: lists are sorted, JSON has one
  fixed layout. Only the encryption differs between runs (age draws fresh file
  keys and nonces), so a file whose decrypted content is unchanged is left as
  it is: regenerating the same data changes nothing on disk.
- the files this generator owns (``OWNED_PATTERNS``, including the plaintext
  exports of the first demo layout) are removed when it no longer makes them;
  nothing else in the output folder is touched.
- valid by construction: every export is built through the ``securebase.journal``
  models, serialised with ``dump_export``, re-parsed with ``parse_export``, and
  sealed by the client to the therapist as the client tool does.
- fictional: the people live in ``trajectories.py``, the words in ``phrases.py``,
  the weekly detail in ``weeks.py``, the calendar in ``clients.py``, the keys in
  ``keys.py``, the client homes in ``homes.py``.
"""

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyrage

from sample_data.clients import Client, new_client, session_day, week_monday
from sample_data.homes import build_home
from sample_data.keys import (
    DEMO_THERAPIST_PASSPHRASE,
    DEMO_WORK_FACTOR,
    THERAPIST_IDENTITY_FILE,
    client_passphrase,
    therapist_identity,
)
from sample_data.trajectories import CAST
from sample_data.weeks import WeekItems, client_weeks
from securebase import age_passphrase
from securebase.documents import dump_export, parse_export
from securebase.envelope import seal
from securebase.identity import Identity
from securebase.journal import FORMAT_LABEL, FORMAT_VERSION, ExportDocument, Period

DEFAULT_SEED = 7
DEFAULT_END = date(2026, 11, 22)
DEFAULT_OUT = Path(__file__).resolve().parent / "demo"
ROSTER_FILE = "therapist.json"
ROSTER_FORMAT = "securebase/demo-therapist"
ROSTER_VERSION = 2
THERAPIST_NAME = "Dr. Demo Therapist"
EXPORT_KIND = FORMAT_LABEL
OWNED_PATTERNS = (
    ROSTER_FILE,
    THERAPIST_IDENTITY_FILE,
    "*/home/identity.age",
    "*/home/journal.db.age*",  # with the .prev and .lock a tried-out demo home gets
    "*/exports/export-[0-9][0-9].age",
    "*/export-[0-9][0-9].json",  # the plaintext exports of the first demo layout
)


@dataclass(frozen=True)
class DemoClient:
    client: Client
    slug: str
    documents: list[ExportDocument]

    @property
    def passphrase(self) -> str:
        return client_passphrase(self.slug)

    def export_name(self, document: ExportDocument) -> str:
        return f"{self.slug}/exports/export-{document.sequence:02d}.age"


@dataclass(frozen=True)
class Demo:
    seed: int
    end: date
    therapist: Identity
    clients: list[DemoClient]

    def client(self, slug: str) -> DemoClient:
        return next(c for c in self.clients if c.slug == slug)


# --- the plaintext ----------------------------------------------------------------


def export_document(client: Client, week_no: int, items: WeekItems) -> ExportDocument:
    """One weekly export of ``client`` (the scaled benchmark clients use it too)."""
    monday = week_monday(client.end, week_no)
    return ExportDocument(
        format=FORMAT_LABEL,
        version=FORMAT_VERSION,
        export_id=items.export_id,
        client_id=client.client_id,
        sequence=week_no,
        created_at=items.created_at,
        period=Period(start=monday, end=monday + timedelta(days=6)),
        entries=sorted(items.entries, key=lambda e: (e.recorded_at, str(e.id))),
        homework_logs=sorted(items.logs, key=lambda log: (log.done_at, str(log.id))),
        checkins=sorted(items.checkins, key=lambda c: (c.completed_at, str(c.id))),
        client_keys=client.keys,
    )


def _documents(client: Client) -> list[ExportDocument]:
    weeks = client_weeks(client)
    return [export_document(client, n, items) for n, items in enumerate(weeks, start=1)]


def slug(label: str) -> str:
    """Folder name for a client label: "Robin A." -> "robin-a"."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def plan(seed: int = DEFAULT_SEED, end: date = DEFAULT_END) -> Demo:
    """The whole demo in memory: identities and export documents, nothing encrypted yet."""
    if end.weekday() != 6:
        raise ValueError(f"the demo must end on a Sunday, not on {end:%A}")
    clients = []
    for cast in CAST:
        client = new_client(seed, cast, end)
        clients.append(DemoClient(client, slug(cast.label), _documents(client)))
    return Demo(seed, end, therapist_identity(seed), clients)


def _roster_row(demo_client: DemoClient) -> dict:
    client = demo_client.client
    cast, end, public = client.cast, client.end, client.identity.public
    return {
        "client_id": str(client.client_id),
        "label": cast.label,
        "trajectory": cast.trajectory,
        "home": f"{demo_client.slug}/home",
        "exports": f"{demo_client.slug}/exports",
        "signing_key": public.signing_key.hex(),
        "fingerprint": public.fingerprint,
        "utc_offset": f"{cast.utc_offset_hours:+03d}:00",
        "started": session_day(end, 0).isoformat(),
        "assignments": [
            a.as_json()
            for a in sorted(client.assignments, key=lambda a: (a.start, a.plan.exercise))
        ],
        "session_notes": [
            {"date": session_day(end, number).isoformat(), "text": text}
            for number, text in cast.session_notes
        ],
    }


def _roster(demo: Demo) -> dict:
    public = demo.therapist.public
    return {
        "format": ROSTER_FORMAT,
        "version": ROSTER_VERSION,
        "therapist": {
            "display_name": THERAPIST_NAME,
            "age_recipient": public.age_recipient,
            "signing_key": public.signing_key.hex(),
            "fingerprint": public.fingerprint,
        },
        "seed": demo.seed,
        "end": demo.end.isoformat(),
        "clients": [_roster_row(c) for c in demo.clients],
    }


def _json_bytes(value: dict) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _export_bytes(document: ExportDocument) -> bytes:
    """The exact bytes the client signs and seals, as the client tool makes them."""
    data = dump_export(document)
    if parse_export(data) != document:
        raise AssertionError(f"export {document.sequence} does not survive a round trip")
    return data


def build_plaintext(seed: int = DEFAULT_SEED, end: date = DEFAULT_END) -> dict[str, bytes]:
    """The deterministic content: ``therapist.json``, and each export's document
    under the name of the sealed file that carries it. Nothing is encrypted."""
    return _plaintext(plan(seed, end))


def _plaintext(demo: Demo) -> dict[str, bytes]:
    files = {ROSTER_FILE: _json_bytes(_roster(demo))}
    for demo_client in demo.clients:
        for document in demo_client.documents:
            files[demo_client.export_name(document)] = _export_bytes(document)
    return files


# --- the encrypted files ----------------------------------------------------------


def _sealed_files(demo: Demo, plaintext: dict[str, bytes]) -> dict[str, bytes]:
    therapist = demo.therapist.public
    files = {
        THERAPIST_IDENTITY_FILE: age_passphrase.encrypt(
            demo.therapist.keygen_text().encode(), DEMO_THERAPIST_PASSPHRASE, DEMO_WORK_FACTOR
        )
    }
    for demo_client in demo.clients:
        client = demo_client.client
        for document in demo_client.documents:
            name = demo_client.export_name(document)
            files[name] = seal(
                plaintext[name], client.identity, [therapist.age_recipient], kind=EXPORT_KIND
            )
        home = build_home(
            client, therapist, THERAPIST_NAME, demo_client.documents, demo_client.passphrase
        )
        files.update({f"{demo_client.slug}/home/{name}": data for name, data in home.items()})
    return files


def build(seed: int = DEFAULT_SEED, end: date = DEFAULT_END) -> dict[str, bytes]:
    """Every demo file by relative path, encrypted where it should be; nothing touches
    the output folder (the client homes are built in a temporary folder)."""
    return _files(plan(seed, end))


def _files(demo: Demo) -> dict[str, bytes]:
    plaintext = _plaintext(demo)
    return {ROSTER_FILE: plaintext[ROSTER_FILE], **_sealed_files(demo, plaintext)}


def _content(demo: Demo, relative: str, data: bytes) -> bytes:
    """What a demo file says, whatever random bytes its encryption drew."""
    parts = relative.split("/")
    if relative == THERAPIST_IDENTITY_FILE:
        return _identity_secret(data, DEMO_THERAPIST_PASSPHRASE)
    if parts[1:] == ["home", "identity.age"]:
        return _identity_secret(data, client_passphrase(parts[0]))
    if parts[1:] == ["home", "journal.db.age"]:
        return pyrage.decrypt(data, [demo.client(parts[0]).client.identity.age_identity])
    if parts[1:2] == ["exports"]:
        return pyrage.decrypt(data, [demo.therapist.age_identity])  # the signed statement
    return data


def _identity_secret(data: bytes, passphrase: str) -> bytes:
    text = pyrage.passphrase.decrypt(data, passphrase).decode()
    return "".join(line for line in text.splitlines() if not line.startswith("#")).encode()


# --- writing ----------------------------------------------------------------------


def _unchanged(demo: Demo, path: Path, relative: str, data: bytes) -> bool:
    try:
        return _content(demo, relative, path.read_bytes()) == _content(demo, relative, data)
    except (OSError, ValueError, pyrage.DecryptError):
        return False


def _remove_stale(out_dir: Path, keep: set[str]) -> None:
    for pattern in OWNED_PATTERNS:
        for path in sorted(out_dir.glob(pattern)):
            if path.relative_to(out_dir).as_posix() not in keep:
                path.unlink()
                _remove_empty_folders(path.parent, out_dir)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def generate(
    seed: int = DEFAULT_SEED, out_dir: Path = DEFAULT_OUT, end: date = DEFAULT_END
) -> dict[str, bytes]:
    """Write the demo to ``out_dir``, keeping files whose content is unchanged.

    Returns what is on disk afterwards, by relative path.
    """
    demo, out_dir = plan(seed, end), Path(out_dir)
    files = _files(demo)
    _remove_stale(out_dir, set(files))
    for relative, data in sorted(files.items()):
        path = out_dir / relative
        if _unchanged(demo, path, relative, data):
            files[relative] = path.read_bytes()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def _sunday(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD") from None
    if day.weekday() != 6:
        raise argparse.ArgumentTypeError(f"{day} is a {day:%A}; the demo ends on a Sunday")
    return day


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_data.generate",
        description="Write SecureBase's synthetic demo data (deterministic for a given seed).",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default: %(default)s")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: sample_data/demo")
    parser.add_argument(
        "--end", type=_sunday, default=DEFAULT_END, help="the demo's last day, a Sunday"
    )
    args = parser.parse_args(argv)
    files = generate(args.seed, args.out, args.end)
    size = sum(len(data) for data in files.values())
    print(f"{len(files)} files ({size / 1024:.0f} KiB) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
