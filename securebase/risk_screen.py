"""The risk screen: which risk categories a piece of text touches, and how strongly.

FIRST STEP (interim): the matcher of ``securebase.analytics.risk`` moved here
unchanged over ``data/risk_lexicon.json``, behind the stable API below. A match the
old negation rule suppressed is now a ``"mention"``; every other match is a
``"flag"``. The rebuilt screen replaces the data and documents the matcher fully.

Stdlib only (no pandas/numpy): a second implementation (TypeScript, web journal)
must be able to match it exactly.
"""

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import accumulate
from typing import Literal

Level = Literal["flag", "mention"]
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[.!?;\n,:()\[\]\"“”—–]")


@dataclass(frozen=True)
class ScreenMatch:
    """One category the text touches, at its highest level."""

    category: str
    level: Level  # "flag": red on the caseload; "mention": shown, not red


@dataclass(frozen=True)
class Term:
    category: str
    glued: str  # the term's tokens joined without spaces
    prefix: bool  # ended in "*": any word ending may follow

    @property
    def pattern(self) -> re.Pattern:
        return _compiled(self.glued)


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    benign: tuple[Term, ...]
    screen: re.Pattern  # any term's glued text, for a fast "nothing here" answer
    anchors: tuple[tuple[str, bool], ...]  # (word, is_stem) open to fuzzy matching
    not_misspellings: frozenset[str]
    negations: frozenset[str]
    breakers: frozenset[str]
    intensifiers: frozenset[str]
    window: int


@dataclass(frozen=True)
class _Tokens:
    text: str
    spans: list[tuple[int, int]]
    words: list[str]

    def gap(self, k: int) -> str:
        """The characters between token k-1 and token k."""
        return self.text[self.spans[k - 1][1] : self.spans[k][0]]


@dataclass(frozen=True)
class _Match:
    category: str
    first: int
    last: int

    def overlaps(self, other: "_Match") -> bool:
        return self.first <= other.last and other.first <= self.last


def normalise(text: str) -> str:
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())


def _tokens(text: str) -> _Tokens:
    text = normalise(text)
    found = list(_WORD.finditer(text))
    return _Tokens(text, [m.span() for m in found], [m.group() for m in found])


@cache
def _compiled(glued: str) -> re.Pattern:
    """Every start of ``glued`` in a text, overlapping ones included."""
    return re.compile(f"(?={re.escape(glued)})")


def _term(category: str, written: str) -> Term:
    prefix = written.endswith("*")
    return Term(category, "".join(_tokens(written.rstrip("*")).words), prefix)


@cache
def lexicon() -> Lexicon:
    """The lexicon from package data, compiled once."""
    data = json.loads(files("securebase").joinpath("data/risk_lexicon.json").read_text("utf-8"))
    terms = tuple(_term(c, w) for c, written in data["categories"].items() for w in written)
    negation = data["negation"]
    return Lexicon(
        terms=terms,
        benign=tuple(_term("benign", w) for w in data["benign_phrases"]),
        screen=re.compile(_trie_pattern({t.glued for t in terms})),
        anchors=_anchors(data["categories"], data["fuzzy"]["min_length"]),
        not_misspellings=frozenset(normalise(w) for w in data["fuzzy"]["not_misspellings"]),
        negations=frozenset(normalise(w) for w in negation["words"]),
        breakers=frozenset(normalise(w) for w in negation["scope_breakers"]),
        intensifiers=frozenset(normalise(w) for w in negation["intensifiers"]),
        window=negation["window"],
    )


def _trie_pattern(words: set[str]) -> str:
    """A regex matching any of ``words``, factored by shared prefixes ("kill(?:me|myself)"):
    the same matches as ``a|b|c``, found in far fewer steps than trying every word."""
    if "" in words and len(words) == 1:
        return ""
    by_first: dict[str, set[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], set()).add(word[1:])
    branches = [re.escape(first) + _trie_pattern(rest) for first, rest in sorted(by_first.items())]
    if "" in words:  # a word ends here: what follows is optional
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _anchors(categories: dict[str, list[str]], min_length: int) -> tuple[tuple[str, bool], ...]:
    """Lexicon words open to misspelling: (word, is_stem) for words of ``min_length``+."""
    found = set()
    for written in (w for terms in categories.values() for w in terms):
        words = _tokens(written.rstrip("*")).words
        for i, word in enumerate(words):
            stem = written.endswith("*") and i == len(words) - 1
            if len(word) >= min_length:
                found.add((word, stem))
    return tuple(sorted(found))


def _within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (Damerau: adjacent swaps count once)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


@lru_cache(maxsize=65536)
def _corrected(word: str) -> str:
    """The lexicon word ``word`` is a likely misspelling of, else ``word``."""
    lex = lexicon()
    if word in lex.not_misspellings or any(
        word == anchor or (stem and word.startswith(anchor)) for anchor, stem in lex.anchors
    ):
        return word
    for anchor, stem in lex.anchors:
        if anchor[0] != word[0]:
            continue
        if not stem:
            if _within_one_edit(word, anchor):
                return anchor
            continue
        for cut in (len(anchor), len(anchor) - 1, len(anchor) + 1):
            if len(word) >= cut and _within_one_edit(word[:cut], anchor):
                return anchor + word[cut:]
    return word


def _find(terms: tuple[Term, ...], words: list[str]) -> list[_Match]:
    glued = "".join(words)
    starts = list(accumulate((len(w) for w in words), initial=0))
    first_of = {offset: k for k, offset in enumerate(starts[:-1])}
    found = []
    for term in (t for t in terms if t.glued in glued):
        for hit in term.pattern.finditer(glued):
            begin, end = hit.start(), hit.start() + len(term.glued)
            if begin not in first_of or not (term.prefix or end in starts):
                continue
            last = bisect.bisect_right(starts, end - 1) - 1
            found.append(_Match(term.category, first_of[begin], last))
    return found


def _sentence_ids(tokens: _Tokens) -> list[int]:
    ids, current = [], 0
    for k in range(len(tokens.words)):
        if k and _SENTENCE_END.search(tokens.gap(k)):
            current += 1
        ids.append(current)
    return ids


def _negated(match: _Match, tokens: _Tokens, lex: Lexicon) -> bool:
    k = match.first
    for _ in range(lex.window):
        if k == 0 or _CLAUSE_END.search(tokens.gap(k)):
            return False
        k -= 1
        if tokens.words[k] in lex.breakers | lex.intensifiers:
            return False
        if tokens.words[k] in lex.negations:
            return True
    return False


def _screened_words(text: str) -> list[str] | None:
    """The corrected words of ``text`` if the screen finds a term in them glued, else None.

    The words of texts joined by line breaks are the words of each text in turn (a line
    break is never part of a word and normalises to itself), so when the screen finds
    nothing in the joined texts it finds nothing in any one of them.
    """
    words = list(map(_corrected, _WORD.findall(normalise(text))))
    return words if lexicon().screen.search("".join(words)) else None


def screen(text: str) -> tuple[ScreenMatch, ...]:
    """One match per category ``text`` touches (its highest level), sorted by category."""
    lex = lexicon()
    words = _screened_words(text)
    if words is None:
        return ()
    tokens = _tokens(text)
    benign = _find(lex.benign, words)
    matches = [
        m
        for m in _find(lex.terms, words)
        if not any(b.first <= m.first and m.last <= b.last for b in benign)
    ]
    sentence = _sentence_ids(tokens)
    levels: dict[str, Level] = {}
    for m in matches:
        flagged = not _negated(m, tokens, lex) or any(
            sentence[o.first] == sentence[m.first] and not o.overlaps(m) for o in matches
        )
        if flagged or m.category not in levels:
            levels[m.category] = "flag" if flagged else "mention"
    return tuple(ScreenMatch(c, levels[c]) for c in sorted(levels))


def categories() -> tuple[str, ...]:
    """Every category key, in display order."""
    data = json.loads(files("securebase").joinpath("data/risk_lexicon.json").read_text("utf-8"))
    return tuple(data["categories"])
