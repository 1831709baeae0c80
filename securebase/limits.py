"""Named limits of the journal export format (version 1).

Every bound that the model enforces lives here so that the format document
(``docs/FORMAT.md``) can quote them and a test can prove it does. Changing a
value here changes what the therapist's importer accepts: older clients must
keep producing documents inside the new limits.
"""

from datetime import UTC, datetime

#: Largest plaintext export document, in bytes (16 MiB). Checked before parsing.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

#: Long free text: situation, thoughts, evidence, balanced thought, notes.
MAX_TEXT_CHARS = 4000
#: Short free text: trigger note, tags, each partner action.
MAX_SHORT_TEXT_CHARS = 300
#: Tags are labels, kept shorter still.
MAX_TAG_CHARS = 50

#: Entries, homework logs or check-ins in one export.
MAX_ITEMS_PER_EXPORT = 10_000
#: Items in a small list inside an entry (emotions, soothing, tags, ...).
MAX_LIST_ITEMS = 20

#: Revisions and sequence numbers stay within a signed 32-bit integer.
MAX_COUNTER = 2**31 - 1
#: A reassurance delay longer than a week is not a delay any more.
MAX_DELAY_MINUTES = 7 * 24 * 60
#: Minutes spent on one soothing technique or one homework session.
MAX_ACTIVITY_MINUTES = 24 * 60

#: Ratings: intensities, belief and distress are 0-100; urges and helpfulness 0-10.
PERCENT_MIN, PERCENT_MAX = 0, 100
SCALE10_MIN, SCALE10_MAX = 0, 10

#: Timestamps outside this window are refused as implausible.
EARLIEST_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_TIMESTAMP = datetime(2100, 1, 1, tzinfo=UTC)
#: How far an event may lie after the moment it was written down (clock skew).
CLOCK_SKEW_MINUTES = 10

#: Largest sealed file (age file around a signed document) read from disk:
#: the document limit plus room for headers, chunk tags and ASCII armor.
MAX_SEALED_BYTES = 24 * 1024 * 1024
#: Recipients one sealed document may be encrypted to.
MAX_RECIPIENTS = 16

#: Largest encrypted database file (journal or vault) that will be opened. No
#: write ever makes a larger one (the store refuses it), so a store always opens.
MAX_STORE_BYTES = 1024 * 1024 * 1024
#: Room kept free below ``MAX_STORE_BYTES`` when importing: an import that would
#: leave less is refused, so notes, homework and audit lines still fit afterwards.
STORE_HEADROOM_BYTES = 64 * 1024 * 1024

#: Steps in one homework exercise's instructions (the catalogue and a homework pack).
MAX_EXERCISE_STEPS = 6
#: Assignments in one homework pack.
MAX_PACK_ASSIGNMENTS = 50
#: Crisis resources the therapist lists for clients (securebase.crisis).
MAX_CRISIS_RESOURCES = 8
