"""The Homework tab in AppTest: assign, the homework pack download, the adherence table."""

import uuid
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
import pytest

from dashboard.client_views.homework import summary_frame
from dashboard.client_views.words import homework_percent
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.client_measures import client_measures
from securebase.homework_pack import PACK_KIND, open_pack
from securebase.importer import import_files
from securebase.therapist_records import add_assignment, assignments
from securebase.vault import Vault
from tests.dashboard_kit import (
    DEMO_TODAY,
    button,
    go_to,
    open_client,
    open_tab,
    unlocked_app,
)
from tests.export_factory import FakeClient, item_id

TODAY = date.fromisoformat(DEMO_TODAY)
ZONE = timezone(timedelta(hours=1))


pytest_plugins = ["tests.demo_vault_fixtures"]  # pristine and vault_dir


def log(name: str, day: date, **ratings) -> dict:
    return {
        "id": item_id(name),
        "assignment_id": item_id("breathing"),
        "done_at": datetime.combine(day, time(21, 0), ZONE).isoformat(),
        "minutes": 10,
        **ratings,
    }


@pytest.fixture
def casey(vault_dir) -> FakeClient:
    """A new client with paced breathing once a day over the demo's last 7 days and 3 logs."""
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    client = FakeClient.join(vault, "Casey E.")
    add_assignment(
        vault, client.client_id, "paced_breathing", times=1, per="day",
        starts=TODAY - timedelta(days=6), ends=TODAY, assignment_id=item_id("breathing"),
    )  # fmt: skip
    logs = [
        log("a", TODAY - timedelta(days=2), helpfulness=6, distress_before=60, distress_after=40),
        log("b", TODAY - timedelta(days=1), helpfulness=8, distress_before=50, distress_after=20),
        log("c", TODAY),
    ]
    [result] = import_files(vault, [("casey.age", client.export(1, logs=logs))])
    assert result.status == "imported", result.summary
    client.confirm(vault)  # as in a first session: packs are sealed to confirmed keys only
    return client


def homework_tab(label: str):
    app = open_client(unlocked_app(), label)
    return open_tab(app, "Homework")


def test_the_adherence_table_shows_the_hand_counted_figures(casey):
    app = homework_tab("Casey E.")
    table = app.table[0].value.reset_index()
    row = table.iloc[0].to_dict()
    # 7 days expected, 3 done; the last three days done in a row; two rated logs.
    assert row["Done"] == 3
    assert row["Expected"] == "7"
    assert row["How often"] == "Once a day"
    assert row["Done (share)"] == "43%"
    assert (row["Current streak"], row["Longest streak"]) == ("3 days", "3 days")
    assert row["Helpfulness (0-10)"] == "7.0 (n=2)"
    assert row["Distress drop (0-100)"] == "25.0 (n=2)"


def test_assigning_from_the_homework_tab(casey, vault_dir):
    app = homework_tab("Casey E.")
    app.selectbox(key="assign_exercise").set_value("support_contact").run()
    assert not app.exception, app.exception
    button(app, "Assign").click()
    app.run()
    assert not app.exception, app.exception
    assert any("Assigned" in s.value for s in app.success)
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    added = [a for a in assignments(vault, casey.client_id) if a.exercise == "support_contact"]
    assert [(a.times, a.per, a.starts) for a in added] == [(2, "week", TODAY)]  # defaults


def test_a_partner_exercise_shows_its_caution_where_it_is_assigned(casey, vault_dir):
    app = homework_tab("Casey E.")
    assert not any("coercive control" in w.value for w in app.warning)  # paced breathing
    app.selectbox(key="assign_exercise").set_value("i_statement_practice").run()
    assert not app.exception, app.exception
    assert any("coercive control" in w.value for w in app.warning)


def test_choosing_the_client_s_questionnaires_in_the_homework_tab(casey, vault_dir):
    app = homework_tab("Casey E.")
    app.multiselect(key=f"measures.{casey.client_id}").set_value(["gad7", "phq8"]).run()
    button(app, "Save questionnaires").click()
    app.run()
    assert not app.exception, app.exception
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    assert client_measures(vault.store.db, casey.client_id) == ("gad7", "phq8")


def test_the_download_carries_a_pack_that_opens_for_the_client(casey, vault_dir):
    app = homework_tab("Casey E.")
    button(app, "Make the homework pack").click()
    app.run()
    assert not app.exception, app.exception
    [download] = app.get("download_button")
    assert download.proto.label == "Download homework pack"
    made = app.session_state["homework_pack"]
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    pack = open_pack(
        made["data"],
        casey.identity,
        therapist_signing_key=vault.identity.public.signing_key,
        client_id=uuid.UUID(casey.client_id),
    )
    assert [a.exercise for a in pack.assignments] == ["paced_breathing"]
    assert pack.assignments[0].instructions  # the steps travel with the pack
    assert PACK_KIND == "securebase/homework-pack"


def ended(vault_dir, client_id) -> bool:
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    [record] = assignments(vault, client_id)
    vault.store.close()
    return record.ended_at is not None


def test_ending_an_assignment_early_asks_first_shows_it_and_can_be_undone(casey, vault_dir):
    app = homework_tab("Casey E.")
    button(app, "End today").click()
    app.run()
    assert not app.exception, app.exception
    assert not ended(vault_dir, casey.client_id)  # one click only asks
    button(app, "Keep it").click()
    app.run()
    assert not ended(vault_dir, casey.client_id)
    button(app, "End today").click()
    app.run()
    button(app, "Yes, end it today").click()
    app.run()
    assert not app.exception, app.exception
    assert ended(vault_dir, casey.client_id)
    assert any("Ended today" in w.value for w in app.warning)  # the card shows it
    button(app, "Undo").click()
    app.run()
    assert not app.exception, app.exception
    assert not ended(vault_dir, casey.client_id)
    assert [b.label for b in app.button if b.label == "End today"] == ["End today"]


def test_assigning_an_exercise_already_running_does_not_duplicate_it(casey, vault_dir):
    app = homework_tab("Casey E.")
    app.selectbox(key="assign_exercise").set_value("paced_breathing").run()
    button(app, "Assign").click()
    app.run()
    assert not app.exception, app.exception
    assert any("already has that exercise" in e.value for e in app.error)
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    assert [a.exercise for a in assignments(vault, casey.client_id)] == ["paced_breathing"]


def test_the_homework_pack_file_is_named_for_the_client(casey):
    app = homework_tab("Casey E.")
    button(app, "Make the homework pack").click()
    app.run()
    assert app.session_state["homework_pack"]["file_name"].startswith(
        "securebase-homework-casey-e-"
    )


def test_the_caseload_and_the_brief_show_the_same_homework_share(vault_dir):
    app = unlocked_app()
    go_to(app, "caseload")
    table = app.dataframe[0].value
    shares = dict(zip(table["Client"], table["Homework"], strict=True))
    for label in ("Robin A.", "Sam B.", "Jordan C."):
        open_client(app, label)
        tile = next(m for m in app.metric if m.label == "Homework done")
        expected = "–" if pd.isna(shares[label]) else f"{int(shares[label])}%"
        assert tile.value == expected, label


def test_homework_figures_read_as_whole_sessions_and_never_pass_100_percent():
    table = pd.DataFrame(
        {
            "assignment_id": ["a"],
            "exercise": ["progressive_muscle_relaxation"],
            "per": ["week"],
            "times": [3],
            "done": [24],
            "expected": [17.142857],
            "share": [24 / 17.142857],
            "current_streak": [2],
            "longest_streak": [1],
            "mean_helpfulness": [None],
            "n_helpfulness": [0],
            "mean_distress_drop": [None],
            "n_distress": [0],
        }
    )
    row = summary_frame(table).iloc[0].to_dict()
    assert row["Expected"] == "about 17"
    assert row["How often"] == "3 times a week"
    assert row["Done (share)"].startswith("100% (and extra")
    assert (row["Current streak"], row["Longest streak"]) == ("2 weeks", "1 week")
    assert homework_percent(1.4) == 100
