"""Import benchmarks: every export into an empty vault, and one new week into a full one.

Cold import (target <= 3x floor): all sealed exports of the caseload, read
into memory first, imported by ``import_files`` into a vault that already
knows the clients (creating it is not timed). Floor: age-decrypting the same
files and ``json.loads`` of the document inside each signed statement,
nothing else.

Incremental import (target <= 1.5x floor): one held-back weekly export into
the full, unlocked vault (a different client's export each run, so each is
new). Floor: decrypting and re-encrypting the vault database once.
"""

import json
import shutil
import struct
from pathlib import Path

import pyrage

from bench import scale
from bench.harness import Context, Result, median_seconds
from sample_data.keys import therapist_identity
from securebase.importer import import_files
from securebase.vault import Vault

COLD_LIMIT = 3.0
INCREMENTAL_LIMIT = 1.5
#: The cold import of the whole caseload is the longest figure: fewer runs.
COLD_RUNS = 3
#: The incremental import is short: at least this many runs.
INCREMENTAL_RUNS = 9


def run(context: Context) -> list[Result]:
    results = []
    for size in context.sizes:
        scale_set = scale.caseload(context, size)
        results.append(cold_import(context, scale_set))
        results.append(incremental_import(context, scale_set))
    return results


# --- cold ---------------------------------------------------------------------------


def cold_import(context: Context, scale_set: scale.ScaleSet) -> Result:
    files = [(path.name, path.read_bytes()) for path in scale_set.exports]
    empty = _empty_vault(context, scale_set)
    identity = therapist_identity(scale.SEED).age_identity
    target = context.work_dir / f"cold-{scale_set.size:g}"
    vaults: list[Vault] = []

    def setup():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(empty, target)
        vaults[:] = [Vault.unlock(target, scale_set.passphrase)]

    def work():
        results = import_files(vaults[0], files)
        if any(result.status != "imported" for result in results):
            raise RuntimeError("a scale export was refused")

    runs = min(context.runs, COLD_RUNS)
    seconds, times = median_seconds(work, runs, setup)
    floor, _ = median_seconds(lambda: _decrypt_and_parse(files, identity), runs)
    shutil.rmtree(target, ignore_errors=True)
    return Result(
        group="Import, cold",
        name="every export into an empty vault",
        size=scale_set.size,
        value=seconds,
        floor=floor,
        limit=COLD_LIMIT,
        target=f"<= {COLD_LIMIT:g}x floor (age-decrypt + json.loads)",
        note=f"{len(files):,} exports, {scale_set.entries:,} entries",
        runs=times,
    )


def _empty_vault(context: Context, scale_set: scale.ScaleSet) -> Path:
    """A vault with the set's clients and nothing imported (made once, copied per run)."""
    folder = context.work_dir / f"empty-{scale_set.size:g}"
    therapist = therapist_identity(scale.SEED)
    vault = Vault.create(folder, scale_set.passphrase, identity=therapist)
    for client_id, label in scale_set.clients:
        vault.add_client(label, client_id=client_id)
    vault.store.close()
    return folder


def _decrypt_and_parse(files: list[tuple[str, bytes]], identity) -> None:
    for _, data in files:
        json.loads(_document(pyrage.decrypt(data, [identity])))


def _document(statement: bytes) -> memoryview:
    """The document bytes of a signed statement (docs/FORMAT.md, section 2), unchecked."""
    view = memoryview(statement)
    offset = 8 + 1  # magic, version
    offset += 1 + view[offset]  # kind
    offset += 32  # signer
    count = view[offset]
    offset += 1
    for _ in range(count):
        offset += 1 + view[offset]
    (length,) = struct.unpack_from(">Q", view, offset)
    offset += 8
    return bytes(view[offset : offset + length])


# --- incremental ------------------------------------------------------------------


def incremental_import(context: Context, scale_set: scale.ScaleSet) -> Result:
    folder = scale_set.fresh_vault(context.work_dir / f"incremental-{scale_set.size:g}")
    vault = Vault.unlock(folder, scale_set.passphrase)
    weekly = [(path.name, path.read_bytes()) for path in scale_set.held_back]
    # Short and fsync-bound, so noisy: more runs behind the median (a new client each).
    runs = min(max(context.runs, INCREMENTAL_RUNS), len(weekly))
    queue = list(weekly[:runs])

    def work():
        (result,) = import_files(vault, [queue.pop(0)])
        if result.status != "imported" or result.repeated:
            raise RuntimeError("the held-back export was not imported as new")

    seconds, times = median_seconds(work, runs)
    database = (folder / "vault.db.age").read_bytes()
    identity = vault.identity.age_identity
    recipient = identity.to_public()
    vault.store.close()

    def floor_work():
        pyrage.encrypt(pyrage.decrypt(database, [identity]), [recipient])

    floor, _ = median_seconds(floor_work, runs)
    shutil.rmtree(folder, ignore_errors=True)
    return Result(
        group="Import, incremental",
        name="one weekly export into the full vault",
        size=scale_set.size,
        value=seconds,
        floor=floor,
        limit=INCREMENTAL_LIMIT,
        target=f"<= {INCREMENTAL_LIMIT:g}x floor (decrypt + encrypt vault)",
        note=f"{scale_set.entries:,} entries, {len(database) / 2**20:.0f} MiB vault file",
        runs=times,
    )
