"""The client journal's database schema, as numbered migrations.

Migration N brings the database to ``PRAGMA user_version = N``. Never edit a
migration that has shipped: add one. Items keep their canonical JSON in
``body``; the other columns serve queries and export bookkeeping.
"""

MIGRATIONS = [
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE entries (
        id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        occurred_utc TEXT,
        occurred_day TEXT,
        recorded_at TEXT NOT NULL,
        body TEXT NOT NULL,
        exported_revision INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entries_by_time ON entries (occurred_utc);
    CREATE TABLE homework_logs (
        id TEXT PRIMARY KEY,
        assignment_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        done_day TEXT NOT NULL,
        body TEXT NOT NULL,
        exported_revision INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE checkins (
        id TEXT PRIMARY KEY,
        measure TEXT NOT NULL,
        completed_day TEXT NOT NULL,
        body TEXT NOT NULL,
        exported INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE exports (
        sequence INTEGER PRIMARY KEY,
        export_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        period_start TEXT,
        period_end TEXT,
        entries INTEGER,
        homework_logs INTEGER,
        checkins INTEGER
    );
    """,
    # 2: the therapist's current homework, from the latest homework pack.
    """
    CREATE TABLE assignments (
        assignment_id TEXT PRIMARY KEY,
        exercise TEXT NOT NULL,
        title TEXT NOT NULL,
        times INTEGER NOT NULL,
        per TEXT NOT NULL CHECK (per IN ('day', 'week')),
        starts TEXT NOT NULL,
        ends TEXT,
        note TEXT NOT NULL DEFAULT '',
        instructions TEXT NOT NULL DEFAULT ''
    );
    """,
    # 3: the export rule (docs/FORMAT.md, "Which items an export carries"). Making
    # a file no longer marks anything as sent: ``export_items`` remembers what
    # each export held, and confirming an export as sent (``sent_at``) raises
    # ``entries.exported_revision`` / ``homework_logs.exported_revision`` /
    # ``checkins.exported``, which from now on mean "confirmed sent". Exports
    # made before this version were counted as sent when made; they stay so.
    """
    ALTER TABLE exports ADD COLUMN sent_at TEXT;
    UPDATE exports SET sent_at = created_at;
    CREATE TABLE export_items (
        sequence INTEGER NOT NULL REFERENCES exports (sequence),
        kind TEXT NOT NULL CHECK (kind IN ('entry', 'homework_log', 'checkin')),
        id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        PRIMARY KEY (sequence, kind, id)
    );
    """,
]
