"""The risk screen's term syntax: parsing terms and finding where one matches.

Rule 5 of ``securebase.risk_screen`` (docs/RISK_SCREEN.md): elements separated
by single spaces; ``a|b*|c_d`` alternatives (tried fewest words first),
``@name`` a set's alternatives, ``#`` a number, ``~N`` a gap of 0..N words
(shortest first, never over a negation word), ``$`` the end of a sentence.
A span is the first success of a depth-first search. ``Index`` (which terms
can start at a word, and which terms the text's words rule out) only saves
time: it never changes a result.

The prefilter, precisely: a word element can match in a sentence only if
the sentence holds the *key* of one of its alternatives (``a`` needs the word
"a", ``b*`` a word starting with "b", ``c_d`` one chosen part, the one the data
uses least; ``#`` a number; gaps and ``$`` need nothing), since every word of a
span lies in one sentence. A term is tried only at the start words of the
sentences that hold a key of each of its word elements. The whole text is
checked that way first: most journal texts rule out every term at once, and
the screen then ends as soon as they are turned into words.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Protocol

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_GAP, _DIGITS, _END, _WORD = "gap", "digits", "end", "word"
_WORD_CACHE = 50_000  # distinct words remembered per index (a bound on memory)
_NUMBER_KEY = "#"  # the key of a ``#`` element (no word holds "#")


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


def _options_keys(element: Element) -> tuple[tuple[str, ...], ...]:
    """Each alternative's keys: "a" for the word a, "b*" for words starting with b."""
    if element.kind == _DIGITS:
        return ((_NUMBER_KEY,),)
    return tuple(
        tuple(word + "*" * prefix for word, prefix in option) for option in element.options
    )


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


def find(
    index: "Index", toks: list[Token], negations: frozenset[str], possible=None
) -> list[Match]:
    """Every span of the indexed terms in ``toks``: one per term and start word.

    ``possible``: ``index.possible(toks)`` if the caller has it already."""
    possible = index.possible(toks) if possible is None else possible
    if not possible:
        return []
    live = {sentence for _, sentence in possible}
    found = []
    for start in range(len(toks)):
        if toks[start].sentence not in live:
            continue
        for term in index.starting_with(toks[start].word):
            if (term, toks[start].sentence) not in possible:
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
    first_prefix_lengths: tuple[int, ...]  # the lengths of the keys of ``prefixed``
    # The prefilter (module docstring): each term's keys per element, the least used
    # element first, and each term listed under the keys of that element, so that only
    # terms with one of those keys present are looked at.
    checks: dict[Term, tuple[frozenset[str], ...]]
    by_key: dict[str, tuple[Term, ...]]
    listed_keys: frozenset[str]  # the keys of ``by_key``
    prefix_keys: frozenset[str]  # every prefix key, without its "*"
    head: int  # the shortest prefix key's length
    prefix_heads: frozenset[str]  # the prefix keys' first ``head`` characters
    prefix_lengths: tuple[int, ...]

    def possible(self, words) -> set[tuple[Term, int]]:
        """(term, sentence) pairs that the sentence's words do not rule out (module docstring).

        ``words``: tokens, or (word, break) pairs; break 2 starts a sentence (rule 2). The
        whole text is checked first: most texts rule out every term at once."""
        present, head, heads = {w[0] for w in words}, self.head, self.prefix_heads
        more = {w: self._keys(w) for w in present if w[:head] in heads or w.isdigit()}
        for keys in more.values():
            present.update(keys)
        terms = self._not_ruled_out(present)
        if not terms:
            return set()
        sentences: list[set[str]] = []
        for word, brk, *_ in words:
            if brk == 2:
                sentences.append(set())
            sentences[-1].update(more.get(word, (word,)))
        return {
            (t, n)
            for n, keys in enumerate(sentences)
            for t in terms
            if not any(map(keys.isdisjoint, self.checks[t]))
        }

    def _keys(self, word: str) -> list[str]:
        """The word, the prefix keys it starts with (``kill*``), ``#`` for a number."""
        if word[: self.head] not in self.prefix_heads and not word.isdigit():
            return [word]  # most words
        keys = [
            word,
            *(word[:n] + "*" for n in self.prefix_lengths if word[:n] in self.prefix_keys),
        ]
        return [*keys, _NUMBER_KEY] if word.isdigit() else keys

    def _not_ruled_out(self, present: set[str]) -> set[Term]:
        candidates = {t for key in present & self.listed_keys for t in self.by_key[key]}
        # A candidate holds a key of its first element (it is listed under one): check the rest.
        return {t for t in candidates if not any(map(present.isdisjoint, self.checks[t][1:]))}

    def starting_with(self, word: str) -> tuple[Term, ...]:
        found = self.cache.get(word)
        if found is None:
            terms = list(self.exact.get(word, ()))
            for end in self.first_prefix_lengths:  # shortest first, as every length would be
                terms += self.prefixed.get(word[:end], ()) if end <= len(word) else ()
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
    checks = _checks(terms)
    by_key: dict[str, list[Term]] = {}
    for term in terms:
        for key in sorted(checks[term][0]):
            by_key.setdefault(key, []).append(term)
    prefixes = frozenset(
        key[:-1] for c in checks.values() for e in c for key in e if key[-1] == "*"
    )
    head = min((len(p) for p in prefixes), default=1)
    return Index(
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixed.items()},
        tuple(digits),
        {},
        tuple(sorted({len(word) for word in prefixed})),
        checks,
        {k: tuple(v) for k, v in by_key.items()},
        frozenset(by_key),
        prefixes,
        head,
        frozenset(p[:head] for p in prefixes),
        tuple(sorted({len(p) for p in prefixes})),
    )


def _checks(terms: tuple[Term, ...]) -> dict[Term, tuple[frozenset[str], ...]]:
    """Each term's elements as key sets (an alternative of several words by its least used
    part), the element whose keys the data uses least first."""
    elements = {
        term: [_options_keys(e) for e in term.elements if e.kind in (_WORD, _DIGITS)]
        for term in terms
    }
    used = Counter(k for e in elements.values() for options in e for o in options for k in o)

    def rarest(option: tuple[str, ...]) -> str:
        return min(sorted(option), key=lambda k: used[k])

    checks = {}
    for term, term_elements in elements.items():
        sets = [frozenset(rarest(option) for option in options) for options in term_elements]
        checks[term] = tuple(
            sorted(sets, key=lambda keys: (sum(used[k] for k in keys), sorted(keys)))
        )
    return checks
