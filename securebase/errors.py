"""Typed errors of the core.

Each error has a stable ``code`` (used by ``--json`` output and tests) and is
turned into words for people in exactly one place, ``securebase.messages``.
Rule: an error never carries client-written text, only field paths, rule
names and numbers, so it is always safe to print and to log.
"""

from dataclasses import dataclass


class SecureBaseError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"


@dataclass(frozen=True)
class Problem:
    """One reason a document was refused: where (a field path) and which rule."""

    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}" if self.path else self.rule


class DocumentError(SecureBaseError):
    """A journal document could not be accepted."""

    code = "invalid_document"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


class EntryInvalid(DocumentError):
    """What a person typed into their own journal breaks a rule of the format."""

    code = "entry_invalid"


class DocumentTooLarge(DocumentError):
    code = "document_too_large"


class MalformedJSON(DocumentError):
    code = "malformed_json"


class EnvelopeError(SecureBaseError):
    """A sealed file (export, homework pack, identity file) could not be opened."""

    code = "envelope_error"


class TooLarge(EnvelopeError):
    code = "too_large"


class NotAgeFile(EnvelopeError):
    code = "not_age_file"


class NotForThisIdentity(EnvelopeError):
    """Not encrypted to this key: the caller may try the next identity."""

    code = "not_for_this_identity"


class WrongPassphrase(EnvelopeError):
    code = "wrong_passphrase"


class WeakPassphrase(EnvelopeError):
    """A new passphrase that is too short or too easy to guess (``passphrase_rules``)."""

    code = "weak_passphrase"


class WorkFactorInvalid(SecureBaseError):
    """``SECUREBASE_WORK_FACTOR`` outside the range tests may use."""

    code = "work_factor_invalid"


class UnlockThrottled(EnvelopeError):
    """Too many wrong passphrases in a row: the next try must wait (``unlock_throttle``)."""

    code = "unlock_throttled"


class Tampered(EnvelopeError):
    """Truncated, damaged or altered after it was encrypted."""

    code = "tampered"


class Unsigned(EnvelopeError):
    """Decrypts, but is not a SecureBase signed document."""

    code = "unsigned"


class UnsupportedVersion(EnvelopeError):
    code = "unsupported_version"


class WrongKind(EnvelopeError):
    """Signed and valid, but a different kind of document than expected."""

    code = "wrong_kind"


class BadSignature(EnvelopeError):
    code = "bad_signature"


class UnexpectedSigner(EnvelopeError):
    code = "unexpected_signer"


class RecipientMismatch(EnvelopeError):
    """Signed for other recipients: a re-encrypted, forwarded document."""

    code = "recipient_mismatch"


class TooManyRecipients(EnvelopeError):
    """A sealed file addressed to more recipients than the format allows."""

    code = "too_many_recipients"


class RevisionConflict(SecureBaseError):
    """An item arrived again with the same id and revision but different content."""

    code = "revision_conflict"


class IdentityFileInvalid(EnvelopeError):
    code = "identity_file_invalid"


class InvalidInvitation(SecureBaseError):
    code = "invalid_invitation"


class StoreError(SecureBaseError):
    code = "store_error"


class StoreBusy(StoreError):
    """Another program holds the store's lock for longer than we wait."""

    code = "store_busy"


class StoreMissing(StoreError):
    code = "store_missing"


class StoreExists(StoreError):
    code = "store_exists"


class DiskFull(StoreError):
    """The disk (or the user's quota) has no room for the new file; the old one is unchanged."""

    code = "disk_full"


class NotWritable(StoreError):
    """The folder or disk cannot be written to (read-only, or no permission); nothing changed."""

    code = "not_writable"


class StoreFull(StoreError):
    """A write would make the database larger than SecureBase opens (limits)."""

    code = "store_full"


class StoreTooNew(StoreError):
    """The database was written by a newer SecureBase (schema version ahead)."""

    code = "store_too_new"


class AddressNotLocal(SecureBaseError):
    """A front end asked to listen on an address other computers can reach, without consent."""

    code = "address_not_local"


class FontsMissing(SecureBaseError):
    """The fonts a PDF embeds are not installed (a PDF never falls back to unembedded ones)."""

    code = "fonts_missing"


class InvalidPeriod(SecureBaseError):
    """A date range that ends before it starts."""

    code = "invalid_period"


class EntryNotFound(SecureBaseError):
    code = "entry_not_found"


class AmbiguousEntry(SecureBaseError):
    code = "entry_ambiguous"


class ExportNotFound(SecureBaseError):
    """No export with that number was made by this journal."""

    code = "export_not_found"


class VaultError(SecureBaseError):
    code = "vault_error"


class UnknownClient(VaultError):
    """An export (or a command) names a client this vault does not know."""

    code = "unknown_client"


class AmbiguousClient(VaultError):
    code = "ambiguous_client"


class ClientArchived(VaultError):
    code = "client_archived"


class KeyChanged(VaultError):
    """Signed by a key other than the one pinned at this client's first import."""

    code = "key_changed"


class KeyConflict(VaultError):
    """A second key answered an invitation whose first key is not confirmed yet."""

    code = "key_conflict"


class KeyNotConfirmed(VaultError):
    """The client's key has not been confirmed by fingerprint yet."""

    code = "key_not_confirmed"


class FingerprintUnknown(VaultError):
    """No key with the typed fingerprint has answered for this client."""

    code = "fingerprint_unknown"


class KeyMismatch(VaultError):
    """The document names client keys other than the key that signed it."""

    code = "key_mismatch"


class NoPendingKey(VaultError):
    code = "no_pending_key"


class FlagNotFound(VaultError):
    """A flag reference that names no flagged item of this client, or more than one."""

    code = "flag_not_found"


class InvalidMeasureChoice(VaultError):
    """Questionnaires for a client that the registry does not hold, or the PHQ-9 and the
    PHQ-8 together."""

    code = "invalid_measure_choice"


class ClientNotFound(VaultError):
    """A command names a client (by id or label) that this vault does not have."""

    code = "client_not_found"


class InvalidLabel(VaultError):
    """A client label or therapist name that cannot be stored or carried in an invitation."""

    code = "invalid_label"


class InvalidJournalAddress(VaultError):
    """A web journal address that cannot carry an invitation link."""

    code = "invalid_journal_address"


class LabelTaken(VaultError):
    code = "label_taken"


class VaultFormatUnknown(VaultError):
    code = "vault_format_unknown"


class HomeworkError(SecureBaseError):
    code = "homework_error"


class UnknownExercise(HomeworkError):
    """An exercise key that is neither in the catalogue nor among the therapist's own."""

    code = "unknown_exercise"


class ExerciseExists(HomeworkError):
    code = "exercise_exists"


class AssignmentExists(HomeworkError):
    """The client already has this exercise running over those dates."""

    code = "assignment_exists"


class AssignmentNotFound(HomeworkError):
    code = "assignment_not_found"


class AmbiguousAssignment(HomeworkError):
    code = "assignment_ambiguous"


class NoClientKey(HomeworkError):
    """A homework pack needs the client's key, which arrives with their first export."""

    code = "no_client_key"


class PackNotForYou(HomeworkError):
    """A homework pack made for another client of the same therapist."""

    code = "pack_not_for_you"


class InvalidCrisisResources(SecureBaseError):
    """A list of crisis resources that does not follow the rules (securebase.crisis)."""

    code = "invalid_crisis_resources"


class PackInvalid(DocumentError):
    """A homework pack that opens and verifies but does not follow the pack format."""

    code = "pack_invalid"
