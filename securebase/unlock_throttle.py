"""Slowing down passphrase guessing at the unlock prompt (SECURITY.md PORT-11).

After ``FREE_TRIES`` wrong passphrases in a row, each further try must wait
a growing delay after the previous wrong one: 2, 4, 8, ... seconds, at most
``MAX_DELAY_SECONDS``. A try made too early is refused without testing the
passphrase (so the right passphrase, too, waits: nothing leaks through
timing). One right passphrase clears the count.

Rules:
- the count lives beside the vault or journal (``unlock.throttle``, non-secret JSON,
  0600), so restarting the dashboard or using the command line instead does
  not reset it;
- nothing here ever locks the owner out for good: the longest wait is
  ``MAX_DELAY_SECONDS``; a clock set backwards restarts the wait from the
  new "now" once, so it too ends within that time;
- tries are taken one at a time under a file lock, so parallel guessing is no
  faster than serial guessing;
- a damaged or missing file counts as no failures (it holds nothing secret,
  and deleting it needs the same access as copying ``identity.age`` for an
  offline attack, which this does not claim to slow).
"""

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import filelock

from securebase.atomic import storage_errors, write_atomically
from securebase.errors import UnlockThrottled, WrongPassphrase

T = TypeVar("T")
THROTTLE_NAME = "unlock.throttle"
#: Wrong passphrases allowed in a row before any delay (typing slips).
FREE_TRIES = 3
#: The longest wait between two tries, in seconds.
MAX_DELAY_SECONDS = 60


def delay_after(failures: int) -> int:
    """Seconds the next try must wait after ``failures`` wrong ones in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(2 ** (failures - FREE_TRIES + 1), MAX_DELAY_SECONDS)


def guarded(folder: Path, attempt: Callable[[], T], *, clock=time.time) -> T:
    """Run ``attempt`` (which raises ``WrongPassphrase`` on a wrong one) if it is time."""
    path = Path(folder) / THROTTLE_NAME
    with storage_errors():  # a read-only or full disk is a clear message, as for the store
        lock = filelock.FileLock(str(path) + ".lock", mode=0o600)
        lock.acquire()
    try:
        return _attempt(path, attempt, clock)
    finally:
        lock.release()


def _attempt(path: Path, attempt: Callable[[], T], clock) -> T:
    failures, last = _read(path)
    now = clock()
    if last > now:  # the clock was set back: count the wait from now, once
        last = now
        _write(path, failures, last)
    wait = _remaining(failures, last, now)
    if wait > 0:
        raise UnlockThrottled(f"try again in {wait} seconds")
    try:
        result = attempt()
    except WrongPassphrase:
        _write(path, failures + 1, clock())
        raise
    if failures:
        _write(path, 0, 0.0)
    return result


def _remaining(failures: int, last: float, now: float) -> int:
    delay = delay_after(failures)
    return max(0, min(delay, int(last + delay - now + 0.999)))


def _read(path: Path) -> tuple[int, float]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return max(0, int(stored["failures"])), float(stored["last_failure"])
    except (OSError, ValueError, TypeError, KeyError):
        return 0, 0.0


def _write(path: Path, failures: int, last: float) -> None:
    text = json.dumps({"failures": failures, "last_failure": last})
    write_atomically(path, text.encode() + b"\n")
