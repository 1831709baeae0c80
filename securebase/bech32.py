"""Bech32 (BIP 173) encoding without the 90-character limit, as age uses it.

age writes recipients (``age1...``) and secret keys (``AGE-SECRET-KEY-1...``)
in Bech32; SecureBase uses the same code for invitation tokens because its
checksum catches typing mistakes (every single-character error, and any
error touching up to four characters in strings up to 89 characters).
Encoding is lower case by default; decoding accepts all-lower or all-upper
case, never a mix.
"""

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {char: index for index, char in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


class Bech32Error(ValueError):
    """The string is not valid Bech32; the message names the rule, not the input."""


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate(_GENERATOR):
            if (top >> bit) & 1:
                checksum ^= generator
    return checksum


def _expand_prefix(prefix: str) -> list[int]:
    return [ord(c) >> 5 for c in prefix] + [0] + [ord(c) & 31 for c in prefix]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    accumulator, bits, result = 0, 0, []
    mask = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            result.append((accumulator >> bits) & mask)
    if pad and bits:
        result.append((accumulator << (to_bits - bits)) & mask)
    elif not pad and (bits >= from_bits or (accumulator << (to_bits - bits)) & mask):
        raise Bech32Error("has leftover bits")
    return result


def encode(prefix: str, data: bytes) -> str:
    """Bech32 string of ``data`` under the human-readable ``prefix`` (lower case)."""
    prefix = prefix.lower()
    words = _convert_bits(data, 8, 5, pad=True)
    checksum = _polymod([*_expand_prefix(prefix), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    words += [(checksum >> 5 * (5 - i)) & 31 for i in range(6)]
    return prefix + "1" + "".join(CHARSET[word] for word in words)


def decode(text: str) -> tuple[str, bytes]:
    """(prefix, data) of a Bech32 string; raises Bech32Error on any defect."""
    if text.lower() != text and text.upper() != text:
        raise Bech32Error("mixes upper and lower case")
    text = text.lower()
    prefix, separator, body = text.rpartition("1")
    if not separator or not prefix or len(body) < 6:
        raise Bech32Error("lacks a prefix, separator or checksum")
    if any(not 33 <= ord(c) <= 126 for c in prefix):
        raise Bech32Error("has an invalid prefix")
    if any(c not in _VALUES for c in body):
        raise Bech32Error("contains a character outside the Bech32 alphabet")
    words = [_VALUES[c] for c in body]
    if _polymod([*_expand_prefix(prefix), *words]) != 1:
        raise Bech32Error("checksum does not match (a character may be mistyped)")
    return prefix, bytes(_convert_bits(words[:-6], 5, 8, pad=False))
