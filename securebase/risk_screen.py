"""The risk screen: which risk categories a text touches, and at which level.

A match is a prompt for a person to look, never an assessment; no match means
nothing clinically. Recall comes first. The screen is data
(``securebase/data/risk_screen.json``) plus this one small matcher, specified
here and in ``docs/RISK_SCREEN.md`` precisely enough for a second implementation
(the web journal, TypeScript) to agree on every text of
``tests/data/risk_agreement.json``. Standard library only, no regular-expression
features beyond character classes (and groups), so the port is line by line. The
speed-only shortcuts here (tables built once from the data, a prefilter that rules
terms out per sentence: docs/RISK_SCREEN.md, "Shortcuts that change nothing") never
change a result; ``tests/test_risk_speedup.py`` holds this matcher to the plain one.

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
from typing import Literal, NamedTuple

from securebase.risk_terms import Index, Match, Term, accepts, find, index_of, parse_term

Level = Literal["flag", "mention"]
_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # rule 2
# Rule 2 (plain character classes, as in any language): each token with the separator
# before it, so one pass over the text gives both.
_TOKEN = re.compile("([^a-z0-9]*)([a-z0-9]+)")


@dataclass(frozen=True)
class ScreenMatch:
    """One category the text touches, at its highest level."""

    category: str
    level: Level  # "flag": red on the caseload; "mention": shown, not red


class Token(NamedTuple):  # a tuple: made for every word of every screened text
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
    # Derived from the fields above once, so that no screen rebuilds them (speed only).
    deleted_and_lowered: dict[int, str | None]  # rule 1's translation table
    sentence_end: re.Pattern  # any character of sentence_ends
    clause_break: re.Pattern  # any character of clause_breaks
    # Rule 4 as a table: every word of min_length or more that is one edit from an anchor
    # (with the anchor's first character), to the first such anchor in list order;
    # anchors and not_misspellings are left out, as they are never corrected.
    misspelt: dict[str, str]
    pair_starts: frozenset[str]  # the first words of the two-word rewrites
    # The words rules 3-4 change: those that start a rewrite, and the keys of ``misspelt``.
    changed: frozenset[str]


@cache
def rules() -> Rules:
    """The screen's data, parsed once."""
    data = json.loads(files("securebase").joinpath("data/risk_screen.json").read_text("utf-8"))
    negation, sets = data["negation"], data["sets"]
    terms = tuple(parse_term(c["key"], t, sets) for c in data["categories"] for t in c["terms"])
    exclusions = tuple(parse_term("", t, sets) for t in data["exclusions"])
    intent = tuple(parse_term("", t, sets) for t in data["intent"])
    anchors, fuzzy = tuple(data["fuzzy"]["anchors"]), data["fuzzy"]
    deleted = {ord(c): None for c in data["apostrophes"] + data["ignored"]}
    misspelt = _misspelt(anchors, fuzzy["min_length"], {*anchors, *fuzzy["not_misspellings"]})
    return Rules(
        categories=tuple(c["key"] for c in data["categories"]),
        labels={c["key"]: c["label"] for c in data["categories"]},
        terms=terms,
        exclusions=exclusions,
        intent=intent,
        wish=tuple((w.removesuffix("*"), w.endswith("*")) for w in data["wish"]),
        rewrites={k: tuple(v.split(" ")) for k, v in data["rewrites"].items()},
        anchors=anchors,
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
        deleted_and_lowered={**deleted, **{ord(c): c.lower() for c in _ASCII_UPPER}},
        sentence_end=_any_of(data["sentence_ends"]),
        clause_break=_any_of(data["clause_breaks"]),
        misspelt=misspelt,
        pair_starts=frozenset(key.split(" ")[0] for key in data["rewrites"] if " " in key),
        changed=frozenset(key.split(" ")[0] for key in data["rewrites"]) | frozenset(misspelt),
    )


def _misspelt(anchors: tuple[str, ...], shortest: int, kept: set[str]) -> dict[str, str]:
    """Rule 4 for every word it changes. Tokens hold only a-z and 0-9, so every word within
    one edit of an anchor is one of the strings made here."""
    table: dict[str, str] = {}
    for anchor in anchors:  # list order: the first anchor keeps a word near two
        for word in _one_edit(anchor):
            if word[:1] == anchor[0] and len(word) >= shortest and word not in kept:
                table.setdefault(word, anchor)
    return table


def _one_edit(word: str) -> set[str]:
    """Every string at optimal string alignment distance exactly 1 from ``word`` (or 0)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}  # deletions
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # swaps
    found |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}  # substitutions
    found |= {a + c + b for a, b in splits for c in _ALPHABET}  # insertions
    return found


def _any_of(characters: str) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in characters) + "]")


def normalise(text: str) -> str:
    """Rule 1: NFKC, apostrophes deleted, ASCII upper case lowered."""
    return unicodedata.normalize("NFKC", text).translate(rules().deleted_and_lowered)


def _raw_tokens(text: str) -> list[tuple[str, int]]:
    """Rule 2: (word, break) pairs."""
    lex = rules()
    found = [
        (word, 0 if separator == " " else _break(separator, lex))  # " ": by far the most common
        for separator, word in _TOKEN.findall(normalise(text))
    ]
    if found:
        found[0] = (found[0][0], 2)  # the first token starts the first sentence
    return found


def _break(separator: str, lex: Rules) -> int:
    if lex.sentence_end.search(separator):
        return 2
    return 1 if lex.clause_break.search(separator) else 0


def corrected(word: str) -> str:
    """Rule 4: the anchor ``word`` misspells, else ``word``.

    No cache: the screen keeps no client word or text in memory once it returns
    (a locked dashboard must not leave journal text behind in the process)."""
    return rules().misspelt.get(word, word)


def tokens(text: str) -> list[Token]:
    """Rules 2-4: the words the terms are matched against."""
    return _numbered(_words(text))


def _words(text: str) -> list[tuple[str, int]]:
    """Rules 3-4 over rule 2's tokens: (word, break) pairs, sentences not yet numbered."""
    lex, raw = rules(), _raw_tokens(text)
    # Speed only: a token that starts no rewrite and is no misspelling is emitted as it is
    # (rule 3, step 3 with rule 4 keeping it), so only the others are walked through.
    if lex.changed.isdisjoint(w for w, _ in raw):
        return raw
    out: list[tuple[str, int]] = []
    done = 0  # raw[:done] is in ``out``
    for k in [k for k, (word, _) in enumerate(raw) if word in lex.changed]:
        if k < done:  # the second word of a two-word rewrite
            continue
        out += raw[done:k]
        done = k + 1 + _rewritten(raw, k, lex, out)
    return out + raw[done:]


def _rewritten(raw: list[tuple[str, int]], k: int, lex: Rules, out: list) -> int:
    """Rule 3 at token k, into ``out``: 1 if it took token k + 1 too, else 0."""
    word, brk = raw[k]
    if word in lex.pair_starts and k + 1 < len(raw) and raw[k + 1][1] < 2:
        words = lex.rewrites.get(f"{word} {raw[k + 1][0]}")
        if words is not None:
            out += [(words[0], brk), *((w, 0) for w in words[1:])]
            return 1
    words = lex.rewrites.get(word)
    if words is None:
        out.append((lex.misspelt.get(word, word), brk))
    else:
        out += [(words[0], brk), *((w, 0) for w in words[1:])]
    return 0


def _numbered(words: list[tuple[str, int]]) -> list[Token]:
    out, sentence = [], -1
    for word, brk in words:
        sentence += brk == 2
        out.append(Token(word, brk, sentence))
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


def _kept(toks: list[Token], lex: Rules, possible: set) -> list[Match]:
    """Rule 6: the terms' matches that no exclusion cancels (``possible``: see ``find``)."""
    matches = find(lex.term_index, toks, lex.negations, possible)
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
    words = _words(text)
    # Speed only: most texts hold no term anywhere (risk_terms, "the prefilter").
    possible = lex.term_index.possible(words)
    if not possible:
        return ()
    toks = _numbered(words)
    matches = _kept(toks, lex, possible)
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
