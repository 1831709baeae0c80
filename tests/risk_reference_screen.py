"""REFERENCE COPY for tests only: the risk screen exactly as it was at commit 24e5192,
before the speed work (tests/test_risk_speedup.py compares the fast screen with it).
Do not edit except when the screen's specified behaviour changes on purpose.

The risk screen: which risk categories a text touches, and at which level.

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
from functools import cache
from importlib.resources import files
from typing import Literal

from tests.risk_reference_terms import Index, Match, Term, accepts, find, index_of, parse_term

Level = Literal["flag", "mention"]
_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TOKEN = re.compile("[a-z0-9]+")  # rule 2 (a plain character class, as in any language)


@dataclass(frozen=True)
class ScreenMatch:
    """One category the text touches, at its highest level."""

    category: str
    level: Level  # "flag": red on the caseload; "mention": shown, not red


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
    term_index: Index
    exclusion_index: Index
    intent_index: Index


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
        term_index=index_of(terms),
        exclusion_index=index_of(exclusions),
        intent_index=index_of(intent),
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


def corrected(word: str) -> str:
    """Rule 4: the anchor ``word`` misspells, else ``word``.

    No cache: the screen keeps no client word or text in memory once it returns
    (a locked dashboard must not leave journal text behind in the process)."""
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


def _negated(m: Match, toks: list[Token], lex: Rules) -> bool:
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


def _has_wish(m: Match, toks: list[Token], lex: Rules) -> bool:
    """Rule 7: a wish word outside ``m`` in its sentence, not itself negated."""
    sentence = toks[m.first].sentence
    for k, tok in enumerate(toks):
        if tok.sentence != sentence or m.first <= k <= m.last:
            continue
        if any(accepts(w, tok.word) for w in lex.wish) and not _wish_negated(k, toks, lex):
            return True
    return False


def _wish_negated(k: int, toks: list[Token], lex: Rules) -> bool:
    for back in (1, 2):
        if toks[k - back + 1].brk >= 1:
            return False
        if toks[k - back].word in lex.negations:
            return True
    return False


def _kept(toks: list[Token], lex: Rules) -> list[Match]:
    """Rule 6: the terms' matches that no exclusion cancels."""
    matches = find(lex.term_index, toks, lex.negations)
    if not matches:
        return []
    void = {toks[m.first].sentence for m in find(lex.intent_index, toks, lex.negations)}
    found = find(lex.exclusion_index, toks, lex.negations)
    excluded = [x for x in found if toks[x.first].sentence not in void]
    return [
        m for m in matches if not any(x.first <= m.last and m.first <= x.last for x in excluded)
    ]


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
