"""The encrypted store survives being killed at any moment, and two writers lose nothing.

The crash test runs ``tests/store_worker.py`` in a child process that commits in
a loop, and SIGKILLs it, many times over one store: half the time after a
seeded random delay, half the time just after a chosen phase of a commit
(encrypting, writing, renaming) began. The child reports each phase as it
begins (see the worker), so after each kill we know where it landed and what
the store must now hold: the last counter the child reported, or exactly one
more once the rename over the store file has happened.
"""

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from securebase.identity import Identity
from securebase.store import EncryptedStore
from tests.store_worker import MIGRATIONS, SECRET_VARIABLE

WORKER = Path(__file__).resolve().parent / "store_worker.py"
KILL_RUNS = 60
KILL_SEED = 20260301
STORE_NAME = "crash.db.age"
# The last marker before the kill -> how far the commit in flight got.
PHASES = {None: "before encrypting", "E": "encrypting", "W": "writing", "R": "renaming"}
PHASES["r"] = "renamed"


@dataclass(frozen=True)
class KillPlan:
    delay: float  # seconds to wait before the SIGKILL ...
    marker: str | None = None  # ... after the worker printed this marker (else after "ready")
    nth: int = 1  # ... for the nth time


@pytest.fixture
def identity() -> Identity:
    return Identity.generate()


def worker(store: Path, identity: Identity, *args: str) -> subprocess.Popen:
    env = {**os.environ, SECRET_VARIABLE: str(identity.age_identity)}
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(store), *args], stdout=subprocess.PIPE, env=env
    )


def counters(path: Path, identity: Identity) -> list[int]:
    store = EncryptedStore(path, identity, MIGRATIONS)
    store.reload()
    try:
        return [row[0] for row in store.db.execute("SELECT n FROM counter ORDER BY n")]
    finally:
        store.close()


def temporaries(directory: Path) -> set[str]:
    return {path.name for path in directory.iterdir() if path.name.endswith(".tmp")}


def kill_once(path: Path, identity: Identity, plan: KillPlan) -> tuple[int, str | None, bool, int]:
    """Start a worker and kill it as ``plan`` says.

    Returns the last counter it reported, the phase it was in, whether it got
    as far as writing (so it swept up stale temporary files first), its pid.
    """
    child = worker(path, identity, "count")
    lines: list[str] = []
    try:
        assert child.stdout.readline() == b"ready\n"
        while plan.marker and lines.count(plan.marker) < plan.nth:
            line = child.stdout.readline()
            assert line, "the worker stopped on its own"
            lines.append(line.decode().rstrip("\n"))
        time.sleep(plan.delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    lines += child.stdout.read().decode().splitlines()
    child.stdout.close()
    reported, phase = 0, None
    for line in lines:
        if line.startswith("C "):
            reported, phase = int(line[2:]), None
        else:
            phase = line
    return reported, phase, "W" in lines, child.pid


def kill_plans(rng: random.Random) -> list[KillPlan]:
    """Half the kills at a random moment; half just after a chosen phase of a commit began."""
    plans = []
    for run in range(KILL_RUNS):
        if run % 2 == 0:
            plans.append(KillPlan(rng.uniform(0, 0.03)))
        else:
            marker = "EWRr"[run // 2 % 4]
            plans.append(KillPlan(rng.uniform(0, 0.0005), marker, rng.randint(1, 3)))
    return plans


def test_killed_writer_leaves_the_last_or_the_next_generation(tmp_path, identity):
    path = tmp_path / STORE_NAME
    store = EncryptedStore.create(path, identity, MIGRATIONS)
    store.update(lambda db: db.execute("INSERT INTO counter VALUES (1)"))
    store.close()
    rng, outcomes, phases, leftovers = random.Random(KILL_SEED), Counter(), Counter(), 0
    last, allowed = 1, set()
    for run, plan in enumerate(kill_plans(rng)):
        reported, phase, swept, pid = kill_once(path, identity, plan)
        assert phase in PHASES, f"run {run}: unexpected output {phase!r}"
        before = last
        found = counters(path, identity)
        last = found[-1]
        assert found == list(range(1, last + 1)), f"run {run}: counter rows have gaps"
        if reported:  # the child committed at least once this run
            assert last in (reported, reported + 1), f"run {run}: lost a reported commit"
        else:
            assert last in (before, before + 1)
        if phase in (None, "E", "W"):
            assert last == max(reported, before), f"run {run}: half a commit became visible"
        if phase == "r":
            assert last == max(reported, before) + 1, f"run {run}: a finished rename was lost"
        previous = counters(path.with_name(STORE_NAME + ".prev"), identity) or [0]
        assert previous[-1] in (last - 1, last), f"run {run}: .prev is not the one before"
        # A writer removes stale temporary files before it writes: only files of
        # this child, or of earlier children if this one never got to write, remain.
        own = {f".{STORE_NAME}.{pid}.tmp", f".{STORE_NAME}.{pid}.prev.tmp"}
        allowed = own | (set() if swept else allowed)
        stale = temporaries(tmp_path)
        assert stale <= allowed, f"run {run}: stale temporary files were not cleaned up"
        leftovers += bool(stale & own)
        phases[PHASES[phase]] += 1
        if phase is not None:
            present = last > max(reported, before)
            outcomes["in-flight commit present" if present else "in-flight commit absent"] += 1
    summary = {"runs": KILL_RUNS, "phases": dict(phases), "outcomes": dict(outcomes)}
    print(f"\nkill runs: {summary}, runs that left a temporary file: {leftovers}")
    assert phases["writing"] + phases["encrypting"] >= 5, "too few kills landed mid-commit"
    # The store still works, and its next commit sweeps up what the last kill left.
    store = EncryptedStore(path, identity, MIGRATIONS)
    store.update(lambda db: db.execute("INSERT INTO counter VALUES (?)", (last + 1,)))
    assert temporaries(tmp_path) == set()
    assert counters(path, identity) == list(range(1, last + 2))


def test_prev_is_always_the_generation_before_the_last_commit(tmp_path, identity):
    path = tmp_path / "store.db.age"
    store = EncryptedStore.create(path, identity, MIGRATIONS)
    previous = path.with_name(path.name + ".prev")
    assert not previous.exists()  # a new store has no earlier generation
    for n in range(1, 6):
        before = path.read_bytes()
        store.update(lambda db, n=n: db.execute("INSERT INTO counter VALUES (?)", (n,)))
        assert previous.read_bytes() == before
        assert counters(previous, identity) == list(range(1, n))
        assert counters(path, identity) == list(range(1, n + 1))
    assert temporaries(tmp_path) == set()


def test_a_failing_change_leaves_the_file_untouched(tmp_path, identity):
    path = tmp_path / "store.db.age"
    store = EncryptedStore.create(path, identity, MIGRATIONS)
    store.update(lambda db: db.execute("INSERT INTO counter VALUES (1)"))
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def half_done(db):
        db.execute("INSERT INTO counter VALUES (2)")
        raise RuntimeError("the change fails half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        store.update(half_done)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files
    assert [row[0] for row in store.db.execute("SELECT n FROM counter")] == [1]
    assert store.update(lambda db: db.execute("SELECT COUNT(*) FROM counter").fetchone()[0]) == 1


def test_two_processes_updating_at_once_lose_nothing(tmp_path, identity):
    """Both writers load the store before either writes, so every commit after one
    of the other's must reload first (the generation check) or rows would be lost;
    the lock keeps the two from committing at the same time."""
    path = tmp_path / "shared.db.age"
    EncryptedStore.create(path, identity, MIGRATIONS).close()
    go = tmp_path / "go"
    writers = [worker(path, identity, "insert", name, "30", str(go)) for name in ("a", "b")]
    try:
        for child in writers:
            assert child.stdout.readline() == b"ready\n"
        go.touch()
        for child in writers:
            assert child.wait(timeout=60) == 0
            assert child.stdout.read() == b"done\n"
    finally:
        for child in writers:
            child.kill()
            child.wait()
            child.stdout.close()
    store = EncryptedStore(path, identity, MIGRATIONS)
    rows = store.db.execute("SELECT writer, i FROM rows ORDER BY rowid").fetchall()
    assert sorted(tuple(row) for row in rows) == [(w, i) for w in "ab" for i in range(30)]
    order = [row["writer"] for row in rows]
    switches = sum(a != b for a, b in itertools.pairwise(order))
    assert switches >= 2, "the writers never overlapped, so the test proved nothing"
