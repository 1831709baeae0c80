"""Crash and disk faults: every write path opens at the old or the new state, and says why.

- SIGKILL: a forked child repeats one real write path (session notes,
  homework assignments, homework packs, vault settings, client entries,
  client homework import, client homework logs) and reports each write
  that returned; it is killed after a seeded random delay, many times over
  the same vault or journal. After each kill the data opens, its items are
  exactly 1..n, and n is the last reported write or the one in flight.
  (The store mechanism itself, phase by phase, is tests/test_store_crash.py;
  vault imports are tests/test_vault.py.)
- Disk full: a real small tmpfs filled to the last byte when this machine
  lets us mount one, else ``OSError(ENOSPC)`` injected at the write in
  ``securebase.atomic``; the injected case also always runs on its own.
- Read-only: a real ``chmod`` of the folders when not root (root ignores
  permission bits), an injected ``EACCES`` when root; and a real read-only
  filesystem (a tmpfs remounted read-only) when mounting is possible, else
  an injected ``EROFS``.
- In every fault case, through the real command lines and the dashboard:
  a calm catalogue message, no traceback, nothing changed, no temporary
  file left behind, and the same command works once the fault is gone.
- A vault copied (as by a backup tool) while another process writes opens
  at a state the writer really committed.
"""

import errno
import os
import random
import select
import shutil
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

import securebase.atomic
from clienttools.homework_import import import_pack, last_pack_issued
from securebase.atomic import write_atomically
from securebase.errors import DiskFull, NotWritable
from securebase.homework_pack import open_pack, seal_pack
from securebase.messages import CATALOGUE
from securebase.therapist_records import add_assignment, add_session_note, assignments
from securebase.vault import Vault, _set_setting
from tests.dashboard_kit import go_to, unlocked_app
from tests.hardening_kit import (
    PASSPHRASE,
    TODAY,
    World,
    entry_draft,
    files_of,
    make_world,
    temporaries,
)

KILL_SEED = 20261123
KILLS_PER_PATH = 8
MAX_KILLS = 4 * KILLS_PER_PATH
MAX_DELAY = 0.12
READY_TIMEOUT = 60
PACK_BASE = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
SETTING = "fault_test_counter"


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    return make_world(tmp_path)


# -- SIGKILL at random points of each write path -----------------------------------


def _forked(loop: Callable[[Callable[[int], None], Callable[[], None]], None], delay: float):
    """Run ``loop`` in a forked child and SIGKILL it ``delay`` seconds after it is ready to
    write (its files opened: the kill lands among the writes, however loaded the machine is);
    the numbers it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write until killed, reporting each write that returned
        try:
            os.close(read_end)
            report = lambda n: os.write(write_end, f"C {n}\n".encode())  # noqa: E731
            loop(report, lambda: os.write(write_end, b"R\n"))
            time.sleep(60)  # out of work: wait for the kill like a busy child would
        finally:
            os._exit(0)
    os.close(write_end)
    select.select([read_end], [], [], READY_TIMEOUT)  # "R": opened, about to write
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    assert os.WTERMSIG(status) == signal.SIGKILL
    with os.fdopen(read_end, "rb") as pipe:
        lines = pipe.read().decode().splitlines()
    return [int(line.split()[1]) for line in lines if line.startswith("C ")]


def _note_texts(vault: Vault, client_id: str) -> set[str]:
    rows = vault.store.db.execute(
        "SELECT text FROM session_notes WHERE client_id = ?", (client_id,)
    )
    return {row[0] for row in rows}


def _numbered(texts: set[str], prefix: str) -> int:
    """The n of texts ``prefix 1 .. prefix n``; fails on a gap or a stranger."""
    mine = {t for t in texts if t.startswith(prefix)}
    n = len(mine)
    assert mine == {f"{prefix}{i}" for i in range(1, n + 1)}, f"gap or half write: {sorted(mine)}"
    return n


class Path_:
    """One write path: ``write(n)`` in the child, ``state()`` (the n on disk) in the parent."""

    limit = 1_000_000  # the children write at most items 1 .. limit - 1

    def __init__(self, world: World):
        self.world = world

    def open(self):  # in the child, once
        raise NotImplementedError

    def write(self, opened, n: int) -> None:
        raise NotImplementedError

    def state(self) -> int:
        raise NotImplementedError


class SessionNotes(Path_):
    def open(self):
        return self.world.vault()

    def write(self, vault, n):
        add_session_note(vault, self.world.client_id, TODAY, f"note {n}")

    def state(self):
        return _numbered(_note_texts(self.world.vault(), self.world.client_id), "note ")


class HomeworkAssign(Path_):
    def open(self):
        return self.world.vault()

    def write(self, vault, n):
        day = TODAY + timedelta(days=n)  # one day each: the same exercise never runs twice at once
        add_assignment(
            vault, self.world.client_id, "paced_breathing", times=1, per="day",
            starts=day, ends=day, note=f"assignment {n}",
        )  # fmt: skip

    def state(self):
        found = {a.note for a in assignments(self.world.vault(), self.world.client_id)}
        return _numbered(found, "assignment ")


class HomeworkPack(Path_):
    """``securebase homework pack --out``: seal, then replace the pack file atomically."""

    def __init__(self, world):
        super().__init__(world)
        self.out = world.vault_path.parent / "pack.age"

    def open(self):
        return self.world.vault()

    def write(self, vault, n):
        made = seal_pack(vault, self.world.client_id, now=PACK_BASE + timedelta(seconds=n))
        write_atomically(self.out, made.sealed)

    def state(self):
        if not self.out.exists():
            return 0
        journal = self.world.journal()
        therapist = journal.therapist
        pack = open_pack(
            self.out.read_bytes(), journal.identity,
            therapist_signing_key=therapist.signing_key, client_id=therapist.client_id,
        )  # fmt: skip
        return int((pack.issued_at - PACK_BASE).total_seconds())


class VaultSettings(Path_):
    def open(self):
        return self.world.vault()

    def write(self, vault, n):
        vault.store.update(lambda db: _set_setting(db, SETTING, str(n)))

    def state(self):
        row = (
            self.world.vault()
            .store.db.execute("SELECT value FROM settings WHERE key = ?", (SETTING,))
            .fetchone()
        )
        return int(row[0]) if row else 0


class ClientEntries(Path_):
    def open(self):
        return self.world.journal()

    def write(self, journal, n):
        journal.add_entry(entry_draft(f"entry {n}", n, situation=f"entry {n}"))

    def state(self):
        return _numbered({e.situation for e in self.world.journal().entries()}, "entry ")


class ClientHomeworkImport(Path_):
    """``securebase-journal homework import``: each pack newer than the last."""

    PACKS = 100
    limit = PACKS  # the last pack is kept for the write after the kills

    def __init__(self, world):
        super().__init__(world)
        vault = world.vault()
        self.packs = {}
        for n in range(1, self.PACKS + 1):
            now = PACK_BASE + timedelta(seconds=n)
            self.packs[n] = seal_pack(vault, world.client_id, now=now).sealed

    def open(self):
        return self.world.journal()

    def write(self, journal, n):
        assert import_pack(journal, self.packs[n]).replaced

    def state(self):
        issued = last_pack_issued(self.world.journal())
        if issued is None:
            return 0
        return int((datetime.fromisoformat(issued) - PACK_BASE).total_seconds())


class ClientHomeworkLog(Path_):
    def __init__(self, world):
        super().__init__(world)
        vault = world.vault()
        add_assignment(vault, world.client_id, "paced_breathing", times=1, per="day", starts=TODAY)
        journal = world.journal()
        import_pack(journal, seal_pack(vault, world.client_id).sealed)
        self.assignment_id = journal.assignments()[0].assignment_id

    def open(self):
        return self.world.journal()

    def write(self, journal, n):
        draft = {"assignment_id": self.assignment_id, "minutes": 5, "note": f"log {n}"}
        journal.log_homework(draft)

    def state(self):
        return _numbered({log.note for log in self.world.journal().homework_logs()}, "log ")


WRITE_PATHS = {
    "session_notes": SessionNotes,
    "homework_assign": HomeworkAssign,
    "homework_pack": HomeworkPack,
    "vault_settings": VaultSettings,
    "client_entries": ClientEntries,
    "client_homework_import": ClientHomeworkImport,
    "client_homework_log": ClientHomeworkLog,
}


@pytest.mark.parametrize("name", list(WRITE_PATHS))
def test_a_killed_writer_leaves_the_old_or_the_new_state(world, name):
    path = WRITE_PATHS[name](world)
    rng = random.Random(f"{KILL_SEED}-{name}")
    last, outcomes = path.state(), Counter()
    run = 0
    # At least KILLS_PER_PATH kills; more (up to MAX_KILLS) while the child has reported fewer
    # writes than that, as on a loaded machine where each write is slow.
    while run < KILLS_PER_PATH or (
        outcomes["writes reported"] < KILLS_PER_PATH and run < MAX_KILLS
    ):
        run, start = run + 1, last

        def loop(report, ready, start=start):
            opened = path.open()
            ready()
            for n in range(start + 1, path.limit):
                path.write(opened, n)
                report(n)

        reported = _forked(loop, rng.uniform(0.005, MAX_DELAY))
        assert reported == list(range(start + 1, start + 1 + len(reported))), reported
        done = reported[-1] if reported else start
        last = path.state()  # opens: never corrupt; items exactly 1..last
        assert last in (done, done + 1), f"run {run}: reported {done}, found {last}"
        outcomes["in flight, landed" if last > done else "in flight, absent"] += 1
        outcomes["writes reported"] += len(reported)
    print(f"\n{name}: {run} kills, {dict(outcomes)}")
    assert outcomes["writes reported"] >= KILLS_PER_PATH, "the child hardly wrote: proves little"
    # The next write sweeps up temporaries a killed writer left, and works.
    opened = path.open()
    path.write(opened, last + 1)
    assert path.state() == last + 1
    folder = world.home_path if name.startswith("client") else world.vault_path
    assert not [t for t in temporaries(folder) if not t.startswith("received")]


# -- a vault copied while it is written -------------------------------------------


def test_a_vault_copied_mid_write_opens_at_a_committed_state(world, tmp_path):
    rng = random.Random(KILL_SEED)
    notes = SessionNotes(world)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            vault = notes.open()
            for n in range(1, 100_000):
                notes.write(vault, n)
                os.write(write_end, f"C {n}\n".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    seen = []
    try:
        for copy in range(12):
            time.sleep(rng.uniform(0.005, 0.05))
            target = tmp_path / f"copy-{copy}"
            shutil.copytree(world.vault_path, target, copy_function=_copy_unless_gone)
            seen.append((target, _note_count(target, world.client_id)))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        reported = [int(line.split()[1]) for line in pipe.read().decode().splitlines()]
    counts = [count for _, count in seen]
    print(f"\ncopies mid-write held {counts} notes; the writer reported {len(reported)}")
    assert counts == sorted(counts), "a later copy went back in time"
    assert counts[-1] > counts[0], "the writer never moved between copies: proves little"
    assert counts[-1] <= (reported[-1] if reported else 0) + 1
    # The kept previous generation opens too, at some committed state (the copy
    # takes the two files at different moments, so it may even be the newer one).
    for target, _ in seen:
        (target / "vault.db.age").unlink()
        shutil.copy(target / "vault.db.age.prev", target / "vault.db.age")
        assert _note_count(target, world.client_id) <= reported[-1] + 1


def _copy_unless_gone(source, target):
    """Copy as a backup tool does: a temporary file that vanished mid-walk is skipped."""
    with suppress(FileNotFoundError):
        shutil.copy2(source, target)


def _note_count(vault_path: Path, client_id: str) -> int:
    vault = Vault.unlock(vault_path, PASSPHRASE)
    try:
        return _numbered(_note_texts(vault, client_id), "note ")
    finally:
        vault.store.close()


# -- disk full and read-only: the fault, real or injected -------------------------


class _FailingHandle:
    """A file handle that writes part of the data, then fails as a full disk does."""

    def __init__(self, handle, failure: int):
        self.handle, self.failure = handle, failure

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(self.failure, os.strerror(self.failure))

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def _inject(monkeypatch, failure: int, folders: list[Path]) -> list[str]:
    """Make ``securebase.atomic``'s writes into ``folders`` fail with ``failure``.

    ENOSPC fails at the write (after half the bytes: the temporary file
    exists and must be removed); EACCES/EROFS fail at the create, as a
    read-only folder does. Returns the names of the temporary files made.
    """
    made: list[str] = []
    inside = [str(f.resolve()) for f in folders]

    def hit(path) -> bool:
        return any(str(Path(path).resolve()).startswith(f) for f in inside)

    def open_(path, flags, mode=0o777, *args, **kwargs):
        if hit(path) and failure != errno.ENOSPC:
            raise OSError(failure, os.strerror(failure), str(path))
        if flags & os.O_CREAT:
            made.append(Path(path).name)
        return os.open(path, flags, mode, *args, **kwargs)

    def fdopen(descriptor, *args, **kwargs):
        handle = os.fdopen(descriptor, *args, **kwargs)
        return _FailingHandle(handle, failure) if failure == errno.ENOSPC else handle

    fake = SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if name[0] != "_"})
    fake.open, fake.fdopen = open_, fdopen
    monkeypatch.setattr(securebase.atomic, "os", fake)
    return made


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def _tmpfs(folder: Path, size: str = "4m"):
    """A real small filesystem at ``folder``, or None when this machine does not allow one."""
    folder.mkdir()
    mounted = _can_mount() and _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder)
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            _run("umount", "-l", folder)


def _run(*command) -> bool:
    return subprocess.run([str(c) for c in command], capture_output=True).returncode == 0


def _fill(folder: Path) -> Path:
    """Write one file until the filesystem has not one byte left."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (65536, 4096, 1):
            try:
                while True:
                    handle.write(b"\0" * chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
    return filler


def _assert_refused_calmly(run, code: str) -> None:
    message = CATALOGUE[code]
    assert run.code == 1, (run.out, run.err)
    assert f"error: {message.text}" in run.err
    assert f"hint: {message.hint}" in run.err
    assert "Traceback" not in run.err + run.out


def _writes(world: World, out: Path) -> dict[str, Callable]:
    """One write of each kind through the real command lines."""
    return {
        "client add": lambda: world.therapist("client", "add", f"Bob {uuid.uuid4().hex[:6]}"),
        "homework assign": lambda: world.therapist(
            "homework", "assign", "Alice", "paced_breathing", "--note", "daily"
        ),
        "homework pack": lambda: world.therapist("homework", "pack", "Alice", "--out", out),
        "journal add": lambda: world.client(
            "add", "--situation", "A quiet evening", "--trigger", "delayed_reply"
        ),
    }


def _check_fault(world: World, out: Path, code: str, clear: Callable[[], None]) -> None:
    before = {
        "vault": files_of(world.vault_path),
        "home": files_of(world.home_path),
    }
    for name, write in _writes(world, out).items():
        _assert_refused_calmly(write(), code)
        after = {"vault": files_of(world.vault_path), "home": files_of(world.home_path)}
        assert after == before, f"{name}: the failed write changed files"
        assert temporaries(world.vault_path) == temporaries(world.home_path) == [], name
        assert not out.exists()
    clear()
    # The old data opens unchanged.
    assert [c.label for c in world.vault().clients()] == ["Alice"]
    assert len(world.journal().entries()) == 1
    for name, write in _writes(world, out).items():
        run = write()
        assert run.code == 0, (name, run.out, run.err)
    assert len(world.vault().clients()) == 2
    assert len(world.journal().entries()) == 2


def test_disk_full_on_a_small_filesystem_is_a_clear_message(tmp_path, monkeypatch):
    """A real tmpfs filled to the brim when mounting works here; else ENOSPC injected."""
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    with _tmpfs(tmp_path / "disk") as disk:
        world = make_world(disk or tmp_path / "disk")
        out = (disk or tmp_path / "disk") / "pack.age"
        if disk is not None:
            filler = _fill(disk)
            print(f"\nreal tmpfs filled ({filler.stat().st_size} bytes)")
            _check_fault(world, out, "disk_full", filler.unlink)
        else:
            print("\nno mount here: ENOSPC injected")
            _inject(monkeypatch, errno.ENOSPC, [tmp_path])
            _check_fault(world, out, "disk_full", monkeypatch.undo)


def test_disk_full_injected_at_the_write_removes_the_half_written_file(world, monkeypatch):
    out = world.vault_path.parent / "pack.age"
    made = _inject(monkeypatch, errno.ENOSPC, [world.vault_path.parent])
    before = files_of(world.vault_path)
    with pytest.raises(DiskFull):
        add_session_note(world.vault(), "Alice", TODAY, "a note that cannot be saved")
    assert any(name.endswith(".tmp") for name in made), "no temporary file was even started"
    assert files_of(world.vault_path) == before
    assert temporaries(world.vault_path) == []
    _check_fault(world, out, "disk_full", monkeypatch.undo)


def test_read_only_folders_are_a_clear_message(world, monkeypatch):
    """A real chmod when not root; root ignores permission bits, so EACCES is injected."""
    out = world.vault_path.parent / "out" / "pack.age"
    out.parent.mkdir()
    folders = [world.vault_path, world.home_path, out.parent]
    if os.geteuid() != 0:
        for folder in folders:
            folder.chmod(0o500)

        def clear():
            for folder in folders:
                folder.chmod(0o700)
    else:
        _inject(monkeypatch, errno.EACCES, folders)
        clear = monkeypatch.undo
    try:
        _check_fault(world, out, "not_writable", clear)
    finally:
        for folder in folders:
            folder.chmod(0o700)


def test_a_read_only_filesystem_is_a_clear_message(tmp_path, monkeypatch):
    """A tmpfs remounted read-only (real EROFS, even for root) if mounting works, else injected."""
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    with _tmpfs(tmp_path / "disk") as disk:
        folder = disk or tmp_path / "disk"
        world = make_world(folder)
        out = folder / "pack.age"
        if disk is not None and _run("mount", "-o", "remount,ro", disk):
            print("\nreal read-only tmpfs")
            _check_fault(
                world, out, "not_writable", lambda: _run("mount", "-o", "remount,rw", disk)
            )
        else:
            print("\nno mount here: EROFS injected")
            _inject(monkeypatch, errno.EROFS, [folder])
            _check_fault(world, out, "not_writable", monkeypatch.undo)


def test_the_dashboard_says_the_disk_is_full_and_keeps_the_old_setting(world, monkeypatch):
    monkeypatch.setenv("SECUREBASE_VAULT", str(world.vault_path))
    app = go_to(unlocked_app(PASSPHRASE), "settings")
    before = files_of(world.vault_path)
    _inject(monkeypatch, errno.ENOSPC, [world.vault_path])
    app.select_slider[0].set_value(5)
    next(b for b in app.button if b.label == "Save").click()
    app.run()
    assert not app.exception, app.exception
    shown = [error.value for error in app.error]
    assert any(CATALOGUE["disk_full"].text in text.replace("\\", "") for text in shown), shown
    assert not app.success
    assert files_of(world.vault_path) == before
    assert temporaries(world.vault_path) == []
    assert app.session_state["vault"] is not None  # still open: the therapist can free space
    monkeypatch.undo()
    monkeypatch.setenv("SECUREBASE_VAULT", str(world.vault_path))
    next(b for b in app.button if b.label == "Save").click()
    app.run()
    assert "after 5 minutes" in app.success[0].value


def test_the_typed_errors_are_raised_for_their_errnos(tmp_path, monkeypatch):
    for failure, error in ((errno.ENOSPC, DiskFull), (errno.EROFS, NotWritable)):
        folder = tmp_path / str(failure)
        folder.mkdir()
        target = folder / "file"
        target.write_bytes(b"old")
        with monkeypatch.context() as patch:
            _inject(patch, failure, [folder])
            with pytest.raises(error):
                write_atomically(target, b"new", keep_previous=True)
        assert target.read_bytes() == b"old"
        assert [p.name for p in folder.iterdir()] == ["file"]
    assert CATALOGUE[DiskFull.code]
    assert CATALOGUE[NotWritable.code]
