"""Bytes <-> documents: round trips, the guard rails of ``parse_export``, and error hygiene.

Error hygiene is a product rule: a refused document is reported by field path
and rule only. Nothing a client wrote may reach an error's text, its problems,
the words ``describe`` gives people, or a ``--debug`` traceback.
"""

import json
import string
import traceback
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from securebase import documents, limits
from securebase.documents import dump_export, parse_export, problems_from
from securebase.errors import DocumentError, DocumentTooLarge, MalformedJSON, Problem
from securebase.journal import ExportDocument
from securebase.messages import CATALOGUE, describe
from tests.builders import (
    assert_problem,
    dotted,
    parse_doc,
    refusal,
    to_bytes,
    valid_bytes,
    valid_document,
    with_value,
)
from tests.strategies import FORBIDDEN_CHARS, export_documents, text_paths

ENTRY = ("entries", 0)
DATETIME_KEYS = {"created_at", "occurred_at", "recorded_at", "done_at", "completed_at"}


def builder_client_texts() -> list[str]:
    """Every piece of client-written text in the builder's document."""
    doc = valid_document()
    entry, log = doc["entries"][0], doc["homework_logs"][0]
    challenge = entry["challenge"]
    return [
        entry["situation"],
        entry["trigger_note"],
        entry["body_sensations"],
        entry["automatic_thought"],
        challenge["evidence_for"],
        challenge["evidence_against"],
        challenge["balanced_thought"],
        entry["need_statement"]["text"],
        *entry["partner_positive"],
        *entry["tags"],
        log["note"],
    ]


def error_texts(error: DocumentError) -> list[str]:
    """Everything a front end, a log or a --debug run could show of ``error``."""
    message = describe(error)
    return [
        str(error),
        repr(error),
        message.text,
        message.hint,
        "".join(traceback.format_exception(error)),
        *[str(problem) for problem in error.problems],
        *[problem.path for problem in error.problems],
        *[problem.rule for problem in error.problems],
    ]


def assert_no_leak(error: DocumentError, secrets: list[str]) -> None:
    assert error.problems, "a refusal names at least one problem"
    for text in error_texts(error):
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {text!r}"


def splice(doc: dict, placeholder: str, raw: bytes, **dumps_options) -> bytes:
    """The bytes of ``doc`` with the JSON string ``"placeholder"`` replaced by raw bytes."""
    data = to_bytes(doc, **dumps_options)
    quoted = json.dumps(placeholder).encode()
    assert data.count(quoted) == 1
    return data.replace(quoted, raw)


# --- round trip ---------------------------------------------------------------------------------


def test_builder_document_round_trips_exactly():
    parsed = parse_export(valid_bytes())
    dumped = dump_export(parsed)
    assert parse_export(dumped) == parsed
    assert json.loads(dumped) == valid_document()


def test_dump_is_deterministic():
    first = dump_export(parse_export(valid_bytes()))
    second = dump_export(parse_export(valid_bytes()))
    assert first == second
    assert dump_export(parse_export(first)) == first


@pytest.mark.parametrize("indent", [None, 2])
def test_indented_dump_parses_back_to_the_same_document(indent):
    parsed = parse_export(valid_bytes())
    assert parse_export(dump_export(parsed, indent=indent)) == parsed


def test_dump_is_utf8_and_keeps_non_ascii_text_readable():
    text = "Ça va 🙂 — 不安"
    parsed = parse_doc(with_value(valid_document(), (*ENTRY, "situation"), text))
    dumped = dump_export(parsed)
    assert text.encode("utf-8") in dumped
    assert parse_export(dumped).entries[0].situation == text


def test_dump_writes_canonical_uuids():
    doc = with_value(valid_document(), ("export_id",), valid_document()["export_id"].upper())
    assert json.loads(dump_export(parse_doc(doc)))["export_id"] == valid_document()["export_id"]


def assert_carried(original, dumped, key: str = "") -> None:
    """Every value of ``original`` reappears in ``dumped`` (datetimes: same instant and offset)."""
    if isinstance(original, dict):
        for name, value in original.items():
            assert name in dumped, name
            assert_carried(value, dumped[name], name)
    elif isinstance(original, list):
        assert len(original) == len(dumped)
        for before, after in zip(original, dumped, strict=True):
            assert_carried(before, after, key)
    elif key in DATETIME_KEYS:
        before, after = datetime.fromisoformat(original), datetime.fromisoformat(dumped)
        assert before == after
        assert before.utcoffset() == after.utcoffset()
    else:
        assert original == dumped
        assert type(original) is type(dumped)


@settings(max_examples=60, deadline=None)
@given(doc=export_documents(), ascii_only=st.booleans())
def test_generated_documents_round_trip(doc, ascii_only):
    parsed = parse_export(to_bytes(doc, ensure_ascii=ascii_only))
    dumped = dump_export(parsed)
    again = parse_export(dumped)
    assert again == parsed
    assert dump_export(again) == dumped
    assert_carried(doc, json.loads(dumped))


# --- guard rails: size --------------------------------------------------------------------------


def test_size_limit_is_sixteen_mebibytes():
    assert limits.MAX_DOCUMENT_BYTES == 16 * 1024 * 1024


def padded_to(size: int) -> bytes:
    """The builder document padded with insignificant whitespace to exactly ``size`` bytes."""
    data = valid_bytes()
    return data[:-1] + b" " * (size - len(data)) + b"}"


def test_document_of_exactly_the_size_limit_is_accepted():
    data = padded_to(limits.MAX_DOCUMENT_BYTES)
    assert len(data) == limits.MAX_DOCUMENT_BYTES
    assert parse_export(data) == parse_export(valid_bytes())


OVERSIZED = {
    "valid-but-one-byte-over": lambda: padded_to(limits.MAX_DOCUMENT_BYTES + 1),
    "long-string": lambda: b'"' + b"x" * limits.MAX_DOCUMENT_BYTES,
    "deep-nesting": lambda: b"[" * (limits.MAX_DOCUMENT_BYTES + 1),
    "not-utf8": lambda: b"\xff" * (limits.MAX_DOCUMENT_BYTES + 1),
}


@pytest.mark.parametrize("case", list(OVERSIZED))
def test_oversized_document_is_refused_before_json_parsing(case, monkeypatch):
    data = OVERSIZED[case]()

    def must_not_run(*args, **kwargs):
        raise AssertionError("an oversized document reached the JSON parser")

    monkeypatch.setattr(documents.json, "loads", must_not_run)
    monkeypatch.setattr(documents, "_decode", must_not_run)
    error = refusal(data, DocumentTooLarge)
    assert error.code == "document_too_large"
    assert error.problems == [Problem("", f"larger than {limits.MAX_DOCUMENT_BYTES} bytes")]


# --- guard rails: encoding and JSON -------------------------------------------------------------


def assert_malformed(data: bytes, rule_fragment: str) -> MalformedJSON:
    error = refusal(data, MalformedJSON)
    assert error.code == "malformed_json"
    assert_problem(error, "", rule_fragment)
    return error


@pytest.mark.parametrize(
    "prefix", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf"], ids=["bom", "two-boms"]
)
def test_byte_order_mark_is_refused(prefix):
    assert_malformed(prefix + valid_bytes(), "byte-order mark")


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(b"\xff", id="ff"),
        pytest.param(b"\xc0\xaf", id="overlong-slash"),
        pytest.param(b"\xed\xa0\x80", id="encoded-surrogate"),
        pytest.param(b"\xe2\x82", id="truncated-sequence"),
        pytest.param(b"\xf4\x90\x80\x80", id="beyond-u10ffff"),
        pytest.param(b"\x80", id="lone-continuation"),
    ],
)
def test_invalid_utf8_is_refused_with_its_byte_offset(bad):
    doc = with_value(valid_document(), (*ENTRY, "situation"), "BAD-BYTES")
    data = splice(doc, "BAD-BYTES", b'"words' + bad + b'more"')
    offset = data.index(b"words" + bad) + len(b"words")
    assert_malformed(data, f"invalid UTF-8 at byte {offset}")


def test_utf16_document_is_refused():
    assert_malformed(json.dumps(valid_document()).encode("utf-16"), "invalid UTF-8")


DUPLICATE_KEYS = [
    ((), "sequence", 4),
    ((), "format", "securebase/journal-export"),
    (("period",), "start", "2024-03-04"),
    (("client_keys",), "signing_key", "TOPSECRET"),
    (ENTRY, "situation", "TOPSECRET"),
    ((*ENTRY, "urge"), "intensity", 8),
    ((*ENTRY, "emotions", 0), "emotion", "anxiety"),
    (("checkins", 0), "answers", [0, 0, 0, 0, 0, 0, 0]),
    (("entries", 1), "deleted", False),
]


@pytest.mark.parametrize(
    ("container", "key", "value"),
    DUPLICATE_KEYS,
    ids=[dotted((*c, k)) for c, k, _ in DUPLICATE_KEYS],
)
def test_duplicate_key_is_refused_at_any_depth(container, key, value):
    doc = with_value(valid_document(), (*container, "DUPLICATE-SLOT"), value)
    data = splice(doc, "DUPLICATE-SLOT", json.dumps(key).encode())
    assert data.count(json.dumps(key).encode() + b":") >= 2
    error = assert_malformed(data, "an object repeats a key")
    assert_no_leak(error, ["TOPSECRET"])


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(
    "path", [(*ENTRY, "belief_before"), ("sequence",), ("checkins", 0, "answers", 0)], ids=dotted
)
def test_non_json_number_constants_are_refused(constant, path):
    doc = with_value(valid_document(), path, "CONSTANT-SLOT")
    assert_malformed(splice(doc, "CONSTANT-SLOT", constant.encode()), f"{constant} is not a JSON")


def nested(kind: str, depth: int) -> bytes:
    if kind == "arrays":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize(
    ("kind", "depth"),
    [("arrays", 100_000), ("objects", 100_000), ("arrays", 5_000), ("arrays", 300)],
    ids=["arrays-100000", "objects-100000", "arrays-5000", "arrays-300"],
)
@pytest.mark.parametrize("where", ["top", "field"])
def test_deep_nesting_is_refused_as_malformed_json(kind, depth, where):
    """However deep, excessive nesting is one refusal with one code: malformed_json."""
    if where == "top":
        data = nested(kind, depth)
    else:
        doc = with_value(valid_document(), (*ENTRY, "situation"), "NEST-SLOT")
        data = splice(doc, "NEST-SLOT", nested(kind, depth))
    assert_malformed(data, "")


@pytest.mark.parametrize("keep", [1, 0.5, -1, -3], ids=lambda k: f"keep-{k}")
def test_truncated_json_is_refused_with_line_and_column(keep):
    data = valid_bytes()
    cut = data[: int(len(data) * keep)] if isinstance(keep, float) else data[:keep]
    error = assert_malformed(cut, "line 1, column")
    assert error.problems[0].rule


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "Expecting value"),
        (b"   \n", "Expecting value"),
        (valid_bytes() + b" {}", "Extra data"),
        (valid_bytes() + b"x", "Extra data"),
        (b"{'format': 1}", "Expecting property name"),
        (b'{"a": 1,}', "Expecting property name"),
        (b'{"a": "raw\x1bescape"}', "Invalid control character"),
        (b'{"a": "raw\nnewline"}', "Invalid control character"),
    ],
    ids=[
        "empty",
        "whitespace",
        "two-objects",
        "trailing-garbage",
        "single-quotes",
        "trailing-comma",
        "raw-escape-char",
        "raw-newline",
    ],
)
def test_invalid_json_is_malformed(data, rule):
    assert_malformed(data, rule)


@pytest.mark.parametrize(
    "data",
    [b"[]", b"[" + valid_bytes() + b"]", b'"TOPSECRET"', b"1", b"null", b"true"],
    ids=["empty-array", "array-of-document", "string", "number", "null", "true"],
)
def test_top_level_must_be_an_object(data):
    error = refusal(data)
    assert type(error) is DocumentError
    assert error.code == "invalid_document"
    assert_problem(error, "", "object")
    assert_no_leak(error, ["TOPSECRET"])


@pytest.mark.parametrize(
    ("error_class", "code"),
    [
        (DocumentError, "invalid_document"),
        (DocumentTooLarge, "document_too_large"),
        (MalformedJSON, "malformed_json"),
    ],
)
def test_every_document_error_code_has_words(error_class, code):
    error = error_class([Problem("entries[0].situation", "contains control characters")])
    assert error.code == code
    assert isinstance(error, DocumentError)
    message = describe(error)
    assert message.text.startswith(CATALOGUE[code].text)
    assert "entries[0].situation: contains control characters" in message.text
    assert message.hint == CATALOGUE[code].hint


def test_error_text_lists_the_first_five_problems_and_keeps_all():
    doc = valid_document()
    for name in ["belief_before", "distress_before", "distress_after"]:
        doc["entries"][0][name] = 101
    for name in ["bogus1", "bogus2", "bogus3", "bogus4"]:
        doc["entries"][0][name] = "TOPSECRET"
    error = refusal(doc)
    assert len(error.problems) == 7
    assert str(error).count("; ") == 4


def test_problems_from_a_validation_error_has_no_input_values():
    doc = with_value(valid_document(), (*ENTRY, "situation"), "TOPSECRET\x1b")
    doc = with_value(doc, (*ENTRY, "bogus"), "TOPSECRET")
    with pytest.raises(ValidationError) as info:
        ExportDocument.model_validate_json(json.dumps(doc))
    problems = problems_from(info.value)
    assert set(problems) == {
        Problem("entries[0].situation", "contains control characters"),
        Problem("entries[0].bogus", "is not a field of this format"),
    }


# --- error hygiene ------------------------------------------------------------------------------

HYGIENE_CASES = [
    ((*ENTRY, "situation"), "SECRET-WORDS-\x1b"),
    ((*ENTRY, "situation"), "SECRET-WORDS-" + "x" * limits.MAX_TEXT_CHARS),
    ((*ENTRY, "situation"), 12345),
    ((*ENTRY, "automatic_thought"), "\x00SECRET-WORDS"),
    ((*ENTRY, "challenge", "balanced_thought"), "SECRET-WORDS\x85"),
    ((*ENTRY, "need_statement"), "SECRET-WORDS"),
    ((*ENTRY, "tags"), ["SECRET-WORDS", "SECRET-WORDS"]),
    ((*ENTRY, "tags", 0), "SECRET-WORDS" * 5),
    ((*ENTRY, "partner_positive", 0), "SECRET-WORDS\x7f"),
    (("homework_logs", 0, "note"), "SECRET-WORDS\x9b[2J"),
    (("bogus",), "TOPSECRET"),
    ((*ENTRY, "bogus"), "TOPSECRET"),
    ((*ENTRY, "urge", "bogus"), {"nested": "TOPSECRET"}),
    ((*ENTRY, "TOPSECRET partner name"), 1),
    ((*ENTRY, "TOPSECRET_" + "x" * 40), 1),
    (("entries", 1, "situation"), "TOPSECRET"),
    ((*ENTRY, "triggers", 0), "TOPSECRET"),
    ((*ENTRY, "emotions", 0, "emotion"), "TOPSECRET"),
    (("checkins", 0, "measure"), "TOPSECRET"),
    (("export_id",), "TOPSECRET"),
    ((*ENTRY, "assignment_id"), "TOPSECRET-0000-4000-8000-000000000000"),
    ((*ENTRY, "occurred_at"), "TOPSECRET"),
    ((*ENTRY, "occurred_at"), "2024-03-04TOPSECRET"),
    ((*ENTRY, "recorded_at"), "2024-03-04T21:15:00 TOPSECRET"),
    (("period", "start"), "2024-03-TOPSECRET"),
    (("client_keys", "signing_key"), "TOPSECRET"),
    (("client_keys", "age_recipient"), "age1TOPSECRET"),
    (("format",), "TOPSECRET"),
    (("version",), "TOPSECRET"),
    ((*ENTRY, "belief_before"), "TOPSECRET"),
    ((*ENTRY, "urge", "acted"), "TOPSECRET"),
    ((*ENTRY, "deleted"), "TOPSECRET"),
    (("entries", 1, "deleted"), "TOPSECRET"),
    (ENTRY, "TOPSECRET"),
    (("checkins", 0, "answers", 0), "TOPSECRET"),
]


def _hygiene_id(case) -> str:
    path, value = case
    return f"{dotted(path)}={str(value)[:20]!r}"


@pytest.mark.parametrize(("path", "value"), HYGIENE_CASES, ids=map(_hygiene_id, HYGIENE_CASES))
def test_refusal_never_echoes_client_text(path, value):
    error = refusal(with_value(valid_document(), path, value))
    assert_no_leak(error, ["SECRET-WORDS", "TOPSECRET", *builder_client_texts()])
    for problem in error.problems:
        assert problem.rule


@pytest.mark.parametrize(
    ("path", "value", "rule"),
    [
        ((*ENTRY, "situation"), "SECRET-WORDS-\x1b", "contains control characters"),
        ((*ENTRY, "bogus"), "TOPSECRET", "is not a field of this format"),
        ((*ENTRY, "urge", "bogus"), "TOPSECRET", "is not a field of this format"),
        ((*ENTRY, "triggers", 0), "TOPSECRET", "should be 'delayed_reply'"),
        ((*ENTRY, "occurred_at"), "TOPSECRET", "must be an ISO 8601 datetime"),
    ],
)
def test_refusal_names_path_and_rule(path, value, rule):
    assert_problem(refusal(with_value(valid_document(), path, value)), dotted(path), rule)


@pytest.mark.parametrize(
    "key", ["TOPSECRET partner name", "TOPSECRET_" + "x" * 40, "TOPSECRET-ü"], ids=ascii
)
def test_unreadable_unknown_key_is_named_generically(key):
    error = refusal(with_value(valid_document(), (*ENTRY, key), 1))
    assert_problem(error, "entries[0].<unreadable key>", "is not a field of this format")


RAW_HYGIENE_CASES = {
    "truncated-inside-text": lambda: valid_bytes_with_situation("TOPSECRET words")[:-200],
    "raw-control-char": lambda: valid_bytes_with_situation("TOPSECRET").replace(
        b"TOPSECRET", b"TOPSECRET\x1b"
    ),
    "invalid-utf8": lambda: valid_bytes_with_situation("TOPSECRET").replace(
        b"TOPSECRET", b"TOPSECRET\xff"
    ),
    "lone-surrogate": lambda: valid_bytes_with_situation("TOPSECRET").replace(
        b"TOPSECRET", b"TOPSECRET\\ud800"
    ),
    "nan": lambda: valid_bytes_with_situation("TOPSECRET").replace(
        b'"distress_after": 40', b'"distress_after": NaN'
    ),
    "duplicate-key": lambda: valid_bytes_with_situation("TOPSECRET").replace(
        b'"trigger_note"', b'"situation"'
    ),
    "single-quoted": lambda: b"{'situation': 'TOPSECRET'}",
    "bare-word": lambda: b'{"situation": TOPSECRET}',
}


def valid_bytes_with_situation(text: str) -> bytes:
    return to_bytes(with_value(valid_document(), (*ENTRY, "situation"), text))


@pytest.mark.parametrize("case", list(RAW_HYGIENE_CASES))
def test_malformed_input_is_never_echoed(case):
    data = RAW_HYGIENE_CASES[case]()
    assert b"TOPSECRET" in data
    error = refusal(data)
    assert_no_leak(error, ["TOPSECRET", *builder_client_texts()])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(valid_bytes_with_situation("TOPSECRET\x1b"), id="validation"),
        pytest.param(valid_bytes_with_situation("TOPSECRET")[:-200], id="json"),
    ],
)
def test_raised_error_does_not_keep_the_client_text_reachable(data):
    """An error is safe to hand to any logger or reporter: its chain holds no client text.

    ``raise ... from None`` hides the original exception from tracebacks but
    keeps it in ``__context__``; pydantic's ValidationError repeats the input
    values and JSONDecodeError keeps the whole document in ``.doc``.
    """
    error = refusal(data)
    chain, seen = [error], set()
    while chain:
        exc = chain.pop()
        if id(exc) in seen:
            continue
        seen.add(id(exc))
        for text in [str(exc), repr(exc), *map(repr, vars(exc).values())]:
            assert "TOPSECRET" not in text, f"client text reachable from {type(exc).__name__}"
        chain += [e for e in (exc.__cause__, exc.__context__) if e is not None]


_markers = st.text(string.ascii_uppercase + string.digits, min_size=10, max_size=14).map(
    lambda body: "SECRET-" + body
)


@settings(max_examples=80, deadline=None)
@given(doc=export_documents(min_entries=1), data=st.data())
def test_bad_text_anywhere_is_refused_by_path_without_echo(doc, data):
    path = data.draw(st.sampled_from(text_paths(doc)), label="path")
    marker = data.draw(_markers, label="marker")
    bad = data.draw(st.sampled_from(FORBIDDEN_CHARS), label="forbidden")
    value = data.draw(
        st.sampled_from([marker + bad, bad + marker, marker[:5] + bad + marker[5:]]), label="value"
    )
    ascii_only = data.draw(st.booleans(), label="ascii_only")
    error = refusal(to_bytes(with_value(doc, path, value), ensure_ascii=ascii_only))
    assert type(error) is DocumentError
    assert_problem(error, dotted(path), "contains control characters")
    assert_no_leak(error, [marker, marker[:5], marker[5:]])
