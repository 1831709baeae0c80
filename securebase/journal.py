"""The journal export document, version 1 (DESIGN.md contract 1), as strict models.

These models are the single definition of what a client may send. Rules:
- strict types: no coercion of "5" to 5 or of 1 to True; JSON strings are
  accepted for dates, datetimes, UUIDs and vocabulary keys only;
- unknown keys are refused (``extra="forbid"``), ranges and lengths come from
  ``securebase.limits``;
- datetimes must carry a UTC offset (the client's local time matters for
  weekday and hour-of-day patterns);
- models are frozen: a parsed document is a value, not a workspace.

Parsing bytes into these models happens in ``securebase.documents``, which
also turns validation failures into errors that never echo client text.
"""

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_serializer,
    model_validator,
)

from securebase import limits
from securebase.measures import MEASURES
from securebase.vocabulary import (
    Behaviour,
    Distortion,
    Emotion,
    MeasureKey,
    SoothingTechnique,
    Trigger,
)

FORMAT_LABEL = "securebase/journal-export"
FORMAT_VERSION = 1

# Tab, newline and carriage return are ordinary in prose; every other C0/C1
# control character (escape sequences, NUL, ...) has no place in a journal and
# could steer a terminal. Lone surrogates cannot be stored as UTF-8.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(value: str) -> bool:
    """True if ``value`` holds characters no journal text may contain."""
    return _FORBIDDEN_CHARS.search(value) is not None


def _plain_text(value: str) -> str:
    if has_control_characters(value):
        raise ValueError("contains control characters")
    return value


# Characters that print as nothing: text made only of these is still blank.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

# The wire format is ISO 8601 only; pydantic alone would also take "1709583300".
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_text(pattern: re.Pattern, parse, what: str):
    """Parse ISO 8601 text with the standard library; refuse every other spelling."""

    def check(value):
        if not isinstance(value, str):
            return value
        if pattern.match(value):
            try:
                return parse(value)
            except ValueError:
                pass  # refused below, outside the handler, without the value
        raise ValueError(f"must be an ISO 8601 {what}")

    return BeforeValidator(check)


def _not_blank(value: str) -> str:
    if not value.strip().strip(_INVISIBLE).strip():
        raise ValueError("must not be blank")
    return value


def _in_plausible_window(value):
    moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3], tzinfo=UTC)
    if not limits.EARLIEST_TIMESTAMP <= moment < limits.LATEST_TIMESTAMP:
        raise ValueError(
            f"must lie between {limits.EARLIEST_TIMESTAMP:%Y-%m-%d} "
            f"and {limits.LATEST_TIMESTAMP:%Y-%m-%d}"
        )
    return value


def _unique(values: list) -> list:
    if len(set(values)) != len(values):
        raise ValueError("must not repeat an item")
    return values


Text = Annotated[str, Field(max_length=limits.MAX_TEXT_CHARS), AfterValidator(_plain_text)]
RequiredText = Annotated[
    str,
    Field(min_length=1, max_length=limits.MAX_TEXT_CHARS),
    AfterValidator(_plain_text),
    AfterValidator(_not_blank),
]
ShortText = Annotated[
    str, Field(max_length=limits.MAX_SHORT_TEXT_CHARS), AfterValidator(_plain_text)
]
Tag_ = Annotated[
    str,
    Field(min_length=1, max_length=limits.MAX_TAG_CHARS),
    AfterValidator(_plain_text),
    AfterValidator(_not_blank),
]
Timestamp = Annotated[
    AwareDatetime,
    _iso_text(_ISO_DATETIME, datetime.fromisoformat, "datetime"),
    AfterValidator(_in_plausible_window),
]
Day = Annotated[
    date,
    _iso_text(_ISO_DATE, date.fromisoformat, "date"),
    AfterValidator(_in_plausible_window),
]


def _exactly(expected):
    def check(value):
        if value != expected:
            raise ValueError(f"should be {json.dumps(expected)}")
        return value

    return AfterValidator(check)


# Literal[...] ignores strict mode (it takes 0 for False and 1.0 for 1), so
# fixed values are typed strictly and then compared.
LiveFlag = Annotated[bool, _exactly(False), Field(json_schema_extra={"const": False})]
DeletedFlag = Annotated[bool, _exactly(True), Field(json_schema_extra={"const": True})]
Percent = Annotated[int, Field(ge=limits.PERCENT_MIN, le=limits.PERCENT_MAX)]
Scale10 = Annotated[int, Field(ge=limits.SCALE10_MIN, le=limits.SCALE10_MAX)]
Counter = Annotated[int, Field(ge=1, le=limits.MAX_COUNTER)]
Minutes = Annotated[int, Field(ge=0, le=limits.MAX_ACTIVITY_MINUTES)]


def small_set(item):
    """A short list of distinct items (vocabulary keys, tags)."""
    return Annotated[list[item], Field(max_length=limits.MAX_LIST_ITEMS), AfterValidator(_unique)]


def small_list(item):
    return Annotated[list[item], Field(max_length=limits.MAX_LIST_ITEMS)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class EmotionRating(Strict):
    emotion: Emotion
    intensity: Percent


class Urge(Strict):
    """The urge to seek reassurance, and whether it was acted on or resisted."""

    intensity: Scale10
    acted: bool
    behaviours: small_set(Behaviour) = []
    delay_minutes: Annotated[int, Field(ge=0, le=limits.MAX_DELAY_MINUTES)] | None = None


class SoothingUse(Strict):
    technique: SoothingTechnique
    minutes: Minutes | None = None


class Challenge(Strict):
    """The cognitive challenge of the hot thought."""

    distortions: small_set(Distortion) = []
    evidence_for: Text = ""
    evidence_against: Text = ""
    balanced_thought: Text = ""
    belief_after: Percent | None = None


class NeedStatement(Strict):
    """An "I" statement: the need, said calmly, and whether it was shared."""

    text: RequiredText
    shared: bool


class JournalEntry(Strict):
    """One thought record. ``id`` is stable across edits; an edit bumps ``revision``."""

    id: UUID
    revision: Counter
    deleted: LiveFlag = False
    occurred_at: Timestamp
    recorded_at: Timestamp
    situation: RequiredText
    triggers: small_set(Trigger) = []
    trigger_note: ShortText = ""
    emotions: small_list(EmotionRating) = []
    body_sensations: Text = ""
    automatic_thought: Text = ""
    belief_before: Percent | None = None
    distress_before: Percent | None = None
    distress_after: Percent | None = None
    urge: Urge | None = None
    soothing: small_list(SoothingUse) = []
    challenge: Challenge | None = None
    need_statement: NeedStatement | None = None
    partner_positive: small_list(Annotated[ShortText, AfterValidator(_not_blank)]) = []
    assignment_id: UUID | None = None
    tags: small_set(Tag_) = []

    @model_validator(mode="after")
    def _occurred_before_recorded(self):
        if self.occurred_at > self.recorded_at + timedelta(minutes=limits.CLOCK_SKEW_MINUTES):
            raise ValueError("occurred_at must not be later than recorded_at")
        emotions = [rating.emotion for rating in self.emotions]
        if len(set(emotions)) != len(emotions):
            raise ValueError("emotions must not rate the same emotion twice")
        return self


class EntryTombstone(Strict):
    """A deleted entry: only its identity travels, none of its text."""

    id: UUID
    revision: Counter
    deleted: DeletedFlag
    recorded_at: Timestamp


_OPTIONAL_LOG_KEYS = ("urge_before", "urge_after")


class HomeworkLog(Strict):
    """One completion of a homework assignment."""

    id: UUID
    assignment_id: UUID
    revision: Counter = 1
    deleted: bool = False
    done_at: Timestamp
    minutes: Minutes | None = None
    helpfulness: Scale10 | None = None
    distress_before: Percent | None = None
    distress_after: Percent | None = None
    note: Text = ""
    # Added in version 1 (FORMAT.md): the urge to seek reassurance, 0-10, before and after a
    # delay. Written only when given, so a log without them reads as it always did.
    urge_before: Scale10 | None = None
    urge_after: Scale10 | None = None

    @model_serializer(mode="wrap")
    def _omit_absent_urges(self, handler):
        data = handler(self)
        for key in _OPTIONAL_LOG_KEYS:
            if data.get(key) is None:
                data.pop(key, None)
        return data

    @model_validator(mode="after")
    def _deleted_log_carries_no_note(self):
        # A deletion should not send the text the client chose to remove.
        if self.deleted and self.note:
            raise ValueError("a deleted homework log must not carry a note")
        return self


class CheckIn(Strict):
    """A completed questionnaire; ``answers`` are item scores in item order."""

    id: UUID
    measure: MeasureKey
    completed_at: Timestamp
    answers: Annotated[list[int], Field(min_length=1, max_length=limits.MAX_LIST_ITEMS)]

    @model_validator(mode="after")
    def _answers_fit_measure(self):
        MEASURES[self.measure].check_answers(self.answers)
        return self


class Period(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self):
        if self.start > self.end:
            raise ValueError("start must not be after end")
        return self


class ClientKeys(Strict):
    """The client's public keys: Ed25519 signing key (hex) and age recipient."""

    signing_key: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    age_recipient: Annotated[str, Field(pattern=r"^age1[02-9ac-hj-np-z]{58}$")]


def _entry_kind(value) -> str:
    deleted = value.get("deleted") if isinstance(value, dict) else getattr(value, "deleted", None)
    return "tombstone" if deleted is True else "entry"


AnyEntry = Annotated[
    Annotated[JournalEntry, Tag("entry")] | Annotated[EntryTombstone, Tag("tombstone")],
    Discriminator(_entry_kind),
]


def _ids_unique(items: list, what: str) -> None:
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} must not repeat an id")


class ExportDocument(Strict):
    """Everything one export carries from a client to their therapist."""

    format: Literal["securebase/journal-export"]
    version: Annotated[int, _exactly(FORMAT_VERSION), Field(json_schema_extra={"const": 1})]
    export_id: UUID
    client_id: UUID
    sequence: Counter
    created_at: Timestamp
    period: Period
    entries: Annotated[list[AnyEntry], Field(max_length=limits.MAX_ITEMS_PER_EXPORT)] = []
    homework_logs: Annotated[list[HomeworkLog], Field(max_length=limits.MAX_ITEMS_PER_EXPORT)] = []
    checkins: Annotated[list[CheckIn], Field(max_length=limits.MAX_ITEMS_PER_EXPORT)] = []
    client_keys: ClientKeys

    @model_validator(mode="after")
    def _no_repeated_ids(self):
        _ids_unique(self.entries, "entries")
        _ids_unique(self.homework_logs, "homework_logs")
        _ids_unique(self.checkins, "checkins")
        return self
