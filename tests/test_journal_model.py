"""The journal export model (contract 1): ranges, strictness, time, text, vocabularies, lists.

Every test starts from the fully populated ``valid_document()`` and changes one
thing, then goes through the real entry point ``parse_export``. A refusal must
name the field path and a rule.
"""

from datetime import timedelta

import pytest

from securebase import limits
from securebase.documents import parse_export
from securebase.errors import DocumentError
from securebase.journal import EntryTombstone, JournalEntry
from securebase.measures import GAD7, MEASURES, PHQ9
from securebase.vocabulary import (
    ALL_VOCABULARIES,
    Behaviour,
    Distortion,
    Emotion,
    MeasureKey,
    SoothingTechnique,
    Trigger,
)
from tests.builders import (
    ENTRY_ID,
    assert_problem,
    dotted,
    parse_doc,
    refusal,
    to_bytes,
    tombstone,
    valid_document,
    with_value,
    without,
)

ENTRY = ("entries", 0)
TOMBSTONE = ("entries", 1)
LOG = ("homework_logs", 0)
GAD7_CHECKIN = ("checkins", 0)
PHQ9_CHECKIN = ("checkins", 1)


def value_at(obj, path: tuple):
    """Follow a path of attribute names and indexes through a parsed document."""
    for step in path:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    return obj


def value_at_dict(doc: dict, path: tuple):
    for step in path:
        doc = doc[step]
    return doc


def assert_accepts(path: tuple, value) -> None:
    parsed = parse_doc(with_value(valid_document(), path, value))
    assert value_at(parsed, path) == value


def assert_refuses(path: tuple, value, rule_fragment: str, at: tuple | None = None) -> None:
    error = refusal(with_value(valid_document(), path, value))
    assert type(error) is DocumentError
    assert error.code == "invalid_document"
    assert_problem(error, dotted(path if at is None else at), rule_fragment)


# --- ranges -----------------------------------------------------------------------------

PERCENT_FIELDS = [
    (*ENTRY, "emotions", 0, "intensity"),
    (*ENTRY, "belief_before"),
    (*ENTRY, "distress_before"),
    (*ENTRY, "distress_after"),
    (*ENTRY, "challenge", "belief_after"),
    (*LOG, "distress_before"),
    (*LOG, "distress_after"),
]
SCALE10_FIELDS = [(*ENTRY, "urge", "intensity"), (*LOG, "helpfulness")]
COUNTER_FIELDS = [
    ("sequence",),
    (*ENTRY, "revision"),
    (*TOMBSTONE, "revision"),
    (*LOG, "revision"),
]
DELAY_FIELDS = [(*ENTRY, "urge", "delay_minutes")]
MINUTE_FIELDS = [(*ENTRY, "soothing", 0, "minutes"), (*LOG, "minutes")]

RANGES = [
    *[(path, limits.PERCENT_MIN, limits.PERCENT_MAX) for path in PERCENT_FIELDS],
    *[(path, limits.SCALE10_MIN, limits.SCALE10_MAX) for path in SCALE10_FIELDS],
    *[(path, 1, limits.MAX_COUNTER) for path in COUNTER_FIELDS],
    *[(path, 0, limits.MAX_DELAY_MINUTES) for path in DELAY_FIELDS],
    *[(path, 0, limits.MAX_ACTIVITY_MINUTES) for path in MINUTE_FIELDS],
]
RANGE_IDS = [dotted(path) for path, _, _ in RANGES]


def test_named_limits_have_the_documented_values():
    assert (limits.PERCENT_MIN, limits.PERCENT_MAX) == (0, 100)
    assert (limits.SCALE10_MIN, limits.SCALE10_MAX) == (0, 10)
    assert limits.MAX_COUNTER == 2**31 - 1
    assert limits.MAX_DELAY_MINUTES == 7 * 24 * 60
    assert limits.MAX_ACTIVITY_MINUTES == 24 * 60


@pytest.mark.parametrize(("path", "low", "high"), RANGES, ids=RANGE_IDS)
def test_range_accepts_both_bounds(path, low, high):
    assert_accepts(path, low)
    assert_accepts(path, high)


@pytest.mark.parametrize(("path", "low", "high"), RANGES, ids=RANGE_IDS)
def test_range_refuses_one_below(path, low, high):
    assert_refuses(path, low - 1, f"greater than or equal to {low}")


@pytest.mark.parametrize(("path", "low", "high"), RANGES, ids=RANGE_IDS)
def test_range_refuses_one_above(path, low, high):
    assert_refuses(path, high + 1, f"less than or equal to {high}")


@pytest.mark.parametrize("path", [(*ENTRY, "revision"), ("sequence",)], ids=dotted)
def test_counters_refuse_huge_integers(path):
    assert_refuses(path, 2**64, "less than or equal to")


NULLABLE_NUMBERS = [
    (*ENTRY, "belief_before"),
    (*ENTRY, "distress_before"),
    (*ENTRY, "distress_after"),
    (*ENTRY, "challenge", "belief_after"),
    (*ENTRY, "urge", "delay_minutes"),
    (*ENTRY, "soothing", 0, "minutes"),
    (*LOG, "minutes"),
    (*LOG, "helpfulness"),
    (*LOG, "distress_before"),
    (*LOG, "distress_after"),
]


@pytest.mark.parametrize("path", NULLABLE_NUMBERS, ids=dotted)
def test_optional_ratings_accept_null(path):
    assert_accepts(path, None)


# --- check-in answers ---------------------------------------------------------------------

CHECKINS = [(GAD7_CHECKIN, GAD7), (PHQ9_CHECKIN, PHQ9)]
CHECKIN_IDS = ["gad7", "phq9"]


@pytest.mark.parametrize(("where", "spec"), CHECKINS, ids=CHECKIN_IDS)
@pytest.mark.parametrize("item", [0, 3])
def test_checkin_accepts_item_bounds(where, spec, item):
    assert_accepts((*where, "answers"), [item] * spec.item_count)


@pytest.mark.parametrize(("where", "spec"), CHECKINS, ids=CHECKIN_IDS)
@pytest.mark.parametrize("item", [-1, 4])
@pytest.mark.parametrize("position", ["first", "last"])
def test_checkin_refuses_item_out_of_range(where, spec, item, position):
    answers = [1] * spec.item_count
    answers[0 if position == "first" else -1] = item
    assert_refuses((*where, "answers"), answers, "answers must be 0-3", at=where)


@pytest.mark.parametrize(("where", "spec"), CHECKINS, ids=CHECKIN_IDS)
@pytest.mark.parametrize("change", [-1, +1])
def test_checkin_needs_exactly_the_item_count(where, spec, change):
    answers = [1] * (spec.item_count + change)
    assert_refuses((*where, "answers"), answers, f"exactly {spec.item_count} answers", at=where)


@pytest.mark.parametrize(("where", "spec"), CHECKINS, ids=CHECKIN_IDS)
def test_checkin_refuses_no_answers(where, spec):
    assert_refuses((*where, "answers"), [], "at least 1 item")


def test_checkin_answers_for_the_other_measure_are_refused():
    doc = with_value(valid_document(), (*GAD7_CHECKIN, "measure"), "phq9")
    assert_problem(refusal(doc), "checkins[0]", "PHQ-9 needs exactly 9 answers")


# --- strictness -----------------------------------------------------------------------------

CONTAINERS = [
    (),
    ("period",),
    ("client_keys",),
    ENTRY,
    TOMBSTONE,
    (*ENTRY, "emotions", 0),
    (*ENTRY, "urge"),
    (*ENTRY, "soothing", 0),
    (*ENTRY, "challenge"),
    (*ENTRY, "need_statement"),
    LOG,
    GAD7_CHECKIN,
]


@pytest.mark.parametrize("container", CONTAINERS, ids=lambda c: dotted(c) or "<top>")
def test_unknown_key_is_refused_with_its_path(container):
    path = (*container, "bogus")
    assert_refuses(path, "TOPSECRET", "is not a field of this format")


@pytest.mark.parametrize(
    "path",
    [(*ENTRY, "entry"), (*TOMBSTONE, "tombstone"), ("entry",), ("tombstone",)],
    ids=dotted,
)
def test_unknown_key_named_like_an_entry_kind_keeps_its_path(path):
    """The union's tags ("entry", "tombstone") are dropped from paths, but a key is a key."""
    assert_refuses(path, 1, "is not a field of this format")


WRONG_TYPES = [
    (("sequence",), "5", "valid integer"),
    (("sequence",), 5.0, "valid integer"),
    (("sequence",), True, "valid integer"),
    ((*ENTRY, "belief_before"), "50", "valid integer"),
    ((*ENTRY, "belief_before"), 50.0, "valid integer"),
    ((*ENTRY, "urge", "intensity"), True, "valid integer"),
    ((*ENTRY, "emotions", 0, "intensity"), 80.5, "valid integer"),
    ((*GAD7_CHECKIN, "answers", 0), "1", "valid integer"),
    ((*GAD7_CHECKIN, "answers", 0), 1.0, "valid integer"),
    ((*GAD7_CHECKIN, "answers", 0), True, "valid integer"),
    ((*ENTRY, "urge", "acted"), 1, "valid boolean"),
    ((*ENTRY, "urge", "acted"), "false", "valid boolean"),
    ((*ENTRY, "need_statement", "shared"), 0, "valid boolean"),
    ((*LOG, "deleted"), 0, "valid boolean"),
    ((*ENTRY, "deleted"), 0, "valid boolean"),
    ((*ENTRY, "deleted"), 0.0, "valid boolean"),
    ((*ENTRY, "deleted"), "false", "valid boolean"),
    (("version",), True, "valid integer"),
    (("version",), 1.0, "valid integer"),
    (("version",), "1", "valid integer"),
    ((*ENTRY, "situation"), 5, "valid string"),
    ((*ENTRY, "tags", 0), 3, "valid string"),
    ((*ENTRY, "triggers"), "delayed_reply", "valid array"),
    ((*ENTRY, "urge"), "TOPSECRET", "object"),
    (("export_id",), 12345, "UUID"),
    (("period", "start"), 20240304, "date"),
]


@pytest.mark.parametrize(
    ("path", "value", "rule"), WRONG_TYPES, ids=[f"{dotted(p)}={v!r}" for p, v, _ in WRONG_TYPES]
)
def test_wrong_json_type_is_refused_not_coerced(path, value, rule):
    assert_refuses(path, value, rule)


REQUIRED_FIELDS = [
    ("format",),
    ("version",),
    ("export_id",),
    ("client_id",),
    ("sequence",),
    ("created_at",),
    ("period",),
    ("period", "start"),
    ("period", "end"),
    ("client_keys",),
    ("client_keys", "signing_key"),
    ("client_keys", "age_recipient"),
    (*ENTRY, "id"),
    (*ENTRY, "revision"),
    (*ENTRY, "occurred_at"),
    (*ENTRY, "recorded_at"),
    (*ENTRY, "situation"),
    (*ENTRY, "emotions", 0, "emotion"),
    (*ENTRY, "emotions", 0, "intensity"),
    (*ENTRY, "urge", "intensity"),
    (*ENTRY, "urge", "acted"),
    (*ENTRY, "soothing", 0, "technique"),
    (*ENTRY, "need_statement", "text"),
    (*ENTRY, "need_statement", "shared"),
    (*TOMBSTONE, "id"),
    (*TOMBSTONE, "revision"),
    (*TOMBSTONE, "recorded_at"),
    (*LOG, "id"),
    (*LOG, "assignment_id"),
    (*LOG, "done_at"),
    (*GAD7_CHECKIN, "id"),
    (*GAD7_CHECKIN, "measure"),
    (*GAD7_CHECKIN, "completed_at"),
    (*GAD7_CHECKIN, "answers"),
]


@pytest.mark.parametrize("path", REQUIRED_FIELDS, ids=dotted)
def test_missing_required_field_is_refused(path):
    error = refusal(without(valid_document(), path))
    assert_problem(error, dotted(path), "is required")


@pytest.mark.parametrize("path", REQUIRED_FIELDS, ids=dotted)
def test_null_for_a_required_field_is_refused(path):
    error = refusal(with_value(valid_document(), path, None))
    assert any(p.path == dotted(path) and p.rule for p in error.problems), error.problems


OPTIONAL_ENTRY_FIELDS = [
    "deleted",
    "triggers",
    "trigger_note",
    "emotions",
    "body_sensations",
    "automatic_thought",
    "belief_before",
    "distress_before",
    "distress_after",
    "urge",
    "soothing",
    "challenge",
    "need_statement",
    "partner_positive",
    "assignment_id",
    "tags",
]


@pytest.mark.parametrize("name", OPTIONAL_ENTRY_FIELDS)
def test_optional_entry_field_may_be_left_out(name):
    entry = parse_doc(without(valid_document(), (*ENTRY, name))).entries[0]
    assert isinstance(entry, JournalEntry)


@pytest.mark.parametrize("name", ["urge", "challenge", "need_statement", "assignment_id"])
def test_optional_entry_object_may_be_null(name):
    assert_accepts((*ENTRY, name), None)


@pytest.mark.parametrize("name", ["entries", "homework_logs", "checkins"])
def test_document_lists_may_be_left_out(name):
    assert getattr(parse_doc(without(valid_document(), (name,))), name) == []


# --- datetimes ------------------------------------------------------------------------------

DATETIME_FIELDS = [
    ("created_at",),
    (*ENTRY, "occurred_at"),
    (*ENTRY, "recorded_at"),
    (*TOMBSTONE, "recorded_at"),
    (*LOG, "done_at"),
    (*GAD7_CHECKIN, "completed_at"),
    (*PHQ9_CHECKIN, "completed_at"),
]


def with_timestamp(path: tuple, value: str) -> dict:
    """Set one datetime; an entry's two datetimes move together to stay ordered."""
    doc = with_value(valid_document(), path, value)
    if path[:2] == ENTRY:
        doc = with_value(doc, (*ENTRY, "occurred_at"), value)
        doc = with_value(doc, (*ENTRY, "recorded_at"), value)
    return doc


@pytest.mark.parametrize("path", DATETIME_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", ["2024-03-04T21:15:00", "2024-03-04T21:15:00.123456"])
def test_naive_datetime_is_refused(path, value):
    error = refusal(with_timestamp(path, value))
    assert_problem(error, dotted(path), "timezone")


OUTSIDE_WINDOW = [
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+05:00",
    "0001-01-01T00:00:00-05:00",
    "1999-06-01T12:00:00Z",
    "1999-12-31T23:59:59.999999Z",
    "2000-01-01T04:59:59+05:00",  # 1999-12-31T23:59:59 UTC
    "2099-12-31T23:00:00-05:00",  # 2100-01-01T04:00 UTC
    "2100-01-01T00:00:00Z",
    "2100-06-01T12:00:00+14:00",
    "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-05:00",
    "9999-12-31T23:59:59+05:00",
]


@pytest.mark.parametrize("path", DATETIME_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", OUTSIDE_WINDOW)
def test_timestamp_outside_plausible_window_is_refused(path, value):
    error = refusal(with_timestamp(path, value))
    assert_problem(error, dotted(path), "must lie between 2000-01-01 and 2100-01-01")


INSIDE_WINDOW = [
    "2000-01-01T00:00:00Z",
    "2000-01-01T00:00:00+00:00",
    "1999-12-31T19:00:00-05:00",  # exactly 2000-01-01T00:00 UTC
    "2099-12-31T23:59:59.999999Z",
    "2100-01-01T00:30:00+01:00",  # 2099-12-31T23:30 UTC
    "2024-03-04T21:15:00-23:59",
    "2024-03-04T21:15:00+23:59",
]


@pytest.mark.parametrize("path", DATETIME_FIELDS, ids=dotted)
@pytest.mark.parametrize("value", INSIDE_WINDOW)
def test_timestamp_inside_plausible_window_is_accepted(path, value):
    parse_doc(with_timestamp(path, value))


NOT_ISO_WITH_OFFSET = [
    "1709583300",  # a Unix time in a string carries no UTC offset
    "1709583300.5",
    1709583300,
    "2024-03-04",
    "20240304T211500Z",
    "2024-03-04T21:15:00+24:00",
    "2024-03-04T21:15:00+05:30:15",
    "",
    "TOPSECRET",
]


@pytest.mark.parametrize("path", [("created_at",), (*ENTRY, "occurred_at")], ids=dotted)
@pytest.mark.parametrize("value", NOT_ISO_WITH_OFFSET, ids=repr)
def test_datetime_must_be_iso_8601_with_an_offset(path, value):
    error = refusal(with_value(valid_document(), path, value))
    assert any(p.path == dotted(path) for p in error.problems), error.problems


def test_offset_is_kept_for_local_time_charts():
    entry = parse_doc(valid_document()).entries[0]
    assert entry.occurred_at.utcoffset() == timedelta(hours=1)
    assert entry.occurred_at.hour == 21


RECORDED = "2024-03-04T22:40:00+01:00"  # 21:40 UTC, the builder's recorded_at


@pytest.mark.parametrize(
    "occurred_at",
    [
        RECORDED,
        "2024-03-04T22:50:00+01:00",  # exactly the clock skew later
        "2024-03-04T23:50:00+02:00",  # the same instant, written in another offset
        "2024-03-04T21:50:00Z",
        "2024-03-05T00:00:00+03:00",  # 21:00 UTC: later on the clock face, earlier in fact
        "2024-03-01T08:00:00-08:00",
    ],
)
def test_occurred_at_within_clock_skew_is_accepted(occurred_at):
    assert limits.CLOCK_SKEW_MINUTES == 10
    parse_doc(with_value(valid_document(), (*ENTRY, "occurred_at"), occurred_at))


@pytest.mark.parametrize(
    "occurred_at",
    [
        "2024-03-04T22:50:00.000001+01:00",  # one microsecond past the skew
        "2024-03-04T21:50:00.000001Z",
        "2024-03-04T17:00:00-05:00",  # 22:00 UTC: earlier on the clock face, later in fact
        "2024-03-05T22:40:00+01:00",
    ],
)
def test_occurred_at_after_recorded_at_beyond_skew_is_refused(occurred_at):
    error = refusal(with_value(valid_document(), (*ENTRY, "occurred_at"), occurred_at))
    assert_problem(error, "entries[0]", "occurred_at must not be later than recorded_at")


# --- text -------------------------------------------------------------------------------------

LONG_TEXT_FIELDS = [
    (*ENTRY, "situation"),
    (*ENTRY, "body_sensations"),
    (*ENTRY, "automatic_thought"),
    (*ENTRY, "challenge", "evidence_for"),
    (*ENTRY, "challenge", "evidence_against"),
    (*ENTRY, "challenge", "balanced_thought"),
    (*ENTRY, "need_statement", "text"),
    (*LOG, "note"),
]
SHORT_TEXT_FIELDS = [(*ENTRY, "trigger_note"), (*ENTRY, "partner_positive", 0)]
TAG_FIELDS = [(*ENTRY, "tags", 0)]
TEXT_LIMITS = [
    *[(path, limits.MAX_TEXT_CHARS) for path in LONG_TEXT_FIELDS],
    *[(path, limits.MAX_SHORT_TEXT_CHARS) for path in SHORT_TEXT_FIELDS],
    *[(path, limits.MAX_TAG_CHARS) for path in TAG_FIELDS],
]
TEXT_LIMIT_IDS = [dotted(path) for path, _ in TEXT_LIMITS]
TEXT_FIELDS = [path for path, _ in TEXT_LIMITS]


def test_text_limits_have_the_documented_values():
    assert (limits.MAX_TEXT_CHARS, limits.MAX_SHORT_TEXT_CHARS, limits.MAX_TAG_CHARS) == (
        4000,
        300,
        50,
    )


@pytest.mark.parametrize(("path", "limit"), TEXT_LIMITS, ids=TEXT_LIMIT_IDS)
@pytest.mark.parametrize("char", ["x", "é", "🙂"], ids=["ascii", "latin", "emoji"])
def test_text_at_its_limit_is_accepted(path, limit, char):
    """Limits count characters, not bytes or UTF-16 units."""
    assert_accepts(path, char * limit)


@pytest.mark.parametrize(("path", "limit"), TEXT_LIMITS, ids=TEXT_LIMIT_IDS)
def test_text_one_over_its_limit_is_refused(path, limit):
    assert_refuses(path, "x" * (limit + 1), f"at most {limit} characters")


@pytest.mark.parametrize("path", TEXT_FIELDS, ids=dotted)
@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x7f", "\x85"], ids=ascii)
def test_control_character_in_text_is_refused(path, char):
    assert_refuses(path, f"fine{char}words", "contains control characters")


@pytest.mark.parametrize(
    "char", ["\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x80", "\x9b", "\x9f"], ids=ascii
)
def test_every_c0_and_c1_control_is_refused(char):
    assert_refuses((*ENTRY, "situation"), f"a{char}b", "contains control characters")


ALLOWED_TEXT = [
    "line one\nline two",
    "tab\tseparated",
    "windows\r\nline end",
    "👩\u200d💻 at work",  # zero-width joiner inside an emoji sequence
    "I felt 😟 then 🙂",
    "Ça va. Страх. 不安. قلق",
    "non\u00a0breaking space",
]


@pytest.mark.parametrize("path", TEXT_FIELDS, ids=dotted)
@pytest.mark.parametrize("text", ALLOWED_TEXT, ids=ascii)
def test_ordinary_unicode_text_is_accepted_unchanged(path, text):
    assert_accepts(path, text)


REQUIRED_TEXT_FIELDS = [
    (*ENTRY, "situation"),
    (*ENTRY, "need_statement", "text"),
    (*ENTRY, "partner_positive", 0),
    (*ENTRY, "tags", 0),
]


@pytest.mark.parametrize("path", REQUIRED_TEXT_FIELDS, ids=dotted)
@pytest.mark.parametrize("blank", [" ", "   ", "\n\t", "\u00a0", "\u3000"], ids=ascii)
def test_blank_required_text_is_refused(path, blank):
    assert_refuses(path, blank, "must not be blank")


@pytest.mark.parametrize("path", REQUIRED_TEXT_FIELDS, ids=dotted)
def test_empty_required_text_is_refused(path):
    error = refusal(with_value(valid_document(), path, ""))
    rules = [p.rule for p in error.problems if p.path == dotted(path)]
    assert any("at least 1" in rule or "blank" in rule for rule in rules), error.problems


@pytest.mark.parametrize(
    "path",
    [
        (*ENTRY, "trigger_note"),
        (*ENTRY, "body_sensations"),
        (*ENTRY, "automatic_thought"),
        (*ENTRY, "challenge", "evidence_for"),
        (*LOG, "note"),
    ],
    ids=dotted,
)
def test_optional_text_may_be_empty(path):
    assert_accepts(path, "")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d"], ids=str)
def test_lone_surrogate_escape_is_refused(escape):
    """A lone surrogate cannot become UTF-8: refused (as JSON or at the field), never stored."""
    doc = with_value(valid_document(), (*ENTRY, "situation"), "SURROGATE-HERE")
    data = to_bytes(doc).replace(b"SURROGATE-HERE", f"before{escape}after".encode())
    error = refusal(data)
    at_field = any(p.path == "entries[0].situation" for p in error.problems)
    as_json = any(p.path == "" and "JSON" in p.rule for p in error.problems)
    assert at_field or as_json, error.problems


def test_escaped_surrogate_pair_is_one_character():
    data = to_bytes(with_value(valid_document(), (*ENTRY, "situation"), "🙂"))
    assert b"\\ud83d\\ude42" in data  # json.dumps escapes non-ASCII as UTF-16 pairs
    assert parse_export(data).entries[0].situation == "🙂"


# --- vocabularies ----------------------------------------------------------------------------

#: The vocabularies of DOMAIN.md, copied here as the contract the enums must match.
DOMAIN_VOCABULARIES = {
    Trigger: [
        "delayed_reply",
        "tone_change",
        "exclusion",
        "partner_unavailable",
        "plans_changed",
        "conflict",
        "perceived_rejection",
        "social_media",
        "jealousy",
        "other",
    ],
    Emotion: [
        "anxiety",
        "fear",
        "sadness",
        "loneliness",
        "anger",
        "shame",
        "jealousy",
        "guilt",
        "hurt",
        "other",
    ],
    Behaviour: [
        "repeated_messages",
        "calling",
        "checking_phone",
        "checking_social_media",
        "asking_for_reassurance",
        "testing_partner",
        "withdrawing",
        "other",
    ],
    SoothingTechnique: [
        "paced_breathing",
        "progressive_muscle_relaxation",
        "mindfulness",
        "grounding",
        "self_compassion",
        "journaling",
        "nature",
        "exercise",
        "enjoyable_activity",
        "support_contact",
        "other",
    ],
    Distortion: [
        "all_or_nothing",
        "overgeneralization",
        "mental_filter",
        "discounting_positive",
        "mind_reading",
        "fortune_telling",
        "catastrophizing",
        "magnification",
        "emotional_reasoning",
        "should_statements",
        "labeling",
        "personalization",
    ],
    MeasureKey: ["gad7", "phq9", "phq8"],
}


@pytest.mark.parametrize("vocabulary", list(DOMAIN_VOCABULARIES), ids=lambda v: v.__name__)
def test_vocabulary_keys_match_domain_md_exactly(vocabulary):
    assert sorted(m.value for m in vocabulary) == sorted(DOMAIN_VOCABULARIES[vocabulary])


def test_every_vocabulary_is_covered():
    assert set(ALL_VOCABULARIES) == set(DOMAIN_VOCABULARIES)


ALL_MEMBERS = [member for vocabulary in ALL_VOCABULARIES for member in vocabulary]
MEMBER_IDS = [f"{type(m).__name__}.{m.value}" for m in ALL_MEMBERS]


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=MEMBER_IDS)
def test_every_vocabulary_member_has_a_label(member):
    assert isinstance(member.label, str)
    assert member.label.strip() == member.label
    assert member.label


@pytest.mark.parametrize("vocabulary", ALL_VOCABULARIES, ids=lambda v: v.__name__)
def test_labels_within_a_vocabulary_are_distinct(vocabulary):
    labels = [m.label for m in vocabulary]
    assert len(set(labels)) == len(labels)


#: Where each vocabulary travels, and whether the field is a list of keys.
VOCABULARY_FIELDS = {
    Trigger: ((*ENTRY, "triggers"), True),
    Emotion: ((*ENTRY, "emotions", 0, "emotion"), False),
    Behaviour: ((*ENTRY, "urge", "behaviours"), True),
    SoothingTechnique: ((*ENTRY, "soothing", 0, "technique"), False),
    Distortion: ((*ENTRY, "challenge", "distortions"), True),
    MeasureKey: ((*GAD7_CHECKIN, "measure"), False),
}
FIELD_MEMBERS = [member for vocabulary in VOCABULARY_FIELDS for member in vocabulary]


def _vocabulary_doc(member, value) -> dict:
    path, is_list = VOCABULARY_FIELDS[type(member)]
    doc = valid_document()
    del doc["entries"][0]["emotions"][1:]  # the builder rates a second emotion
    doc = with_value(doc, path, [value] if is_list else value)
    if type(member) is MeasureKey:
        count = MEASURES[member].item_count
        doc = with_value(doc, (*GAD7_CHECKIN, "answers"), [0] * count)
    return doc


@pytest.mark.parametrize(
    "member", FIELD_MEMBERS, ids=[f"{type(m).__name__}.{m.value}" for m in FIELD_MEMBERS]
)
def test_every_vocabulary_member_is_accepted_in_its_field(member):
    path, is_list = VOCABULARY_FIELDS[type(member)]
    parsed = value_at(parse_doc(_vocabulary_doc(member, member.value)), path)
    assert parsed == ([member] if is_list else member)


@pytest.mark.parametrize("vocabulary", list(VOCABULARY_FIELDS), ids=lambda v: v.__name__)
@pytest.mark.parametrize("unknown", ["TOPSECRET", "Anxiety", "other ", ""], ids=repr)
def test_unknown_vocabulary_key_is_refused(vocabulary, unknown):
    member = next(iter(vocabulary))
    path, is_list = VOCABULARY_FIELDS[vocabulary]
    error = refusal(_vocabulary_doc(member, unknown))
    assert_problem(error, dotted((*path, 0) if is_list else path), "should be")


# --- lists -------------------------------------------------------------------------------------

SET_FIELDS = [
    ((*ENTRY, "triggers"), ["conflict", "other", "conflict"]),
    ((*ENTRY, "urge", "behaviours"), ["calling", "calling"]),
    ((*ENTRY, "challenge", "distortions"), ["labeling", "mind_reading", "labeling"]),
    ((*ENTRY, "tags"), ["evening", "work", "evening"]),
]


@pytest.mark.parametrize(("path", "items"), SET_FIELDS, ids=[dotted(p) for p, _ in SET_FIELDS])
def test_repeated_item_in_a_set_is_refused(path, items):
    assert_refuses(path, items, "must not repeat an item")


def test_same_emotion_rated_twice_is_refused():
    emotions = [{"emotion": "fear", "intensity": 10}, {"emotion": "fear", "intensity": 90}]
    error = refusal(with_value(valid_document(), (*ENTRY, "emotions"), emotions))
    assert_problem(error, "entries[0]", "same emotion twice")


@pytest.mark.parametrize(
    ("path", "item"),
    [
        ((*ENTRY, "soothing"), {"technique": "paced_breathing", "minutes": 5}),
        ((*ENTRY, "partner_positive"), "Made tea."),
    ],
    ids=["soothing", "partner_positive"],
)
def test_lists_that_are_not_sets_accept_repeats(path, item):
    assert len(value_at(parse_doc(with_value(valid_document(), path, [item, item])), path)) == 2


def _many(path: tuple, count: int) -> list:
    name = path[-1]
    if name == "tags":
        return [f"tag {i}" for i in range(count)]
    if name == "partner_positive":
        return [f"Kind act {i}." for i in range(count)]
    if name == "soothing":
        return [{"technique": "grounding", "minutes": i} for i in range(count)]
    if name == "emotions":
        emotions = list(Emotion)
        return [{"emotion": emotions[i % len(emotions)], "intensity": 5} for i in range(count)]
    if name == "answers":
        return [0] * count
    vocabulary = {"triggers": Trigger, "behaviours": Behaviour, "distortions": Distortion}[name]
    members = list(vocabulary)
    return [members[i % len(members)].value for i in range(count)]


LIST_FIELDS = [
    (*ENTRY, "triggers"),
    (*ENTRY, "emotions"),
    (*ENTRY, "urge", "behaviours"),
    (*ENTRY, "soothing"),
    (*ENTRY, "challenge", "distortions"),
    (*ENTRY, "partner_positive"),
    (*ENTRY, "tags"),
    (*GAD7_CHECKIN, "answers"),
]


@pytest.mark.parametrize("path", LIST_FIELDS, ids=dotted)
def test_list_over_max_items_is_refused(path):
    assert limits.MAX_LIST_ITEMS == 20
    many = _many(path, limits.MAX_LIST_ITEMS + 1)
    assert_refuses(path, many, f"at most {limits.MAX_LIST_ITEMS} items")


@pytest.mark.parametrize(
    "path", [(*ENTRY, "soothing"), (*ENTRY, "partner_positive"), (*ENTRY, "tags")], ids=dotted
)
def test_list_at_max_items_is_accepted(path):
    many = _many(path, limits.MAX_LIST_ITEMS)
    assert len(value_at(parse_doc(with_value(valid_document(), path, many)), path)) == 20


@pytest.mark.parametrize(
    ("path", "copy_from", "rule"),
    [
        ((*TOMBSTONE, "id"), (*ENTRY, "id"), "entries must not repeat an id"),
        ((*PHQ9_CHECKIN, "id"), (*GAD7_CHECKIN, "id"), "checkins must not repeat an id"),
    ],
    ids=["entries", "checkins"],
)
def test_repeated_id_in_one_export_is_refused(path, copy_from, rule):
    doc = valid_document()
    doc = with_value(doc, path, value_at_dict(doc, copy_from))
    assert_problem(refusal(doc), "", rule)


def test_repeated_homework_log_id_is_refused():
    doc = valid_document()
    doc["homework_logs"].append(dict(doc["homework_logs"][0], note="Again."))
    assert_problem(refusal(doc), "", "homework_logs must not repeat an id")


def test_repeated_id_is_refused_even_in_another_spelling():
    doc = valid_document()
    doc["entries"][1]["id"] = ENTRY_ID.upper()
    assert_problem(refusal(doc), "", "entries must not repeat an id")


def test_same_uuid_in_different_lists_is_not_a_repeat():
    doc = with_value(valid_document(), (*LOG, "id"), ENTRY_ID)
    assert parse_doc(doc).homework_logs[0].id == parse_doc(doc).entries[0].id


def _tombstones(count: int) -> list[dict]:
    return [dict(tombstone(), id=f"00000000-0000-4000-8000-{i:012x}") for i in range(count)]


def test_export_item_limit():
    assert limits.MAX_ITEMS_PER_EXPORT == 10_000
    at_limit = _tombstones(limits.MAX_ITEMS_PER_EXPORT)
    assert len(parse_doc(with_value(valid_document(), ("entries",), at_limit)).entries) == 10_000
    over = _tombstones(limits.MAX_ITEMS_PER_EXPORT + 1)
    assert_refuses(("entries",), over, "at most 10000 items")


# --- tombstones -------------------------------------------------------------------------------


def test_tombstone_parses_as_entry_tombstone():
    parsed = parse_doc(valid_document()).entries[1]
    assert isinstance(parsed, EntryTombstone)
    assert (parsed.revision, parsed.deleted) == (3, True)
    assert not hasattr(parsed, "situation")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("situation", "TOPSECRET"),
        ("occurred_at", "2024-03-04T21:15:00+01:00"),
        ("triggers", ["conflict"]),
        ("tags", []),
        ("urge", None),
    ],
)
def test_tombstone_carrying_entry_fields_is_refused(name, value):
    assert_refuses((*TOMBSTONE, name), value, "is not a field of this format")


def test_live_entry_parses_as_journal_entry_with_or_without_deleted_false():
    with_flag = parse_doc(valid_document()).entries[0]
    without_flag = parse_doc(without(valid_document(), (*ENTRY, "deleted"))).entries[0]
    assert isinstance(with_flag, JournalEntry)
    assert with_flag == without_flag
    assert with_flag.deleted is False


def test_tombstone_without_deleted_flag_is_an_incomplete_entry():
    error = refusal(without(valid_document(), (*TOMBSTONE, "deleted")))
    assert_problem(error, "entries[1].situation", "is required")


@pytest.mark.parametrize("value", [1, "true", "yes"], ids=repr)
def test_tombstone_flag_must_be_json_true(value):
    assert_refuses((*TOMBSTONE, "deleted"), value, "valid boolean")


# --- document level -----------------------------------------------------------------------------


def test_period_start_after_end_is_refused():
    error = refusal(with_value(valid_document(), ("period", "start"), "2024-03-11"))
    assert_problem(error, "period", "start must not be after end")


def test_period_of_one_day_is_accepted():
    doc = with_value(valid_document(), ("period", "start"), "2024-03-10")
    assert parse_doc(doc).period.start == parse_doc(doc).period.end


@pytest.mark.parametrize(
    "label",
    ["securebase/journal-export-v2", "SecureBase/journal-export", "securebase/homework-pack", ""],
)
def test_wrong_format_label_is_refused(label):
    assert_refuses(("format",), label, "should be 'securebase/journal-export'")


@pytest.mark.parametrize("version", [0, 2, -1])
def test_other_format_versions_are_refused(version):
    assert_refuses(("version",), version, "should be 1")


GOOD_SIGNING_KEY = "0123456789abcdef" * 4
BAD_SIGNING_KEYS = [
    GOOD_SIGNING_KEY.upper(),
    GOOD_SIGNING_KEY[:-1],
    GOOD_SIGNING_KEY + "0",
    GOOD_SIGNING_KEY[:-1] + "g",
    GOOD_SIGNING_KEY + "\n",
    " " + GOOD_SIGNING_KEY,
    "",
]


def test_signing_key_pattern_accepts_lowercase_hex():
    assert_accepts(("client_keys", "signing_key"), GOOD_SIGNING_KEY)


@pytest.mark.parametrize("key", BAD_SIGNING_KEYS, ids=repr)
def test_signing_key_pattern_is_enforced(key):
    assert_refuses(("client_keys", "signing_key"), key, "should match pattern")


GOOD_RECIPIENT = "age1" + "qpzry9x8gf2tvdw0s3jn54khce6mua7l" + "q" * 26
BAD_RECIPIENTS = [
    GOOD_RECIPIENT.upper(),
    "age2" + GOOD_RECIPIENT[4:],
    GOOD_RECIPIENT[:-1],
    GOOD_RECIPIENT + "q",
    GOOD_RECIPIENT[:-1] + "b",  # b, i, o and 1 are not bech32 characters
    GOOD_RECIPIENT[:-1] + "i",
    GOOD_RECIPIENT[:-1] + "o",
    GOOD_RECIPIENT[:-1] + "1",
    GOOD_RECIPIENT + "\n",
    "AGE-SECRET-KEY-1" + "Q" * 58,
]


def test_age_recipient_pattern_accepts_every_bech32_character():
    assert len(GOOD_RECIPIENT) == 62
    assert_accepts(("client_keys", "age_recipient"), GOOD_RECIPIENT)


@pytest.mark.parametrize("recipient", BAD_RECIPIENTS, ids=repr)
def test_age_recipient_pattern_is_enforced(recipient):
    assert_refuses(("client_keys", "age_recipient"), recipient, "should match pattern")


@pytest.mark.parametrize("path", [("export_id",), ("client_id",), (*ENTRY, "assignment_id")])
@pytest.mark.parametrize("value", ["not-a-uuid", "", "1234"], ids=repr)
def test_uuid_fields_refuse_non_uuids(path, value):
    assert_refuses(path, value, "valid UUID")


def test_parsed_document_is_frozen():
    parsed = parse_doc(valid_document())
    with pytest.raises(ValueError, match="frozen"):
        parsed.sequence = 5
    with pytest.raises(ValueError, match="frozen"):
        parsed.entries[0].situation = "changed"


# --- measures -------------------------------------------------------------------------------------


def answers_for(spec, total: int) -> list[int]:
    """Item scores (0-3) in item order that add up to ``total``."""
    answers = []
    for _ in range(spec.item_count):
        score = min(spec.item_max, total - sum(answers))
        answers.append(score)
    assert sum(answers) == total
    return answers


GAD7_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]
PHQ9_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately severe"),
    (19, "moderately severe"),
    (20, "severe"),
    (27, "severe"),
]
BAND_CASES = [(GAD7, t, b) for t, b in GAD7_BANDS] + [(PHQ9, t, b) for t, b in PHQ9_BANDS]


@pytest.mark.parametrize(
    ("spec", "total", "band"), BAND_CASES, ids=[f"{s.title}-{t}" for s, t, _ in BAND_CASES]
)
def test_measure_total_and_band_at_every_boundary(spec, total, band):
    answers = answers_for(spec, total)
    assert spec.total(answers) == total
    assert spec.band(spec.total(answers)).label == band


@pytest.mark.parametrize(
    ("spec", "total", "band"), BAND_CASES, ids=[f"{s.title}-{t}" for s, t, _ in BAND_CASES]
)
def test_checkin_with_boundary_answers_parses(spec, total, band):
    where = GAD7_CHECKIN if spec is GAD7 else PHQ9_CHECKIN
    assert_accepts((*where, "answers"), answers_for(spec, total))


@pytest.mark.parametrize(("spec", "top"), [(GAD7, 21), (PHQ9, 27)], ids=["GAD-7", "PHQ-9"])
def test_measure_refuses_totals_outside_its_range(spec, top):
    assert spec.total_max == top
    for total in (-1, top + 1):
        with pytest.raises(ValueError, match=f"0-{top}"):
            spec.band(total)


@pytest.mark.parametrize("spec", [GAD7, PHQ9], ids=["GAD-7", "PHQ-9"])
def test_measure_bands_cover_the_range_without_gaps(spec):
    assert spec.bands[0].low == 0
    assert spec.bands[-1].high == spec.total_max
    for before, after in zip(spec.bands, spec.bands[1:], strict=False):
        assert after.low == before.high + 1


def test_measure_registry_has_the_shipped_measures():
    assert set(MEASURES) == {MeasureKey.GAD7, MeasureKey.PHQ9, MeasureKey.PHQ8}
    assert (GAD7.item_count, PHQ9.item_count) == (7, 9)
    assert all(spec.source for spec in MEASURES.values())


# --- rules added after the first review -----------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"])
def test_period_dates_outside_the_plausible_window_are_refused(day):
    assert_refuses(("period", "end"), day, "must lie between")


@pytest.mark.parametrize("blank", ["\u200b", "\u200b\u200d \u2060", "\ufeff\n"], ids=repr)
def test_text_of_invisible_characters_only_is_blank(blank):
    assert_refuses((*ENTRY, "situation"), blank, "must not be blank")


def test_a_deleted_homework_log_may_not_carry_its_note():
    error = refusal(with_value(valid_document(), (*LOG, "deleted"), True))
    assert_problem(error, "homework_logs[0]", "must not carry a note")


def test_a_deleted_homework_log_without_note_is_accepted():
    document = with_value(valid_document(), (*LOG, "deleted"), True)
    document = with_value(document, (*LOG, "note"), "")
    assert parse_doc(document).homework_logs[0].deleted is True
