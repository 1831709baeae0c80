"""The therapist vault's database schema, as numbered migrations.

Migration N brings a database to ``PRAGMA user_version = N``. Never edit a
migration that has shipped: add a new one. Received items keep their
canonical JSON in ``body``, with the columns that queries need alongside.
A body is written only by the importer, from the strict model that validated
it, and the database lives only inside ``vault.db.age``, whose payload age
authenticates, so readers trust it: ``analytics.load`` parses it with
``json.loads`` and checks only its shape (an object with the model's keys), not
every value again (the reasoning, and its limit, in that module).
"""

MIGRATIONS = [
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        invitation TEXT NOT NULL,
        archived_at TEXT,
        signing_key TEXT,
        age_recipient TEXT,
        key_pinned_at TEXT,
        pending_signing_key TEXT,
        pending_age_recipient TEXT,
        pending_since TEXT,
        last_sequence INTEGER NOT NULL DEFAULT 0,
        last_import_at TEXT
    );
    CREATE UNIQUE INDEX clients_by_label ON clients (label COLLATE NOCASE);

    CREATE TABLE entries (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        occurred_at TEXT,
        occurred_utc TEXT,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
    );
    CREATE INDEX entries_by_time ON entries (client_id, occurred_utc);

    CREATE TABLE homework_logs (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        id TEXT NOT NULL,
        assignment_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        done_at TEXT NOT NULL,
        body TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
    );

    CREATE TABLE checkins (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        id TEXT NOT NULL,
        measure TEXT NOT NULL,
        completed_at TEXT NOT NULL,
        body TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        PRIMARY KEY (client_id, id)
    );

    CREATE TABLE received_files (
        sha256 TEXT PRIMARY KEY,
        client_id TEXT,
        export_id TEXT,
        sequence INTEGER,
        received_at TEXT NOT NULL
    );

    CREATE TABLE assignments (
        assignment_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        exercise TEXT NOT NULL,
        times INTEGER NOT NULL CHECK (times >= 1),
        per TEXT NOT NULL CHECK (per IN ('day', 'week')),
        starts TEXT NOT NULL,
        ends TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        ended_at TEXT
    );

    CREATE TABLE session_notes (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        session_date TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE client_settings (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (client_id, key)
    );

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        client_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the therapist's own homework exercises, beside the built-in catalogue.
    """
    CREATE TABLE custom_exercises (
        key TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        instructions TEXT NOT NULL,
        default_times INTEGER NOT NULL CHECK (default_times >= 1),
        default_per TEXT NOT NULL CHECK (default_per IN ('day', 'week')),
        minutes INTEGER,
        records TEXT NOT NULL,
        rationale TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    """,
    # 3: counting a client's live entries (the client list) reads an index, not the rows.
    """
    CREATE INDEX entries_live ON entries (client_id, deleted);
    """,
    # 4: first contact, confirmed (client_keys): a client's key counts only once the
    # therapist confirmed its fingerprint; other keys that answer are held, each in its
    # own row, so no export can change another key's row. Keys pinned before this
    # version were never confirmed and stay unconfirmed until the therapist does.
    """
    ALTER TABLE clients ADD COLUMN key_confirmed_at TEXT;
    CREATE TABLE held_keys (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        signing_key TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        files INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (client_id, signing_key)
    );
    CREATE TABLE rejected_files (
        sha256 TEXT PRIMARY KEY,
        client_id TEXT,
        rejected_at TEXT NOT NULL
    );
    INSERT INTO held_keys
        SELECT client_id, pending_signing_key, pending_age_recipient, pending_since,
               pending_since, 1
        FROM clients WHERE pending_signing_key IS NOT NULL;
    UPDATE clients SET pending_signing_key = NULL, pending_age_recipient = NULL,
        pending_since = NULL;
    """,
    # 5: an export is recognised by its signed statement, not its file bytes, so the
    # same export re-wrapped (armored, re-encrypted) is a repeat. Rows kept before this
    # version have no statement hash and are recognised by their file hash only.
    """
    ALTER TABLE received_files ADD COLUMN statement_sha256 TEXT;
    CREATE UNIQUE INDEX received_by_statement ON received_files (statement_sha256);
    """,
    # 6: risk flags screened on arrival, kept until reviewed (securebase.flag_store).
    """
    CREATE TABLE risk_flags (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        kind TEXT NOT NULL,
        field TEXT NOT NULL,
        category TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('flag', 'mention')),
        answer INTEGER,
        local_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (client_id, source, source_id, kind, field, category)
    );

    CREATE TABLE flag_reviews (
        client_id TEXT NOT NULL REFERENCES clients (client_id),
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL,
        session_note_id TEXT,
        PRIMARY KEY (client_id, source, source_id)
    );
    """,
]
