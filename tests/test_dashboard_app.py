"""The therapist's dashboard (dashboard/streamlit_app.py) in AppTest: every page.

A demo vault is built once for the module and copied for each test, so a
test that imports, adds a client or writes a note never affects another.
What the pages show is compared with the analytics computed directly.
"""

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest

from dashboard import figures
from dashboard.caseload_table import trend_words
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.analytics.caseload import CaseloadClient, caseload
from securebase.analytics.load import client_frames, last_session_date
from securebase.flag_store import open_flags
from securebase.messages import CATALOGUE
from securebase.therapist_records import session_notes
from securebase.vault import Vault
from tests.dashboard_kit import (
    DEMO_LABELS,
    DEMO_TODAY,
    MARKUP,
    NEW_CLIENT,
    button,
    go_to,
    open_client,
    open_tab,
    plain,
    risky_export,
    set_environment,
    start_app,
    unlocked_app,
)

ROOT = Path(__file__).resolve().parent.parent

TAB_CHARTS = {
    "Triggers": [
        ("trigger_weekly_bars", figures.TRIGGER_WEEKLY_TITLE),
        ("distress_by_trigger_bars", figures.DISTRESS_TITLE),
        ("weekday_hour_heatmap", figures.HEATMAP_TITLE),
        ("urge_flow_sankey", figures.SANKEY_TITLE),
    ],
    "Thought challenges": [
        ("challenge_completion_bars", figures.COMPLETION_TITLE),
        ("belief_drop_chart", figures.BELIEF_DROP_TITLE),
        ("belief_before_after", figures.BEFORE_AFTER_TITLE),
        ("distress_drop_chart", figures.DISTRESS_DROP_TITLE),
        ("distortion_weekly_bars", figures.DISTORTION_TITLE),
    ],
    "Soothing and urges": [
        ("urge_resistance_chart", figures.RESISTANCE_TITLE),
        ("soothing_effectiveness_bars", figures.SOOTHING_TITLE),
    ],
    "Homework": [("homework_adherence_chart", figures.HOMEWORK_TITLE)],
    "Measures": [
        ("measure_chart", figures.measure_title("gad7")),
        ("measure_chart", figures.measure_title("phq9")),
    ],
}


pytest_plugins = ["tests.demo_vault_fixtures"]  # pristine and vault_dir


def chart_titles(app) -> list[str]:
    titles = []
    for chart in app.get("plotly_chart"):
        title = json.loads(chart.proto.spec)["layout"].get("title", {})
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


def markdown_values(app) -> list[str]:
    surfaces = [
        *app.markdown,
        *app.caption,
        *app.title,
        *app.header,
        *app.subheader,
        *app.error,
        *app.warning,
        *app.info,
        *app.success,
    ]
    return [element.value for element in surfaces]


def infos(app) -> str:
    return "\n".join(element.value for element in app.info)


def shown_text(app) -> str:
    return "\n".join(element.value for element in app.text)


def flag_words(count: int) -> str:
    return "" if not count else f"⚑ {count} flag" + ("s" if count > 1 else "")


def expected_caseload(vault_dir: Path):
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    db = vault.store.db
    today = date.fromisoformat(DEMO_TODAY)
    rows = [
        CaseloadClient(
            c.client_id,
            c.label,
            c.last_import_at,
            client_frames(db, c.client_id),
            last_session_date(db, c.client_id, today),  # homework: the Brief's default period
            open_flags=open_flags(db, c.client_id),
        )
        for c in vault.clients()
    ]
    return caseload(rows, today)


# -- unlock, create, lock --------------------------------------------------------


def test_locked_dashboard_offers_only_unlock_with_the_demo_hint(vault_dir):
    app = start_app()
    assert app.title[0].value == "SecureBase"
    assert "demo-therapist-passphrase" in app.info[0].value
    assert [b.label for b in app.button] == ["Unlock"]
    assert app.session_state["vault"] is None


def test_wrong_passphrase_is_a_plain_message_and_stays_locked(vault_dir):
    app = start_app()
    app.text_input[0].input("not the passphrase")
    button(app, "Unlock").click()
    app.run()
    assert not app.exception
    message = plain(app.error[0].value)
    assert "That passphrase is not correct." in message
    assert "Traceback" not in message
    assert app.session_state["vault"] is None
    assert app.title[0].value == "SecureBase"


def test_unlock_opens_the_caseload_and_lock_forgets_everything(vault_dir):
    app = unlocked_app()
    assert app.title[0].value == "Caseload"
    assert app.session_state["vault"] is not None
    button(app, "Lock now").click()
    app.run()
    assert not app.exception
    assert app.session_state["vault"] is None
    assert app.session_state["memo"] is None
    assert app.title[0].value == "SecureBase"
    assert "The vault is locked." in infos(app)


def test_create_a_vault_checks_the_passphrase_twice(tmp_path, monkeypatch):
    set_environment(monkeypatch, tmp_path / "new-vault")
    monkeypatch.delenv("SECUREBASE_DEMO")
    app = start_app()
    assert app.subheader[0].value == "Create a vault"
    app.text_input(key="create.name").input("Dr. Rivera")
    app.text_input(key="create.first").input("calm harbour seven lanterns")
    app.text_input(key="create.second").input("calm harbour seven lantern")
    app.run()
    assert "Strong passphrase" in app.success[0].value
    button(app, "Create vault").click()
    app.run()
    assert "not the same" in app.warning[0].value
    assert not (tmp_path / "new-vault" / "vault.json").exists()

    app.text_input(key="create.second").input("calm harbour seven lanterns")
    button(app, "Create vault").click()
    app.run()
    assert not app.exception
    assert app.title[0].value == "Caseload"
    assert "No clients yet" in app.info[0].value
    reopened = Vault.unlock(tmp_path / "new-vault", "calm harbour seven lanterns")
    assert reopened.therapist_name == "Dr. Rivera"


def test_a_short_passphrase_is_refused(tmp_path, monkeypatch):
    set_environment(monkeypatch, tmp_path / "new-vault")
    app = start_app()
    app.text_input(key="create.name").input("Dr. Rivera")
    app.text_input(key="create.first").input("short")
    app.text_input(key="create.second").input("short")
    button(app, "Create vault").click()
    app.run()
    shown = app.error[0].value.replace("\\", "")
    assert CATALOGUE["weak_passphrase"].text in shown
    assert "at least 10 characters" in shown
    assert app.session_state["vault"] is None


def test_the_vault_locks_itself_after_the_idle_time(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    app.session_state["last_activity"] = time.monotonic() - (15 * 60 + 1)
    app.run()
    assert not app.exception
    assert app.session_state["vault"] is None
    assert app.session_state["client_id"] is None
    assert "locked itself after 15 minutes without activity" in infos(app)
    assert app.title[0].value == "SecureBase"


def test_the_idle_time_is_a_setting_kept_in_the_vault(vault_dir):
    app = go_to(unlocked_app(), "settings")
    app.select_slider[0].set_value(5)
    next(b for b in app.button if b.label == "Save").click()
    app.run()
    assert "after 5 minutes" in app.success[0].value
    button(app, "Lock now").click()
    app.run()

    app.text_input[0].input(DEMO_VAULT_PASSPHRASE)
    button(app, "Unlock").click()
    app.run()
    assert app.session_state["idle_minutes"] == 5
    app.session_state["last_activity"] = time.monotonic() - (5 * 60 + 1)
    app.run()
    assert app.session_state["vault"] is None


# -- caseload ---------------------------------------------------------------------


def test_caseload_shows_the_analytics_results_in_their_order(vault_dir):
    app = unlocked_app()
    shown = app.dataframe[0].value
    expected = expected_caseload(vault_dir)
    assert list(shown["Client"]) == list(expected["label"])
    assert sorted(shown["Client"]) == DEMO_LABELS
    assert list(shown["This week"]) == list(expected["entries_this_week"])
    assert list(shown["Flag"]) == [flag_words(n) for n in expected["flags"]]
    assert [a if a != "–" else "" for a in shown["Needs attention"]] == list(expected["attention"])
    assert list(shown["Belief"]) == [trend_words(t) for t in expected["belief_trend"]]
    assert list(shown["Urges resisted"]) == [trend_words(t) for t in expected["urge_trend"]]
    assert list(shown["Homework"]) == [round(100 * s) for s in expected["homework_share"]]
    assert [plain(b.label) for b in app.button if b.key and b.key.startswith("open.")] == list(
        expected["label"]
    )


def test_flagged_clients_come_first_with_a_red_banner(vault_dir):
    from securebase.importer import import_files

    sealed = risky_export(vault_dir)
    import_files(Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE), [("casey.age", sealed)])
    app = unlocked_app()
    shown = app.dataframe[0].value
    # Jordan C.'s PHQ-9 item 9 answer in the demo is still open (never reviewed).
    assert list(shown["Client"][:2]) == [NEW_CLIENT, "Jordan C."]
    assert list(shown["Flag"][:2]) == ["⚑ 1 flag", "⚑ 1 flag"]
    assert (shown["Flag"][2:] == "").all()
    banner = plain(app.error[0].value)
    assert "2 clients have risk flags** not yet reviewed" in banner
    assert NEW_CLIENT in banner
    assert "prompt to look, not an assessment" in banner


def test_a_button_per_client_opens_the_client_view(vault_dir):
    app = open_client(unlocked_app(), "Jordan C.")
    assert plain(app.title[0].value) == "Jordan C."
    assert app.selectbox(key="client_picker").value == "Jordan C."


def test_adding_a_client_shows_the_invitation_code_and_qr(vault_dir):
    app = unlocked_app()
    app.text_input[0].input("Morgan F.")
    next(b for b in app.button if b.label == "Add client").click()
    app.run()
    assert not app.exception
    # A label ending in a full stop is not followed by a second one ("Added Morgan F..").
    assert plain(app.success[0].value).startswith("Morgan F. is on your caseload now.")
    assert ".." not in plain(app.success[0].value)
    [code] = [c.value for c in app.code]
    assert code.startswith("SBINVITE1")
    [qr] = app.get("image")
    assert qr.captions == ["Invitation QR code"]
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    assert vault.client("Morgan F.").invitation == code
    assert "Morgan F." in list(app.dataframe[0].value["Client"])


def test_a_new_client_without_data_has_calm_views(vault_dir):
    app = unlocked_app()
    app.text_input[0].input("Morgan F.")
    next(b for b in app.button if b.label == "Add client").click()
    app.run()
    button(app, "Open this client").click()
    app.run()
    assert plain(app.title[0].value) == "Morgan F."
    go_to(app, "client")
    assert "0 journal entries" in app.caption[1].value
    assert not app.error
    for tab in TAB_CHARTS:
        open_tab(app, tab)
        assert chart_titles(app) == [], tab
        assert app.info, tab


def test_the_client_page_opens_on_the_client_who_needs_attention_most(vault_dir):
    app = go_to(unlocked_app(), "client")
    assert plain(app.title[0].value) == expected_caseload(vault_dir)["label"][0]


def test_adding_a_client_with_a_taken_label_says_so(vault_dir):
    app = unlocked_app()
    app.text_input[0].input("robin a.")
    next(b for b in app.button if b.label == "Add client").click()
    app.run()
    assert "Another client already has that name" in plain(app.error[-1].value)


# -- import ------------------------------------------------------------------------


def test_import_through_the_uploader_reports_each_file(vault_dir):
    sealed = risky_export(vault_dir)
    app = go_to(unlocked_app(), "import_files")
    assert app.title[0].value == "Import exports"
    app.file_uploader[0].set_value(
        [
            ("casey-week-1.age", sealed, "application/octet-stream"),
            ("holiday-notes.txt", b"not an export at all", "text/plain"),
        ]
    )
    app.run()
    button(app, "Import 2 files").click()
    app.run()
    assert not app.exception
    table = app.table[0].value.reset_index()
    assert list(table["File"]) == ["casey-week-1.age", "holiday-notes.txt"]
    assert list(table["Result"]) == ["✔ imported", "✖ refused"]
    assert list(table["Client"]) == [NEW_CLIENT, "–"]
    assert list(table["New"]) == [2, 0]
    assert table["What happened"][0] == "2 new, 0 updated, 0 removed (key not confirmed yet)"
    assert table["What happened"][1] == "This is not an encrypted SecureBase file."
    assert table["What to do"][1] == "Choose the .age file that SecureBase wrote."
    assert "1 of 2 files imported" in app.warning[0].value
    assert app.file_uploader[0].value == []  # a fresh uploader

    # The same file again is harmless and says so.
    app.file_uploader[0].set_value(("casey-week-1.age", sealed, "application/octet-stream"))
    app.run()
    button(app, "Import 1 file").click()
    app.run()
    again = app.table[0].value.reset_index()
    assert again["What happened"][0].endswith("(already imported)")
    assert list(again["Result"]) == ["= already imported, nothing changed"]
    assert not app.success  # nothing changed: no green "imported"
    assert app.info[0].value == "This file was already imported: nothing changed."

    # The rest of the app shows the import straight away.
    go_to(app, "caseload")
    assert app.dataframe[0].value["Client"][0] == NEW_CLIENT
    open_client(app, NEW_CLIENT)
    assert "2 journal entries" in app.caption[1].value


# -- client view ----------------------------------------------------------------------


@pytest.mark.parametrize("label", DEMO_LABELS)
def test_every_client_view_of_every_demo_client_draws_without_exceptions(vault_dir, label):
    """Each chart slot holds its chart (with its title and how-to-read line) or a calm note."""
    app = open_client(unlocked_app(), label)
    assert app.subheader[0].value == "Session brief"
    assert "Entries in this period" in app.expander[0].label
    for tab, charts in TAB_CHARTS.items():
        open_tab(app, tab)
        titles = chart_titles(app)
        expected = [title for _, title in charts]
        assert titles == [title for title in expected if title in titles], (label, tab)
        assert len(titles) + len(app.info) == len(expected), (label, tab)
        captions = [c.value for c in app.caption]
        for builder, title in charts:
            if title in titles:
                assert figures.HOW_TO_READ[builder] in captions, (label, builder)
    open_tab(app, "Session notes")
    assert app.text_area[0].label == "Note"


def test_a_client_with_a_full_period_gets_every_chart_with_its_title(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    button(app, "Last 12 weeks").click()
    app.run()
    for tab, charts in TAB_CHARTS.items():
        open_tab(app, tab)
        assert chart_titles(app) == [title for _, title in charts], tab
        assert not app.info, tab


def test_the_default_period_runs_from_the_day_after_the_last_session_note(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    assert app.date_input(key="period_start").value == date(2026, 11, 6)  # note on 5 Nov
    assert app.date_input(key="period_end").value == date.fromisoformat(DEMO_TODAY)
    button(app, "Last 4 weeks").click()
    app.run()
    assert app.date_input(key="period_start").value == date(2026, 10, 26)
    app.date_input(key="period_start").set_value(date(2026, 9, 1))
    app.run()
    assert app.session_state["period"][1].start == date(2026, 9, 1)
    go_to(app, "caseload")
    go_to(app, "client")
    assert app.date_input(key="period_start").value == date(2026, 9, 1)  # kept


def test_a_period_without_entries_shows_calm_empty_states(vault_dir):
    app = open_client(unlocked_app(), "Robin A.")
    app.date_input(key="period_start").set_value(date(2026, 1, 1))
    app.date_input(key="period_end").set_value(date(2026, 1, 31))
    app.run()
    assert "0 journal entries" in app.caption[1].value
    for tab in ["Triggers", "Thought challenges", "Soothing and urges"]:
        open_tab(app, tab)
        assert chart_titles(app) == []
        assert app.info, tab


def test_client_text_is_shown_literally_never_as_markup(vault_dir):
    from securebase.importer import import_files

    import_files(
        Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE), [("casey.age", risky_export(vault_dir))]
    )
    app = open_client(unlocked_app(), NEW_CLIENT)
    texts = [element.value for element in app.text]
    assert f"What happened: {MARKUP}" in texts
    assert "Anxious thought: They will leave [for good](https://example.com) <b>soon</b>" in texts
    for value in markdown_values(app):
        assert not re.search(r"alert|onerror|<script|<img|javascript|example\.com", value), value
        assert "bold" not in value
    assert len(app.get("html")) == 0


def test_flags_name_where_to_look_on_the_client_view_never_the_text(vault_dir):
    from securebase.importer import import_files

    import_files(
        Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE), [("casey.age", risky_export(vault_dir))]
    )
    app = open_client(unlocked_app(), NEW_CLIENT)
    banner = plain(app.error[0].value)
    assert "1 place to look at" in banner
    lines = " ".join(m.value for m in app.markdown)
    assert "**Words about hopelessness**: entry dated Sat 21 Nov 2026" in lines
    assert ": anxious thought (id " in lines
    assert "hopeless about" not in banner + lines
    assert "Flagged: please read" in lines
    for tab in ["Triggers", "Measures", "Session notes"]:
        open_tab(app, tab)
        assert "1 place to look at" in plain(app.error[0].value), tab

    # A period that leaves the entry out still shows the flag: it is open until reviewed.
    app.date_input(key="period_end").set_value(date(2026, 11, 19))
    app.run()
    assert "1 place to look at" in plain(app.error[0].value)

    next(b for b in app.button if b.label == "Mark reviewed").click()
    app.run()
    assert not app.exception
    assert not app.error  # reviewed: no longer red
    audit = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE).audit_log()
    assert "flags_reviewed" in [line["action"] for line in audit]


def test_a_session_note_is_saved_in_the_vault_and_read_back(vault_dir):
    app = open_tab(open_client(unlocked_app(), "Sam B."), "Session notes")
    app.date_input[-1].set_value(date(2026, 11, 20))
    app.text_area[0].input("Talked about *comparisons* online; <plan> next week.")
    next(b for b in app.button if b.label == "Save note").click()
    app.run()
    assert not app.exception
    assert "saved in the vault" in app.success[0].value

    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    notes = session_notes(vault, "Sam B.")
    assert notes[-1].text == "Talked about *comparisons* online; <plan> next week."
    assert notes[-1].session_date == date(2026, 11, 20)

    button(app, "Lock now").click()
    app.run()
    app = open_tab(open_client(unlocked_app(), "Sam B."), "Session notes")
    assert "Talked about *comparisons* online; <plan> next week." in shown_text(app)


def test_nothing_decrypted_goes_into_streamlit_caches():
    """Streamlit's caches are shared between browser sessions: the dashboard uses none."""
    for source in (ROOT / "dashboard").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"@st\.cache|st\.cache_(data|resource)\(", text), source


@pytest.mark.parametrize("cap", [0, 1])
def test_a_long_period_shows_its_newest_entries_and_every_flagged_one(vault_dir, monkeypatch, cap):
    """Past SHOWN_ENTRIES the list is cut, says so, and still shows each flagged entry."""
    from dashboard.client_views import entries as entry_list
    from securebase.importer import import_files

    import_files(
        Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE), [("casey.age", risky_export(vault_dir))]
    )
    monkeypatch.setattr(entry_list, "SHOWN_ENTRIES", cap)
    app = open_client(unlocked_app(), NEW_CLIENT)
    situations = [t.value for t in app.text if t.value.startswith("What happened: ")]
    assert situations == ["What happened: A quiet evening alone."]  # the newest, and flagged
    assert f"The {cap} newest of 2 entries, and every flagged one." in captions(app)
    assert "Flagged: please read" in " ".join(m.value for m in app.markdown)


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def test_the_measures_tab_marks_the_flagged_check_in_and_cites_each_threshold(vault_dir):
    # Jordan C. answered PHQ-9 item 9 above 0 in the bad patch; nobody has reviewed it.
    app = open_tab(open_client(unlocked_app(), "Jordan C."), "Measures")
    assert not app.exception
    flagged = [e.value for e in app.error if "Flagged check-in" in e.value]
    assert flagged
    assert "PHQ-9" in flagged[0]
    answers = [t.value for t in app.table if "Answer" in t.value.columns]
    assert answers
    item9 = answers[0].loc["9 ⚑"]
    assert item9["Answer"] != "Not at all"
    assert item9["Question"].startswith("Thoughts that you would be better off dead")
    cited = [t.value for t in app.table if "Source" in t.value.columns]
    assert {"caseness", "clinical cutoff c"} <= set(cited[0].index)
    assert all(cited[0]["Source"].str.len() > 0)


def test_a_session_note_can_mark_the_open_flags_reviewed(vault_dir):
    app = open_tab(open_client(unlocked_app(), "Jordan C."), "Session notes")
    assert "1 place to look at" in plain(app.error[0].value)
    picker = app.multiselect(key="note_reviewed_flags")
    assert len(picker.options) == 1
    picker.set_value([picker.options[0]])
    app.text_area[0].input("Went through the safety plan again.")
    next(b for b in app.button if b.label == "Save note").click()
    app.run()
    assert not app.exception
    assert not [e for e in app.error if "place to look at" in e.value]
    assert "1 flag(s) marked reviewed" in app.success[0].value
    audit = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE).audit_log()
    reviewed = [line for line in audit if line["action"] == "flags_reviewed"]
    assert reviewed[-1]["detail"]["note_id"]
