"""Both command lines exist, print help, and report core errors in one calm way."""

import shutil
import subprocess
import sys

import pytest

from securebase.errors import MalformedJSON, Problem
from securebase.messages import CATALOGUE, run_guarded


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ("securebase", ["therapists", "demo"]),
        ("securebase-journal", ["journal", "emergency"]),
    ],
)
def test_console_script_prints_help(script, words):
    executable = shutil.which(script, path=str(sys.prefix) + "/bin")
    assert executable, f"{script} is not installed in this environment"
    result = subprocess.run([executable, "--help"], capture_output=True, text=True, check=True)
    for word in words:
        assert word in result.stdout


@pytest.mark.parametrize("script", ["securebase", "securebase-journal"])
def test_console_script_reports_its_version(script):
    executable = shutil.which(script, path=str(sys.prefix) + "/bin")
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, check=True)
    assert "0.1.0" in result.stdout


def failing_command():
    raise MalformedJSON([Problem("", "an object repeats a key")])


def test_core_error_becomes_error_and_hint_lines(capsys):
    with pytest.raises(SystemExit) as stopped:
        run_guarded(failing_command, ["import"])
    assert stopped.value.code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: The journal document is not valid JSON.")
    assert "an object repeats a key" in err[0]
    assert err[1] == f"hint: {CATALOGUE['malformed_json'].hint}"


def test_debug_flag_shows_the_traceback_instead():
    with pytest.raises(MalformedJSON):
        run_guarded(failing_command, ["--debug", "import"])


def test_every_error_code_has_catalogue_words():
    from securebase import errors

    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.SecureBaseError)
    }
    assert codes <= set(CATALOGUE)
