"""The client's part of the message catalogue: refusals in a client's own words.

A client reads these in ``securebase-journal`` (and any client front end).
Rules, on top of ``securebase.messages``:
- no therapist words ("vault", therapist commands) and no developer words
  (field paths such as ``urge.acted``, vocabulary keys, validator phrases);
- a problem with something typed names the question as the client saw it
  (``FIELD_QUESTIONS``) and says what would work (``_RULES``), never the
  value typed;
- every refusal a client can meet is here or in ``securebase.messages``
  (a test walks them: ``tests/test_client_words.py``).
"""

import re

from securebase.errors import DocumentError, Problem, SecureBaseError
from securebase.messages import CATALOGUE, Message

#: Where a client's wording differs from the shared catalogue.
CLIENT_CATALOGUE: dict[str, Message] = {
    "entry_invalid": Message(
        "Some of what you entered could not be saved:",
        "Change the answers named above and try again; nothing was saved.",
    ),
    "store_missing": Message(
        "No journal was found here.",
        "Set one up with 'securebase-journal init' and the code from your therapist, "
        "or check the folder (--home).",
    ),
    "store_exists": Message(
        "There is already a journal here.",
        "Nothing was changed. Choose another folder (--home) to start a new one.",
    ),
    "store_error": Message(
        "Your journal could not be opened or saved just now.",
        "Try again. If it keeps happening, your previous copy is kept beside it as "
        "journal.db.age.prev; your therapist can help you restore it.",
    ),
    "store_full": Message(
        "Your journal has grown too large to save this change, so it was not saved.",
        "Everything already in your journal is kept. Send an export to your therapist and "
        "ask them how to start a fresh journal.",
    ),
    "store_too_new": Message(
        "Your journal was saved by a newer version of SecureBase.",
        "Update SecureBase, then open it again.",
    ),
    "not_for_this_identity": Message(
        "This file was not made for you.",
        "Nothing was changed. Ask your therapist for your own file.",
    ),
    "invalid_period": Message(
        "Those dates end before they start.",
        "Choose a start date on or before the end date (the end is today unless you say).",
    ),
    "error": Message(
        "Something went wrong, and nothing was changed.",
        "Try again; if it keeps happening, run the same command with --debug and show "
        "the output to someone who helps you with your computer (it holds none of your words).",
    ),
}

#: Each part of an entry, a homework log or a check-in, named as the client's questions name it.
FIELD_QUESTIONS: dict[str, str] = {
    "": "Your entry",
    "id": "The entry's id",
    "situation": "What happened",
    "occurred_at": "When it happened",
    "triggers": "What set it off",
    "trigger_note": "About what set it off",
    "emotions": "Feelings",
    "emotions.emotion": "Feelings",
    "emotions.intensity": "How strong a feeling was",
    "body_sensations": "What you noticed in your body",
    "automatic_thought": "The thought",
    "belief_before": "How much you believed the thought",
    "distress_before": "How distressed you felt",
    "distress_after": "How distressed you feel now",
    "urge": "The urge to seek reassurance",
    "urge.intensity": "How strong the urge to seek reassurance was",
    "urge.acted": "Whether you acted on the urge",
    "urge.behaviours": "What you did, or felt like doing",
    "urge.delay_minutes": "How many minutes you waited with the urge",
    "soothing": "What you did to soothe yourself",
    "soothing.technique": "What you did to soothe yourself",
    "soothing.minutes": "Minutes spent soothing yourself",
    "challenge": "A closer look at the thought",
    "challenge.distortions": "Thinking patterns",
    "challenge.evidence_for": "What fits the thought",
    "challenge.evidence_against": "What does not fit it",
    "challenge.balanced_thought": "A kinder, more balanced way to see it",
    "challenge.belief_after": "How much you believe the thought now",
    "need_statement": "Your “I” statement",
    "need_statement.text": "Your “I” statement",
    "need_statement.shared": "Whether you shared your “I” statement",
    "partner_positive": "What your partner did",
    "assignment_id": "Which homework it is for",
    "tags": "Tags",
    "recorded_at": "When it was written down",
    "done_at": "When you did the exercise",
    "minutes": "How many minutes it took",
    "helpfulness": "How helpful it was",
    "note": "Your note",
    "answers": "Your answers",
    "completed_at": "When you answered",
}

#: Rules of the model (``securebase.documents._rule`` and the validators in
#: ``securebase.journal``) in plain words; the first pattern that matches wins.
_RULES: tuple[tuple[str, str], ...] = (
    (r"^is required$", "needs an answer"),
    (r"^is not a field of this format$", "is not part of a journal entry"),
    (r"at least 1 character|^must not be blank$", "cannot be left empty"),
    (r"at most (\d+) characters", "please keep it under {0} characters"),
    (r"at most (\d+) items", "please give at most {0}"),
    (r"less than or equal to (\d+)", "please use a number no higher than {0}"),
    (r"greater than or equal to (\d+)", "please use a number no lower than {0}"),
    (r"valid integer|valid number|whole number", "please use a whole number"),
    (r"valid boolean|yes or no", "please answer yes or no"),
    (r"^should be '", "something there is not on the list of choices"),
    (r"must not repeat", "something there is given twice"),
    (r"control characters", "some hidden characters came in; please type it again"),
    (
        r"date order unknown",
        "that date can be read two ways; say how you write dates with "
        "'securebase-journal settings --date-order day-first' (or month-first)",
    ),
    (r"ISO 8601|date and time", "I could not read that time; try 21:30 or yesterday 9pm"),
    (r"must lie between", "that date is very far off; please check the year"),
    (r"valid UUID", "that is not a valid id"),
    (r"valid dictionary|valid list|valid string", "is in the wrong form (see docs/FORMAT.md)"),
)

#: Whole-entry rules, which the model states without a field path.
_ENTRY_RULES: dict[str, tuple[str, str]] = {
    "occurred_at must not be later than recorded_at": (
        "occurred_at",
        "that time has not come yet",
    ),
    "emotions must not rate the same emotion twice": ("emotions", "each feeling can be rated once"),
}

UNKNOWN_NAME = "One of the names given"
_ROW = re.compile(r"^((?:row|entry) \d+)(?:, )?(.*)$")
_INDEX = re.compile(r"\[\d+\]")


def question_for(path: str) -> str:
    """The question a field path belongs to ("urge.acted" -> "Whether you acted on the urge")."""
    plain = _INDEX.sub("", path)
    while plain and plain not in FIELD_QUESTIONS:
        plain = plain.rpartition(".")[0]
    if path and not plain:
        return UNKNOWN_NAME
    return FIELD_QUESTIONS[plain]


def problem_words(problem: Problem) -> str:
    """One problem as a client reads it: "Row 3, How strong ...: please use a number ..."."""
    where, path = "", problem.path
    row = _ROW.match(path)
    if row:
        where, path = row[1].capitalize() + ", ", row[2]
    rule = problem.rule
    if not path and rule in _ENTRY_RULES:
        path, words = _ENTRY_RULES[rule]
    else:
        words = _rule_words(rule)
    question = question_for(path)
    if where:
        question = question[0].lower() + question[1:]
    return f"{where}{question}: {words}."


def _rule_words(rule: str) -> str:
    for pattern, words in _RULES:
        found = re.search(pattern, rule)
        if found:
            return words.format(*found.groups())
    return "could not be saved as it is"


def describe_for_client(error: SecureBaseError) -> Message:
    """The catalogue entry for an error, in a client's words (no paths, no keys)."""
    entry = CLIENT_CATALOGUE.get(error.code) or CATALOGUE.get(error.code, CLIENT_CATALOGUE["error"])
    if isinstance(error, DocumentError) and error.code == "entry_invalid":
        lines = [problem_words(problem) for problem in error.problems[:10]]
        more = len(error.problems) - len(lines)
        if more > 0:
            lines.append(f"and {more} more.")
        return Message("\n".join([entry.text, *(f"  - {line}" for line in lines)]), entry.hint)
    return Message(entry.text, entry.hint)
