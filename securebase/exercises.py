"""The homework catalogue: built-in exercises (``data/exercises.json``) and the therapist's own.

Rules:
- keys are stable: assignments, logs and analytics refer to exercises by key;
- instructions are a few short, plain, kind steps written for the client;
  the rationale is one line for the therapist;
- a therapist's own exercises live in the vault (table ``custom_exercises``)
  and can never shadow a built-in key;
- an unknown key is an ``UnknownExercise`` error, never a silent default.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from securebase import limits
from securebase.errors import UnknownExercise
from securebase.journal import has_control_characters

RECORDABLE = (
    "minutes", "helpfulness", "distress_before", "distress_after", "note", "urge_before",
    "urge_after",
)  # fmt: skip
PERIODS = ("day", "week")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
MAX_TITLE_CHARS = 80
MAX_TIMES = 20


@dataclass(frozen=True)
class Exercise:
    key: str
    title: str
    instructions: tuple[str, ...]
    default_times: int
    default_per: Literal["day", "week"]
    minutes: int | None
    records: tuple[str, ...]
    rationale: str
    custom: bool = False
    #: For the therapist only, shown where homework is assigned (e.g. exercises that involve
    #: the partner, for relationships with abuse or coercive control); never sent to clients.
    caution: str = ""

    def problems(self) -> list[str]:
        """Rules this exercise breaks (empty when it is fine); no text is quoted."""
        texts = [self.title, self.rationale, *self.instructions]
        checks = {
            "key": KEY_PATTERN.match(self.key) is not None,
            "title": 0 < len(self.title.strip()) <= MAX_TITLE_CHARS,
            "steps": 1 <= len(self.instructions) <= limits.MAX_EXERCISE_STEPS
            and all(0 < len(s.strip()) <= limits.MAX_SHORT_TEXT_CHARS for s in self.instructions),
            "frequency": 1 <= self.default_times <= MAX_TIMES and self.default_per in PERIODS,
            "minutes": self.minutes is None or 1 <= self.minutes <= limits.MAX_ACTIVITY_MINUTES,
            "records": set(self.records) <= set(RECORDABLE),
            "rationale": len(self.rationale) <= limits.MAX_SHORT_TEXT_CHARS,
            "caution": len(self.caution) <= limits.MAX_SHORT_TEXT_CHARS,
            "plain text": not any(has_control_characters(t) for t in texts),
        }
        return [rule for rule, ok in checks.items() if not ok]


def _from_json(item: dict, *, custom: bool = False) -> Exercise:
    return Exercise(
        key=item["key"],
        title=item["title"],
        instructions=tuple(item["instructions"]),
        default_times=item["default_times"],
        default_per=item["default_per"],
        minutes=item["minutes"],
        records=tuple(item["records"]),
        rationale=item["rationale"],
        custom=custom,
        caution=item.get("caution", ""),
    )


@cache
def built_in() -> dict[str, Exercise]:
    """The catalogue that ships with SecureBase, by key, in catalogue order."""
    text = resources.files("securebase").joinpath("data/exercises.json").read_text("utf-8")
    return {item["key"]: _from_json(item) for item in json.loads(text)["exercises"]}


def custom_exercises(db) -> dict[str, Exercise]:
    """The therapist's own exercises stored in a vault database, by key."""
    rows = db.execute(
        "SELECT key, title, instructions, default_times, default_per, minutes, records, "
        "rationale FROM custom_exercises ORDER BY title COLLATE NOCASE"
    ).fetchall()
    return {
        row["key"]: _from_json(
            {
                **dict(row),
                "instructions": json.loads(row["instructions"]),
                "records": json.loads(row["records"]),
            },
            custom=True,
        )
        for row in rows
    }


def exercise_catalogue(db=None) -> dict[str, Exercise]:
    """Built-in exercises, then (given a vault database) the therapist's own."""
    catalogue = dict(built_in())
    if db is not None:
        catalogue.update(custom_exercises(db))
    return catalogue


def exercise(key: str, db=None) -> Exercise:
    try:
        return exercise_catalogue(db)[key]
    except KeyError:
        raise UnknownExercise() from None


def exercise_row(item: Exercise) -> tuple:
    """The ``custom_exercises`` columns of an exercise (``created_at`` added by the caller)."""
    return (
        item.key,
        item.title,
        json.dumps(list(item.instructions), ensure_ascii=False),
        item.default_times,
        item.default_per,
        item.minutes,
        json.dumps(list(item.records)),
        item.rationale,
    )


def how_often(times: int, per: str) -> str:
    """ "Once a day", "3 times a week": frequency in plain words."""
    words = {1: "Once", 2: "Twice"}.get(times, f"{times} times")
    return f"{words} a {per}"
