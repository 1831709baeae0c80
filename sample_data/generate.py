"""Deterministic demo data: a therapist's caseload and twelve weekly exports per client.

Run ``python -m sample_data.generate [--seed 7] [--out DIR] [--end YYYY-MM-DD]``.
It writes ``therapist.json`` (the therapist's side: clients, homework, session
notes) and ``<client-slug>/export-NN.json`` (one plaintext export document per
client per ISO week) into ``sample_data/demo/`` unless told otherwise. The
encrypted exports come when the envelope lands.

Rules:
- deterministic: randomness only from seeded ``random.Random`` streams, no clock,
  no ``uuid4``; dates are anchored at ``--end`` (default 2026-11-22, a Sunday,
  the demo's last day). The same seed and end give byte-identical files: lists
  are sorted, JSON has one fixed layout, and the files this generator owns
  (``therapist.json``, ``*/export-NN.json``) are removed first so stale ones
  cannot linger. Nothing else in the output folder is touched.
- valid by construction: every export is built through the ``securebase.journal``
  models, serialised with ``dump_export`` and re-parsed with ``parse_export``.
- fictional: the people live in ``trajectories.py``, the words in ``phrases.py``,
  the weekly detail in ``weeks.py`` and the calendar and keys in ``clients.py``
  (whose ``client_keys`` are placeholders until the envelope lands).
"""

import argparse
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from sample_data.clients import Client, new_client, session_day, week_monday
from sample_data.trajectories import CAST
from sample_data.weeks import WeekItems, client_weeks
from securebase.documents import dump_export, parse_export
from securebase.journal import FORMAT_LABEL, FORMAT_VERSION, ExportDocument, Period

DEFAULT_SEED = 7
DEFAULT_END = date(2026, 11, 22)
DEFAULT_OUT = Path(__file__).resolve().parent / "demo"
ROSTER_FILE = "therapist.json"
ROSTER_FORMAT = "securebase/demo-therapist"
THERAPIST_NAME = "Dr. Demo Therapist"
OWNED_PATTERNS = (ROSTER_FILE, "*/export-[0-9][0-9].json")


def _document(client: Client, week_no: int, items: WeekItems) -> ExportDocument:
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
    return [_document(client, n, items) for n, items in enumerate(weeks, start=1)]


def slug(label: str) -> str:
    """Folder name for a client label: "Robin A." -> "robin-a"."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _roster_row(client: Client) -> dict:
    cast, end = client.cast, client.end
    return {
        "client_id": str(client.client_id),
        "label": cast.label,
        "trajectory": cast.trajectory,
        "exports": slug(cast.label),
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


def _json_bytes(value: dict) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _export_bytes(document: ExportDocument) -> bytes:
    data = dump_export(document, indent=2) + b"\n"
    if parse_export(data) != document:
        raise AssertionError(f"export {document.sequence} does not survive a round trip")
    return data


def build(seed: int = DEFAULT_SEED, end: date = DEFAULT_END) -> dict[str, bytes]:
    """Every demo file by relative path; nothing touches the disk."""
    if end.weekday() != 6:
        raise ValueError(f"the demo must end on a Sunday, not on {end:%A}")
    files, rows = {}, []
    for cast in CAST:
        client = new_client(seed, cast, end)
        for document in _documents(client):
            name = f"{slug(cast.label)}/export-{document.sequence:02d}.json"
            files[name] = _export_bytes(document)
        rows.append(_roster_row(client))
    roster = {
        "format": ROSTER_FORMAT,
        "version": 1,
        "therapist": {"display_name": THERAPIST_NAME},
        "seed": seed,
        "end": end.isoformat(),
        "clients": rows,
    }
    files[ROSTER_FILE] = _json_bytes(roster)
    return files


def _remove_owned(out_dir: Path) -> None:
    for pattern in OWNED_PATTERNS:
        for path in sorted(out_dir.glob(pattern)):
            path.unlink()
            if path.parent != out_dir and not any(path.parent.iterdir()):
                path.parent.rmdir()


def generate(
    seed: int = DEFAULT_SEED, out_dir: Path = DEFAULT_OUT, end: date = DEFAULT_END
) -> dict[str, bytes]:
    """Build the demo data and write it to ``out_dir``, replacing what it wrote before."""
    files = build(seed, end)
    out_dir = Path(out_dir)
    _remove_owned(out_dir)
    for relative, data in sorted(files.items()):
        path = out_dir / relative
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
    print(f"wrote {len(files)} files ({size / 1024:.0f} KiB) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
