"""Running a guided flow so that no answer is ever lost.

``run_guided`` wraps a walk (``clienttools.prompts.walk_entry``, a check-in,
a homework log, ...) that asks its questions through an ``Asker``:
- before the first question, an unfinished draft of the same flow is
  offered: continue it (its answers are replayed quietly) or discard it;
- after every accepted answer the draft is saved, encrypted
  (``clienttools.draft_file``);
- ``<`` goes back one question: the walk is replayed without its last answer;
- Ctrl+C, Ctrl+D or a closed terminal keep the draft (after Ctrl+C, with
  the words typed on the unfinished line) and end the command calmly;
- the caller saves the result to the journal and only then calls
  ``Guided.finish``, which removes the draft; if saving fails, the draft stays.
The journal must already be unlocked (its identity encrypts the draft).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import click

from clienttools import line_input
from clienttools.asking import FIRST_QUESTION, Asker, GoBack, Tape
from clienttools.draft_file import DraftFile
from clienttools.home import ClientHome
from clienttools.journal import ClientJournal, local_now
from clienttools.settings import day_first, set_day_first
from securebase.errors import Tampered

T = TypeVar("T")

OFFER_DRAFT = "You have unfinished answers from {started} ({count}). Continue them? (y/n)"
CONFIRM_DISCARD = "Delete those unfinished answers and start afresh? (y/n)"
DRAFT_UNREADABLE = (
    "Unfinished answers were kept in {file}, but they could not be opened with this "
    "journal's key, so they are left as they are. Move that file elsewhere to start afresh."
)
DRAFT_KEPT = "Your unfinished answers are kept. Run the same command again to continue."
PAUSED = (
    "Paused. Your answers so far are kept, locked with your passphrase.\n"
    "Run the same command again to continue where you left off."
)
RESUMING = "Continuing where you left off."
NOTHING_KEPT = "Nothing was saved (there were no answers yet)."
BACK_ONE = "Back one question."
ANSWER_YES_NO = "Please answer y or n."


@dataclass
class Guided:
    """What a finished walk gave, and the draft to remove once it is saved."""

    result: object
    draft: DraftFile

    def finish(self) -> None:
        self.draft.discard()


def run_guided(
    journal: ClientJournal,
    home: ClientHome,
    flow: str,
    intro: str,
    walk: Callable[[Asker], T],
    *,
    editing: bool = False,
    now: datetime | None = None,
    latest: datetime | None = None,
) -> Guided:
    now = now or local_now()
    draft = DraftFile(home, journal.identity, flow)
    tape = None
    with line_input.catching_interruptions():
        try:
            tape = _tape(draft, _offer(draft), now)
            click.echo(intro)
            if tape.answers:
                click.echo(RESUMING)
                line_input.remember([answer for _question, answer in tape.answers])
            ask = Asker(
                editing=editing,
                now=now,
                latest=latest or now,
                tape=tape,
                day_first=day_first(journal),
                remember_day_first=lambda choice: set_day_first(journal, choice),
            )
            return Guided(_walk_until_done(ask, walk), draft)
        except line_input.Interrupted as left:
            _leave(draft, tape, hangup=left.hangup)
    raise AssertionError("unreachable")  # pragma: no cover - _leave always exits


def _tape(draft: DraftFile, saved: dict, now: datetime) -> Tape:
    """The answers to continue from, saving the draft whenever they change."""
    tape = Tape(saved.get("answers"), saved.get("partial"))
    started = saved.get("started") or now.isoformat()
    tape.changed = lambda: draft.save(
        {"started": started, "answers": tape.answers, "partial": tape.partial}
    )
    return tape


def _walk_until_done(ask: Asker, walk: Callable[[Asker], T]) -> T:
    while True:
        ask.tape.rewind()
        try:
            return walk(ask)
        except GoBack:
            click.echo(BACK_ONE if ask.tape.back() else FIRST_QUESTION)


def _offer(draft: DraftFile) -> dict:
    """The draft to continue ({} for a fresh start); exits if the person keeps it for later."""
    try:
        saved = draft.load()
    except Tampered:  # never overwrite what cannot be read: it may hold someone's words
        click.echo(DRAFT_UNREADABLE.format(file=draft.path), err=True)
        raise click.exceptions.Exit(1) from None
    if not saved or not saved.get("answers"):
        return {}
    count = len(saved["answers"])
    started = datetime.fromisoformat(saved["started"])
    question = OFFER_DRAFT.format(
        started=f"{started:%a} {started.day} {started:%b}, {started:%H:%M}",
        count=f"{count} answer" if count == 1 else f"{count} answers",
    )
    if _yes(question):
        return saved
    if _yes(CONFIRM_DISCARD):
        draft.discard()
        return {}
    click.echo(DRAFT_KEPT)
    raise click.exceptions.Exit(1)


def _yes(question: str) -> bool:
    while True:
        answer = line_input.read_line(question + " ").strip().casefold()
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")
        click.echo(ANSWER_YES_NO)


def _leave(draft: DraftFile, tape: Tape | None, hangup: bool) -> None:
    if tape is not None and (tape.answers or tape.partial):
        tape.changed()  # keeps the words of the unfinished line too
        words = PAUSED
    else:
        words = DRAFT_KEPT if draft.exists() else NOTHING_KEPT
    if not hangup:  # a closed terminal cannot be written to
        click.echo("\n" + words, err=True)
    raise click.exceptions.Exit(129 if hangup else 1)
