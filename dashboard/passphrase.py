"""The live strength hint on the dashboard's "Create a vault" form.

The rule itself lives in the core (``securebase.passphrase_rules``, the same
for every front end and for ``SECUREBASE_PASSPHRASE``); this only words its
estimate while the therapist types. Not a guarantee: it estimates guesses.
"""

from dataclasses import dataclass

from securebase.passphrase_rules import MIN_CHARS, MIN_SCORE, estimate


@dataclass(frozen=True)
class Hint:
    text: str
    strong: bool


def strength_hint(passphrase: str, known_words: tuple[str, ...] = ()) -> Hint:
    if not passphrase:
        return Hint(
            f"Use at least {MIN_CHARS} characters. Four or more unrelated words make a "
            "passphrase that is strong and easy to remember.",
            False,
        )
    if len(passphrase) < MIN_CHARS:
        return Hint(f"Too short: please use at least {MIN_CHARS} characters.", False)
    score = estimate(passphrase, known_words).score
    if score >= MIN_SCORE:
        return Hint("Strong passphrase.", True)
    if score == MIN_SCORE - 1:
        return Hint("Almost: one more unrelated word would make it strong enough.", False)
    return Hint("Too easy to guess. Try four or more unrelated words.", False)
