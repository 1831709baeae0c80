"""First contact, confirmed: which key speaks for a client (SECURITY.md FILE-6, FILE-9).

An invitation code is a secret only until someone else sees it, and in this
field that someone may be the partner the client writes about. So the first
key that answers an invitation is not trusted by arriving first:

- **unconfirmed**: the first key to sign an export naming the client is
  pinned; its exports are imported and shown as unconfirmed, and no homework
  pack (which carries the therapist's notes) is sealed to it;
- **confirmed**: the therapist typed the fingerprint the client's own tool
  shows (``securebase client confirm CLIENT FINGERPRINT``).

Any *other* key that signs an export naming the client is held, its file
refused (nothing from it is imported): while the pinned key is unconfirmed
that is a conflict (two devices answered one invitation, ``KeyConflict``);
once it is confirmed, a key change waiting for the therapist
(``KeyChanged``). Each held key has a row of its own in ``held_keys``: an
export can add or refresh only its own key's row, never the pinned key or
another held key. At most ``MAX_HELD_KEYS`` are held per client; more are
refused and audited, not held.

Confirming a fingerprint:
- the pinned key's: it is confirmed and every held key is dropped;
- a held key's: it becomes the confirmed key. If the pinned key had never
  been confirmed, everything imported under it is removed (the therapist
  decided it was not the client) and its files are listed in
  ``rejected_files`` so that a rebuild never brings them back; if it had
  been confirmed (the client set up again), the earlier data stays.
"""

from securebase.errors import FingerprintUnknown, KeyChanged, KeyConflict
from securebase.identity import fingerprint
from securebase.journal import ClientKeys

#: Keys held per client at most (a flood of strangers cannot grow the vault).
MAX_HELD_KEYS = 8


def normalise(text: str) -> str:
    """A typed fingerprint in canonical form: upper case, groups of four joined by dashes."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def key_fingerprint(signing_key_hex: str) -> str:
    return fingerprint(bytes.fromhex(signing_key_hex))


def check_signer(db, client, keys: ClientKeys, now: str) -> bool:
    """Pin the first key, pass the pinned one, refuse any other; True when confirmed.

    ``client`` is the client's row (``signing_key``, ``age_recipient``,
    ``key_confirmed_at``). Raises ``KeyConflict`` or ``KeyChanged`` for a
    different key; the caller rolls the file back and then calls ``hold``.
    """
    if client["signing_key"] is None:
        db.execute(
            """UPDATE clients SET signing_key = ?, age_recipient = ?, key_pinned_at = ?,
               key_confirmed_at = NULL WHERE client_id = ?""",
            (keys.signing_key, keys.age_recipient, now, client["client_id"]),
        )
        return False
    if (client["signing_key"], client["age_recipient"]) == (keys.signing_key, keys.age_recipient):
        return client["key_confirmed_at"] is not None
    raise KeyChanged() if client["key_confirmed_at"] else KeyConflict()


def hold(db, client_id: str, keys: ClientKeys, now: str) -> bool:
    """Hold a refused key in its own row; False when the client already holds too many."""
    refreshed = db.execute(
        """UPDATE held_keys SET last_seen = ?, files = files + 1
           WHERE client_id = ? AND signing_key = ?""",
        (now, client_id, keys.signing_key),
    )
    if refreshed.rowcount:
        return True
    count = db.execute("SELECT COUNT(*) FROM held_keys WHERE client_id = ?", (client_id,))
    if count.fetchone()[0] >= MAX_HELD_KEYS:
        return False
    db.execute(
        "INSERT INTO held_keys VALUES (?, ?, ?, ?, ?, 1)",
        (client_id, keys.signing_key, keys.age_recipient, now, now),
    )
    return True


def held(db, client_id: str) -> list[dict]:
    """The keys held for a client, oldest first, with their fingerprints."""
    rows = db.execute(
        """SELECT signing_key, age_recipient, first_seen, last_seen, files FROM held_keys
           WHERE client_id = ? ORDER BY first_seen, signing_key""",
        (client_id,),
    )
    return [{**dict(row), "fingerprint": key_fingerprint(row["signing_key"])} for row in rows]


def confirm(db, client, typed: str, now: str) -> dict:
    """Confirm the key whose fingerprint the therapist typed; return what changed."""
    wanted = normalise(typed)
    client_id = client["client_id"]
    if client["signing_key"] and key_fingerprint(client["signing_key"]) == wanted:
        dropped = db.execute("DELETE FROM held_keys WHERE client_id = ?", (client_id,)).rowcount
        db.execute("UPDATE clients SET key_confirmed_at = ? WHERE client_id = ?", (now, client_id))
        return {"fingerprint": wanted, "held_keys_dropped": dropped, "files_rejected": 0}
    chosen = next((k for k in held(db, client_id) if k["fingerprint"] == wanted), None)
    if chosen is None:
        raise FingerprintUnknown()
    rejected = 0
    if client["signing_key"] and not client["key_confirmed_at"]:
        rejected = _reject_unconfirmed_data(db, client_id, now)
    db.execute(
        """UPDATE clients SET signing_key = ?, age_recipient = ?, key_pinned_at = ?,
           key_confirmed_at = ? WHERE client_id = ?""",
        (chosen["signing_key"], chosen["age_recipient"], now, now, client_id),
    )
    dropped = db.execute("DELETE FROM held_keys WHERE client_id = ?", (client_id,)).rowcount
    return {"fingerprint": wanted, "held_keys_dropped": dropped - 1, "files_rejected": rejected}


def _reject_unconfirmed_data(db, client_id: str, now: str) -> int:
    """Remove what an unconfirmed key sent; remember its files so a rebuild skips them."""
    db.execute(
        """INSERT OR IGNORE INTO rejected_files
           SELECT sha256, client_id, ? FROM received_files WHERE client_id = ?""",
        (now, client_id),
    )
    for table in ("entries", "homework_logs", "checkins", "received_files"):
        db.execute(f"DELETE FROM {table} WHERE client_id = ?", (client_id,))  # noqa: S608
    db.execute(
        "UPDATE clients SET last_sequence = 0, last_import_at = NULL WHERE client_id = ?",
        (client_id,),
    )
    count = db.execute("SELECT COUNT(*) FROM rejected_files WHERE client_id = ?", (client_id,))
    return count.fetchone()[0]
