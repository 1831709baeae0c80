"""Writing report files: one client or a whole caseload, plain or encrypted.

Rules:
- a batch reads each client's data in this process (the vault stays here:
  ``summary.collect``) and computes the figures and renders the PDFs in
  ``WORKERS`` worker processes, which receive plain data (frames, notes)
  and return bytes: no passphrase, key or vault leaves the parent, and
  nothing is written by a worker; each client goes to a worker as soon as
  it is read, so reading and rendering overlap;
- "every active client with activity" = not archived, with an entry, a
  homework log or a check-in in the chosen period;
- with ``encrypt`` a document is written as an age file to the therapist's
  own recipient (``age -d -i identity.age`` opens it) and its name gets
  ``.age``; otherwise it is a plain PDF, created owner-only (0600);
- file names come from the label (ASCII letters and digits) and the first
  8 characters of the client id, so two labels never collide.
"""

import itertools
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyrage

from reports.summary import SummaryInputs, collect, render_inputs, summary_frames
from securebase.analytics.brief import Period, default_period
from securebase.analytics.frames import between
from securebase.analytics.load import ClientFrames
from securebase.atomic import make_private_folder, write_atomically
from securebase.vault_reads import last_session_date

WORKERS = 2


def sealed(vault, data: bytes) -> bytes:
    """``data`` encrypted to the therapist's own age recipient."""
    recipient = pyrage.x25519.Recipient.from_str(vault.identity.recipient)
    return pyrage.encrypt(data, [recipient])


def write_document(path: Path, data: bytes, vault=None) -> Path:
    """Write ``data`` (sealed to the vault's owner when ``vault`` is given); return the path."""
    path = Path(path)
    if vault is not None:
        data = sealed(vault, data)
        if path.suffix != ".age":
            path = path.with_name(path.name + ".age")
    make_private_folder(path.parent)
    write_atomically(path, data)
    return path


def client_period(vault, client_id: str, start: date | None, end: date) -> Period:
    """The chosen period, or the brief's default (since the last session note)."""
    if start is not None:
        return Period(start, end)
    return default_period(end, last_session_date(vault, client_id, end))


def has_activity(frames: ClientFrames, period: Period) -> bool:
    return any(
        len(between(frame, period.start, period.end))
        for frame in (frames.entries, frames.logs, frames.checkins)
    )


def file_name(label: str, client_id: str, suffix: str = "summary") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "client"
    return f"{suffix}-{slug}-{client_id[:8]}.pdf"


@dataclass(frozen=True)
class Written:
    client_id: str
    label: str
    file: Path


def write_all(
    vault, out_dir: Path, start: date | None, end: date, *, paper: str = "a4", encrypt: bool = False
) -> list[Written]:
    """A summary for every active client with activity in their period."""
    pdfs = render_as_collected(collected(vault, start, end), paper)
    return [
        Written(
            inputs.client_id,
            inputs.label,
            write_document(
                out_dir / file_name(inputs.label, inputs.client_id), pdf, vault if encrypt else None
            ),
        )
        for inputs, pdf in pdfs
    ]


def collected(vault, start: date | None, end: date) -> Iterator[SummaryInputs]:
    """Each active client's summary inputs, one client at a time, read in the vault's process."""
    for client in vault.clients():
        period = client_period(vault, client.client_id, start, end)
        frames = summary_frames(vault, client.client_id, period)  # read once, for both
        if has_activity(frames, period):
            yield collect(vault, client.client_id, period, frames=frames)


def render_as_collected(
    chosen: Iterator[SummaryInputs], paper: str
) -> Iterator[tuple[SummaryInputs, bytes]]:
    """(inputs, PDF bytes) in order. With several, each goes to a worker as soon as it is
    read: the workers compute the figures and lay out the PDF while this process reads
    the next client."""
    first, second = next(chosen, None), next(chosen, None)
    if second is None:
        yield from ((d, render_inputs(d, paper)) for d in (first,) if d is not None)
        return
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        everyone = itertools.chain((first, second), chosen)
        pending = [(d, pool.submit(render_inputs, d, paper)) for d in everyone]
        for d, future in pending:
            yield d, future.result()
