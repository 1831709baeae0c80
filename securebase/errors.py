"""Typed errors of the core.

Each error has a stable ``code`` (used by ``--json`` output and tests) and is
turned into words for people in exactly one place, ``securebase.messages``.
Rule: an error never carries client-written text, only field paths, rule
names and numbers, so it is always safe to print and to log.
"""

from dataclasses import dataclass


class SecureBaseError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"


@dataclass(frozen=True)
class Problem:
    """One reason a document was refused: where (a field path) and which rule."""

    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}" if self.path else self.rule


class DocumentError(SecureBaseError):
    """A journal document could not be accepted."""

    code = "invalid_document"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


class DocumentTooLarge(DocumentError):
    code = "document_too_large"


class MalformedJSON(DocumentError):
    code = "malformed_json"
