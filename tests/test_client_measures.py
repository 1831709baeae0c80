"""The therapist chooses the questionnaires; they travel signed in the homework pack; the
client tool offers exactly those, with urgent help at once for PHQ-9 item 9 above 0.
Also the therapist's ``securebase flags`` commands, end to end through both CLIs.
"""

from datetime import datetime, timedelta

import pandas as pd
import pytest

from clienttools.safety import PANEL_TITLE
from securebase.analytics.load import client_frames
from securebase.client_measures import DEFAULT_MEASURES
from securebase.messages import CATALOGUE
from tests.test_homework_loop import join
from tests.test_therapist_cli import Therapist

HELP_LINE = PANEL_TITLE  # the urgent-help panel (clienttools.safety)


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


@pytest.fixture
def alice(therapist, tmp_path):
    return join(therapist, tmp_path, "Alice")


def _send_pack(therapist, kit, tmp_path) -> None:
    pack = tmp_path / "pack.age"
    assert therapist("homework", "pack", "Alice", "--out", str(pack)).code == 0
    assert kit.json("homework", "import", str(pack))["status"] == "imported"


def test_the_therapist_chooses_and_the_choice_is_audited(therapist, alice):
    assert therapist("client", "measures", "Alice", "--json").json()["measures"] == list(
        DEFAULT_MEASURES
    )
    chosen = therapist("client", "measures", "Alice", "phq9", "gad7", "--json").json()
    assert chosen["measures"] == ["gad7", "phq9"]  # registry order
    audit = [
        line for line in therapist.vault().audit_log() if line["action"] == "client_measures_set"
    ]
    assert audit[-1]["detail"] == {"measures": ["gad7", "phq9"]}


@pytest.mark.parametrize("keys", [("phq9", "phq8"), ("bdi2",), ("GAD-7",)])
def test_an_impossible_choice_is_refused_and_changes_nothing(therapist, alice, keys):
    refused = therapist("client", "measures", "Alice", *keys)
    assert refused.code != 0
    assert CATALOGUE["invalid_measure_choice"].text in refused.err
    shown = therapist("client", "measures", "Alice", "--json").json()["measures"]
    assert shown == list(DEFAULT_MEASURES)


def test_phq9_reaches_the_client_in_the_pack_and_item_9_shows_help_before_thanks(
    therapist, alice, tmp_path
):
    _, kit = alice
    refused = kit.run("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert refused.exit_code != 0  # not chosen yet: only the GAD-7 is offered
    assert "not one your therapist chose" in refused.output + refused.stderr
    files = kit.files()
    assert kit.run("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1").exit_code != 0
    assert kit.files() == files  # nothing stored

    therapist("client", "measures", "Alice", "gad7", "phq9")
    _send_pack(therapist, kit, tmp_path)
    said = kit.ok("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1").stdout
    assert HELP_LINE in said
    assert said.index(HELP_LINE) < said.index("Thank you")
    quiet = kit.ok("checkin", "phq9", "--answers", "1,1,1,1,1,1,1,1,0").stdout
    assert HELP_LINE not in quiet


def test_interactive_phq9_shows_help_before_thanks(therapist, alice, tmp_path):
    _, kit = alice
    therapist("client", "measures", "Alice", "phq9")
    _send_pack(therapist, kit, tmp_path)
    answers = "\n".join(["0"] * 8 + ["2"]) + "\n"
    said = kit.ok("checkin", "phq9", input=answers).stdout
    assert "Thoughts that you would be better off dead" in said  # the official wording
    assert said.index(HELP_LINE) < said.index("Thank you")


def test_phq8_has_eight_items_and_no_self_harm_item(therapist, alice, tmp_path):
    _, kit = alice
    therapist("client", "measures", "Alice", "phq8")
    _send_pack(therapist, kit, tmp_path)
    assert kit.json("checkin", "phq8", "--answers", "3,3,3,3,3,3,3,3")["total"] == 24
    assert kit.run("checkin", "phq8", "--answers", "0,0,0,0,0,0,0,0,1").exit_code != 0
    assert kit.run("checkin", "gad7", "--answers", "0,0,0,0,0,0,0").exit_code != 0


def test_flags_list_and_review_from_the_command_line(therapist, alice, tmp_path):
    client_id, kit = alice
    back = (datetime.now().astimezone() - timedelta(days=33)).strftime("%Y-%m-%dT21:30:00%z")
    kit.add("--situation", "I want to kill myself", "--occurred-at", back)
    export = tmp_path / "risk.age"
    kit.json("export", "--out", str(export))
    assert therapist("import", str(export)).code == 0

    listed = therapist("flags", "list", "Alice", "--json").json()
    [flag] = [f for f in listed["flags"] if f["open"]]
    assert flag["where"] == "situation"
    assert "kill myself" not in therapist("flags", "list", "Alice").out
    refused = therapist("flags", "review", "Alice", "nope")
    assert refused.code != 0
    assert CATALOGUE["flag_not_found"].text in refused.err

    done = therapist("flags", "review", "Alice", flag["flag_id"], "--json").json()
    assert (done["reviewed"], done["open"]) == ([flag["source_id"]], 0)
    again = therapist("flags", "list", "Alice", "--json").json()["flags"]
    assert [f["open"] for f in again] == [False]
    assert client_id == listed["client_id"]


def test_reassurance_delay_logs_the_urge_before_and_after(therapist, alice, tmp_path):
    client_id, kit = alice
    assigned = therapist("homework", "assign", "Alice", "reassurance_delay", "--json").json()
    _send_pack(therapist, kit, tmp_path)
    kit.json("homework", "log", "reassurance_delay", "--urge-before", "8", "--urge-after", "3")
    kit.json("homework", "log", "reassurance_delay", "--minutes", "20")  # no urge given
    refused = kit.run("homework", "log", "reassurance_delay", "--urge-before", "11")
    assert refused.exit_code != 0
    export = tmp_path / "urges.age"
    kit.json("export", "--out", str(export))
    assert therapist("import", str(export)).code == 0

    vault = therapist.vault()
    logs = client_frames(vault.store.db, client_id).logs
    assert set(logs["assignment_id"]) == {assigned["assignment_id"]}
    pairs = zip(logs["urge_before"], logs["urge_after"], strict=True)
    found = {tuple(None if v is pd.NA else int(v) for v in pair) for pair in pairs}
    assert found == {(8, 3), (None, None)}
    # A log without urges is stored (and exported) without the new keys, as before.
    bodies = [row[0] for row in vault.store.db.execute("SELECT body FROM homework_logs")]
    assert sum("urge_before" in body for body in bodies) == 1
