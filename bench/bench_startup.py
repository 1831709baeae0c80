"""Startup benchmark: how long the therapist's command line takes before it does any work.

- **``securebase --help``**: the installed console script, run as a
  subprocess, wall time. Target: under 0.3 s. Its floor is a bare
  interpreter that imports ``click`` (what any click CLI must pay).
- **One-client ``securebase report``**: the demo vault at the real scrypt work
  factor (``age_passphrase.DEFAULT_WORK_FACTOR``), Jordan C.'s default
  summary, A4, plain PDF, wall time of the whole command. Beside it, in the
  same run: the scrypt alone (``load_identity`` of the vault's identity
  file, in this process) and the imports alone (a fresh interpreter that
  imports what the command loads: the CLI, the vault, the summary and
  reportlab, minus a bare interpreter). Target: the scrypt is the largest
  part, i.e. imports / scrypt <= 1.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import Context, Result, median_seconds

HELP_LIMIT = 0.3
IMPORTS_PER_SCRYPT_LIMIT = 1.0
#: What ``securebase report`` loads on its way to a PDF (dashboard.cli_report's imports).
REPORT_IMPORTS = (
    "import dashboard.cli, securebase.vault, securebase.importer, reports.batch, "
    "reports.handout, reports.summary"
)
LABEL = "Jordan C."


def _script() -> str:
    return str(Path(sys.executable).with_name("securebase"))


def _wall(command: list[str], env: dict | None = None) -> None:
    subprocess.run(command, check=True, capture_output=True, env=env)  # noqa: S603 - our own script


def run(context: Context) -> list[Result]:
    return [*help_results(context), *report_results(context)]


def help_results(context: Context) -> list[Result]:
    runs = max(context.runs, 5)
    floor, _ = median_seconds(lambda: _wall([sys.executable, "-c", "import click"]), runs)
    value, times = median_seconds(lambda: _wall([_script(), "--help"]), runs)
    return [
        Result(
            "Startup",
            "securebase --help (subprocess)",
            1.0,
            value,
            limit=HELP_LIMIT,
            target=f"<= {HELP_LIMIT} s",
            note=f"floor: python -c 'import click' {floor:.2f} s",
            runs=times,
        )
    ]


def _demo_vault(context: Context) -> Path:
    """The demo vault with the real work factor (building it costs a few scrypts, untimed)."""
    from sample_data.demo_vault import build_demo_vault
    from securebase import age_passphrase
    from securebase.environment import WORK_FACTOR_VARIABLE

    before = os.environ.get(WORK_FACTOR_VARIABLE)
    os.environ[WORK_FACTOR_VARIABLE] = str(age_passphrase.DEFAULT_WORK_FACTOR)
    try:
        folder = context.work_dir / "startup-vault"
        build_demo_vault(folder)
    finally:
        if before is None:
            os.environ.pop(WORK_FACTOR_VARIABLE, None)
        else:
            os.environ[WORK_FACTOR_VARIABLE] = before
    return folder


def report_results(context: Context) -> list[Result]:
    from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
    from sample_data.roster import DEMO_DIR
    from securebase.identity import load_identity

    folder = _demo_vault(context)
    out = context.work_dir / "startup-report.pdf"
    end = _demo_end(DEMO_DIR)
    env = {**os.environ, "SECUREBASE_PASSPHRASE": DEMO_VAULT_PASSPHRASE, "SECUREBASE_TODAY": end}
    command = [_script(), "--vault", str(folder), "report", LABEL, "--out", str(out)]
    runs = max(context.runs, 3)
    total, times = median_seconds(lambda: _wall(command, env), runs)
    scrypt, _ = median_seconds(
        lambda: load_identity(folder / "identity.age", DEMO_VAULT_PASSPHRASE), runs
    )
    bare, _ = median_seconds(lambda: _wall([sys.executable, "-c", "pass"]), runs)
    loaded, _ = median_seconds(lambda: _wall([sys.executable, "-c", REPORT_IMPORTS]), runs)
    imports = max(loaded - bare, 0.0)
    rest = max(total - scrypt - imports - bare, 0.0)
    note = (
        f"scrypt {scrypt:.2f} s, imports {imports:.2f} s, interpreter {bare:.2f} s, "
        f"the rest (read, figures, PDF) {rest:.2f} s"
    )
    return [
        Result(
            "Startup",
            "securebase report, one client (whole command)",
            1.0,
            total,
            note=note,
            runs=times,
        ),
        Result(
            "Startup",
            "report: imports / scrypt",
            1.0,
            imports,
            floor=scrypt,
            limit=IMPORTS_PER_SCRYPT_LIMIT,
            target=f"imports <= {IMPORTS_PER_SCRYPT_LIMIT:g}x scrypt",
            note="scrypt = the passphrase unlock at the default work factor",
        ),
    ]


def _demo_end(demo_dir: Path) -> str:
    import json

    return json.loads((demo_dir / "therapist.json").read_text(encoding="utf-8"))["end"]


if __name__ == "__main__":  # python -m bench.bench_startup: print without the runner
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        for result in run(Context(work_dir=Path(scratch), cache_dir=Path(scratch), runs=5)):
            print(result.name, f"{result.value:.3f}", result.unit, result.ratio, result.note)
        print(f"{time.perf_counter() - started:.1f} s")
