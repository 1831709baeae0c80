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

EXPORT_DONE = (
    "{counts}; for {therapist}.\nSaved to {file}. You can send this file to your therapist."
)

NOTHING_CHANGED = "Nothing was changed."


# -- the local app (clienttools/app.py) ------------------------------------

APP_TITLE = "My SecureBase journal"

NOT_MONITORED = (
    "Nobody reads this journal as you write. Your therapist sees it only when you send it."
)
URGENT_HELP_LABEL = "If you need help now"
NOT_OFFERED = (
    "That questionnaire is not one your therapist chose for you. You can answer: {offered}."
)

UNLOCK_INTRO = "Your journal is locked. Type your passphrase to open it on this computer."
NO_JOURNAL = "Set up your journal first with: securebase-journal init --invitation CODE"
LOCKED = "Your journal is locked again. See you next time."
IDLE_LOCKED = "Your journal was locked after {minutes} minutes without activity."

NEW_ENTRY_INTRO = (
    "Write down one moment that stirred up worry. Only “What happened” is needed; "
    "fill in whatever else feels useful, in your own words."
)
URGE_ACTED_OPTIONS = {False: "I waited, or let it pass", True: "I acted on it"}

WEEK_INTRO = "Your entries from the last 7 days, newest first."
WEEK_EMPTY = "No entries in the last 7 days yet. Whenever you are ready, “New entry” is there."

HOMEWORK_INTRO = "The exercises your therapist suggested. Log each time you practise."
HOMEWORK_NONE = "No homework yet. When your therapist sends some, it will appear here."
HOMEWORK_LOGGED = "Logged. Well done for making time for this."

CHECKIN_INTRO = "A short questionnaire you can answer every week or two."
CHECKIN_INCOMPLETE = "Please choose an answer for each of the seven questions."
CHECKIN_DONE = (
    "Thank you. Your total is {total} of {total_max}, in the “{band}” range. "
    "Your therapist will look at it with you; a single score is just one snapshot."
)

EXPORT_INTRO = (
    "This makes an encrypted file for {therapist}. It holds everything you wrote or "
    "changed since your last file, and everything from the last 7 days."
)
EXPORT_ONLY_THERAPIST = (
    "Only your therapist can open this file: it is encrypted to their key and signed with yours."
)
EXPORT_READY = "Your file is ready: {counts}. Download it and send it to your therapist."
EXPORT_FINGERPRINT = "Your therapist's key code (check it with them in a session): {fingerprint}"

#: Names of entry fields as the New entry page calls them (for error messages).
FIELD_NAMES = {
    "situation": "What happened",
    "occurred_at": "When it happened",
    "triggers": "What set it off",
    "emotions": "Feelings",
    "automatic_thought": "The thought",
    "belief_before": "How much you believed it",
    "distress_before": "Distress before",
    "distress_after": "Distress now",
    "urge": "The urge to seek reassurance",
    "urge.acted": "Did you act on the urge?",
    "urge.delay_minutes": "Minutes you waited",
    "soothing": "What helped",
    "challenge": "Challenge the thought",
    "challenge.belief_after": "Belief afterwards",
    "need_statement": "An “I” statement",
    "need_statement.text": "An “I” statement",
    "partner_positive": "What your partner did",
    "minutes": "Minutes",
    "helpfulness": "How helpful it was",
    "urge_before": "The urge before waiting",
    "urge_after": "The urge after waiting",
    "note": "Note",
}


_COUNT_NAMES = {
    "entries": ("entry", "entries"),
    "homework_logs": ("homework log", "homework logs"),
    "checkins": ("check-in", "check-ins"),
}


def count_words(counts: dict[str, int]) -> str:
    """'3 entries, 1 homework log, 0 check-ins' from an export's counts."""
    return ", ".join(
        f"{counts[name]} {one if counts[name] == 1 else many}"
        for name, (one, many) in _COUNT_NAMES.items()
    )
