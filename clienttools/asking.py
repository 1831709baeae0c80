"""Asking one question at a time in a terminal, calmly, until the answer fits.

Used by the guided entry (``clienttools.prompts``). Enter skips a question,
or keeps the current value when editing; ``-`` clears a value when editing.
Wrong answers are re-asked with a short, kind word; nothing here raises for
a person's typing. Answers are checked against the same limits as the model
(``securebase.limits``), so what is asked here can be saved.
"""

import re
from datetime import datetime, timedelta

import click

from clienttools.when import EXAMPLES, parse_when
from securebase import limits
from securebase.display import shorten, terminal_safe
from securebase.journal import has_control_characters
from securebase.vocabulary import Vocabulary

CHOICE_PROMPT = "Numbers or names, separated by commas"
ONE_CHOICE_PROMPT = "Number"

AGAIN_NUMBER = "Please give a number from {low} to {high}, or press Enter to skip."
AGAIN_NUMBER_EDIT = "Please give a number from {low} to {high}, or press Enter to keep it."
AGAIN_CHOICE = "Some of that is not on the list. Please use the numbers or names shown."
AGAIN_ONE_CHOICE = "Please give one of the numbers shown, or press Enter to skip."
AGAIN_YES_NO = "Please answer y or n."
AGAIN_WHEN = "I could not read that time. Try " + EXAMPLES + "."
AGAIN_FUTURE = 'That time has not come yet. For last night, try "yesterday 21:30".'
AGAIN_TOO_EARLY = "That date is very far back; please check the year."
AGAIN_TOO_LONG = "That is a little long; please keep it under {limit} characters."
AGAIN_CONTROL = "Some hidden characters came in (an arrow key, perhaps); please type it again."

CLEAR = "-"
_YES = {"y", "yes"}
_NO = {"n", "no"}


class Asker:
    """Asks one question at a time and re-asks gently until the answer fits.

    ``now`` is the moment "now" means; ``latest`` is the latest moment an
    entry may have happened (when it was written down, for an edit).
    """

    def __init__(self, *, editing: bool, now: datetime, latest: datetime):
        self.editing = editing
        self.now = now
        self.latest = latest + timedelta(minutes=limits.CLOCK_SKEW_MINUTES)

    def text(self, question: str, current: str = "", *, required="", limit=None) -> str:
        """Free text; ``required`` is what to say when it is left blank (if it may not be)."""
        limit = limit or limits.MAX_TEXT_CHARS
        while True:
            answer = _answer(question, _shown(current))
            value = self._value(answer, current, "")
            problem = _text_problem(value, limit, required)
            if problem is None:
                return value
            click.echo(problem)

    def number(self, question: str, low: int, high: int, current: int | None) -> int | None:
        while True:
            answer = _answer(question, "" if current is None else str(current))
            if self._keeps_or_clears(answer):
                return self._value(answer, current, None)
            value = _whole_number(answer)
            if value is not None and low <= value <= high:
                return value
            again = AGAIN_NUMBER_EDIT if self.editing else AGAIN_NUMBER
            click.echo(again.format(low=low, high=high))

    def choices(self, question: str, vocabulary: type[Vocabulary], current: list) -> list[str]:
        options = list(vocabulary)
        click.echo(question)
        for number, option in enumerate(options, start=1):
            click.echo(f"  {number:>2}. {option.label}")
        while True:
            answer = _answer(CHOICE_PROMPT, ", ".join(current))
            if self._keeps_or_clears(answer):
                return list(self._value(answer, current, []))
            chosen = _match_choices(answer, options)
            if chosen is not None:
                return chosen
            click.echo(AGAIN_CHOICE)

    def yes_no(self, question: str, current: bool | None, *, required=False) -> bool | None:
        shown = {True: "y", False: "n", None: ""}[current]
        while True:
            answer = _answer(question, shown).casefold()
            if answer == "" and (current is not None or not required):
                return current
            if answer in _YES or answer in _NO:
                return answer in _YES
            click.echo(AGAIN_YES_NO)

    def one_of(self, question: str, labels: list[str]) -> int | None:
        click.echo(question)
        for number, label in enumerate(labels, start=1):
            click.echo(f"  {number:>2}. {terminal_safe(label)}")
        while True:
            answer = _answer(ONE_CHOICE_PROMPT, "")
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(labels):
                return int(answer) - 1
            click.echo(AGAIN_ONE_CHOICE)

    def when(self, question: str, current: str | None) -> str:
        """An ISO 8601 moment: Enter keeps ``current`` (or means now, for a new entry)."""
        shown = f"{datetime.fromisoformat(current):%Y-%m-%d %H:%M}" if current else ""
        while True:
            answer = _answer(question, shown)
            if not answer:
                return current or self.now.isoformat()
            try:
                moment = parse_when(answer, self.now)
            except ValueError:
                click.echo(AGAIN_WHEN)
                continue
            problem = self._time_problem(moment)
            if problem is None:
                return moment.isoformat()
            click.echo(problem)

    def _time_problem(self, moment: datetime) -> str | None:
        if moment > self.latest:
            return AGAIN_FUTURE
        if moment < limits.EARLIEST_TIMESTAMP:
            return AGAIN_TOO_EARLY
        return None

    def _keeps_or_clears(self, answer: str) -> bool:
        return answer == "" or (answer == CLEAR and self.editing)

    def _value(self, answer: str, current, cleared):
        """Enter keeps ``current``; ``-`` clears it when editing; else the answer."""
        if answer == "":
            return current
        if answer == CLEAR and self.editing:
            return cleared
        return answer


def _answer(question: str, shown: str) -> str:
    prompt = f"{question} [{shown}]" if shown else question
    suffix = " " if question.endswith(("?", ")")) else ": "
    return click.prompt(prompt, default="", show_default=False, prompt_suffix=suffix).strip()


def _shown(text: str) -> str:
    return terminal_safe(shorten(text, 40)) if text else ""


def _text_problem(value: str, limit: int, required: str) -> str | None:
    if required and not any(ch.isprintable() and not ch.isspace() for ch in value):
        return required
    if len(value) > limit:
        return AGAIN_TOO_LONG.format(limit=limit)
    if has_control_characters(value):
        return AGAIN_CONTROL
    return None


def _whole_number(text: str) -> int | None:
    digits = text.removesuffix("%").strip()
    return int(digits) if re.fullmatch(r"\d{1,7}", digits) else None


def _match_choices(answer: str, options: list[Vocabulary]) -> list[str] | None:
    """Keys for "1, 3" or "delayed_reply, conflict" or labels; None if any is unknown."""
    chosen: list[str] = []
    for word in _words(answer):
        option = _match_one(word, options)
        if option is None:
            return None
        if option.value not in chosen:
            chosen.append(option.value)
    return chosen


def _words(answer: str) -> list[str]:
    """The parts of an answer: split at commas or semicolons, and "1 3" at spaces."""
    words = []
    for part in re.split(r"[,;]", answer):
        word = part.strip()
        words += word.split() if re.fullmatch(r"\d+(\s+\d+)+", word) else [word] * bool(word)
    return words


def _match_one(word: str, options: list[Vocabulary]) -> Vocabulary | None:
    if word.isdigit():
        number = int(word)
        return options[number - 1] if 1 <= number <= len(options) else None
    key = re.sub(r"[\s-]+", "_", word.casefold())
    for option in options:
        if key == option.value or word.casefold() == option.label.casefold():
            return option
    return None
