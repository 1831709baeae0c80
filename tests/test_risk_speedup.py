"""The fast risk screen decides exactly as the screen it replaced, on a large corpus.

The screen was made faster (issue 15's import regression: precompiled token
and break patterns, an anchor list per first letter, a "no term can match
here" prefilter). Recall comes first, so speed may not change one decision.
The previous algorithm is kept, for this test only, as a verbatim reference
copy (``tests/risk_reference_screen.py`` and ``tests/risk_reference_terms.py``,
the screen at commit 24e5192); both read the same data file, so a change to the
data is checked too. A reference copy rather than recorded outputs: recorded
outputs would go stale with the first data change, while the copy keeps
answering "what did the old matcher say for this text" for any text,
including generated ones.

Corpus (every text is compared on ``screen`` and on its words, rules 1-4):
- every labelled text: ``risk_corpus.json``, ``risk_probes.json``,
  ``risk_agreement.json``;
- every screened text of the sample data (each field of each demo entry, and
  the fields joined as ``flag_store.entry_findings`` screens them);
- generated variants of the labelled texts (case, apostrophes, punctuation,
  typos, joins, negations and wishes around them, emoji, hyphens);
- random "word salad" from the screen's own vocabulary (term words,
  rewrites, misspellings of anchors, negation and wish words, exclusion
  context, digits, every separator), which reaches gaps, exclusions, intent
  and levels far more densely than journal text.
"""

import json
import random
from functools import cache
from pathlib import Path

import pytest

from sample_data.generate import build_plaintext
from securebase import risk_screen
from securebase.flag_store import _field_texts
from tests import risk_reference_screen as reference

DATA = Path(__file__).resolve().parent / "data"
SEED = 15
VARIANTS_PER_TEXT = 6
SALADS = 4000
SEPARATORS = (" ", " ", " ", " ", ", ", ". ", "! ", "? ", "; ", "\n", " - ", " (", ") ", ": ", "/")


def _json(name: str) -> dict:
    return json.loads((DATA / name).read_text("utf-8"))


@cache
def labelled_texts() -> tuple[str, ...]:
    corpus, probes, agreement = (
        _json(f"{name}.json") for name in ("risk_corpus", "risk_probes", "risk_agreement")
    )
    texts = [item["text"] for item in corpus["items"]]
    texts += probes["risk"] + probes["look_alikes"]
    texts += [case["text"] for case in agreement["cases"]]
    return tuple(texts)


@cache
def sample_texts() -> tuple[str, ...]:
    """Every text the importer screens in the demo's exports."""
    texts = []
    for name, data in build_plaintext().items():
        if not name.endswith(".age"):
            continue
        for entry in json.loads(data).get("entries", ()):
            fields = [t for parts in _field_texts(entry).values() for t in parts if t]
            texts += fields
            texts.append("\n".join(fields))
    return tuple(texts)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    match rng.randrange(4):
        case 0:
            return word[:i] + word[i + 1 :]  # deletion
        case 1:
            return word[:i] + rng.choice("aeiostr") + word[i:]  # insertion
        case 2:
            return word[:i] + rng.choice("aeiostr") + word[i + 1 :]  # substitution
        case _:
            return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # swap


def _variant(rng: random.Random, text: str, others: tuple[str, ...]) -> str:
    words = text.split(" ")
    match rng.randrange(10):
        case 0:
            return text.upper()
        case 1:
            return text.replace("'", "\u2019").replace(" ", "  ")
        case 2:
            return "".join(c for c in text if c.isalnum() or c in " '")
        case 3:
            k = rng.randrange(len(words))
            return " ".join([*words[:k], _typo(rng, words[k]), *words[k + 1 :]])
        case 4:
            return text + rng.choice(SEPARATORS) + rng.choice(others)
        case 5:
            return rng.choice(("I'm not ", "never ", "I don't ", "no ", "I wish ")) + text
        case 6:
            k = rng.randrange(len(words) + 1)
            extra = rng.choice(("really", "not", "again", "wanted to", "so", "\U0001f622", "-"))
            return " ".join([*words[:k], extra, *words[k:]])
        case 7:
            return "-".join(words) if rng.random() < 0.5 else "".join(words)
        case 8:
            return text.replace(" ", "\u00ad ", 2).replace(
                "e", "\u0435", 1
            )  # soft hyphen, Cyrillic
        case _:
            return rng.choice(others) + rng.choice(SEPARATORS) + text


@cache
def vocabulary() -> tuple[str, ...]:
    """Every word the screen's data names, with a misspelling of each anchor."""
    data = json.loads(
        (Path(risk_screen.__file__).parent / "data" / "risk_screen.json").read_text("utf-8")
    )
    raw = [t for c in data["categories"] for t in c["terms"]]
    raw += data["exclusions"] + data["intent"] + data["wish"]
    raw += [w for words in data["sets"].values() for w in words]
    words = set()
    for term in raw:
        for element in term.split(" "):
            for option in element.split("|"):
                words.update(p.rstrip("*") for p in option.split("_") if p and p[0] not in "@~#$")
    words.update(data["rewrites"])
    words.update(w for v in data["rewrites"].values() for w in v.split(" "))
    words.update(data["negation"]["words"] + data["negation"]["scope_breakers"])
    words.update(data["negation"]["intensifiers"] + data["fuzzy"]["not_misspellings"])
    rng = random.Random(SEED)
    words.update(_typo(rng, a) for a in data["fuzzy"]["anchors"] for _ in range(3))
    words.update(("5", "12", "kms", "ing", "ed", "s", "I'm", "don't", "can't", "self-harm"))
    return tuple(sorted(w for w in words if w))


def _salad(rng: random.Random) -> str:
    words = vocabulary()
    parts = []
    for _ in range(rng.randint(1, 16)):
        parts.append(rng.choice(words) + rng.choice(SEPARATORS))
    return "".join(parts).strip()


@cache
def generated_texts() -> tuple[str, ...]:
    rng = random.Random(SEED)
    labelled = labelled_texts()
    texts = [_variant(rng, t, labelled) for t in labelled for _ in range(VARIANTS_PER_TEXT)]
    texts += [_salad(rng) for _ in range(SALADS)]
    return tuple(texts)


def _words(tokens) -> list[tuple[str, int, int]]:
    return [(t.word, t.brk, t.sentence) for t in tokens]


def _differences(
    texts: tuple[str, ...], fast=risk_screen.screen, fast_tokens=risk_screen.tokens
) -> list[tuple[str, object, object]]:
    """The texts on which the fast screen (or its words) and the reference differ."""
    wrong = []
    for text in texts:
        new, old = fast(text), reference.screen(text)
        if [(m.category, m.level) for m in new] != [(m.category, m.level) for m in old]:
            wrong.append((text, new, old))
        elif _words(fast_tokens(text)) != _words(reference.tokens(text)):
            wrong.append((text, "tokens differ", ""))
    return wrong


@pytest.mark.parametrize(
    "corpus", [labelled_texts, sample_texts, generated_texts], ids=lambda f: f.__name__
)
def test_the_fast_screen_decides_as_the_reference_on_every_text(corpus):
    texts = corpus()
    assert len(texts) >= 300
    assert _differences(texts) == []


def test_the_compared_corpus_reaches_every_category_level_and_rule():
    """The comparison means something only if the texts exercise what can differ."""
    texts = labelled_texts() + sample_texts() + generated_texts()
    assert len(texts) >= 10_000
    results = [reference.screen(t) for t in texts]
    seen = {(m.category, m.level) for result in results for m in result}
    assert {c for c, _ in seen} == set(risk_screen.categories())
    assert {level for _, level in seen} == {"flag", "mention"}
    assert sum(1 for r in results if r) >= 3000  # many texts that match
    assert sum(1 for r in results if not r) >= 3000  # and many that do not
    lex = reference.rules()
    words = {w for t in texts for w in (tok.word for tok in reference.tokens(t))}
    assert set(lex.anchors) <= words  # corrected misspellings reach every anchor
    assert any(len(reference.tokens(t)) > 40 for t in texts)


def test_the_comparison_can_fail():
    """A screen that forgets one category of a text, or one word, is caught."""
    assert _differences(labelled_texts(), fast=lambda text: risk_screen.screen(text)[1:])
    assert _differences(labelled_texts(), fast_tokens=lambda text: risk_screen.tokens(text)[1:])
