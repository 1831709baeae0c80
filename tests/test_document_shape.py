"""The shape limits of ``parse_export`` refuse exactly as the full token scan does.

Most documents take a fast path (few commas, shallow nesting counted at C
speed, keys counted as ``json.loads`` builds the objects); these tests pin
that every refusal, its class, path and wording, is the one the full scan
followed by the plain-JSON checks gives, and that the fast path does not let
a document build many objects before it is refused.
"""

import json
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from securebase import documents, limits
from securebase.documents import json_problems, parse_export
from securebase.errors import DocumentError, MalformedJSON
from tests.builders import valid_document

ENTRY = ("entries", 0)


def reference(data: bytes) -> tuple[type, list[tuple[str, str]]] | None:
    """What the full scan, then the plain-JSON checks, refuse (as before the fast path)."""
    try:
        text = documents._decode(data)
        documents._check_shape(text)
        rule = documents._plain_json_rule(text)
    except DocumentError as error:
        return type(error), [(p.path, p.rule) for p in error.problems]
    return None if rule is None else (MalformedJSON, [("", rule)])


def checked(data: bytes) -> tuple[type, list[tuple[str, str]]] | None:
    try:
        documents._check_json(documents._decode(data), data)
    except DocumentError as error:
        return type(error), [(p.path, p.rule) for p in error.problems]
    return None


def assert_same_as_the_full_scan(data: bytes) -> None:
    assert checked(data) == reference(data)


def keys(count: int) -> str:
    return ",".join(f'"k{i}":0' for i in range(count))


def nested(depth: int, inner: str = "1") -> str:
    return (
        '{"a":[' * (depth // 2)
        + "[" * (depth % 2)
        + inner
        + "]" * (depth % 2)
        + "]}" * (depth // 2)
    )


def test_the_fast_path_is_taken_for_an_ordinary_document(monkeypatch):
    """The point of the fast path: an export does not pay for the token loop."""

    def must_not_run(text):
        raise AssertionError("the full shape scan ran")

    monkeypatch.setattr(documents, "_check_shape", must_not_run)
    assert parse_export(json.dumps(valid_document()).encode()).sequence == 4


@pytest.mark.parametrize("object_keys", [63, 64, 65, 300])
@pytest.mark.parametrize(
    "where", [("{", "", 11), ('"urge": {', "entries[0].urge", 4)], ids=["top", "urge"]
)
def test_an_object_over_the_key_limit_is_refused_with_its_path(object_keys, where):
    marker, path, own_keys = where
    text = json.dumps(valid_document())
    data = text.replace(marker, marker + keys(object_keys - own_keys) + ",", 1).encode()
    assert data.count(b",") < limits.MAX_ITEMS_PER_EXPORT
    outcome = checked(data)
    assert outcome == reference(data)
    if object_keys > documents.MAX_OBJECT_KEYS:
        assert outcome == (DocumentError, [(path, "has more than 64 keys")])
    else:
        assert outcome is None


def test_a_shape_fault_is_reported_before_an_earlier_duplicate_key():
    text = json.dumps(valid_document())
    text = text.replace('"period": {', '"period": {"start": "2024-03-04", ', 1)
    data = text.replace('"urge": {', '"urge": {' + keys(70) + ",", 1).encode()
    assert checked(data) == (DocumentError, [("entries[0].urge", "has more than 64 keys")])
    assert_same_as_the_full_scan(data)


def test_a_shape_fault_is_reported_before_a_syntax_error():
    text = json.dumps(valid_document()).replace('"sequence": 4', '"sequence": 4,,', 1)
    data = text.replace('"urge": {', '"urge": {' + keys(70) + ",", 1).encode()
    assert checked(data) == (DocumentError, [("entries[0].urge", "has more than 64 keys")])
    assert_same_as_the_full_scan(data)


@pytest.mark.parametrize("depth", [1, 2, 31, 32, 33, 34, 100, 999, 5000])
def test_nesting_is_counted_exactly(depth):
    data = nested(depth).encode()
    outcome = checked(data)
    assert outcome == reference(data)
    if depth > documents.MAX_NESTING:
        assert outcome == (MalformedJSON, [("", "nested too deeply")])
    else:
        assert outcome is None


@pytest.mark.parametrize("depth", [27, 28, 29])
def test_nesting_inside_a_document_counts_from_the_top(depth):
    """The situation sits 3 levels down (document, entries, entry): 29 more is 32."""
    doc = valid_document()
    doc["entries"][0]["situation"] = "NEST-SLOT"
    data = json.dumps(doc).replace('"NEST-SLOT"', nested(depth)).encode()
    outcome = checked(data)
    assert outcome == reference(data)
    assert (outcome == (MalformedJSON, [("", "nested too deeply")])) == (depth + 3 > 32)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 40 + "]" * 40,
        "}" * 40 + "{" * 40,
        '\\"' + "[" * 40,
        "\\\\" * 3 + '\\"' + "]" * 40,
        "\\" * 7 + '"' + "{" * 40,
        '\\u005b\\"[[[' * 20,
        "{{{" + "\\\\",
    ],
    ids=[
        "balanced",
        "reversed",
        "escaped-quote",
        "escaped-backslashes",
        "odd-backslashes",
        "mix",
        "trailing-backslash",
    ],
)
def test_brackets_and_escapes_inside_strings_do_not_count(text):
    doc = valid_document()
    doc["entries"][0]["situation"] = "TEXT-SLOT"
    data = json.dumps(doc).replace("TEXT-SLOT", text).encode()
    assert checked(data) == reference(data)
    json.loads(data)  # the text is a valid string: the document is accepted as before
    assert documents._shallow(data)


def test_many_deep_branches_with_few_commas_are_refused_before_they_are_built():
    """Depth, not commas, bounds what a comma-poor document builds: checked first."""
    data = ("[" + ",".join(["[" * 40 + "]" * 40] * 9_000) + "]").encode()
    assert data.count(b",") < limits.MAX_ITEMS_PER_EXPORT
    tracemalloc.start()
    started = time.perf_counter()
    assert json_problems(data)[0].rule == "nested too deeply"
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 5 * len(data)  # a few copies of the text, not 360,000 lists (over 20 MB)


JSONISH = st.text(alphabet='[]{}",:\\ a1\x01', max_size=60)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(JSONISH, st.sampled_from(['"a":', "[", "]", "{", "}", ","])), max_size=40)
)
def test_hypothesis_fast_path_agrees_with_the_full_scan_on_jsonish_text(parts):
    assert_same_as_the_full_scan("".join(parts).encode())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n'),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet="ab[{\\", max_size=3), children, max_size=4)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.integers(min_value=0, max_value=40))
def test_hypothesis_fast_path_agrees_with_the_full_scan_on_json(value, wrap):
    data = ('{"x":[' * wrap + json.dumps(value) + "]}" * wrap).encode()
    assert_same_as_the_full_scan(data)
