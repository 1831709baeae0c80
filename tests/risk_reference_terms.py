"""REFERENCE COPY for tests only: the risk screen exactly as it was at commit 24e5192,
before the speed work (tests/test_risk_speedup.py compares the fast screen with it).
Do not edit except when the screen's specified behaviour changes on purpose.

The risk screen's term syntax: parsing terms and finding where one matches.

Rule 5 of ``securebase.risk_screen`` (docs/RISK_SCREEN.md): elements separated
by single spaces; ``a|b*|c_d`` alternatives (tried fewest words first),
``@name`` a set's alternatives, ``#`` a number, ``~N`` a gap of 0..N words
(shortest first, never over a negation word), ``$`` the end of a sentence.
A span is the first success of a depth-first search. ``_Index`` and
``Term.needs`` only save time: they never change a result.
"""

from dataclasses import dataclass
from functools import cache
from typing import Protocol

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_GAP, _DIGITS, _END, _WORD = "gap", "digits", "end", "word"
_WORD_CACHE = 50_000  # distinct words remembered per index (a bound on memory)


class Token(Protocol):
    word: str
    brk: int
    sentence: int


@dataclass(frozen=True, eq=False)  # identity: hashed on every lookup
class Element:
    kind: str  # _WORD, _GAP, _DIGITS or _END
    options: tuple[tuple[tuple[str, bool], ...], ...] = ()  # alternatives of (word, is_prefix)
    skip: int = 0

    @property
    def exact(self) -> frozenset[str]:
        return _one_word(self)[0]

    def accepts_at(self, toks: list["Token"], pos: int, sentence: int) -> list[int]:
        """Where the alternatives that match at ``pos`` end (exclusive), fewest words first."""
        if pos >= len(toks) or toks[pos].sentence != sentence:
            return []
        word = toks[pos].word
        if self.kind == _DIGITS:
            return [pos + 1] if _digits(word) else []
        exact, prefixes, longer = _one_word(self)
        ends = {pos + 1} if word in exact or word.startswith(prefixes) else set()
        for option in longer:
            end = pos + len(option)
            if end <= len(toks) and all(
                toks[pos + n].sentence == sentence and accepts(part, toks[pos + n].word)
                for n, part in enumerate(option)
            ):
                ends.add(end)
        return sorted(ends)


@cache
def _one_word(element: Element) -> tuple[frozenset[str], tuple[str, ...], tuple]:
    """The element's one-word alternatives (exact, prefixes) and its longer ones."""
    single = [option[0] for option in element.options if len(option) == 1]
    return (
        frozenset(w for w, prefix in single if not prefix),
        tuple(w for w, prefix in single if prefix),
        tuple(option for option in element.options if len(option) > 1),
    )


def accepts(part: tuple[str, bool], word: str) -> bool:
    return word == part[0] or (part[1] and word.startswith(part[0]))


def _digits(word: str) -> bool:
    return word.isdigit()  # tokens hold only a-z and 0-9


@dataclass(frozen=True, eq=False)  # identity: hashed on every lookup
class Term:
    category: str
    text: str
    elements: tuple[Element, ...]

    @property
    def needs(self) -> frozenset[str] | None:
        """Words one of which any text it matches holds (a shortcut only), or None."""
        return _needs(self)


@cache
def _needs(term: Term) -> frozenset[str] | None:
    choices = [
        frozenset(option[0][0] for option in e.options)
        for e in term.elements[1:]
        if e.kind == _WORD and all(len(o) == 1 and not o[0][1] for o in e.options)
    ]
    return min(choices, key=len) if choices else None


class TermError(ValueError):
    """A term in the screen's data does not follow the term syntax."""


def parse_element(text: str, sets: dict[str, list[str]] | None = None) -> Element:
    if text == "#":
        return Element(_DIGITS)
    if text == "$":
        return Element(_END)
    if text.startswith("~") and text[1:].isdigit() and 1 <= int(text[1:]) <= 9:
        return Element(_GAP, skip=int(text[1:]))
    options = []
    for option in _expanded(text.split("|"), sets or {}):
        parts = []
        for part in option.split("_"):
            word = part.removesuffix("*")
            if not word or not set(word) <= _ALNUM:
                raise TermError(f"bad element {text!r}")
            parts.append((word, part.endswith("*")))
        options.append(tuple(parts))
    return Element(_WORD, options=tuple(options))


def _expanded(options: list[str], sets: dict[str, list[str]]) -> list[str]:
    """``@name`` stands for the alternatives of ``sets[name]``, in place."""
    out = []
    for option in options:
        if option.startswith("@"):
            if option[1:] not in sets:
                raise TermError(f"unknown set {option!r}")
            out += sets[option[1:]]
        else:
            out.append(option)
    return out


def parse_term(category: str, text: str, sets: dict[str, list[str]] | None = None) -> Term:
    elements = tuple(parse_element(part, sets) for part in text.split(" "))
    if elements[0].kind not in (_WORD, _DIGITS) or elements[-1].kind == _GAP:
        raise TermError(f"a term starts with a word and ends without a gap: {text!r}")
    return Term(category, text, elements)


def span(elements: tuple[Element, ...], toks: list[Token], start: int, negations) -> int | None:
    """Rule 5: the end (exclusive) of the first way ``elements`` match from ``start``."""
    sentence = toks[start].sentence

    def at(e: int, pos: int) -> int | None:
        if e == len(elements):
            return pos
        element = elements[e]
        if element.kind == _END:
            ends = pos == len(toks) or toks[pos].sentence != sentence
            return at(e + 1, pos) if ends else None
        if element.kind == _GAP:
            for skip in range(element.skip + 1):
                if skip:
                    k = pos + skip - 1
                    if k >= len(toks) or toks[k].sentence != sentence or toks[k].word in negations:
                        return None
                found = at(e + 1, pos + skip)
                if found is not None:
                    return found
            return None
        for end in element.accepts_at(toks, pos, sentence):
            found = at(e + 1, end)
            if found is not None:
                return found
        return None

    return at(0, start)


@dataclass(frozen=True)
class Match:
    category: str
    first: int
    last: int  # inclusive


def find(index: "Index", toks: list[Token], negations: frozenset[str]) -> list[Match]:
    """Every span of the indexed terms in ``toks``: one per term and start word."""
    words = {tok.word for tok in toks}
    found = []
    for start in range(len(toks)):
        for term in index.starting_with(toks[start].word):
            if term.needs is not None and term.needs.isdisjoint(words):
                continue
            end = span(term.elements, toks, start, negations)
            if end is not None:
                found.append(Match(term.category, start, end - 1))
    return found


@dataclass(frozen=True)
class Index:
    """Terms by the words their first element can start at: it only saves time."""

    exact: dict[str, tuple[Term, ...]]
    prefixed: dict[str, tuple[Term, ...]]  # by a prefix their first element accepts
    digits: tuple[Term, ...]

    cache: dict[str, tuple[Term, ...]]  # by word, for words that start a term

    def starting_with(self, word: str) -> tuple[Term, ...]:
        found = self.cache.get(word)
        if found is None:
            terms = list(self.exact.get(word, ()))
            for end in range(1, len(word) + 1):
                terms += self.prefixed.get(word[:end], ())
            if _digits(word):
                terms += self.digits
            found = tuple(dict.fromkeys(terms))  # once each, first seen first
            # Only words that start a term are kept: those are the data's words, never
            # a client's own (nothing private stays in memory after a screen).
            if found and len(self.cache) < _WORD_CACHE:
                self.cache[word] = found
        return found


def index_of(terms: tuple[Term, ...]) -> Index:
    exact: dict[str, list[Term]] = {}
    prefixed: dict[str, list[Term]] = {}
    digits = []
    for term in terms:
        first = term.elements[0]
        if first.kind == _DIGITS:
            digits.append(term)
        for word, prefix in sorted({option[0] for option in first.options}):
            (prefixed if prefix else exact).setdefault(word, []).append(term)
    return Index(
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixed.items()},
        tuple(digits),
        {},
    )
