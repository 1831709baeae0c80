"""Drive the reference ``age`` command line (Debian package ``age``) from tests.

``age`` reads passphrases only from a terminal, so ``run_with_passphrase``
runs it on a pseudo-terminal and answers its prompt.
"""

import os
import pty
import select
import subprocess
import time

AGE = "age"


def run_with_passphrase(args: list[str], passphrase: str, timeout: float = 30) -> int:
    """Run ``age ARGS`` answering one passphrase prompt; return its exit code."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child becomes age, attached to the pseudo-terminal
        os.execvp(AGE, [AGE, *args])
    answered, seen = False, b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(terminal, 1024)
            except OSError:  # the child closed the terminal: it has finished
                break
            if not chunk:
                break
            seen += chunk
            if not answered and b"passphrase" in seen.lower():
                os.write(terminal, passphrase.encode() + b"\n")
                answered = True
    os.close(terminal)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([AGE, *args], input=stdin, capture_output=True, timeout=30)
