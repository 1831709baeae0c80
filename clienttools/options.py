"""Command-line option types that refuse in the client's words (no validator phrases).

click's own types say things like "'x' is not a valid integer" or
"4 is not in the range 0<=x<=3" and quote what was typed; these say what
would work instead, and never repeat the value.
"""

import sys

import click

from clienttools.when import AmbiguousDate, WhenProblem, parse_day

WHOLE_NUMBER = "Please give a whole number from {low} to {high}."
WHOLE_NUMBER_FROM = "Please give a whole number of {low} or more."
DAY_NOT_READ = 'I could not read that day. Try "2026-11-20", "yesterday", "Mon" or "12 March".'
DAY_ORDER_UNKNOWN = (
    "That date can be read two ways. Say how you write dates first: "
    "securebase-journal settings --date-order day-first (or month-first)."
)


STOPPED = "Stopped. Nothing was changed."
SEE_HELP = "hint: see '{command} --help' for what it takes."
ONE_OF = "Please choose {choices}."


class ClientGroup(click.Group):
    """A command group whose usage errors read as ``error:`` / ``hint:`` lines, like core
    errors (no "Invalid value for", no Python words), and whose Ctrl+C at a yes/no
    question stops calmly."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("\n" + STOPPED, err=True)
            sys.exit(1)
        except click.ClickException as error:
            click.echo(usage_words(error), err=True)
            sys.exit(error.exit_code)
        if isinstance(result, int) and standalone_mode:
            sys.exit(result)
        return result


def usage_words(error: click.ClickException) -> str:
    """``error: ...`` (and for usage errors ``hint: ...``) for a click error."""
    if isinstance(error, click.BadParameter):
        hint = error.param_hint or (error.param.get_error_hint(error.ctx) if error.param else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        text = (
            f"error: {hint.strip(chr(39))}: {error.message}" if hint else f"error: {error.message}"
        )
    elif isinstance(error, click.UsageError):
        text = f"error: {error.format_message()}"
    else:
        return f"error: {error.format_message()}"
    command = error.ctx.command_path if error.ctx else "securebase-journal"
    return text + "\n" + SEE_HELP.format(command=command)


class OneOf(click.Choice):
    """One of a few words, refused as "Please choose a or b." (never quoting the input)."""

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        words = [str(choice) for choice in self.choices]
        self.fail(
            ONE_OF.format(choices=" or ".join([", ".join(words[:-1]), words[-1]])), param, ctx
        )


class WholeNumber(click.ParamType):
    """A whole number, optionally within ``low``..``high``."""

    name = "number"

    def __init__(self, low: int = 0, high: int | None = None):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            number = int(text) if text.isdigit() else None
        if number is None or number < self.low or (self.high is not None and number > self.high):
            self.fail(self._words(), param, ctx)
        return number

    def _words(self) -> str:
        if self.high is None:
            return WHOLE_NUMBER_FROM.format(low=self.low)
        return WHOLE_NUMBER.format(low=self.low, high=self.high)


def day_option(name: str, help_text: str):
    """An option holding a calendar day, read as people write it (``clienttools.when``)."""

    def convert(_ctx, _param, value):
        if not value:
            return None
        try:
            return parse_day(value)
        except AmbiguousDate:
            problem = DAY_ORDER_UNKNOWN
        except WhenProblem:
            problem = DAY_NOT_READ
        raise click.BadParameter(problem)

    return click.option(name, callback=convert, help=help_text, metavar="DAY")
