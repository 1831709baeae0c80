"""Audit the pinned dependencies in requirements.lock for published advisories.

``make audit`` (and so ``make test``) runs this. It asks pip-audit about the
exact versions pinned in ``requirements.lock`` (hash-checked pins, no
resolving, nothing installed) against PyPI's advisory data, which needs the
network (pypi.org). It fails when:

- a pinned version has a known vulnerability that is not accepted in
  ``audit-ignores.txt``;
- an accepted advisory is past its review-by date (look again: upgrade, or
  extend the date with a fresh reason);
- ``SECUREBASE_AUDIT_STRICT=1`` and some pin could not be looked up, or
  pip-audit got no answer at all (no network). Without it, both say loudly
  that nothing (or not everything) was audited and pass, so a build without
  network access is not blocked by a check it could not run.

``audit-ignores.txt``: one accepted advisory per line,
``ADVISORY-ID  REVIEW-BY(YYYY-MM-DD)  reason in words``; ``#`` starts a comment.
Set ``SECUREBASE_AUDIT_OFFLINE=1`` to skip the audit on a machine without
network access (it says so loudly; CI must not set it).
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILE = ROOT / "requirements.lock"
IGNORE_FILE = ROOT / "audit-ignores.txt"


@dataclass(frozen=True)
class Ignored:
    advisory: str
    review_by: date
    reason: str


def read_ignores(text: str, today: date) -> list[Ignored]:
    """Parse the ignore file; refuse malformed lines and expired reviews."""
    accepted = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 3:
            raise ValueError(f"audit-ignores.txt line {number}: need ID, review-by date, reason")
        try:
            review_by = date.fromisoformat(parts[1])
        except ValueError:
            raise ValueError(f"audit-ignores.txt line {number}: bad date {parts[1]!r}") from None
        if review_by < today:
            raise ValueError(
                f"audit-ignores.txt line {number}: the review of {parts[0]} was due on"
                f" {review_by}; upgrade the pin (make lock) or renew the entry with a reason"
            )
        accepted.append(Ignored(parts[0], review_by, parts[2]))
    return accepted


def audit_command(ignored: list[Ignored]) -> list[str]:
    command = [str(Path(sys.executable).parent / "pip-audit"), "--requirement", str(LOCK_FILE)]
    command += ["--require-hashes", "--disable-pip", "--progress-spinner", "off"]
    command += ["--format", "json", "--timeout", "30"]
    for item in ignored:
        command += ["--ignore-vuln", item.advisory]
    return command


def summarise(report: dict) -> tuple[list[str], list[str], int]:
    """(vulnerability lines, skipped package names, audited count) of a JSON report."""
    found, skipped, audited = [], [], 0
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            skipped.append(dependency["name"])
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            found.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} ({fixed})")
    return found, skipped, audited


def main() -> int:
    if os.environ.get("SECUREBASE_AUDIT_OFFLINE") == "1":
        print("audit: SKIPPED (SECUREBASE_AUDIT_OFFLINE=1): dependencies were NOT audited")
        return 0
    ignored = read_ignores(IGNORE_FILE.read_text(encoding="utf-8"), date.today())
    started = time.perf_counter()
    done = subprocess.run(audit_command(ignored), capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.perf_counter() - started
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(done.stderr[-2000:])
        print(
            "audit: NOT AUDITED: pip-audit got no answer (no network access to pypi.org?)."
            " Nothing was checked; SECUREBASE_AUDIT_STRICT=1 makes this a failure."
        )
        return 1 if _strict() else 0
    found, skipped, audited = summarise(report)
    print(
        f"audit: {audited} pinned packages audited, {len(skipped)} could not be looked up,"
        f" {len(ignored)} advisories accepted, {len(found)} open ({seconds:.1f} s)"
    )
    for line in found:
        print(f"  VULNERABLE {line}")
    if skipped:
        print(f"  not audited (unknown to the advisory service): {', '.join(skipped)}")
    return 1 if found or (_strict() and skipped) else 0


def _strict() -> bool:
    return os.environ.get("SECUREBASE_AUDIT_STRICT") == "1"


if __name__ == "__main__":
    sys.exit(main())
