"""Asking one question at a time in a terminal, calmly, until the answer fits.

Used by the guided flows (``clienttools.prompts``, ``clienttools.guided``).
Enter skips a question, or keeps the current value when editing; ``-``
clears a value when editing; ``<`` goes back one question (``GoBack``).
Wrong answers are re-asked with a short, kind word; nothing here raises for
a person's typing. Answers are checked against the same limits as the model
(``securebase.limits``), so what is asked here can be saved.

Every accepted answer goes on the ``Tape`` (what the encrypted draft keeps);
a flow run again over a tape replays its answers quietly and asks live from
where the tape ends. A time is kept as the moment it meant (ISO 8601), so
"yesterday 21:30" still means the same evening when a draft is resumed.
"""

import re
from collections.abc import Callable
from datetime import datetime, timedelta

import click

from clienttools import line_input
from clienttools.when import EXAMPLES, AmbiguousDate, WhenProblem, parse_when
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
AGAIN_NO_SUCH_DATE = "That date does not exist on the calendar; please check the day and month."
AGAIN_NO_SUCH_TIME = "That is not a time on the clock; try 21:30 or 9pm."
ASK_DATE_ORDER = "How do you write dates? (I will remember.)"
DATE_ORDER_CHOICES = ("Day first: {day} {month} {year}", "Month first: {month} {day}, {year}")
AGAIN_DATE_ORDER = "Please answer 1 or 2."
READ_AS = "  ({weekday} {day} {month} {year}, {clock})"


def read_as(moment: datetime) -> str:
    """How a time was understood, e.g. "  (Wed 2 Dec 2026, 21:30)" (portable: no %-d)."""
    return READ_AS.format(
        weekday=f"{moment:%a}",
        day=moment.day,
        month=f"{moment:%b}",
        year=moment.year,
        clock=f"{moment:%H:%M}",
    )


AGAIN_FUTURE = 'That time has not come yet. For last night, try "yesterday 21:30".'
AGAIN_TOO_EARLY = "That date is very far back; please check the year."
AGAIN_TOO_LONG = "That is a little long; please keep it under {limit} characters."
AGAIN_CONTROL = "Some hidden characters came in (an arrow key, perhaps); please type it again."

CLEAR = "-"
BACK = "<"
FIRST_QUESTION = "This is the first question."


class GoBack(Exception):
    """The person typed ``<``: go back one question."""


class Tape:
    """The accepted answers of one guided flow, in order: what a draft keeps.

    ``answers`` is a list of [question, answer]. ``rewind`` starts a replay:
    each question asked again gets its kept answer back, quietly, until the
    tape ends or a question differs (then the rest is dropped). ``changed``
    is called whenever the tape changes, to save the draft.
    """

    def __init__(self, answers=None, partial=None, changed: Callable[[], None] = lambda: None):
        self.answers: list[list[str]] = [list(pair) for pair in answers or []]
        self.partial: list[str] | None = list(partial) if partial else None
        self.changed = changed
        self.position = 0
        self._pending = False

    @property
    def replaying(self) -> bool:
        return self.position < len(self.answers)

    def rewind(self) -> None:
        self.position, self._pending = 0, False

    def replay(self, question: str) -> str | None:
        if self.replaying:
            kept_question, answer = self.answers[self.position]
            if kept_question == question and not self._pending:
                self._pending = True
                return answer
            del self.answers[self.position :]  # the flow went another way: ask from here
            self.changed()
        self._pending = False
        return None

    def keep(self, question: str, answer: str) -> None:
        if self._pending:
            self._pending = False
        else:
            self.answers.append([question, answer])
            self.partial = None
            self.changed()
        self.position += 1

    def back(self) -> bool:
        """Forget the last answer; False if there is none (the first question)."""
        if not self.answers:
            return False
        self.answers.pop()
        self.partial = None
        self.changed()
        return True

    def take_partial(self, question: str) -> str:
        if self.partial and self.partial[0] == question:
            return self.partial[1]
        return ""


_YES = {"y", "yes"}
_NO = {"n", "no"}


class Asker:
    """Asks one question at a time and re-asks gently until the answer fits.

    ``now`` is the moment "now" means; ``latest`` is the latest moment an
    entry may have happened (when it was written down, for an edit).
    """

    def __init__(
        self,
        *,
        editing: bool,
        now: datetime,
        latest: datetime,
        tape: Tape | None = None,
        day_first: bool | None = None,
        remember_day_first: Callable[[bool], None] = lambda _choice: None,
    ):
        self.editing = editing
        self.now = now
        self.latest = latest + timedelta(minutes=limits.CLOCK_SKEW_MINUTES)
        self.tape = tape or Tape()
        self.day_first = day_first
        self.remember_day_first = remember_day_first

    def say(self, text: str) -> None:
        """Show ``text``, unless answers are being replayed from a draft."""
        if not self.tape.replaying:
            click.echo(text)

    def text(self, question: str, current: str = "", *, required="", limit=None) -> str:
        """Free text; ``required`` is what to say when it is left blank (if it may not be)."""
        limit = limit or limits.MAX_TEXT_CHARS
        while True:
            answer = self._read(question, _shown(current))
            value = self._value(answer, current, "")
            problem = _text_problem(value, limit, required)
            if problem is None:
                self.tape.keep(question, answer)
                return value
            click.echo(problem)

    def number(
        self, question: str, low: int, high: int, current: int | None, *, again: str = ""
    ) -> int | None:
        """A whole number in ``low``..``high``; Enter skips (keeps, when editing) unless
        ``again`` is given: then an answer is required and ``again`` asks for it."""
        while True:
            answer = self._read(question, "" if current is None else str(current))
            value = _whole_number(answer)
            skips = self._keeps_or_clears(answer) and not again
            if skips or (value is not None and low <= value <= high):
                self.tape.keep(question, answer)
                return self._value(answer, current, None) if value is None else value
            words = again or (AGAIN_NUMBER_EDIT if self.editing else AGAIN_NUMBER)
            click.echo(words.format(low=low, high=high))

    def choices(self, question: str, vocabulary: type[Vocabulary], current: list) -> list[str]:
        options = list(vocabulary)
        self.say(question)
        for number, option in enumerate(options, start=1):
            self.say(f"  {number:>2}. {option.label}")
        shown = ", ".join(vocabulary(key).label for key in current)  # labels, never keys
        while True:
            answer = self._read(CHOICE_PROMPT, shown, key=question)
            chosen = None if self._keeps_or_clears(answer) else _match_choices(answer, options)
            if self._keeps_or_clears(answer) or chosen is not None:
                self.tape.keep(question, answer)
                return list(self._value(answer, current, [])) if chosen is None else chosen
            click.echo(AGAIN_CHOICE)

    def yes_no(self, question: str, current: bool | None, *, required=False) -> bool | None:
        shown = {True: "y", False: "n", None: ""}[current]
        while True:
            answer = self._read(question, shown).casefold()
            if answer == "" and (current is not None or not required):
                self.tape.keep(question, answer)
                return current
            if answer in _YES or answer in _NO:
                self.tape.keep(question, answer)
                return answer in _YES
            click.echo(AGAIN_YES_NO)

    def one_of(self, question: str, labels: list[str], *, again=AGAIN_ONE_CHOICE) -> int | None:
        self.say(question)
        for number, label in enumerate(labels, start=1):
            self.say(f"  {number:>2}. {terminal_safe(label)}")
        while True:
            answer = self._read(ONE_CHOICE_PROMPT, "", key=question)
            if not answer or (answer.isdigit() and 1 <= int(answer) <= len(labels)):
                self.tape.keep(question, answer)
                return int(answer) - 1 if answer else None
            click.echo(again)

    def when(self, question: str, current: str | None) -> str:
        """An ISO 8601 moment: Enter keeps ``current`` (or means now, for a new entry)."""
        shown = f"{datetime.fromisoformat(current):%Y-%m-%d %H:%M}" if current else ""
        while True:
            answer = self._read(question, shown)
            if not answer:
                chosen = current or self.now.isoformat()
                self.tape.keep(question, "" if current else chosen)  # "now" is kept as it was
                return chosen
            moment, problem = self._moment(answer)
            problem = problem or self._time_problem(moment)
            if problem is None:
                if answer != moment.isoformat():
                    self.say(read_as(moment))
                self.tape.keep(question, moment.isoformat())
                return moment.isoformat()
            click.echo(problem)

    def _moment(self, answer: str) -> tuple[datetime | None, str | None]:
        try:
            return parse_when(answer, self.now, day_first=self.day_first), None
        except AmbiguousDate as both:
            self.day_first = self._ask_date_order(both)
        except WhenProblem as problem:
            return None, _WHEN_AGAIN.get(problem.kind, AGAIN_WHEN)
        return self._moment(answer)

    def _ask_date_order(self, both: AmbiguousDate) -> bool:
        """Ask once how this person writes dates, and remember it (not part of the draft)."""
        labels = [
            choice.format(day=day.day, month=f"{day:%B}", year=day.year)
            for choice, day in zip(
                DATE_ORDER_CHOICES, (both.day_first, both.month_first), strict=True
            )
        ]
        click.echo(ASK_DATE_ORDER)
        for number, label in enumerate(labels, start=1):
            click.echo(f"  {number}. {label}")
        while True:
            answer = self._read(ONE_CHOICE_PROMPT, "", key=ASK_DATE_ORDER, taped=False)
            if answer in ("1", "2"):
                self.remember_day_first(answer == "1")
                return answer == "1"
            click.echo(AGAIN_DATE_ORDER)

    def _time_problem(self, moment: datetime) -> str | None:
        if moment > self.latest:
            return AGAIN_FUTURE
        if moment < limits.EARLIEST_TIMESTAMP:
            return AGAIN_TOO_EARLY
        return None

    def _read(self, question: str, shown: str, *, key: str | None = None, taped=True) -> str:
        """The next answer: from the tape when replaying, else typed (``<`` goes back)."""
        key = key or question
        if taped:
            kept = self.tape.replay(key)
            if kept is not None:
                return kept
        try:
            typed = line_input.read_line(_prompt(question, shown), self.tape.take_partial(key))
        except line_input.Interrupted as left:
            if taped and left.partial:
                self.tape.partial = [key, left.partial]
            raise
        answer = typed.strip()
        if answer == BACK:
            raise GoBack()
        return answer

    def _keeps_or_clears(self, answer: str) -> bool:
        return answer == "" or (answer == CLEAR and self.editing)

    def _value(self, answer: str, current, cleared):
        """Enter keeps ``current``; ``-`` clears it when editing; else the answer."""
        if answer == "":
            return current
        if answer == CLEAR and self.editing:
            return cleared
        return answer


_WHEN_AGAIN = {"no_such_date": AGAIN_NO_SUCH_DATE, "no_such_time": AGAIN_NO_SUCH_TIME}


def _prompt(question: str, shown: str) -> str:
    prompt = f"{question} [{shown}]" if shown else question
    return prompt + (" " if question.endswith(("?", ")")) else ": ")


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
