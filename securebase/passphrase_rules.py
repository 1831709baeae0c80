"""The rule for a new passphrase, the same everywhere one is chosen (SECURITY.md REST-14).

A vault or journal passphrase is the only thing between a copied
``identity.age`` and the data, so a new one must be both long enough and
hard to guess. Strength is estimated by zxcvbn (Dropbox's estimator: common
passwords, names, keyboard patterns, dates, l33t substitutions), not by
counting character classes, which rates ``Password1!`` as strong.

Rules:
- at least ``MIN_CHARS`` characters and zxcvbn's top score, ``MIN_SCORE``
  (4: an estimated 10^10 guesses or more, each of which costs a full scrypt
  at work factor 18); a score of 3 still lets "summer2026!!" through;
- words the person or the app makes obvious (their name, "securebase") count
  as known to an attacker;
- only the first ``ESTIMATED_CHARS`` characters are estimated (zxcvbn slows
  down on long input; a long passphrase whose start is strong is strong);
- it applies wherever a passphrase is *chosen*, typed or taken from
  ``SECUREBASE_PASSPHRASE``; opening with an existing passphrase never checks.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from securebase.errors import WeakPassphrase

MIN_CHARS = 10
MIN_SCORE = 4
ESTIMATED_CHARS = 100
#: Always known to an attacker who knows what this is.
APP_WORDS = ("securebase", "secure", "base", "journal", "vault", "therapist", "therapy")


@dataclass(frozen=True)
class Strength:
    score: int  # zxcvbn's 0 (guessed at once) to 4 (very hard)
    long_enough: bool

    @property
    def acceptable(self) -> bool:
        return self.long_enough and self.score >= MIN_SCORE


def estimate(passphrase: str, known_words: Iterable[str] = ()) -> Strength:
    """How hard ``passphrase`` is to guess, given words an attacker would try first."""
    from zxcvbn import zxcvbn  # loaded only when a passphrase is being chosen

    words = [*APP_WORDS, *(w for word in known_words for w in str(word).split() if w)]
    result = zxcvbn(passphrase[:ESTIMATED_CHARS], user_inputs=words)
    return Strength(int(result["score"]), len(passphrase) >= MIN_CHARS)


def check_new_passphrase(passphrase: str, known_words: Iterable[str] = ()) -> None:
    """Refuse a new passphrase that is too short or too easy to guess (``WeakPassphrase``)."""
    if not estimate(passphrase, known_words).acceptable:
        raise WeakPassphrase()
