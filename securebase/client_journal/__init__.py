"""The client's journal database: its schema, rows, the export rule, and ``JournalRecords``.

Rules: UI-free, like the rest of the core. The journal is an SQLite database
inside an age file (``securebase.store``), kept in the client's home; the
client tool (``clienttools``) reaches it only through ``JournalRecords``'
named operations, never a connection (``tests/test_purity.py``).
"""
