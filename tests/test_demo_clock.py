"""The demo keeps one clock: everything in it is dated on or before its last day.

``securebase demo`` shows the synthetic caseload as of the demo's last day
(``SECUREBASE_TODAY``). Before this test the vault stamped its imports, key
checks and audit lines with the real day the demo was built, so the caseload
read "as of Sun 22 Nov" beside "Last import 03 Dec", and a "this week" view
depended on the day someone ran it. The demo is built here as the command
builds it, and every date the vault holds is checked against that one day.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from dashboard.cli import build_demo_on_its_day
from securebase.analytics.load import client_frames
from securebase.demo import build_demo_vault, demo_folder
from tests.dashboard_kit import DEMO_TODAY

LAST_DAY = date.fromisoformat(DEMO_TODAY)


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        patch.delenv("SECUREBASE_TODAY", raising=False)
        folder = tmp_path_factory.mktemp("demo-clock") / "vault"
        built = {}
        build_demo_on_its_day(
            folder, demo_folder(), lambda *args: built.setdefault("vault", build_demo_vault(*args))
        )
    return built["vault"]


def day_of(stamp: str) -> date:
    return datetime.fromisoformat(stamp).date()


def test_imports_and_key_checks_are_dated_on_the_demos_last_day(vault):
    clients = vault.clients()
    assert clients
    assert {day_of(client.last_import_at) for client in clients} == {LAST_DAY}
    assert {day_of(line["at"]) for line in vault.audit_log()} == {LAST_DAY}


def test_nothing_in_the_demo_lies_after_its_last_day(vault):
    for client in vault.clients():
        frames = client_frames(vault.store.db, client.client_id, date(2000, 1, 1))
        assert frames.entries["local_date"].max() <= LAST_DAY, client.label
        assert frames.entries["local_date"].max() > LAST_DAY - timedelta(days=7), client.label


def test_the_clock_is_the_real_one_again_after_the_build(vault):
    from securebase.vault import now_utc

    assert now_utc().date() == datetime.now(UTC).date()
