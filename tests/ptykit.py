"""Drive ``securebase-journal`` through a real pseudo-terminal, as a person at a keyboard.

The standard library's ``pty`` is enough (no pexpect): the child gets a real
terminal (so ``readline`` edits lines and ``getpass`` hides the passphrase),
keys are bytes written to the terminal (``KEYS``), and closing the terminal
sends the child SIGHUP, as closing a window does.
"""

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

#: What keys send to a terminal.
KEYS = {
    "enter": "\r",
    "left": "\x1b[D",
    "right": "\x1b[C",
    "up": "\x1b[A",
    "home": "\x01",  # Ctrl+A, which readline reads as start of line
    "ctrl-c": "\x03",
    "ctrl-d": "\x04",
}
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r|\x07|\x08")
COMMAND = [sys.executable, "-c", "from clienttools.cli import main; main()"]


class Terminal:
    """One run of the client's command line on its own pseudo-terminal."""

    def __init__(self, args: list[str], env: dict[str, str], *, timeout: float = 30):
        self.timeout = timeout
        self.output = ""  # everything shown so far, escape sequences removed
        self._seen_to = 0
        self.exit_code: int | None = None
        pid, fd = pty.fork()
        if pid == 0:  # the child: the command line itself, on the terminal
            os.execve(sys.executable, [*COMMAND, *args], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))

    def expect(self, text: str) -> str:
        """Wait until ``text`` is shown (after what was already expected); return what came."""
        deadline = time.monotonic() + self.timeout
        while True:
            found = self.output.find(text, self._seen_to)
            if found >= 0:
                shown = self.output[self._seen_to : found + len(text)]
                self._seen_to = found + len(text)
                return shown
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"never saw {text!r}; the screen ends with:\n{self.tail()}")

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())
        time.sleep(0.05)  # let readline take the keys in before the next ones

    def answer(self, text: str) -> None:
        self.type(text + KEYS["enter"])

    def press(self, *keys: str) -> None:
        for key in keys:
            self.type(KEYS[key])

    def close(self) -> int:
        """Close the terminal (the child gets SIGHUP, like a closed window); its exit code."""
        os.close(self.fd)
        self.fd = None
        return self.wait()

    def wait(self) -> int:
        """Read until the program ends; its exit code."""
        deadline = time.monotonic() + self.timeout
        while self.exit_code is None:
            if self.fd is not None:
                self._read(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.exit_code = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                os.kill(self.pid, 9)
                raise AssertionError(f"still running; the screen ends with:\n{self.tail()}")
        if self.fd is not None:
            while self._read(0.1):
                pass
            os.close(self.fd)
            self.fd = None
        return self.exit_code

    def tail(self, chars: int = 1500) -> str:
        return self.output[-chars:]

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(wait, 0))
        if not ready:
            return True  # nothing yet, but still open
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child has closed the terminal
            return False
        if not chunk:
            return False
        self.output += _ESCAPES.sub("", chunk.decode("utf-8", "replace"))
        return True
