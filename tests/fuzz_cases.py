"""Hostile documents for the fuzz suite, each a pure function of a seeded ``random.Random``.

A generator takes the random source and a valid base document
(``tests/fuzz_json.py``) and returns plaintext bytes that the fuzz client
then signs and seals correctly, so it reaches the parser and the validator:
duplicated keys, deep nesting, huge numbers, NaN/Infinity, invalid UTF-8,
byte-order marks, overlong strings, millions of items, control and
zero-width characters, odd dates, wrong types, missing and unknown fields,
semantic mistakes, and documents that are odd but valid. Every client text
holds ``CANARY``; no refusal may repeat it. Byte-level mutations of sealed
files are in ``tests/fuzz_bytes.py``; ``tests/fuzz_kit.py`` runs both.
"""

import copy
import json
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from securebase import limits
from tests.fuzz_json import CANARY, Pairs, Raw, new_uuid, objects, slots, write


def _replace_somewhere(rng: random.Random, doc: dict, value, *, where=None) -> str:
    places = [s for s in slots(doc) if where is None or where(s)] or slots(doc)
    container, key, _ = rng.choice(places)
    container[key] = value
    return write(doc)


def _is_number(slot) -> bool:
    container, key, _ = slot
    value = container[key]
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(slot) -> bool:
    container, key, _ = slot
    return isinstance(container[key], str)


def _is_time(slot) -> bool:
    _, key, _ = slot
    return isinstance(key, str) and key.endswith(("_at", "start", "end"))


# -- document-layer generators: (rng, doc) -> plaintext bytes -----------------------


def duplicate_key(rng, doc):
    target = rng.choice(objects(doc))
    key = rng.choice(list(target))
    second = rng.choice([target[key], None, 0, CANARY, [CANARY]])
    pairs = Pairs(target.items())
    pairs.insert(rng.randint(0, len(pairs)), (key, second))
    container, slot_key, _ = next(
        ((c, k, p) for c, k, p in slots(doc) if c[k] is target), (None, None, None)
    )
    if container is None:
        return write(pairs).encode()
    container[slot_key] = pairs
    return write(doc).encode()


def deep_nesting(rng, doc):
    depth = rng.choice([30, 200, 1000, 5000, 100_000, 1_000_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    inner = rng.choice(["0", f'"{CANARY}"', "[]"])
    return _replace_somewhere(rng, doc, Raw(opener * depth + inner + closer * depth)).encode()


def huge_number(rng, doc):
    digits = rng.choice([19, 20, 400, 4300, 4301, 100_000, 1_000_000])
    text = rng.choice(
        [
            "9" * digits,
            "-" + "9" * digits,
            "1" + "0" * digits,
            f"1e{digits}",
            f"1E-{digits}",
            "0." + "0" * digits + "1",
            "-0",
            "1.0",
            "1e2",
            str(2**63),
            str(limits.MAX_COUNTER + 1),
        ]
    )
    return _replace_somewhere(rng, doc, Raw(text), where=_is_number).encode()


def nan_or_infinity(rng, doc):
    text = rng.choice(["NaN", "Infinity", "-Infinity", "nan", "inf", "1e999", "-1e999"])
    return _replace_somewhere(rng, doc, Raw(text), where=_is_number).encode()


_BAD_UTF8 = [
    b"\xff",
    b"\x80",
    b"\xc0\xaf",  # overlong "/"
    b"\xe0\x80\xaf",  # overlong, three bytes
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xe2\x82",  # cut short
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xfe\xfe\xff\xff",
]


def invalid_utf8(rng, doc):
    marker = "\ue000"
    _replace_somewhere(rng, doc, f"{CANARY}{marker}{CANARY}", where=_is_text)
    data = write(doc).encode("utf-8")
    return data.replace(marker.encode(), rng.choice(_BAD_UTF8))


def byte_order_mark(rng, doc):
    text = write(doc)
    choice = rng.randrange(6)
    if choice == 0:
        return b"\xef\xbb\xbf" + text.encode()
    if choice == 1:
        return b" \n\xef\xbb\xbf" + text.encode()
    if choice == 2:
        return text.encode("utf-16")
    if choice == 3:
        return text.encode("utf-32")
    if choice == 4:
        return text.encode("utf-16-be")
    # A byte-order mark inside text is an ordinary (invisible) character.
    _replace_somewhere(rng, doc, "\ufeff" + CANARY, where=_is_text)
    return write(doc).encode()


def overlong_string(rng, doc):
    size = rng.choice(
        [
            limits.MAX_TAG_CHARS + 1,
            limits.MAX_SHORT_TEXT_CHARS + 1,
            limits.MAX_TEXT_CHARS,
            limits.MAX_TEXT_CHARS + 1,
            100_000,
            1_000_000,
            limits.MAX_DOCUMENT_BYTES - 4096,
        ]
    )
    text = (CANARY + " ") * (size // (len(CANARY) + 1) + 1)
    if rng.random() < 0.2:  # an overlong key instead of an overlong value
        target = rng.choice(objects(doc))
        target[text[:size]] = 1
        return write(doc).encode()
    return _replace_somewhere(rng, doc, text[:size], where=_is_text).encode()


def many_items(rng, doc):
    count = rng.choice(
        [
            limits.MAX_LIST_ITEMS + 1,
            limits.MAX_ITEMS_PER_EXPORT + 1,
            100_000,
            1_000_000,
            5_000_000,
        ]
    )
    item = rng.choice(["{}", "0", "[]", '""', "null"])
    if rng.random() < 0.2 and count <= limits.MAX_ITEMS_PER_EXPORT + 1:
        item = write(doc["entries"][0])  # many real entries
    where = rng.choice(["entries", "homework_logs", "checkins", "inner"])
    if where == "inner":
        return _replace_somewhere(rng, doc, Raw(_repeat(item, count))).encode()
    doc[where] = Raw(_repeat(item, count))
    return write(doc).encode()


def many_keys(rng, doc):
    count = rng.choice([30, 1000, 100_000, 1_000_000])
    keys = ",".join(f'"k{i}":0' for i in range(count))
    return _replace_somewhere(rng, doc, Raw("{" + keys + "}")).encode()


def _repeat(item: str, count: int) -> str:
    return "[" + ",".join([item] * count) + "]"


_ODD_CHARACTERS = [
    *[chr(c) for c in (0, 1, 7, 8, 0x0B, 0x0C, 0x1B, 0x7F, 0x85, 0x9B, 0x9F)],
    "\u200b",  # zero-width space
    "\u200c\u200d\u2060",
    "\u202e",  # right-to-left override
    "\u2028\u2029",
    "\x1b[31m",  # a terminal colour sequence
    "\ud800",  # a lone surrogate (only as a JSON escape)
    "\U0001f600",
    "\ufffd",
]


def odd_characters(rng, doc):
    char = rng.choice(_ODD_CHARACTERS)
    if rng.random() < 0.3:  # only invisible characters: blank text
        text = rng.choice(["\u200b", "\u200b\u200c\u2060\ufeff", " \t"])
    else:
        text = f"{CANARY}{char}{CANARY}"
    _replace_somewhere(rng, doc, text, where=_is_text)
    encoded = json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=False)
    if "\ud800" in encoded:
        encoded = json.dumps(doc, ensure_ascii=True)
    if rng.random() < 0.3:  # a raw control character inside a string: not JSON
        encoded = encoded.replace(CANARY, CANARY + "\x01", 1)
    return encoded.encode("utf-8", errors="surrogatepass")


def _future(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def odd_date(rng, doc):
    value = rng.choice(
        [
            "0001-01-01T00:00:00+00:00",
            "0001-01-01",
            "9999-12-31T23:59:59+00:00",
            "9999-12-31T23:59:59.999999-23:59",
            "9999-12-31",
            "0000-01-01T00:00:00+00:00",
            "10000-01-01T00:00:00+00:00",
            "2099-12-31T23:59:59+00:00",
            "2100-01-01T00:00:00+00:00",
            "1999-12-31T23:59:59+00:00",
            _future(1),
            _future(365),
            _future(365 * 70),
            "2025-02-29T10:00:00+00:00",
            "2024-02-30",
            "2025-06-30T23:59:60+00:00",
            "2025-01-01T10:00:00",
            "2025-01-01T10:00:00+24:00",
            "2025-01-01T10:00:00-00:00",
            "2025-01-01t10:00:00z",
            "2025-W02-1",
            "2025-006",
            "",
            CANARY,
            Raw("1735725600"),
        ]
    )
    return _replace_somewhere(rng, doc, value, where=_is_time).encode()


_WRONG_VALUES = [None, True, False, 0, -1, 1.5, "", CANARY, [], [CANARY], {}, {"x": CANARY}]


def wrong_type(rng, doc):
    return _replace_somewhere(rng, doc, copy.deepcopy(rng.choice(_WRONG_VALUES))).encode()


def missing_field(rng, doc):
    target = rng.choice([o for o in objects(doc) if o])
    del target[rng.choice(list(target))]
    return write(doc).encode()


def unknown_field(rng, doc):
    target = rng.choice(objects(doc))
    key = rng.choice(["extra", "__proto__", "Situation", "", "ключ", f"{CANARY} key", "a" * 300])
    target[key] = rng.choice([CANARY, 0, None, {}])
    return write(doc).encode()


def broken_structure(rng, doc):
    text = write(doc)
    return rng.choice(
        [
            b"",
            b"   ",
            b"null",
            b"[]",
            json.dumps([doc]).encode(),
            json.dumps(CANARY).encode(),
            text[: rng.randrange(len(text))].encode(),
            (text + text).encode(),
            (text + "\n// " + CANARY).encode(),
            text.replace('"', "'").encode(),
            text.replace("]", ",]", 1).encode(),
            (text + "\x00").encode(),
        ]
    )


def semantic_mistake(rng, doc):
    entry = doc["entries"][0]
    change = rng.randrange(9)
    if change == 0:
        doc["sequence"] = rng.choice([0, -1, limits.MAX_COUNTER + 1])
    elif change == 1:
        doc["period"] = {"start": doc["period"]["end"], "end": doc["period"]["start"]}
    elif change == 2:
        doc["entries"].append(copy.deepcopy(entry))  # the same id twice
    elif change == 3:
        entry["occurred_at"] = _future(3650)
    elif change == 4 and "situation" in entry:
        entry["deleted"] = True  # a tombstone that still carries text
    elif change == 5:
        doc["client_id"] = str(new_uuid(rng))  # a client this vault never invited
    elif change == 6:
        doc["client_keys"]["signing_key"] = "0" * 64  # keys that are not the signer's
    elif change == 7:
        doc["format"], doc["version"] = rng.choice([("securebase/homework-pack", 1), (None, 2)])
    else:
        entry["revision"] = rng.choice([0, limits.MAX_COUNTER + 1])
    return write(doc).encode()


def still_valid(rng, doc):
    """Unusual but allowed: the import must go through and be consistent."""
    entry = doc["entries"][0]
    if "situation" in entry:
        entry["situation"] = rng.choice(
            [f"\u202e{CANARY}", f"{CANARY}\u200b", f"<script>{CANARY}</script>", f"={CANARY}"]
        )
    if rng.random() < 0.5:
        doc["created_at"] = "2099-12-31T23:59:59+14:00"
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode()


DOCUMENT_CASES: dict[str, tuple[int, Callable]] = {
    # name: (weight, generator); heavy generators get a low weight.
    "duplicate_key": (8, duplicate_key),
    "deep_nesting": (4, deep_nesting),
    "huge_number": (8, huge_number),
    "nan_or_infinity": (6, nan_or_infinity),
    "invalid_utf8": (6, invalid_utf8),
    "byte_order_mark": (5, byte_order_mark),
    "overlong_string": (3, overlong_string),
    "many_items": (2, many_items),
    "many_keys": (2, many_keys),
    "odd_characters": (8, odd_characters),
    "odd_date": (10, odd_date),
    "wrong_type": (10, wrong_type),
    "missing_field": (8, missing_field),
    "unknown_field": (6, unknown_field),
    "broken_structure": (5, broken_structure),
    "semantic_mistake": (8, semantic_mistake),
    "still_valid": (6, still_valid),
}


def pick(rng: random.Random, table: dict[str, tuple[int, Callable]]) -> str:
    names = list(table)
    return rng.choices(names, weights=[table[n][0] for n in names])[0]
