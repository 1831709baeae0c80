"""The catalogue of words people see when something goes wrong.

Front ends never write their own error sentences: they call ``describe`` and
show its message and hint. Keep the tone calm and specific, say what to do
next, and never include client-written text (errors do not carry any).

The catalogue has a client's part, ``securebase.messages_client``: where a
client reads a refusal (the journal's command line, any client front end)
``describe_for_client`` gives the same codes in the client's words, naming
the question instead of a field path.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass

from securebase.errors import SecureBaseError


@dataclass(frozen=True)
class Message:
    text: str
    hint: str


CATALOGUE: dict[str, Message] = {
    "invalid_document": Message(
        "The journal document does not follow the SecureBase export format.",
        "Ask the client to export again with an up-to-date SecureBase journal.",
    ),
    "entry_invalid": Message(
        "Part of what you entered could not be saved as it is.",
        "Change the part named above and try again; nothing was saved.",
    ),
    "document_too_large": Message(
        "The journal document is larger than SecureBase accepts.",
        "Ask the client to export a shorter period (for example one week at a time).",
    ),
    "malformed_json": Message(
        "The journal document is not valid JSON.",
        "The file may be damaged or incomplete; ask the client to export it again.",
    ),
    "too_large": Message(
        "The file is larger than SecureBase accepts.",
        "Check that this is a SecureBase file; if it is, export a shorter period.",
    ),
    "not_age_file": Message(
        "This is not an encrypted SecureBase file.",
        "Choose the .age file that SecureBase wrote.",
    ),
    "not_for_this_identity": Message(
        "This file was not encrypted for your key, or its header is damaged.",
        "Check that the file was made for you; each client exports to the therapist "
        "named in their invitation.",
    ),
    "wrong_passphrase": Message(
        "That passphrase is not correct.",
        "Check Caps Lock and the keyboard layout, then try again.",
    ),
    "weak_passphrase": Message(
        "That passphrase would be too easy to guess, so it was not used. Nothing was created.",
        "Try four or five ordinary words that have nothing to do with each other or with you, "
        "for example a made-up scene such as 'copper kettle under the quiet bridge' (but not "
        "that one), at least 10 characters in all. Write it down and keep it somewhere safe.",
    ),
    "work_factor_invalid": Message(
        "SECUREBASE_WORK_FACTOR is set to a value SecureBase does not accept.",
        "It is meant for automated tests only (4 to 22). Remove it from your environment.",
    ),
    "unlock_throttled": Message(
        "Several wrong passphrases were tried in a row, so SecureBase waits a little "
        "before the next try.",
        "Wait the time shown, then type the passphrase slowly; the wait is never longer "
        "than a minute and ends with the first right passphrase.",
    ),
    "too_many_recipients": Message(
        "The file is addressed to more people than a SecureBase file can be (16 at most).",
        "Nothing was read from it. SecureBase never writes such files; ask for the file to "
        "be exported again.",
    ),
    "revision_conflict": Message(
        "This export changes an entry that was already imported without marking it as a new "
        "version, so it was not imported. What you have stays as it was.",
        "Ask the client to export again. If it happens again, the file may have been altered "
        "by someone using the client's key: check the key code with the client.",
    ),
    "tampered": Message(
        "The file is damaged, incomplete, or was changed after it was encrypted.",
        "Nothing was read from it. Ask for the file to be sent again.",
    ),
    "unsigned": Message(
        "The file opens but carries no SecureBase signature.",
        "Only files written by SecureBase can be used; ask the sender to export again.",
    ),
    "wrong_kind": Message(
        "This is a different kind of SecureBase file than expected.",
        "For example, a homework pack cannot be imported as a journal export.",
    ),
    "unsupported_version": Message(
        "The file was written by a newer version of SecureBase.",
        "Update SecureBase, then open the file again.",
    ),
    "bad_signature": Message(
        "The file's signature does not match its contents.",
        "Do not rely on this file; ask the sender to export it again.",
    ),
    "unexpected_signer": Message(
        "The file was signed by a different key than the one on record.",
        "If the sender set SecureBase up again, compare their new fingerprint in person "
        "before accepting it.",
    ),
    "recipient_mismatch": Message(
        "The file was signed for someone else and then re-encrypted for you.",
        "Do not rely on it; ask the sender to export directly to you.",
    ),
    "identity_file_invalid": Message(
        "The identity file is damaged or is not a SecureBase identity.",
        "Restore identity.age from your backup.",
    ),
    "envelope_error": Message(
        "The encrypted file could not be opened.",
        "Ask for the file to be sent again.",
    ),
    "invalid_invitation": Message(
        "That invitation code is not valid.",
        "Check each character against the printed sheet, or scan its QR code instead.",
    ),
    "store_error": Message(
        "The encrypted database could not be used.",
        "Try again; if it keeps happening, restore from the .prev file or a backup.",
    ),
    "store_busy": Message(
        "Another SecureBase window or command is saving right now.",
        "Wait a moment and try again.",
    ),
    "store_missing": Message(
        "No journal or vault was found here.",
        "Check the folder (--home / --vault), or set one up first.",
    ),
    "store_exists": Message(
        "There is already a journal or vault here.",
        "Nothing was changed. Choose another folder to start a new one.",
    ),
    "disk_full": Message(
        "The disk is full, so the change could not be saved.",
        "Nothing was changed and your earlier data is safe. Free some space, then try again.",
    ),
    "not_writable": Message(
        "SecureBase cannot write to this folder (it is read-only or not yours to change).",
        "Nothing was changed. Check the folder's permissions or the disk, then try again.",
    ),
    "store_full": Message(
        "This would make the encrypted database larger than SecureBase can open (1 GiB), "
        "so it was not saved. Nothing changed.",
        "Nothing is lost. Keep a copy with 'securebase vault export', then start a new vault "
        "for further imports, or ask the client to send shorter exports.",
    ),
    "store_too_new": Message(
        "This database was saved by a newer version of SecureBase.",
        "Update SecureBase, then open it again.",
    ),
    "address_not_local": Message(
        "SecureBase only listens on this computer (a loopback address such as 127.0.0.1).",
        "Leave out --address, or add --allow-network if other computers must reach it "
        "(read the warning it prints first). Nothing was started.",
    ),
    "fonts_missing": Message(
        "The fonts SecureBase prints with are not installed on this computer.",
        "Install the Debian packages fonts-dejavu-core, fonts-wqy-zenhei and fonts-symbola "
        "(scripts/ensure_system_packages.sh does it), then print again.",
    ),
    "invalid_period": Message(
        "That date range ends before it starts.",
        "Choose a start date on or before the end date (the end defaults to today).",
    ),
    "entry_not_found": Message(
        "No entry has that id.",
        "Use the id shown by 'list' (the first 8 characters are enough).",
    ),
    "entry_ambiguous": Message(
        "More than one entry starts with that id.",
        "Type a few more characters of the id.",
    ),
    "export_not_found": Message(
        "No export with that number was made from this journal.",
        "Make one first with 'securebase-journal export'; each export's number is shown "
        "when it is made.",
    ),
    "vault_error": Message(
        "The vault could not complete that.",
        "Try again; if it keeps happening, run the command with --debug.",
    ),
    "unknown_client": Message(
        "This export is from a client who is not in this vault.",
        "Add the client first (securebase client add), or check that it is your client's file.",
    ),
    "client_not_found": Message(
        "No client in this vault matches that name or id.",
        "See 'securebase client list' (add --all to include archived clients).",
    ),
    "invalid_label": Message(
        "That name cannot be used.",
        "Use 1-60 characters of plain text for your name and 1-80 for a client's label.",
    ),
    "invalid_journal_address": Message(
        "That web journal address cannot be used.",
        "Use the full https:// address where the practice's web journal is hosted, "
        "without a # part (http:// only for this computer, such as http://127.0.0.1:8502/).",
    ),
    "invalid_record": Message(
        "That note or assignment could not be saved as it is.",
        "Check the dates (the end after the start), the frequency and the length.",
    ),
    "ambiguous_client": Message(
        "More than one client matches that name.",
        "Use the client id shown by 'securebase client list'.",
    ),
    "client_archived": Message(
        "This client is archived.",
        "Restore the client (securebase client restore) to import their exports.",
    ),
    "key_changed": Message(
        "This export is signed with a different key than the client's earlier exports.",
        "If the client set up SecureBase again, compare the new fingerprint with them in "
        "person, then run 'securebase client confirm CLIENT FINGERPRINT' and import again.",
    ),
    "key_conflict": Message(
        "A second device answered this client's invitation with a different key. The export "
        "was held, not imported: only one of the two can be the client.",
        "Ask the client, in session, for the key code their journal shows; then run "
        "'securebase client confirm CLIENT FINGERPRINT' with it (see 'securebase client list').",
    ),
    "key_not_confirmed": Message(
        "This client's key has not been confirmed yet, so nothing is sealed to it.",
        "Check the key code the client's journal shows against 'securebase client list', then "
        "run 'securebase client confirm CLIENT FINGERPRINT'.",
    ),
    "fingerprint_unknown": Message(
        "No export signed with that key code has reached this client's record.",
        "Check the code for typing slips (it has four groups of four), or import the "
        "client's export first.",
    ),
    "key_mismatch": Message(
        "The keys named inside this export do not match the key that signed it.",
        "Do not rely on this file; ask the client to export again.",
    ),
    "invalid_measure_choice": Message(
        "Those questionnaires cannot be chosen together for a client.",
        "Choose one or more of gad7, phq9 and phq8, and not phq9 and phq8 together "
        "(the PHQ-8 is the PHQ-9 without item 9). Nothing was changed.",
    ),
    "flag_not_found": Message(
        "No flag of this client matches that reference, or more than one does.",
        "Use the flag id shown by 'securebase flags list CLIENT' (at least its first "
        "4 characters). Nothing was marked reviewed.",
    ),
    "no_pending_key": Message(
        "There is no new key waiting to be accepted for this client.",
        "A new key appears here after an export signed with it was refused.",
    ),
    "label_taken": Message(
        "Another client already has that name.",
        "Choose a name that tells them apart, such as adding an initial.",
    ),
    "vault_format_unknown": Message(
        "This folder does not hold a SecureBase vault this version can read.",
        "Check the --vault folder, or update SecureBase.",
    ),
    "homework_error": Message(
        "That homework change could not be made.",
        "Try again; if it keeps happening, run the command with --debug.",
    ),
    "unknown_exercise": Message(
        "There is no exercise with that key in the homework catalogue.",
        "See 'securebase homework exercises' for the keys, or add your own exercise.",
    ),
    "exercise_exists": Message(
        "An exercise with that key already exists.",
        "Choose another key (lower case letters, digits and _).",
    ),
    "assignment_exists": Message(
        "This client already has that exercise assigned for those dates.",
        "Change how often in the current assignment, or end it first, then assign again.",
    ),
    "assignment_not_found": Message(
        "No homework assignment has that id.",
        "Use the id shown by 'homework list' (the first 8 characters are enough).",
    ),
    "assignment_ambiguous": Message(
        "More than one homework assignment matches that.",
        "Type a few more characters of the id.",
    ),
    "no_client_key": Message(
        "This client has not sent an export yet, so there is no key to encrypt homework to.",
        "Import the client's first export, then make the homework pack.",
    ),
    "pack_not_for_you": Message(
        "This homework pack was made for someone else.",
        "Nothing was changed. Ask your therapist for your own homework pack.",
    ),
    "invalid_crisis_resources": Message(
        "That list of crisis resources cannot be used.",
        "Give 1-8 resources, each with a name and how to reach it (plain text, up to "
        "300 characters each); a source is optional. Nothing was changed.",
    ),
    "pack_invalid": Message(
        "This homework pack does not follow the SecureBase homework format.",
        "Nothing was changed. Ask your therapist to make the pack again.",
    ),
    "error": Message(
        "Something went wrong.",
        "Try again; if it keeps happening, run the command with --debug.",
    ),
}


#: Printed to stderr when a front end listens on a non-loopback address by request.
NETWORK_WARNING = (
    "warning: listening on {address}, which other computers on the network can reach. "
    "Anyone who can reach it can try passphrases and, once it is unlocked, see what "
    "the window shows. Use this only on a network you trust, and stop it when done."
)


def describe(error: SecureBaseError) -> Message:
    """The catalogue entry for an error, with its details appended to the text."""
    entry = CATALOGUE.get(error.code, CATALOGUE["error"])
    detail = str(error)
    return Message(f"{entry.text} ({detail})" if detail else entry.text, entry.hint)


def terminal_report(
    error: SecureBaseError, words: Callable[[SecureBaseError], Message] = describe
) -> str:
    """The lines a command line prints to stderr for an error (``error:`` ... ``hint:``)."""
    message = words(error)
    return f"error: {message.text}\nhint: {message.hint}"


def run_guarded(
    command: Callable[[], object],
    argv: list[str],
    words: Callable[[SecureBaseError], Message] = describe,
) -> None:
    """Run a command-line entry point, turning core errors into two calm lines.

    This is the single translation point for both command lines: a
    ``SecureBaseError`` prints ``error:``/``hint:`` to stderr and exits 1;
    with ``--debug`` in ``argv`` the traceback is shown instead. The client's
    command line passes ``securebase.messages_client.describe_for_client``.
    """
    try:
        command()
    except SecureBaseError as error:
        if "--debug" in argv:
            raise
        sys.stderr.write(terminal_report(error, words) + "\n")
        raise SystemExit(1) from None
