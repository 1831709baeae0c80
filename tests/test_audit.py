"""The dependency audit (scripts/audit.py, ``make audit``): its ignore file and its verdicts.

The audit itself talks to pypi.org and runs in ``make test`` before pytest;
these tests pin down the parts that decide pass or fail without the network.
"""

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

TODAY = date(2026, 11, 23)


def test_the_committed_ignore_file_parses_and_has_no_overdue_review():
    ignored = audit.read_ignores(audit.IGNORE_FILE.read_text(encoding="utf-8"), date.today())
    assert all(item.reason.strip() for item in ignored)


def test_an_accepted_advisory_is_passed_to_pip_audit():
    text = "# comment\n\nGHSA-aaaa-bbbb-cccc  2027-01-31  only the proxy option is affected\n"
    ignored = audit.read_ignores(text, TODAY)
    assert ignored == [
        audit.Ignored("GHSA-aaaa-bbbb-cccc", date(2027, 1, 31), "only the proxy option is affected")
    ]
    command = audit.audit_command(ignored)
    assert command[command.index("--ignore-vuln") + 1] == "GHSA-aaaa-bbbb-cccc"
    assert {"--require-hashes", "--disable-pip"} <= set(command)
    assert command[command.index("--requirement") + 1] == str(audit.LOCK_FILE)


def test_an_overdue_review_fails_the_audit():
    with pytest.raises(ValueError, match="was due on 2026-11-22"):
        audit.read_ignores("PYSEC-2026-1 2026-11-22 waiting for a fix\n", TODAY)


@pytest.mark.parametrize(
    "line", ["PYSEC-2026-1", "PYSEC-2026-1 2027-01-01", "PYSEC-2026-1 next-year some reason"]
)
def test_an_entry_without_a_date_or_reason_fails(line):
    with pytest.raises(ValueError, match="line 1"):
        audit.read_ignores(line + "\n", TODAY)


def test_a_vulnerable_pin_is_reported_and_skips_are_counted():
    report = {
        "dependencies": [
            {"name": "ok", "version": "1.0", "vulns": []},
            {
                "name": "bad",
                "version": "2.0",
                "vulns": [{"id": "GHSA-1", "fix_versions": ["2.1"], "aliases": []}],
            },
            {"name": "gone", "skip_reason": "Dependency not found on PyPI"},
        ],
        "fixes": [],
    }
    found, skipped, audited = audit.summarise(report)
    assert found == ["bad 2.0: GHSA-1 (2.1)"]
    assert skipped == ["gone"]
    assert audited == 2


def test_pip_audit_is_pinned_with_hashes_in_the_lock_file():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^pip-audit==[\d.]+ \\\n\s+--hash=sha256:", lock, re.MULTILINE)


@pytest.mark.parametrize("strict", [False, True])
def test_no_answer_from_pip_audit_is_said_loudly_and_fails_only_when_strict(
    monkeypatch, capsys, strict
):
    silent = [sys.executable, "-c", "import sys; sys.stderr.write('no route to pypi.org')"]
    monkeypatch.setattr(audit, "audit_command", lambda ignored: silent)
    monkeypatch.delenv("SECUREBASE_AUDIT_OFFLINE", raising=False)
    if strict:
        monkeypatch.setenv("SECUREBASE_AUDIT_STRICT", "1")
    else:
        monkeypatch.delenv("SECUREBASE_AUDIT_STRICT", raising=False)

    assert audit.main() == (1 if strict else 0)
    assert "NOT AUDITED" in capsys.readouterr().out
