"""The fuzz loop in a subprocess with a memory cap and a watchdog; replaying one case.

``run_in_worker(seed, count)`` starts ``python -m tests.fuzz_worker --worker``,
which builds a ``FuzzWorld`` (``tests/fuzz_kit.py``), caps its own address
space (``RLIMIT_AS``: what it uses after start-up plus ``memory_mb``) and runs
the cases, printing one JSON line as each case starts and a summary at the
end. The parent kills it when no line arrives for ``watchdog_seconds`` and
names the case that hung. A broken promise, a crash or the memory cap end
the run with the case id. Command line:

    python -m tests.fuzz_worker --seed S --cases N      # a long run
    python -m tests.fuzz_worker --replay S:I [--write F]  # one case again
    python -m tests.fuzz_worker --make-seed-files        # (re)write the seed files
"""

import argparse
import json
import os
import random
import resource
import selectors
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import tests.fuzz_kit as kit
from sample_data.roster import DEMO_DIR, demo_therapist
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.vault import Vault
from tests.export_factory import FakeClient, keys_of
from tests.fuzz_json import base_document
from tests.fuzz_kit import (
    FUZZ_CLIENT_ID,
    FUZZ_DATA,
    PASSPHRASE,
    ROOT,
    SEED_FILES,
    Case,
    FuzzFailure,
    FuzzWorld,
    base_seed,
    case_count,
    fuzz_client_identity,
    run,
)


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes``."""
    used = 0
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmSize:"):
                used = int(line.split()[1]) * 1024
    limit = used + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _inject(what: str, memory_mb: int) -> None:
    """Break the import of case 1 on purpose: proves the harness notices (tests only)."""
    real = kit.import_files

    def broken(vault, files):
        files = list(files)
        if files[0][0].startswith("injected"):
            if what == "hang":
                time.sleep(3600)
            elif what == "memory":
                bytearray(2 * memory_mb * 2**20)
            else:
                raise KeyError(what)
        return real(vault, files)

    kit.import_files = broken  # FuzzWorld.run_case looks the name up at each call


def _worker(folder: Path, seed: int, count: int, memory_mb: int, inject: str | None) -> int:
    def emit(line: dict) -> None:
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()

    world = FuzzWorld(folder)
    if inject:
        _inject(inject, memory_mb)
        world.make_case = _injected_cases(world.make_case)
    _limit_memory(memory_mb)
    try:
        stats = run(world, seed, count, progress=emit)
    except FuzzFailure as failure:
        cause = f" ({type(failure.__cause__).__name__})" if failure.__cause__ else ""
        emit({"failure": f"{failure}{cause}"})
        traceback.print_exception(failure)
        return 1
    except MemoryError:
        emit({"failure": f"over the memory limit of {memory_mb} MiB"})
        return 1
    emit({"summary": stats.__dict__})
    return 0


def _injected_cases(make_case):
    def make(case_id: str) -> Case:
        case = make_case(case_id)
        kind = "injected" if case_id.endswith(":1") else case.kind
        return Case(case.case_id, case.layer, kind, case.data)

    return make


def run_in_worker(
    seed: int,
    count: int,
    *,
    memory_mb: int = 768,
    watchdog_seconds: float = 120.0,
    inject: str | None = None,
) -> dict:
    """Run cases in a memory-capped subprocess; kill it if one case stops progressing.

    Returns the worker's summary; raises ``FuzzFailure`` with the case id on a
    broken promise, a crash, the memory cap or the watchdog.
    """
    with tempfile.TemporaryDirectory(prefix="securebase-fuzz-") as folder:
        command = [sys.executable, "-m", "tests.fuzz_worker", "--worker", "--folder", folder]
        command += ["--seed", str(seed), "--cases", str(count), "--memory-mb", str(memory_mb)]
        command += ["--inject", inject] if inject else []
        # A failure on purpose needs no traceback on the console.
        return _watch(command, watchdog_seconds, quiet=inject is not None)


def _watch(command: list[str], watchdog_seconds: float, *, quiet: bool) -> dict:
    env = os.environ | {WORK_FACTOR_VARIABLE: "4", "PYTHONPATH": str(ROOT)}
    stderr = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(  # our own module, fixed arguments
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True
    )
    current, summary, failure = None, None, None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            if not selector.select(timeout=watchdog_seconds):
                process.kill()
                process.wait()
                raise FuzzFailure(f"case {current} made no progress in {watchdog_seconds} s")
            line = process.stdout.readline()
            if not line:
                break
            message = json.loads(line)
            current = message.get("start", current)
            summary = message.get("summary", summary)
            failure = message.get("failure", failure)
    code = process.wait()
    if failure or code != 0 or summary is None:
        detail = failure or f"worker exited with {code}"
        replay = f".venv/bin/python -m tests.fuzz_worker --replay {current}"
        raise FuzzFailure(f"{detail} (last case started: {current}; replay: {replay})")
    return summary


def replay(case_id: str, write: Path | None) -> str:
    os.environ[WORK_FACTOR_VARIABLE] = "4"
    with tempfile.TemporaryDirectory(prefix="securebase-fuzz-") as folder:
        world = FuzzWorld(Path(folder))
        case = world.make_case(case_id)
        if write:
            write.write_bytes(case.data)
        return f"{case.label}: {world.run_case(case)}"


def make_seed_files() -> None:
    """Write the committed seed files (run once; they are then frozen)."""
    os.environ[WORK_FACTOR_VARIABLE] = "4"
    rng = random.Random("securebase-fuzz/seed-files")
    with tempfile.TemporaryDirectory() as folder:
        vault = Vault.create(Path(folder), PASSPHRASE, identity=demo_therapist(DEMO_DIR))
        client = FakeClient(
            FUZZ_CLIENT_ID, "Fuzz client", fuzz_client_identity(), vault.identity.recipient
        )
        doc = base_document(rng, FUZZ_CLIENT_ID, keys_of(client.identity))
        document = json.dumps(doc).encode()
        FUZZ_DATA.mkdir(parents=True, exist_ok=True)
        SEED_FILES[0].write_bytes(client.seal_raw(document))
        SEED_FILES[1].write_bytes(client.seal_raw(document, armored=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--cases", type=int, default=None)
    parser.add_argument("--memory-mb", type=int, default=768)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--inject", choices=["hang", "memory", "crash"], help=argparse.SUPPRESS)
    parser.add_argument("--replay", metavar="SEED:INDEX")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--make-seed-files", action="store_true")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else base_seed(int(time.time()))
    count = args.cases if args.cases is not None else case_count(10_000)
    if args.make_seed_files:
        make_seed_files()
        return 0
    if args.replay:
        print(replay(args.replay, args.write))
        return 0
    if args.worker:
        return _worker(args.folder, seed, count, args.memory_mb, args.inject)
    print(f"fuzz: seed {seed}, {count} cases", flush=True)
    summary = run_in_worker(seed, count, memory_mb=args.memory_mb)
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
