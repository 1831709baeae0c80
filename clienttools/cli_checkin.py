"""``securebase-journal checkin``: a short questionnaire, asked one item at a time.

The journal is unlocked before the first item; the answers are kept in an
encrypted draft as they are given (``clienttools.guided``), ``<`` goes back
one item, and Ctrl+C keeps them for next time. ``--answers`` is for scripts.
"""

import click

from clienttools import safety, wording
from clienttools.asking import Asker
from clienttools.cli_context import Context, pass_context
from clienttools.guided import run_guided
from clienttools.homework_import import measures_offered
from commandline.terminal import emit, json_option
from securebase.measures import MEASURES, MeasureSpec
from securebase.vocabulary import MeasureKey

#: The questionnaires a client can answer here (their command-line names): the registry's.
CLIENT_MEASURES = tuple(str(key) for key in MEASURES)

ITEM_AGAIN = "Please choose a number from {low} to {high}."
ANSWERS_AGAIN = "Give {count} numbers from {low} to {high}, separated by commas."
NO_SUCH_MEASURE = "There is no questionnaire called that here. You can answer: {names}."
INTRO = "{title}: {count} short questions. Type < to go back one; Ctrl+C keeps your answers."
DONE = (
    "Thank you. Your {title} total is {total} of {total_max} ({band}).\n"
    "Your therapist will look at it with you; a single score is just one snapshot."
)


class MeasureName(click.ParamType):
    name = "questionnaire"

    def convert(self, value, param, ctx):
        if value in CLIENT_MEASURES:
            return value
        names = ", ".join(f"{key} ({MEASURES[MeasureKey(key)].title})" for key in CLIENT_MEASURES)
        self.fail(NO_SUCH_MEASURE.format(names=names), param, ctx)


@click.command()
@click.argument("measure", type=MeasureName(), metavar="QUESTIONNAIRE")
@click.option("--answers", help="For scripts: every item's score, e.g. 0,1,2,3,0,1,2.")
@json_option
@pass_context
def checkin(context: Context, measure: str, answers: str | None, as_json: bool) -> None:
    """Answer a short questionnaire your therapist chose (gad7, phq9 or phq8)."""
    spec = MEASURES[MeasureKey(measure)]
    scores = _parse_answers(answers, spec) if answers is not None else None
    journal = context.journal()  # unlock first: a wrong passphrase loses no answers
    offered = measures_offered(journal)
    if measure not in offered:
        titles = ", ".join(MEASURES[MeasureKey(key)].title for key in offered)
        raise click.UsageError(wording.NOT_OFFERED.format(offered=titles))
    guided = None
    if scores is None:
        intro = INTRO.format(title=spec.title, count=spec.item_count)
        guided = run_guided(
            journal, context.home, f"checkin-{measure}", intro, lambda ask: ask_items(ask, spec)
        )
        scores = guided.result
    saved = journal.add_checkin(measure, scores)
    if guided:
        guided.finish()
    urgent = safety.after_save(journal, saved, as_json, answers=list(saved.answers))
    total = spec.total(saved.answers)
    band = spec.band(total).label
    emit(
        as_json,
        {"measure": measure, "total": total, "band": band, **urgent},
        DONE.format(title=spec.title, total=total, total_max=spec.total_max, band=band),
    )


def _parse_answers(text: str, spec: MeasureSpec) -> list[int]:
    parts = [part.strip() for part in text.split(",")]
    scores = [int(part) for part in parts if part.isdigit()]
    if (
        len(scores) != len(parts)
        or len(scores) != spec.item_count
        or not all(spec.item_min <= s <= spec.item_max for s in scores)
    ):
        raise click.BadParameter(
            ANSWERS_AGAIN.format(count=spec.item_count, low=spec.item_min, high=spec.item_max),
            param_hint="--answers",
        )
    return scores


def ask_items(ask: Asker, spec: MeasureSpec) -> list[int]:
    """Every item, each re-asked until it is a number on the scale.

    The scale is shown even when answers are replayed (a resumed draft, or after
    ``<``), so the person always sees what the numbers mean.
    """
    click.echo(spec.stem)
    for value, option in enumerate(spec.options):
        click.echo(f"  {value} = {option}")
    scores = []
    for number, item in enumerate(spec.items, start=1):
        question = f"{number}. {item or f'Item {number}'}"
        again = ITEM_AGAIN.format(low=spec.item_min, high=spec.item_max)
        scores.append(ask.number(question, spec.item_min, spec.item_max, None, again=again))
    ask.say(spec.copyright)
    return scores
