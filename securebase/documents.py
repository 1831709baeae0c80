"""Bytes <-> journal export documents, with errors that are safe to show.

``parse_export`` is the only way untrusted bytes become an ``ExportDocument``.
It refuses, before pydantic sees anything: documents over the size limit,
invalid UTF-8, a byte-order mark, a shape no export can have (a list longer
than ``MAX_ITEMS_PER_EXPORT``, an object with more keys than any model has
fields, nesting deeper than the format's), duplicated object keys (two parsers
could disagree on which one wins), numbers too long to convert, and the
non-JSON constants NaN and Infinity. The shape is checked by a linear scan
before any object is built, so a 16 MiB list of millions of tiny items is
refused in milliseconds. Every refusal names a field path and a rule, never
the offending value.

Cost: the token-by-token shape scan is a Python loop, and most documents
cannot break the shape rules anyway. A document with fewer commas than
``MAX_ITEMS_PER_EXPORT`` (commas inside strings count too) cannot hold a list
that long, and one whose nesting (counted at C speed with strings removed)
is within ``MAX_NESTING`` holds a few thousand values at most; for those the
object keys are counted as ``json.loads`` builds the objects, and only a
refusal runs the full scan, so a shape fault is reported exactly as before
and before any other fault.
"""

import json
import re

from pydantic import ValidationError

from securebase import limits
from securebase.errors import DocumentError, DocumentTooLarge, MalformedJSON, Problem
from securebase.journal import ExportDocument

# Tags of the entry union; they are not part of the path a person would read.
_UNION_TAGS = {"entry", "tombstone"}
_READABLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")

#: Shape bounds of any version 1 document: the largest object (a journal
#: entry) has 21 fields and the format nests 5 levels deep.
MAX_OBJECT_KEYS = 64
MAX_NESTING = 32
# A JSON string (an unterminated one runs to the end: the scan stays linear)
# or one structural character. Refusals name the list or object by its path.
_SHAPE_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)|[\[\]{},:]', re.DOTALL)
_ITEM_LISTS = {("entries",), ("homework_logs",), ("checkins",)}
# What _shallow keeps of a document: quotes and brackets, braces read as brackets.
_NOT_A_BRACKET = bytes(set(range(256)) - set(b'"[]{}'))
_SQUARE = bytes.maketrans(b"{}", b"[]")
_TOO_MANY_KEYS = f"has more than {MAX_OBJECT_KEYS} keys"


def parse_export(data: bytes) -> ExportDocument:
    """Validate untrusted bytes as a version 1 export document."""
    if len(data) > limits.MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge([Problem("", f"larger than {limits.MAX_DOCUMENT_BYTES} bytes")])
    text = _decode(data)
    _check_json(text, data)
    try:
        return ExportDocument.model_validate_json(text)
    except ValidationError as error:
        problems = problems_from(error)
        malformed = any(err["type"] == "json_invalid" for err in error.errors())
    # Raised outside the handler so the ValidationError, which quotes input
    # values, is not kept on the new error as its __context__.
    raise (MalformedJSON if malformed else DocumentError)(problems)


def json_problems(data: bytes) -> list[Problem]:
    """What the checks every untrusted JSON document gets (before its model) find wrong.

    For other signed documents (homework packs): invalid UTF-8, a byte-order
    mark, an impossible shape, duplicated keys, NaN/Infinity, numbers too
    long to convert. Empty when the text passes.
    """
    try:
        text = _decode(data)
        _check_json(text, data)
    except DocumentError as error:
        return error.problems
    return []


def dump_export(document: ExportDocument, *, indent: int | None = None) -> bytes:
    """Serialise a document; the output parses back to an equal document."""
    payload = document.model_dump(mode="json")
    return json.dumps(payload, ensure_ascii=False, indent=indent).encode("utf-8")


def problems_from(error: ValidationError) -> list[Problem]:
    """Field paths and rules of a validation error, without input values."""
    return [
        Problem(_path(err["loc"]), _rule(err))
        for err in error.errors(include_input=False, include_url=False)
    ]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise MalformedJSON([Problem("", "starts with a byte-order mark")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = Problem("", f"invalid UTF-8 at byte {error.start}")
    raise MalformedJSON([problem])  # outside the handler: the error holds the bytes


def _check_json(text: str, data: bytes) -> None:
    """The shape limits, then plain JSON; a shape fault is the one reported if both.

    ``data`` is ``text`` encoded (UTF-8), as it came.
    """
    few_values = data.count(b",") < limits.MAX_ITEMS_PER_EXPORT and _shallow(data)
    if not few_values:
        _check_shape(text)  # refuses before anything is built
    rule = _plain_json_rule(text, count_keys=few_values)
    if rule is None:
        return
    if few_values:
        _check_shape(text)  # a shape fault comes first, as if scanned before parsing
    if rule is _TOO_MANY_KEYS:  # the scan always refuses first; kept for safety
        raise DocumentError([Problem("", f"has more than {MAX_OBJECT_KEYS} keys")])
    raise MalformedJSON([Problem("", rule)])


def _shallow(data: bytes) -> bool:
    """True if no container nests deeper than ``MAX_NESTING``, outside strings.

    At C speed: drop escaped backslashes, then escaped quotes, then every byte
    but quotes and brackets; what lies between the quotes left was in a string.
    Each round then removes every empty container (``[]``, once braces read as
    square brackets), so a balanced text empties in as many rounds as it nests
    deep. Unbalanced (malformed) text is left to the full scan and the parser.
    """
    quotes_and_brackets = (
        data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(_SQUARE, _NOT_A_BRACKET)
    )
    brackets = b"".join(quotes_and_brackets.split(b'"')[::2])
    for _ in range(MAX_NESTING):
        if not brackets:
            return True
        brackets = brackets.replace(b"[]", b"")
    return not brackets


def _plain_json_rule(text: str, *, count_keys: bool = False) -> str | None:
    """What Python's json would take but the format forbids, as a rule; None if nothing.

    Every refusal is taken outside its ``except`` block, so that the
    original exception (which may hold the whole document) is not chained.
    """
    hook = _refuse_duplicate_or_too_many_keys if count_keys else _refuse_duplicate_keys
    try:
        json.loads(text, object_pairs_hook=hook, parse_constant=_refuse_constant)
        return None
    except json.JSONDecodeError as error:
        rule = f"{error.msg} (line {error.lineno}, column {error.colno})"
    except RecursionError:
        rule = "nested too deeply"
    except _PlainJSONError as error:
        rule = error.rule
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        rule = "a number has too many digits"
    return rule


def _check_shape(text: str) -> None:
    """Count the items of each list, the keys of each object and the nesting, building nothing."""
    stack: list[list] = []  # per open container: [items so far, is a list, its key or index]
    key, last = None, None
    for match in _SHAPE_TOKEN.finditer(text):
        char = text[match.start()]
        if char == '"':
            last = match
        elif char == ":":
            key = _key_of(last)
        elif char in "[{":
            step = (stack[-1][0] - 1 if stack[-1][1] else key) if stack else None
            stack.append([1, char == "[", step])
            if len(stack) > MAX_NESTING:
                raise MalformedJSON([Problem("", "nested too deeply")])
        elif char in "]}":
            if stack:
                stack.pop()
        elif stack:  # a comma: one more item or key
            stack[-1][0] += 1
            if stack[-1][0] > (limits.MAX_ITEMS_PER_EXPORT if stack[-1][1] else MAX_OBJECT_KEYS):
                _refuse_shape(stack)


def _key_of(match: re.Match | None) -> str:
    raw = match.group()[1:-1] if match else ""
    return raw if _READABLE_KEY.match(raw) else "\\"  # "\\" reads as "<unreadable key>"


def _refuse_shape(stack: list[list]) -> None:
    loc = tuple(step for _, _, step in stack if step is not None)
    if not stack[-1][1]:
        rule = f"has more than {MAX_OBJECT_KEYS} keys"
    elif loc in _ITEM_LISTS:
        rule = f"should have at most {limits.MAX_ITEMS_PER_EXPORT} items"
    else:
        rule = f"has more than {limits.MAX_ITEMS_PER_EXPORT} items"
    raise DocumentError([Problem(_path(loc), rule)])


class _PlainJSONError(ValueError):
    def __init__(self, rule: str):
        self.rule = rule


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _PlainJSONError("an object repeats a key")
    return result


def _refuse_duplicate_or_too_many_keys(pairs: list[tuple[str, object]]) -> dict:
    if len(pairs) > MAX_OBJECT_KEYS:
        raise _PlainJSONError(_TOO_MANY_KEYS)
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _PlainJSONError("an object repeats a key")
    return result


def _refuse_constant(name: str):
    raise _PlainJSONError(f"{name} is not a JSON number")


def _path(loc: tuple) -> str:
    parts: list[str] = []
    for index, item in enumerate(loc):
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in _UNION_TAGS and _is_union_tag(loc, index):
            continue
        else:
            name = item if _READABLE_KEY.match(item) else "<unreadable key>"
            parts.append(f".{name}" if parts else name)
    return "".join(parts)


def _is_union_tag(loc: tuple, index: int) -> bool:
    """Pydantic puts the entry union's tag right after ``entries[i]``."""
    return index >= 2 and loc[index - 2] == "entries" and isinstance(loc[index - 1], int)


def _rule(err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return "is not a field of this format"
    if err["type"] == "missing":
        return "is required"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"].endswith("_parsing"):
        # Parser messages can quote a character of the input; keep the rule only.
        message = message.split(",")[0]
    return message.replace("Input should", "should")
