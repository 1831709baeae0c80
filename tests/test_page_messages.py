"""The dashboard's one error boundary speaks to a page, not to a terminal.

Every code of the core's message catalogue gets a hint a therapist can act
on in the browser: none names a command, a command-line option or --debug.
The entry point catches every core error a page did not handle.
"""

import ast
import re
from pathlib import Path

import pytest

from dashboard.page_messages import PAGE_HINTS, page_message
from securebase.errors import SecureBaseError
from securebase.messages import CATALOGUE

TERMINAL_WORDS = re.compile(r"securebase |--|\bcommand\b|'[a-z]+ [a-z-]+'|run '")
APP = Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py"


class Stand(SecureBaseError):
    """Any core error, by code."""

    def __init__(self, code: str):
        super().__init__()
        self.code = code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_hint_on_a_page_can_be_acted_on_in_the_browser(code):
    message = page_message(Stand(code))
    assert message.text == CATALOGUE[code].text  # one sentence for what went wrong
    assert not TERMINAL_WORDS.search(message.hint), f"{code}: {message.hint}"


def test_page_hints_only_replace_codes_that_exist():
    assert set(PAGE_HINTS) <= set(CATALOGUE)


def test_the_entry_point_catches_every_core_error():
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    caught = {
        handler.type.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Try)
        for handler in node.handlers
        if isinstance(handler.type, ast.Name)
    }
    assert "SecureBaseError" in caught
