"""Client views in AppTest: the first-charts hint, and saying which days each view counts."""

import re

import pytest

from dashboard.client_views.charts import FIRST_VIEW_HINT
from securebase import presentation
from tests.dashboard_kit import (
    button,
    open_client,
    open_tab,
    unlocked_app,
)

pytest_plugins = ["tests.demo_vault_fixtures"]  # pristine and vault_dir


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
    assert "This period: 06 Nov to 22 Nov, the days every tab counts" in brief
    assert "Only the belief trend looks further back, over the weeks from 28 Sep" in brief
    open_tab(app, "Soothing and urges")
    soothing = " ".join(c.value for c in app.caption)
    assert "Counts the entries of this period (06 Nov to 22 Nov), as the Brief's" in soothing


def _brief_sentences(app) -> str:
    return " ".join(m.value for m in app.markdown)


@pytest.mark.parametrize(("label", "quick"), [("Robin A.", None), ("Robin A.", "Last 4 weeks"),
                                              ("Jordan C.", "Last 12 weeks")])  # fmt: skip
def test_brief_names_the_soothing_tabs_rank_one_with_its_n(vault_dir, label, quick):
    """Issue 16 item 8: the Brief's "most helpful soothing" is the Soothing tab's first
    ranked technique with the same n, for the same chosen period (the tab's table is read
    from what the tab computed and remembered for the period)."""
    app = open_client(unlocked_app(), label)
    if quick:
        button(app, quick).click()
        app.run()
    brief = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in app.markdown))  # unescaped
    open_tab(app, "Soothing and urges")
    period = app.session_state["period"][1]
    (table,) = [
        value
        for key, value in app.session_state["memo"]["values"].items()
        if key[0] == "soothing" and key[2] == period
    ]
    top = table.iloc[0]
    assert top["ranked"], "the demo period ranks a technique"
    name = presentation.label("technique", top["technique"]).lower()
    said = re.search(r"Most helpful soothing in this period: ([^(]+) \(.*?n=(\d+)\)", brief)
    assert said, brief
    assert (said[1], int(said[2])) == (name, int(top["n_rated"]))
