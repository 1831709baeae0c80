"""Byte mutations of real sealed files, each a pure function of a seeded ``random.Random``.

A mutation takes the random source, a sealed file and a second one (for
splices) and returns damaged bytes: bit flips, truncations, extensions,
edits of the age header (intro line, stanza type and arguments, body, MAC),
ASCII-armor edits, splices, and several at once (havoc). They test the
envelope; ``tests/fuzz_kit.py`` runs them against a real vault.
"""

import base64
from collections.abc import Callable

# -- byte-layer mutations: (rng, data, other) -> bytes ---------------------------------


def _header_end(data: bytes) -> int:
    """Index just after the age header's MAC line (0 if there is none)."""
    mac = data.find(b"\n--- ")
    if mac < 0:
        return 0
    end = data.find(b"\n", mac + 1)
    return end + 1 if end >= 0 else len(data)


def bit_flips(rng, data, other):
    changed = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16])):
        changed[rng.randrange(len(changed))] ^= 1 << rng.randrange(8)
    return bytes(changed)


def truncation(rng, data, other):
    end = _header_end(data)
    cut = rng.choice([rng.randrange(len(data)), rng.randrange(max(end, 1)), len(data) - 1])
    return data[: max(cut, 0)]


def extension(rng, data, other):
    tail = rng.choice(
        [
            b"\x00",
            b"\n",
            bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))),
            other[-rng.randint(1, 100) :],
            data,
            b"\x00" * rng.choice([1000, 65536 + 16]),
        ]
    )
    return data + tail


def _edit_header_lines(data: bytes, edit) -> bytes:
    end = _header_end(data)
    if end == 0:
        return data
    lines = data[: end - 1].split(b"\n")
    return b"\n".join(edit(lines)) + b"\n" + data[end:]


def header_edit(rng, data, other):
    def edit(lines: list[bytes]) -> list[bytes]:
        index = rng.randrange(len(lines))
        words = lines[index].split(b" ")
        choice = rng.randrange(10)
        if choice < 6 and len(words) > 1:
            lines[index] = b" ".join(_edit_words(rng, words, choice))
        elif choice == 6:
            lines.insert(index, rng.choice([b"-> X25519", b"-> unknown-type arg", b"-> " * 300]))
        elif choice == 7:
            lines[index] = lines[index] + b"\r"
        elif choice == 8:
            lines.insert(index, lines[index])  # a duplicated line or stanza
        elif choice == 9 and index == 0:
            lines[0] = rng.choice([b"age-encryption.org/v2", b"age-encryption.org/v1 ", b""])
        else:
            del lines[index]
        return lines

    return _edit_header_lines(data, edit)


def _edit_words(rng, words: list[bytes], choice: int) -> list[bytes]:
    """Change a stanza line (``-> TYPE ARGS``) or the MAC line (``--- MAC``)."""
    if choice == 0:
        words[1] = rng.choice([b"x25519", b"scrypt", b"X25519X", b"ssh-ed25519", b""])
    elif choice == 1:
        words.append(rng.choice([b"AAAA", b"extra", b"=" * 4]))
    elif choice == 2 and len(words) > 2:
        del words[-1]  # drop a stanza argument
    elif choice == 3:
        word = bytearray(words[-1]) or bytearray(b"A")
        word[rng.randrange(len(word))] = rng.choice(b"A/+=_-\x00\xff")
        words[-1] = bytes(word)  # a changed argument or MAC
    else:
        words[-1] = words[-1] + rng.choice([b"=", b"==", b"A", b"AAAA"])
    return words


def mac_edit(rng, data, other):
    def edit(lines: list[bytes]) -> list[bytes]:
        if rng.random() < 0.5:
            mac = bytes(rng.randrange(256) for _ in range(32))
            lines[-1] = b"--- " + base64.b64encode(mac).rstrip(b"=")
        else:
            lines[-1] = lines[-1][: rng.randrange(len(lines[-1]))]
        return lines

    return _edit_header_lines(data, edit)


def splice(rng, data, other):
    choice = rng.randrange(3)
    if choice == 0:  # this file's header, the other file's payload
        return data[: _header_end(data)] + other[_header_end(other) :]
    if choice == 1:  # the other file's header, this file's payload
        return other[: _header_end(other)] + data[_header_end(data) :]
    cut = rng.randrange(min(len(data), len(other)))
    return data[:cut] + other[cut:]


def armor_edit(rng, data, other):
    if not data.startswith(b"-----BEGIN"):
        return bit_flips(rng, data, other)
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    choice = rng.randrange(5)
    if choice == 0:
        del lines[index]
    elif choice == 1:
        lines[index] = lines[index] + b" "
    elif choice == 2:
        lines[index] = lines[index].lower()
    elif choice == 3:
        lines.insert(index, b"A" * rng.choice([4, 65, 1000]))
    else:
        return b"\r\n".join(lines)
    return b"\n".join(lines)


def havoc(rng, data, other):
    for _ in range(rng.randint(2, 4)):
        name = rng.choice([n for n in BYTE_MUTATIONS if n != "havoc"])
        data = BYTE_MUTATIONS[name][1](rng, data, other) or b"\x00"
    return data


BYTE_MUTATIONS: dict[str, tuple[int, Callable]] = {
    "bit_flips": (10, bit_flips),
    "truncation": (8, truncation),
    "extension": (6, extension),
    "header_edit": (12, header_edit),
    "mac_edit": (4, mac_edit),
    "splice": (6, splice),
    "armor_edit": (4, armor_edit),
    "havoc": (6, havoc),
}
