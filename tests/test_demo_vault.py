"""The demo vault: the committed demo caseload imported through the real importer.

``build_demo_vault`` must give the same clients, pinned keys, entries,
homework and session notes as the committed roster and the generator's own
documents; importing every demo export a second time must change nothing
("twice in a row gives all-zero counts"); and the therapist's ``brief``
command must work on it.
"""

import json
from pathlib import Path

import pytest

from dashboard.cli import cli
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE, build_demo_vault
from sample_data.roster import DEMO_DIR
from securebase.analytics.load import assignments_frame, client_frames
from securebase.environment import PASSPHRASE_VARIABLE, VAULT_VARIABLE, WORK_FACTOR_VARIABLE
from securebase.messages import CATALOGUE
from securebase.therapist_records import session_notes
from securebase.vault import Vault
from tests.demo_frames import demo_client_frames
from tests.hardening_kit import Run, run_cli

EXPORTS = sorted(DEMO_DIR.glob("*/exports/*.age"))
#: Jordan C.'s session notes are on 1 Oct and 29 Oct; until 28 Oct the brief runs from
#: 2 Oct, which holds the PHQ-9 of Sun 25 Oct (item 9 = 1), in the bad patch (weeks 7-9).
BAD_PATCH_DAY = "2026-10-28"


@pytest.fixture(scope="module")
def roster() -> dict:
    return json.loads((DEMO_DIR / "therapist.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vault_path(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(WORK_FACTOR_VARIABLE, "4")
        path = tmp_path_factory.mktemp("demo") / "vault"
        build_demo_vault(path)
    return path


@pytest.fixture(scope="module")
def vault(vault_path) -> Vault:
    return Vault.unlock(vault_path, DEMO_VAULT_PASSPHRASE)


def securebase(vault_path: Path, *args: str) -> Run:
    """``securebase ARGS`` through the CLI's error translation, as a script would run it."""
    env = {VAULT_VARIABLE: str(vault_path), PASSPHRASE_VARIABLE: DEMO_VAULT_PASSPHRASE}
    return run_cli(cli, "securebase", args, env)


# -- what the vault holds -------------------------------------------------------------


def test_four_clients_with_roster_ids_and_pinned_keys(vault, roster):
    expected = {
        c["client_id"]: (c["label"], c["signing_key"], c["fingerprint"]) for c in roster["clients"]
    }
    assert len(expected) == 4
    found = {c.client_id: (c.label, c.signing_key, c.key_fingerprint) for c in vault.clients()}
    assert found == expected
    assert all(c.last_sequence == 12 and c.pending_signing_key is None for c in vault.clients())


def test_therapist_identity_is_the_demo_one(vault, roster):
    assert vault.identity.recipient == roster["therapist"]["age_recipient"]
    assert vault.therapist_name == roster["therapist"]["display_name"]


def test_entries_match_the_generators_live_entries(vault, roster):
    for client in roster["clients"]:
        live = demo_client_frames(client["trajectory"]).entries
        stored = client_frames(vault.store.db, client["client_id"]).entries
        assert vault.client(client["client_id"]).entries == len(live) > 0
        assert sorted(zip(stored["id"], stored["revision"], strict=True)) == sorted(
            zip(live["id"], live["revision"], strict=True)
        ), client["label"]


def test_logs_and_checkins_match_the_generator(vault, roster):
    for client in roster["clients"]:
        live = demo_client_frames(client["trajectory"])
        stored = client_frames(vault.store.db, client["client_id"])
        assert sorted(stored.logs["id"]) == sorted(live.logs["id"]), client["label"]
        assert sorted(stored.checkins["id"]) == sorted(live.checkins["id"]), client["label"]


def test_assignments_and_session_notes_are_present(vault, roster):
    for client in roster["clients"]:
        assignments = assignments_frame(vault.store.db, client["client_id"])
        assert sorted(assignments["assignment_id"]) == sorted(
            a["assignment_id"] for a in client["assignments"]
        )
        assert len(assignments) >= 6
        notes = session_notes(vault, client["client_id"])
        assert [(n.session_date.isoformat(), n.text) for n in notes] == [
            (n["date"], n["text"]) for n in client["session_notes"]
        ]


# -- the command line on the demo vault ------------------------------------------------


def test_importing_every_export_again_changes_nothing(vault_path):
    assert len(EXPORTS) == 48
    result = securebase(vault_path, "import", "--json", *EXPORTS)
    assert (result.code, result.err) == (0, "")
    files = json.loads(result.out)["files"]
    assert [f["file"] for f in files] == [str(p) for p in EXPORTS]
    for row in files:
        assert (row["status"], row["new"], row["updated"], row["removed"], row["error"]) == (
            "imported",
            0,
            0,
            0,
            None,
        ), row["file"]

    text = securebase(vault_path, "import", *EXPORTS)
    assert text.code == 0
    lines = text.out.splitlines()
    assert len(lines) == len(EXPORTS)
    assert all(
        line.startswith("ok ") and line.endswith("0 new, 0 updated, 0 removed (already imported)")
        for line in lines
    )
    # Nothing was duplicated by the repeats.
    reopened = Vault.unlock(vault_path, DEMO_VAULT_PASSPHRASE)
    assert sorted(c.entries for c in reopened.clients()) == [40, 73, 80, 83]


def test_brief_json_in_the_bad_patch_has_the_phq9_flag(vault_path, roster):
    jordan = next(c for c in roster["clients"] if c["label"] == "Jordan C.")
    result = securebase(vault_path, "brief", "Jordan C.", "--until", BAD_PATCH_DAY, "--json")
    assert (result.code, result.err) == (0, "")
    payload = json.loads(result.out)
    assert payload["client_id"] == jordan["client_id"]
    assert payload["period"] == {"start": "2026-10-02", "end": BAD_PATCH_DAY}
    assert payload["entries"] > 0
    kinds = [flag["kind"] for flag in payload["flags"]]
    assert kinds[0] == "phq9_item9"
    assert payload["flags"][0]["local_date"] == "2026-10-25"
    assert payload["flags"][0]["source_id"]
    assert "lines" not in payload  # facts; the text form composes its own sentences
    assert payload["trend_window"]["end"] == BAD_PATCH_DAY


def test_brief_text_names_the_client_and_starts_with_the_flag(vault_path):
    result = securebase(vault_path, "brief", "Jordan C.", "--until", BAD_PATCH_DAY)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"Jordan C.: 2026-10-02 to {BAD_PATCH_DAY}"
    assert lines[1].startswith("FLAG: PHQ-9 item 9")


def test_brief_for_an_unknown_client_is_a_calm_error(vault_path):
    result = securebase(vault_path, "brief", "Nobody Here", "--json")
    message = CATALOGUE["client_not_found"]
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [f"error: {message.text}", f"hint: {message.hint}"]
    assert "Traceback" not in result.err


def test_brief_for_a_backwards_period_is_a_calm_error(vault_path):
    result = securebase(
        vault_path, "brief", "Jordan C.", "--from", "2026-11-10", "--until", "2026-11-01"
    )
    message = CATALOGUE["invalid_period"]
    assert result.code == 1
    assert result.err.splitlines() == [f"error: {message.text}", f"hint: {message.hint}"]
