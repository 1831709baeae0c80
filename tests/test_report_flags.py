"""The printed summary reads the vault's stored flags: an open flag is on page 1 however old.

Issue 16/17: page 1 lists the flags the dashboard's banner lists (``flag_store``
through ``brief.client_flags``), not a re-scan of the period's entries, so a
flag from an entry dated 40 days before the period stays on paper until the
therapist marks it reviewed, and leaves page 1 once it is.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from reports import summary
from reports.styles import long_date
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.flag_review import review_flags
from securebase.flag_store import period_flags
from securebase.importer import import_files
from securebase.period import Period
from securebase.vault import Vault
from tests.export_factory import MARKER, FakeClient, entry, item_id
from tests.report_kit import keep, pdf_text, require

require("pdftotext", "pdftoppm")

TODAY = datetime.now(UTC).date()
#: A period that ended a week ago: the export received today lies after it, so only the
#: "open however old" rule can bring the old flag onto page 1.
PERIOD = Period(TODAY - timedelta(days=20), TODAY - timedelta(days=7))
OLD_DAY = PERIOD.start - timedelta(days=40)


def _at(day: date) -> str:
    return f"{day:%Y-%m-%d}T21:30:00+01:00"


@pytest.fixture
def vault(tmp_path, monkeypatch) -> Vault:
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    return Vault.create(tmp_path / "vault", "correct horse battery staple", "Dr. Test")


@pytest.fixture
def client(vault) -> FakeClient:
    client = FakeClient.join(vault, "Alex")
    entries = [
        entry("old", occurred_at=_at(OLD_DAY), recorded_at=_at(OLD_DAY),
              automatic_thought=f"{MARKER} I want to kill myself"),
        entry("calm", occurred_at=_at(PERIOD.start + timedelta(days=2)),
              recorded_at=_at(PERIOD.start + timedelta(days=2))),
    ]  # fmt: skip
    export = client.export(1, entries, (), ())
    assert import_files(vault, [("1", export)])[0].status == "imported"
    return client


def page_one(vault, name: str) -> str:
    path, _ = keep(name, summary.summary_pdf(vault, "Alex", PERIOD))
    return " ".join(pdf_text(path).split("\f")[0].split())


def test_an_old_open_flag_is_on_page_one_until_reviewed(vault, client):
    ref = item_id("old")[:8]
    banner = period_flags(vault.store.db, client.client_id, PERIOD.start, PERIOD.end)
    assert list(banner["source_id"]) == [item_id("old")]  # what the dashboard's banner lists

    first = page_one(vault, "flags-open-old")
    assert f"ref {ref}" in first
    assert long_date(OLD_DAY) in first
    assert "words about" in first
    assert "Not yet reviewed." in first
    assert MARKER not in first  # where to look, never what was written
    data = summary.gather(vault, "Alex", PERIOD)
    assert [f["source_id"] for f in data.review_flags] == list(banner["source_id"])

    review_flags(vault, client.client_id, [item_id("old")])
    after = page_one(vault, "flags-reviewed-old")
    assert f"ref {ref}" not in after
    assert "No risk flags in this period or in recent check-ins." in after
