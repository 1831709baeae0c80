"""Helpers for the web journal's tests: its npm packages, its format code under node.

``interop(request)`` runs ``clienttools/web/tools/interop.ts`` (bundled once per
session with the pinned esbuild, from the same ``src/core`` modules the app
bundles) under Debian's node: one JSON request in, one JSON answer out.
``npm ci`` runs once when ``node_modules`` is missing (CI on a fresh clone).
"""

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "clienttools" / "web"
NODE = shutil.which("node") or "/usr/bin/node"


@cache
def node_modules() -> Path:
    modules = WEB / "node_modules"
    if not (modules / ".package-lock.json").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True)
    return modules


@cache
def interop_bundle() -> Path:
    node_modules()
    out = WEB / "node_modules" / ".cache" / "interop.mjs"
    out.parent.mkdir(parents=True, exist_ok=True)
    esbuild = WEB / "node_modules" / ".bin" / "esbuild"
    subprocess.run(
        [str(esbuild), "tools/interop.ts", "--bundle", "--platform=node", "--format=esm",
         f"--outfile={out}", "--log-level=warning"],
        cwd=WEB, check=True,
    )  # fmt: skip
    return out


def interop(command: str, **request) -> dict:
    payload = json.dumps({"command": command, **request})
    done = subprocess.run(
        [NODE, str(interop_bundle())], input=payload, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
