"""The web journal's committed files are what their sources make.

- ``clienttools/web/src/generated/core.json`` is what the Python core says now
  (vocabulary labels, measures, limits, risk lexicon, crisis resources);
- ``clienttools/web_build/`` is byte for byte what ``npm run build`` makes from
  the sources with the pinned packages (``npm ci``), so the bundle shipped in
  the Python package is the reviewed source; the build is deterministic;
- the shipped bundle stays small (the first load on a phone).
"""

import gzip
import shutil
import subprocess

from clienttools import web_data
from tests.webkit import WEB, node_modules

BUILD = WEB.parent / "web_build"


def test_generated_core_data_is_current():
    committed = web_data.TARGET.read_text(encoding="utf-8")
    assert committed == web_data.render(), "run: .venv/bin/python -m clienttools.web_data"


def test_committed_build_is_what_the_sources_make(tmp_path):
    node_modules()
    before = {path.name: path.read_bytes() for path in BUILD.iterdir()}
    keep = tmp_path / "committed"
    shutil.copytree(BUILD, keep)
    try:
        done = subprocess.run(["npm", "run", "build"], cwd=WEB, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        after = {path.name: path.read_bytes() for path in BUILD.iterdir()}
    finally:
        shutil.rmtree(BUILD)
        shutil.copytree(keep, BUILD)
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert changed == [], "run: cd clienttools/web && npm ci && npm run build, then commit"


def test_the_bundle_is_small_enough_for_a_phone():
    scripts_and_styles = [*BUILD.glob("*.js"), *BUILD.glob("*.css")]
    assert {"app.js", "app.css"} <= {path.name for path in scripts_and_styles}
    size = sum(len(gzip.compress(path.read_bytes(), 9)) for path in scripts_and_styles)
    assert size <= 200 * 1024
