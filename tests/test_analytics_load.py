"""Reading frames from the vault: the trusted read path equals full validation.

``load.client_frames`` builds frames straight from the stored bodies (they
were validated at import and the database file is authenticated); with
``revalidate=True`` every body goes through the strict models again. Both
must give identical frames, value for value and type for type, for every
demo client, and a body of an unexpected shape is refused.
"""

import json
import sqlite3
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from securebase.analytics.frames import entries_frame, json_form
from securebase.analytics.load import client_frames
from securebase.errors import VaultFormatUnknown
from securebase.vault_schema import MIGRATIONS
from tests.analytics_builders import entry, make_id, tombstone
from tests.dashboard_kit import demo_vault
from tests.demo_frames import demo_week_monday

FRAMES = ("entries", "logs", "checkins", "assignments")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    vault = demo_vault(tmp_path_factory)
    return vault.store.db, vault.clients()


def _assert_identical(trusted, validated) -> None:
    for name in FRAMES:
        a, b = getattr(trusted, name), getattr(validated, name)
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        for column in [c for c in a.columns if a[c].dtype == object]:
            assert [_kind(v) for v in a[column]] == [_kind(v) for v in b[column]], column


def _kind(value):
    """A value's type, and its time zone for a datetime (equal instants may differ there)."""
    if isinstance(value, datetime):
        return type(value), value.tzinfo
    if isinstance(value, tuple):
        return tuple(_kind(v) for v in value)
    return type(value)


@pytest.mark.parametrize("since", [None, 5, 60])
def test_trusted_frames_equal_validated_frames_for_every_demo_client(demo_db, since):
    db, clients = demo_db
    start = demo_week_monday(1) + timedelta(days=since) if since else None
    assert len(clients) >= 4
    for client in clients:
        trusted = client_frames(db, client.client_id, start, all_checkins=since == 60)
        validated = client_frames(
            db, client.client_id, start, all_checkins=since == 60, revalidate=True
        )
        _assert_identical(trusted, validated)
        if since is None:
            assert len(trusted.entries)
            assert len(trusted.logs) + len(trusted.checkins)


def test_models_and_their_json_form_give_the_same_frame():
    models = [
        entry(
            "2026-03-02T21:30:00+01:00",
            triggers=["delayed_reply"],
            emotions=[{"emotion": "anxiety", "intensity": 70}],
            urge={"intensity": 8, "acted": False, "behaviours": ["checking_phone"]},
            challenge={"balanced_thought": "They are busy.", "belief_after": 30},
            belief_before=80,
        ),
        entry("2026-03-01T08:00:00Z", name="plain"),
        tombstone("gone"),
    ]
    from_models = entries_frame(models)
    from_json = entries_frame([json.loads(m.model_dump_json()) for m in models])
    pd.testing.assert_frame_equal(from_models, from_json, check_exact=True)
    assert from_models["id"].tolist() == [make_id("plain"), str(models[0].id)]
    assert json_form(models[1]) == json.loads(models[1].model_dump_json())


def _one_body_db(body: str) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.executescript(MIGRATIONS[0])
    client = make_id("client")
    db.execute(
        "INSERT INTO clients (client_id, label, created_at, invitation) VALUES (?, 'A', '', '')",
        (client,),
    )
    db.execute(
        "INSERT INTO entries VALUES (?, ?, 1, 0, ?, ?, ?, ?, 'sha')",
        (client, make_id("e"), "2026-03-02T21:30:00+01:00", "2026-03-02T20:30:00+00:00",
         "2026-03-02T21:30:00+01:00", body),
    )  # fmt: skip
    return db


def test_a_stored_body_the_model_would_not_know_is_refused():
    good = entry("2026-03-02T21:30:00+01:00", name="e").model_dump_json()
    client = make_id("client")
    assert len(client_frames(_one_body_db(good), client).entries) == 1

    unknown_key = json.dumps({**json.loads(good), "mood_colour": "I want to kill myself"})
    two = f"{good},{good}"
    for body in (unknown_key, json.dumps([json.loads(good)]), '"text"', two, good[:-1]):
        with pytest.raises(VaultFormatUnknown) as refused:
            client_frames(_one_body_db(body), client, date(2026, 3, 1))
        assert "kill" not in str(refused.value)
        assert "mood" not in str(refused.value)
