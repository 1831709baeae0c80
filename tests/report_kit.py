"""Shared set-up for the PDF tests: one demo vault per module, poppler and zbar helpers.

Rendered pages are kept in ``test-output/reports/`` as artifacts to look at.
"""

import shutil
import subprocess
from datetime import date
from pathlib import Path

from tests.dashboard_kit import DEMO_TODAY, ROOT, demo_vault  # noqa: F401 (shared)

ARTIFACTS = ROOT / "test-output" / "reports"
END = date.fromisoformat(DEMO_TODAY)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def keep(name: str, pdf: bytes, dpi: int = 60) -> tuple[Path, list[Path]]:
    """Write ``pdf`` and its pages as PNGs into the artifacts folder."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}*.png"):
        old.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(ARTIFACTS / name)],
                   check=True)  # fmt: skip
    return path, sorted(ARTIFACTS.glob(f"{name}-*.png"))


def require(*tools: str) -> None:
    """Fail (never skip) when a tool the tests drive is missing: make test installs them."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    assert not missing, f"{missing} missing: run scripts/ensure_system_packages.sh (make test does)"
