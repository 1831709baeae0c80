"""Client views in AppTest: the first-charts hint, and saying which days each view counts."""

import pytest

from dashboard.client_views.charts import FIRST_VIEW_HINT
from tests.dashboard_kit import (
    build_pristine,
    copy_vault,
    open_client,
    open_tab,
    set_environment,
    unlocked_app,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        return build_pristine(tmp_path_factory.mktemp("demo") / "vault")


@pytest.fixture
def vault_dir(pristine, tmp_path, monkeypatch):
    folder = copy_vault(pristine, tmp_path / "vault")
    set_environment(monkeypatch, folder)
    return folder


def toasts(app) -> list[str]:
    return [t.value for t in app.toast]


def test_the_first_chart_view_of_a_session_says_it_takes_a_moment(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    assert FIRST_VIEW_HINT not in toasts(app)  # the Brief draws no chart
    open_tab(app, "Triggers")
    assert FIRST_VIEW_HINT in toasts(app)
    open_tab(app, "Measures")
    assert FIRST_VIEW_HINT not in toasts(app)  # once a session


def test_the_caseload_starts_the_chart_library_once(vault_dir):
    app = unlocked_app()  # unlocking opens the caseload
    assert len(app.get("plotly_chart")) == 1  # the hidden warm-up chart
    app.run()
    assert len(app.get("plotly_chart")) == 0  # once a session is enough


def test_brief_and_soothing_tab_say_which_days_they_count(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    brief = " ".join(c.value for c in app.caption)
    assert "This period: 06 Nov to 22 Nov" in brief
    assert "look back 8 weeks from 22 Nov" in brief
    open_tab(app, "Soothing and urges")
    soothing = " ".join(c.value for c in app.caption)
    assert "Counts the entries of this period only (06 Nov to 22 Nov)" in soothing
