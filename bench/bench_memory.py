"""Memory benchmark: peak RSS with the full caseload unlocked and every page visited.

Each figure comes from a fresh Python process (``python -m bench.bench_memory
--child ...``), so nothing measured before can raise its peak:

- **visit:** the dashboard in AppTest, unlocked through its Unlock page, then
  the caseload page, every client's Client page with each of its tabs, the
  Import page and Settings; the peak resident set size (``VmHWM``) at
  the end, against the decrypted database size (the length of the
  ``vault.db.age`` plaintext);
- **imports only:** the same process start with only the modules the
  dashboard loads imported (Streamlit and its test runner, pandas, plotly,
  reportlab, pydantic, the dashboard): the fixed cost no design of ours can
  remove, reported beside the peak;
- **imports and unlock:** the same, then ``Vault.unlock`` and nothing else:
  what opening the vault itself peaks at (read, decrypt, deserialise).

Target: peak at most 4x the decrypted database and under 1 GiB.
"""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from bench import scale
from bench.harness import Context, Result

RATIO_LIMIT = 4.0
ABSOLUTE_LIMIT_MIB = 1024.0
ROOT = Path(__file__).resolve().parent.parent


def run(context: Context) -> list[Result]:
    scale_set = scale.caseload(context, 1.0)
    folder = scale_set.fresh_vault(context.work_dir / "memory")
    today = scale_set.last_day.isoformat()
    visit = child(["visit", str(folder), scale_set.passphrase, today])
    baseline = child(["imports"])
    opened = child(["unlock", str(folder), scale_set.passphrase])
    peak, db = visit["peak_mib"], visit["database_mib"]
    above = peak - baseline["peak_mib"]
    note = (
        f"{visit['clients']} clients, {visit['runs']} page runs; decrypted database "
        f"{db:.0f} MiB; imports alone {baseline['peak_mib']:.0f} MiB, so the data and pages "
        f"add {above:.0f} MiB ({above / db:.1f}x the database); imports and unlocking "
        f"alone peak at {opened['peak_mib']:.0f} MiB"
    )
    return [
        Result(
            "Memory",
            "peak RSS, caseload unlocked, every page visited",
            scale_set.size,
            peak,
            unit="MiB",
            floor=db,
            limit=RATIO_LIMIT,
            target=f"<= {RATIO_LIMIT:g}x decrypted database",
            note=note,
        ),
        Result(
            "Memory",
            "peak RSS, absolute",
            scale_set.size,
            peak,
            unit="MiB",
            limit=ABSOLUTE_LIMIT_MIB,
            target="< 1 GiB",
        ),
        Result(
            "Memory",
            "imports only (Python, Streamlit, pandas, plotly, reportlab)",
            scale_set.size,
            baseline["peak_mib"],
            unit="MiB",
            note="the fixed cost before any data: the baseline of the peak above",
        ),
    ]


def child(arguments: list[str]) -> dict:
    """Run this module in a fresh interpreter; its one line of JSON."""
    done = subprocess.run(  # noqa: S603 - this interpreter, this module, our own arguments
        [sys.executable, "-m", "bench.bench_memory", "--child", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode:
        raise RuntimeError(f"memory child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- in the child process ----------------------------------------------------------


def peak_mib() -> float:
    """This process's peak resident set size (``VmHWM``, of its own address space).

    Not ``ru_maxrss``: Linux carries that over ``exec`` from the forked copy of the
    parent, so a child of a large benchmark process would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def import_everything() -> None:
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pydantic  # noqa: F401
    import reportlab.platypus  # noqa: F401
    import streamlit  # noqa: F401
    from streamlit.testing.v1 import AppTest  # noqa: F401

    import dashboard.client_views
    import dashboard.data
    import dashboard.figures  # noqa: F401
    import reports.summary  # noqa: F401
    import securebase.importer  # noqa: F401


def visit_everything(folder: str, passphrase: str, today: str) -> dict:
    os.environ["SECUREBASE_VAULT"] = folder
    os.environ["SECUREBASE_TODAY"] = today
    from bench.bench_dashboard import forget, open_client, open_tab, show_page, unlocked_app

    app = unlocked_app(passphrase)
    runs = 1
    order = list(app.session_state["caseload_order"])
    titles = None
    for client_id in order:
        open_client(app, client_id)
        runs += 1
        if titles is None:
            from bench.bench_dashboard import view_titles

            titles = view_titles()
        for title in titles[1:]:
            open_tab(app, title)
            runs += 1
    for page in ("import_files", "settings", "caseload"):
        show_page(app, page)
        runs += 1
    peak = peak_mib()
    database = len(app.session_state["vault"].store.db.serialize())
    forget(app)
    return {"peak_mib": peak, "database_mib": database / 2**20, "clients": len(order), "runs": runs}


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "imports":
        import_everything()
        found = {"peak_mib": peak_mib()}
    elif mode == "unlock":
        import_everything()
        from securebase.vault import Vault

        vault = Vault.unlock(Path(rest[0]), rest[1])
        found = {"peak_mib": peak_mib(), "clients": len(vault.clients())}
    else:
        found = visit_everything(*rest)
    print(json.dumps(found))


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    main(sys.argv[2:])
