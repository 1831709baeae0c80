"""A rough, honest strength hint for a new vault passphrase.

Not a guarantee: it estimates how many guesses a person-chosen passphrase
might take from its length, its variety and its words, and says so in plain
words. The real protection is age's scrypt work factor plus a long passphrase.
"""

import math
import string
from dataclasses import dataclass

MIN_CHARS = 10
STRONG_BITS = 60
FAIR_BITS = 40


@dataclass(frozen=True)
class Hint:
    text: str
    strong: bool


def estimated_bits(passphrase: str) -> float:
    """A cautious estimate: half the naive character entropy, or about 11 bits a word."""
    pool = sum(
        size
        for chars, size in (
            (string.ascii_lowercase, 26),
            (string.ascii_uppercase, 26),
            (string.digits, 10),
            (string.punctuation + " ", 33),
        )
        if any(c in chars for c in passphrase)
    )
    pool += 100 if any(ord(c) > 127 for c in passphrase) else 0
    distinct = len(set(passphrase))
    char_bits = 0.5 * min(len(passphrase), 2 * distinct) * math.log2(pool) if pool else 0.0
    words = [w for w in passphrase.split() if len(w) >= 3]
    return max(char_bits, 11.0 * len(set(words)))


def strength_hint(passphrase: str) -> Hint:
    if not passphrase:
        return Hint(
            f"Use at least {MIN_CHARS} characters. Four or more unrelated words make a "
            "passphrase that is strong and easy to remember.",
            False,
        )
    if len(passphrase) < MIN_CHARS:
        return Hint(f"Too short: please use at least {MIN_CHARS} characters.", False)
    bits = estimated_bits(passphrase)
    if bits >= STRONG_BITS:
        return Hint("Strong passphrase.", True)
    if bits >= FAIR_BITS:
        return Hint("Fair: adding another unrelated word would make it much stronger.", False)
    return Hint("Weak: easy to guess. Try four or more unrelated words.", False)
