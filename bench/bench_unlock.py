"""Unlock benchmark: from the passphrase to a ready caseload view.

Timed: ``Vault.unlock`` and the caseload table the dashboard's caseload page
shows (``dashboard/data.py`` ``caseload_table``, computed here with the same
core functions, without Streamlit). Floor: the scrypt key derivation of the
identity file at its work factor, plus reading and age-decrypting the vault
database. Target: <= 1.5x floor, at every size.
"""

import shutil
from datetime import timedelta

import pyrage

from bench import scale
from bench.harness import Context, Result, median_seconds
from sample_data.keys import therapist_identity
from securebase.analytics.caseload import caseload, caseload_client
from securebase.vault import Vault

LIMIT = 1.5


def run(context: Context) -> list[Result]:
    results = []
    for size in context.sizes:
        scale_set = scale.caseload(context, size)
        results.extend(unlock(context, scale_set))
    return results


def caseload_view(vault: Vault, today):
    """What ``dashboard.data.caseload_table`` computes, from the core functions."""
    db = vault.store.db
    rows = [
        caseload_client(db, c.client_id, c.label, c.last_import_at, today) for c in vault.clients()
    ]
    return caseload(rows, today)


def unlock(context: Context, scale_set: scale.ScaleSet) -> list[Result]:
    """The vault alone (passphrase to an open vault), and to the caseload view."""
    folder = scale_set.fresh_vault(context.work_dir / f"unlock-{scale_set.size:g}")
    today = scale_set.last_day + timedelta(days=1)
    opened: list[Vault] = []

    def open_vault():
        opened.append(Vault.unlock(folder, scale_set.passphrase))

    def open_to_caseload():
        open_vault()
        table = caseload_view(opened[-1], today)
        if len(table) != len(scale_set.clients):
            raise RuntimeError("the caseload lost a client")

    def close_all():
        for vault in opened:
            vault.store.close()
        opened.clear()

    vault_only, vault_runs = median_seconds(open_vault, context.runs, close_all)
    seconds, times = median_seconds(open_to_caseload, context.runs, close_all)
    close_all()
    floor, _ = median_seconds(lambda: _floor(folder, scale_set.passphrase), context.runs)
    size_mib = (folder / "vault.db.age").stat().st_size / 2**20
    shutil.rmtree(folder, ignore_errors=True)
    note = f"{len(scale_set.clients)} clients, {scale_set.entries:,} entries, {size_mib:.0f} MiB"
    common = {
        "group": "Unlock",
        "size": scale_set.size,
        "floor": floor,
        "limit": LIMIT,
        "target": f"<= {LIMIT:g}x floor (scrypt + decrypt vault)",
        "note": note,
    }
    return [
        Result(name="passphrase to an open vault", value=vault_only, runs=vault_runs, **common),
        Result(name="passphrase to the caseload view", value=seconds, runs=times, **common),
    ]


def _floor(folder, passphrase: str) -> None:
    """The scrypt derivation the identity file asks for, and decrypting the database.

    scrypt through rage (``pyrage.passphrase``; the rest of that call is one
    ChaCha20 block of a 200-byte file): here it is faster than OpenSSL's
    (``hashlib.scrypt``), so it is the lower, stricter floor.
    """
    pyrage.passphrase.decrypt((folder / "identity.age").read_bytes(), passphrase)
    identity = therapist_identity(scale.SEED).age_identity
    pyrage.decrypt((folder / "vault.db.age").read_bytes(), [identity])
