"""Core errors in the dashboard's words: the catalogue's sentence, a hint a page can act on.

Rules:
- the sentence is always the catalogue's (``securebase.messages``): one
  wording for what went wrong, whichever front end shows it;
- the hint is the catalogue's unless it tells the reader to type a command
  or a command-line option; then ``PAGE_HINTS`` says what to do on these
  pages instead (``tests/test_page_messages.py`` holds every code to that);
- no client text, no traceback, no internal key.
"""

from securebase.errors import SecureBaseError
from securebase.messages import Message, describe

#: Hints for codes whose catalogue hint speaks to a command line.
PAGE_HINTS = {
    "store_missing": "Check the vault folder the dashboard was started with, or create a vault.",
    "address_not_local": "Start the dashboard without a network address; nothing was started.",
    "vault_error": "Try again; if it keeps happening, lock the vault, unlock it and try once more.",
    "homework_error": "Try again; if it keeps happening, lock the vault, unlock it and try again.",
    "error": "Try again; if it keeps happening, lock the vault, unlock it and try once more.",
    "unknown_client": "Add the client on the Caseload page first, or check that it is your "
    "client's file.",
    "client_not_found": "Pick the client from the Caseload page.",
    "ambiguous_client": "Pick the client from the Caseload page.",
    "client_archived": "Restore the client to import their exports.",
    "key_changed": "If the client set up SecureBase again, compare the new fingerprint with "
    "them in person; then accept their new key and import the file again.",
    "vault_format_unknown": "Check the vault folder, or update SecureBase.",
    "unknown_exercise": "Pick an exercise from the list, or add your own exercise.",
    "assignment_not_found": "Reload the page: the assignment may have been changed elsewhere.",
    "flag_not_found": "Reload the client's page: the flag may have been marked reviewed "
    "elsewhere. Nothing was marked reviewed.",
    "key_conflict": "Ask the client, in session, for the key code their journal shows, and "
    "type it under 'Confirm each key' on the Caseload page.",
    "key_not_confirmed": "Ask the client, in session, for the key code their journal shows, "
    "and type it under 'Confirm each key' on the Caseload page.",
    "store_full": "Nothing is lost: the vault is as it was. Ask the client to send shorter "
    "exports, a few weeks at a time.",
}


def page_message(error: SecureBaseError) -> Message:
    """The catalogue's words for ``error``, with a hint worded for a page."""
    message = describe(error)
    return Message(message.text, PAGE_HINTS.get(error.code, message.hint))


def page_hint(error: SecureBaseError | None) -> str:
    return page_message(error).hint if error is not None else ""
