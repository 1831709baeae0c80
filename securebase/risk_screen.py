"""The risk screen: which risk categories a text touches, and at which level.

A match is a prompt for a person to look, never an assessment; no match means
nothing clinically. Recall comes first. The screen is data
(``securebase/data/risk_screen.json``) plus this one small matcher, specified
here and in ``docs/RISK_SCREEN.md`` precisely enough for a second implementation
(the web journal, TypeScript) to agree on every text of
``tests/data/risk_agreement.json``. Standard library only, no regular-expression
features beyond character classes, so the port is line by line.

1. Normalise: Unicode NFKC; delete every character of ``apostrophes``
   ("don't" = "dont") and of ``ignored`` (soft hyphen, zero-width
   characters); lower-case ASCII A-Z only (every other character is
   left as it is, so no locale or Unicode case-folding rules are involved).
2. Tokens: maximal runs of ``a-z`` and ``0-9``. Everything else separates
   (hyphens too: "self-harm" = "self harm"); other letters (é, Cyrillic,
   emoji) only separate. Each token gets the *break* of the separator before
   it: 2 if the separator holds a character of ``sentence_ends``, else 1 if it
   holds one of ``clause_breaks``, else 0 (the first token: 2). A break of 2
   starts a new sentence.
3. Rewrites, left to right: at token k, if ``"w[k] w[k+1]"`` is a key of
   ``rewrites`` and token k+1 is in the same sentence (break < 2), emit its value's words and go
   to k+2; else if ``w[k]`` is a key, emit its value's words; else emit the
   fuzzy correction of ``w[k]`` (rule 4). The first emitted word keeps token
   k's break, further ones get 0. Output is never rewritten again.
4. Fuzzy: a word of ``fuzzy.min_length`` or more characters that is not an
   anchor and not in ``fuzzy.not_misspellings`` becomes the first anchor (in
   list order) with the same first character within one edit of it (optimal
   string alignment: one insertion, deletion, substitution, or swap of two
   neighbours). "sucidal" -> "suicidal", "myslef" -> "myself".
5. Terms: elements separated by single spaces. ``a|b*|c_d`` offers
   alternatives: ``a`` one word equal to "a", ``b*`` one word starting with
   "b" (``*`` = any ending, maybe empty), ``c_d`` the words "c" then "d";
   ``@name`` stands for the alternatives listed in ``sets[name]``. Those that
   match are tried fewest words first. ``#`` one
   word made only of digits; ``~N`` skips 0..N words, trying 0 first, and never
   skips a negation word; ``$`` matches (consuming nothing) at the end of a
   sentence. Every matched word lies in the sentence of the first one. A term
   is tried at every word; at each start, the first success in this order
   (elements left to right, alternatives and gaps shortest first) gives its
   span of words.
6. Exclusions are terms too. A term's match is dropped if an exclusion's match
   in the same sentence shares a word with it, unless that sentence holds an
   ``intent`` match ("on purpose" voids "burned myself on the oven").
7. Levels. A match is *negated* if, looking back from the word before it up
   to ``negation.window`` words within its sentence, a negation word comes
   before any clause break (break >= 1 after the word looked at), scope
   breaker or intensifier. A *wish* is a word matching a ``wish`` element,
   outside the match, in its sentence, without a negation word in the one or
   two words before it (no clause break between). A negated match with no
   wish in its sentence is *plain*. A match is a ``"mention"`` if it is plain
   and every other match in its sentence is plain; else a ``"flag"``.
8. Result: one ``ScreenMatch`` per category with a match, at its highest level
   (flag > mention), sorted by category key (code point order).
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal

Level = Literal["flag", "mention"]
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_GAP, _DIGITS, _END, _WORD = "gap", "digits", "end", "word"
_WORD_CACHE = 50_000  # distinct words remembered per index (a bound on memory)
_TOKEN = re.compile("[a-z0-9]+")  # rule 2 (a plain character class, as in any language)


@dataclass(frozen=True)
class ScreenMatch:
    """One category the text touches, at its highest level."""

    category: str
    level: Level  # "flag": red on the caseload; "mention": shown, not red


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
                toks[pos + n].sentence == sentence and _accepts(part, toks[pos + n].word)
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


def _accepts(part: tuple[str, bool], word: str) -> bool:
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


@dataclass(frozen=True)
class Token:
    word: str
    brk: int  # 2: starts a sentence; 1: after a clause break; 0: plain
    sentence: int


@dataclass(frozen=True)
class Rules:
    categories: tuple[str, ...]  # display order
    labels: dict[str, str]
    terms: tuple[Term, ...]
    exclusions: tuple[Term, ...]
    intent: tuple[Term, ...]
    wish: tuple[tuple[str, bool], ...]
    rewrites: dict[str, tuple[str, ...]]
    anchors: tuple[str, ...]
    not_misspellings: frozenset[str]
    min_length: int
    negations: frozenset[str]
    stoppers: frozenset[str]  # scope breakers and intensifiers
    window: int
    apostrophes: str
    ignored: str  # invisible characters, deleted like apostrophes
    sentence_ends: frozenset[str]
    clause_breaks: frozenset[str]
    term_index: "_Index"
    exclusion_index: "_Index"
    intent_index: "_Index"


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


@cache
def rules() -> Rules:
    """The screen's data, parsed once."""
    data = json.loads(files("securebase").joinpath("data/risk_screen.json").read_text("utf-8"))
    negation, sets = data["negation"], data["sets"]
    terms = tuple(parse_term(c["key"], t, sets) for c in data["categories"] for t in c["terms"])
    exclusions = tuple(parse_term("", t, sets) for t in data["exclusions"])
    intent = tuple(parse_term("", t, sets) for t in data["intent"])
    return Rules(
        categories=tuple(c["key"] for c in data["categories"]),
        labels={c["key"]: c["label"] for c in data["categories"]},
        terms=terms,
        exclusions=exclusions,
        intent=intent,
        wish=tuple((w.removesuffix("*"), w.endswith("*")) for w in data["wish"]),
        rewrites={k: tuple(v.split(" ")) for k, v in data["rewrites"].items()},
        anchors=tuple(data["fuzzy"]["anchors"]),
        not_misspellings=frozenset(data["fuzzy"]["not_misspellings"]),
        min_length=data["fuzzy"]["min_length"],
        negations=frozenset(negation["words"]),
        stoppers=frozenset(negation["scope_breakers"] + negation["intensifiers"]),
        window=negation["window"],
        apostrophes=data["apostrophes"],
        ignored=data["ignored"],
        sentence_ends=frozenset(data["sentence_ends"]),
        clause_breaks=frozenset(data["clause_breaks"]),
        term_index=_index(terms),
        exclusion_index=_index(exclusions),
        intent_index=_index(intent),
    )


def normalise(text: str) -> str:
    """Rule 1: NFKC, apostrophes deleted, ASCII upper case lowered."""
    text = unicodedata.normalize("NFKC", text)
    lex = rules()
    return text.translate({ord(c): None for c in lex.apostrophes + lex.ignored}).translate(_UPPER)


def _raw_tokens(text: str) -> list[tuple[str, int]]:
    """Rule 2: (word, break) pairs."""
    text, found, end = normalise(text), [], 0
    for hit in _TOKEN.finditer(text):
        found.append((hit.group(), _break(text[end : hit.start()], not found)))
        end = hit.end()
    return found


def _break(separator: str, first: bool) -> int:
    lex = rules()
    if first or any(c in lex.sentence_ends for c in separator):
        return 2
    return 1 if any(c in lex.clause_breaks for c in separator) else 0


def _within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) <= 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


@lru_cache(maxsize=65536)
def corrected(word: str) -> str:
    """Rule 4: the anchor ``word`` misspells, else ``word``."""
    lex = rules()
    if len(word) < lex.min_length or word in lex.anchors or word in lex.not_misspellings:
        return word
    return next((a for a in lex.anchors if a[0] == word[0] and _within_one_edit(word, a)), word)


def tokens(text: str) -> list[Token]:
    """Rules 2-4: the words the terms are matched against."""
    lex, raw, out, k = rules(), _raw_tokens(text), [], 0
    while k < len(raw):
        word, brk = raw[k]
        pair = f"{word} {raw[k + 1][0]}" if k + 1 < len(raw) and raw[k + 1][1] < 2 else None
        if pair in lex.rewrites:
            words, k = lex.rewrites[pair], k + 2
        else:
            words, k = lex.rewrites.get(word, (corrected(word),)), k + 1
        for n, w in enumerate(words):
            b = brk if n == 0 else 0
            out.append(Token(w, b, (out[-1].sentence if out else -1) + (b == 2)))
    return out


def _span(elements: tuple[Element, ...], toks: list[Token], start: int, negations) -> int | None:
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
class _Match:
    category: str
    first: int
    last: int  # inclusive


def _matches(index: "_Index", toks: list[Token]) -> list[_Match]:
    negations = rules().negations
    words = {tok.word for tok in toks}
    found = []
    for start in range(len(toks)):
        for term in index.starting_with(toks[start].word):
            if term.needs is not None and term.needs.isdisjoint(words):
                continue
            end = _span(term.elements, toks, start, negations)
            if end is not None:
                found.append(_Match(term.category, start, end - 1))
    return found


@dataclass(frozen=True)
class _Index:
    """Terms by the words their first element can start at: it only saves time."""

    exact: dict[str, tuple[Term, ...]]
    prefixed: dict[str, tuple[Term, ...]]  # by a prefix their first element accepts
    digits: tuple[Term, ...]

    cache: dict[str, tuple[Term, ...]]  # by word, filled as words are met

    def starting_with(self, word: str) -> tuple[Term, ...]:
        found = self.cache.get(word)
        if found is None:
            terms = list(self.exact.get(word, ()))
            for end in range(1, len(word) + 1):
                terms += self.prefixed.get(word[:end], ())
            if _digits(word):
                terms += self.digits
            found = tuple(dict.fromkeys(terms))  # once each, first seen first
            if len(self.cache) < _WORD_CACHE:
                self.cache[word] = found
        return found


def _index(terms: tuple[Term, ...]) -> _Index:
    exact: dict[str, list[Term]] = {}
    prefixed: dict[str, list[Term]] = {}
    digits = []
    for term in terms:
        first = term.elements[0]
        if first.kind == _DIGITS:
            digits.append(term)
        for word, prefix in sorted({option[0] for option in first.options}):
            (prefixed if prefix else exact).setdefault(word, []).append(term)
    return _Index(
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixed.items()},
        tuple(digits),
        {},
    )


def _negated(m: _Match, toks: list[Token], lex: Rules) -> bool:
    """Rule 7: a negation word shortly before ``m``, in its clause."""
    k = m.first
    for _ in range(lex.window):
        if toks[k].brk >= 1:
            return False
        k -= 1
        if toks[k].word in lex.negations:
            return True
        if toks[k].word in lex.stoppers:
            return False
    return False


def _has_wish(m: _Match, toks: list[Token], lex: Rules) -> bool:
    """Rule 7: a wish word outside ``m`` in its sentence, not itself negated."""
    sentence = toks[m.first].sentence
    for k, tok in enumerate(toks):
        if tok.sentence != sentence or m.first <= k <= m.last:
            continue
        if any(_accepts(w, tok.word) for w in lex.wish) and not _wish_negated(k, toks, lex):
            return True
    return False


def _wish_negated(k: int, toks: list[Token], lex: Rules) -> bool:
    for back in (1, 2):
        if toks[k - back + 1].brk >= 1:
            return False
        if toks[k - back].word in lex.negations:
            return True
    return False


def _kept(toks: list[Token], lex: Rules) -> list[_Match]:
    """Rule 6: the terms' matches that no exclusion cancels."""
    matches = _matches(lex.term_index, toks)
    if not matches:
        return []
    void = {toks[m.first].sentence for m in _matches(lex.intent_index, toks)}
    excluded = [
        x for x in _matches(lex.exclusion_index, toks) if toks[x.first].sentence not in void
    ]
    return [
        m for m in matches if not any(x.first <= m.last and m.first <= x.last for x in excluded)
    ]


@lru_cache(maxsize=8192)
def screen(text: str) -> tuple[ScreenMatch, ...]:
    """One match per category ``text`` touches (its highest level), sorted by category."""
    lex = rules()
    toks = tokens(text)
    matches = _kept(toks, lex)
    plain = [_negated(m, toks, lex) and not _has_wish(m, toks, lex) for m in matches]
    levels: dict[str, Level] = {}
    for n, m in enumerate(matches):
        sentence = toks[m.first].sentence
        others = [o for o, other in enumerate(matches) if toks[other.first].sentence == sentence]
        flagged = not plain[n] or any(not plain[o] for o in others)
        if flagged or m.category not in levels:
            levels[m.category] = "flag" if flagged else "mention"
    return tuple(ScreenMatch(c, levels[c]) for c in sorted(levels))


def categories() -> tuple[str, ...]:
    """Every category key, in display order."""
    return rules().categories


def label(category: str) -> str:
    """The plain-words label of a category key (for every front end)."""
    return rules().labels[category]


def category_words(category: str | None) -> str:
    """The label of ``category`` for a sentence ("words about ..."); unknown keys stay
    readable (flags stored by an older screen, e.g. "death_wish")."""
    if category in rules().labels:
        return rules().labels[category]
    return str(category or "risk").replace("_", " ")
