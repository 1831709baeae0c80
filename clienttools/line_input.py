"""Reading one line typed at a terminal, with line editing, history and nothing lost.

Rules:
- at a terminal, the standard library's ``readline`` gives arrow keys,
  Home/End, Ctrl+A/E/W and an up-arrow history of this session's answers;
  the history lives in memory only and is never written to a file (it holds
  client text);
- Ctrl+C, Ctrl+D and a closed terminal (SIGHUP) raise ``Interrupted``;
  for Ctrl+C it carries what was typed on the unfinished line, so the caller
  can keep it (encrypted) with the rest of the draft (when a terminal closes,
  readline has already cleared that line by the time the signal is seen);
- ``prefill`` puts text back on the line, ready to edit.
Without a terminal (scripts, tests) lines are read from stdin as they come.
"""

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

try:  # not on every platform; without it, input() still works, just without editing
    import readline
except ImportError:  # pragma: no cover - Linux and macOS have it
    readline = None


class Interrupted(Exception):
    """The person left (Ctrl+C / Ctrl+D) or the terminal closed (``hangup``)."""

    def __init__(self, partial: str = "", *, hangup: bool = False):
        self.partial = partial
        self.hangup = hangup
        super().__init__("interrupted")


def _editing() -> bool:
    return readline is not None and sys.stdin.isatty() and sys.stdout.isatty()


def _line_so_far() -> str:
    return readline.get_line_buffer() if _editing() else ""


def _on_signal(number, _frame):
    # Runs inside input() before readline clears the line, so the text typed so far is here.
    raise Interrupted(_line_so_far(), hangup=number == signal.SIGHUP)


@contextmanager
def catching_interruptions() -> Iterator[None]:
    """While inside, Ctrl+C and a closed terminal raise ``Interrupted`` (with the line so far)."""
    hangup = getattr(signal, "SIGHUP", None)
    kinds = [signal.SIGINT] + ([hangup] if hangup is not None else [])
    previous = {kind: signal.signal(kind, _on_signal) for kind in kinds}
    try:
        yield
    finally:
        for kind, handler in previous.items():
            signal.signal(kind, handler)


def read_line(prompt: str, prefill: str = "") -> str:
    """One line as typed (without its newline); ``Interrupted`` if the person leaves."""
    editing = _editing()
    if editing and prefill:
        readline.set_startup_hook(lambda: readline.insert_text(prefill))
    try:
        return input(prompt)
    except KeyboardInterrupt:
        raise Interrupted(_line_so_far()) from None
    except EOFError:
        raise Interrupted() from None
    finally:
        if editing:
            readline.set_startup_hook(None)


def remember(answers: list[str]) -> None:
    """Put earlier answers into the up-arrow history (memory only)."""
    if _editing():
        for answer in answers:
            if answer.strip():
                readline.add_history(answer)
