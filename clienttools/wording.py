"""Words the client tool says, kept in one place so they can be reviewed and edited.

Tone: calm, short, kind, never blaming. The urgent-help text is generic on
purpose (it must be right in any country); a practice can edit it here.
"""

URGENT_HELP = """\
This journal is private, and nobody reads it as you write. Your therapist
sees it only when you send an export, usually before your next session.

If you are in danger, or thinking about harming yourself, please do not wait:
  - call your local emergency number (for example 911, 112 or 999), or
  - call or text a crisis line in your country, or
  - go to the nearest emergency department, or ask someone you trust to take you.
"""

WELCOME = "Your journal is ready. It stays on this computer, locked with your passphrase."

CONFIRM_FINGERPRINT = (
    "In your next session, check that your therapist sees this same code:\n  {fingerprint}"
)

PASSPHRASE_HINT = (
    "Choose a passphrase only you know: a short sentence of four or more words works well. "
    "If it is lost, the journal cannot be opened."
)

SAVED_ENTRY = "Saved. Thank you for taking a moment to write this down."

EXPORT_HOLDS = "This file is for {therapist}. It holds:"
EXPORT_SAVED = "Saved to {file}. Only your therapist can open it."
EXPORT_EMPTY = (
    "Nothing is new or changed since the last file you sent, so there is no need to send this one."
)
EXPORT_CONFIRMED = "Thank you. Next time, only what is new or changed goes in."
EXPORT_NOT_YET_SENT = (
    "Nothing is marked as sent yet, so your next export will hold these entries too.\n"
    "Once you have sent this file, run: securebase-journal sent {sequence}"
)
EXPORT_CONFIRMED_LATER = (
    "Marked export {sequence} (made {made}) as sent. "
    "Next time, only what is new or changed goes in."
)

NOTHING_CHANGED = "Nothing was changed."


#: The client's own key code: the therapist types it to confirm this journal is theirs.
YOUR_FINGERPRINT = (
    "Your own key code, for your therapist to confirm in a session (until they do, they "
    "cannot send homework back to you):\n  {fingerprint}"
)


NOT_OFFERED = (
    "That questionnaire is not one your therapist chose for you. You can answer: {offered}."
)


_COUNT_NAMES = {
    "entries": ("entry", "entries"),
    "homework_logs": ("homework log", "homework logs"),
    "checkins": ("check-in", "check-ins"),
}
DELETED_NAMES = ("deleted entry", "deleted entries")


def count_words(counts: dict[str, int]) -> str:
    """'3 entries, 1 deleted entry, 1 homework log, 0 check-ins' from an export's counts.

    Deleted entries (which carry none of their words) are named only when there are some.
    """
    words = [
        f"{counts[name]} {one if counts[name] == 1 else many}"
        for name, (one, many) in _COUNT_NAMES.items()
    ]
    deleted = counts.get("deleted", 0)
    if deleted:
        words.insert(1, f"{deleted} {DELETED_NAMES[deleted != 1]}")
    return ", ".join(words)
