"""The catalogue of words people see when something goes wrong.

Front ends never write their own error sentences: they call ``describe`` and
show its message and hint. Keep the tone calm and specific, say what to do
next, and never include client-written text (errors do not carry any).
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass

from securebase.errors import SecureBaseError


@dataclass(frozen=True)
class Message:
    text: str
    hint: str


CATALOGUE: dict[str, Message] = {
    "invalid_document": Message(
        "The journal document does not follow the SecureBase export format.",
        "Ask the client to export again with an up-to-date SecureBase journal.",
    ),
    "document_too_large": Message(
        "The journal document is larger than SecureBase accepts.",
        "Ask the client to export a shorter period (for example one week at a time).",
    ),
    "malformed_json": Message(
        "The journal document is not valid JSON.",
        "The file may be damaged or incomplete; ask the client to export it again.",
    ),
    "error": Message(
        "Something went wrong.",
        "Try again; if it keeps happening, run the command with --debug.",
    ),
}


def describe(error: SecureBaseError) -> Message:
    """The catalogue entry for an error, with its details appended to the text."""
    entry = CATALOGUE.get(error.code, CATALOGUE["error"])
    detail = str(error)
    return Message(f"{entry.text} ({detail})" if detail else entry.text, entry.hint)


def terminal_report(error: SecureBaseError) -> str:
    """The two lines a command line prints to stderr for an error."""
    message = describe(error)
    return f"error: {message.text}\nhint: {message.hint}"


def run_guarded(command: Callable[[], object], argv: list[str]) -> None:
    """Run a command-line entry point, turning core errors into two calm lines.

    This is the single translation point for both command lines: a
    ``SecureBaseError`` prints ``error:``/``hint:`` to stderr and exits 1;
    with ``--debug`` in ``argv`` the traceback is shown instead.
    """
    try:
        command()
    except SecureBaseError as error:
        if "--debug" in argv:
            raise
        sys.stderr.write(terminal_report(error) + "\n")
        raise SystemExit(1) from None
