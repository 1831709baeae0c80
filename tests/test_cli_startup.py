"""``securebase --help`` loads no heavy library (the speed itself is measured in bench/).

A fresh interpreter runs the CLI's ``--help`` and then lists what it
imported: pandas, numpy, reportlab, streamlit, plotly, pyrage and pydantic
must load only when a command needs them (``bench/bench_startup.py`` times
the result against the 0.3 s target).
"""

import subprocess
import sys

HEAVY = ("pandas", "numpy", "reportlab", "streamlit", "plotly", "pyrage", "pydantic", "pyarrow")
PROBE = """
import sys
from click.testing import CliRunner
from dashboard.cli import cli
result = CliRunner().invoke(cli, {args!r})
assert result.exit_code == 0, result.output
print(",".join(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def loaded_by(*args: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        check=True,
        capture_output=True,
        text=True,
    )
    return set(out.stdout.strip().split(","))


def test_help_imports_no_heavy_library():
    assert not loaded_by("--help") & set(HEAVY)


def test_a_command_s_help_imports_no_heavy_library_either():
    for command in (["report", "--help"], ["homework", "--help"], ["brief", "--help"]):
        assert not loaded_by(*command) & {"pandas", "reportlab", "streamlit", "plotly"}, command
