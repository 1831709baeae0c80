"""Which questionnaires the therapist asks a client to answer between sessions.

Rules: a setting per client in the vault (``client_settings``, key
``measures``), changed only by the therapist, audited (ids and measure keys
only); it travels to the client signed, in every homework pack (FORMAT.md 5),
and the client tool offers exactly these. Without a setting a client is asked
the GAD-7 (what the client tool offered before the setting existed). The
PHQ-8 is the PHQ-9 without item 9 (thoughts of self-harm), for clients whose
answers to that item nobody can watch between sessions; asking both at once
is refused, as is a key the measure registry does not hold.
"""

import json

from securebase.errors import InvalidMeasureChoice
from securebase.measures import MEASURES
from securebase.vault import Vault, record_audit

SETTING = "measures"
DEFAULT_MEASURES = ("gad7",)


def client_measures(db, client_id: str) -> tuple[str, ...]:
    """The measures a client is asked, in registry order (the default without a setting)."""
    row = db.execute(
        "SELECT value FROM client_settings WHERE client_id = ? AND key = ?", (client_id, SETTING)
    ).fetchone()
    return tuple(json.loads(row[0])) if row else DEFAULT_MEASURES


def checked_measures(keys) -> tuple[str, ...]:
    """``keys`` in registry order, or ``InvalidMeasureChoice`` (module rules)."""
    chosen = {str(key).strip().lower() for key in keys}
    known = [str(key) for key in MEASURES]
    if not chosen or not chosen <= set(known) or {"phq9", "phq8"} <= chosen:
        raise InvalidMeasureChoice()
    return tuple(key for key in known if key in chosen)


def set_client_measures(vault: Vault, client_ref: str, keys) -> tuple[str, ...]:
    """Choose the questionnaires a client is asked; takes effect with the next homework pack."""
    client_id = vault.client(client_ref).client_id
    measures = checked_measures(keys)

    def write(db) -> None:
        db.execute(
            """INSERT INTO client_settings VALUES (?, ?, ?) ON CONFLICT (client_id, key)
               DO UPDATE SET value = excluded.value""",
            (client_id, SETTING, json.dumps(list(measures))),
        )
        record_audit(db, "client_measures_set", client_id, measures=list(measures))

    vault.store.update(write)
    return measures
