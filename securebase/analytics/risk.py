"""Risk flags: journal text and questionnaire answers the therapist must not miss.

A flag is a prompt to look, not an assessment. It says only *where* to look
(which entry or check-in, which field, which lexicon category) and never
repeats the client's words; the absence of a flag means nothing clinically.
When in doubt the rules flag: recall over precision (DOMAIN.md, "Safety").

Two kinds of flag (columns: FLAG_COLUMNS):

- ``<measure>_item<n>`` (e.g. ``phq9_item9``), source ``"checkin"``: a check-in
  answered a measure's risk item (``MeasureSpec.risk_items``) above the
  item's minimum. Every such check-in is flagged, not only the latest.
- ``risk_language``, source ``"entry"``: an entry's free text matched the
  lexicon in ``securebase/data/risk_lexicon.json``; ``measure_or_field`` is the
  field (``situation``, ``automatic_thought``, ...) and
  ``matched_term_category`` the lexicon category (``suicide``, ``death_wish``,
  ``self_harm``, ``hopelessness``). One row per entry, field and category.
  Only live entries are scanned: deleted entries never reach ``entries_frame``.

Matching rules (text and lexicon terms are normalised the same way):

1. Case-folded (Unicode NFKC), apostrophes removed ("don't" = "dont"), and
   split into word tokens; all other punctuation and hyphens separate words.
2. Spacing does not matter inside a term: tokens are compared glued together,
   so "self harm", "self-harm" and "selfharm", or "myself" and "my self",
   are the same. A match must still start and end on word boundaries
   ("skill myself" does not match "kill myself").
3. A term ending in ``*`` matches any word ending ("suicid*": suicide,
   suicidal, suicidality).
4. Misspellings: a text word within one edit (insertion, deletion,
   substitution or transposition of neighbours) of a lexicon word of at
   least ``fuzzy.min_length`` letters, with the same first letter, counts as
   that word ("sucide", "suiside", "hopless", "myslef"). Real words that sit
   one edit from a term ("homeless", "overdone", ...) are listed in
   ``fuzzy.not_misspellings`` and never corrected.
5. Benign phrases ("cut myself some slack", "hopeless romantic") cancel a
   match that lies wholly inside them, and only that match.
6. Negation, deliberately narrow: a match is suppressed only when one of the
   ``negation.window`` (3) words directly before it is a negation word ("not
   suicidal", "I would never hurt myself"), with no comma, clause punctuation,
   scope breaker ("and", "but", ...) or intensifier ("never felt *this*
   hopeless", "not *that* hopeless") in between, AND its sentence contains no
   other risk term. "Not suicidal but hopeless" flags both terms. Sentences
   end at . ! ? ; or a line break.

Measured on the labelled phrases in ``tests/data/risk_labelled.json``:
recall 1.0 on the positives (a test requires it) and precision at least
``STATED_PRECISION`` = 0.90 (a test requires that too; 55 of 59 flags were
right when this was written: the misses are idioms such as "killed myself
laughing" and third-person mentions). Those phrases were written
for the test; real journals will differ, which is one more reason a flag is
only a prompt to look.
"""

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files
from itertools import accumulate
from operator import itemgetter

import numpy as np
import pandas as pd

from securebase.analytics.frames import in_period
from securebase.measures import MEASURES

STATED_PRECISION = 0.90
FLAG_COLUMNS = [
    "kind", "source", "source_id", "local_date", "measure_or_field", "matched_term_category",
]  # fmt: skip
TEXT_FIELDS = [
    "situation", "trigger_note", "body_sensations", "automatic_thought", "evidence_for",
    "evidence_against", "balanced_thought", "need_text", "partner_positive", "tags",
]  # fmt: skip
_FLAG_ORDER = itemgetter("local_date", "source", "source_id", "kind", "measure_or_field")
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[.!?;\n,:()\[\]\"“”—–]")


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


def risk_categories(text: str) -> tuple[str, ...]:
    """The lexicon categories ``text`` matches after the rules above, sorted."""
    lex = lexicon()
    # Most text holds no term: screen the corrected words before finding where each word is.
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
    kept = {
        m.category
        for m in matches
        if not _negated(m, tokens, lex)
        or any(sentence[o.first] == sentence[m.first] and not o.overlaps(m) for o in matches)
    }
    return tuple(sorted(kept))


def _texts(value) -> list[str]:
    """A field's texts: itself, or the parts of a list-like field (``tags``, ...)."""
    if type(value) is str or isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [text for part in value for text in _texts(part)]
    return []


def _field_categories(value) -> set[str]:
    return {category for text in _texts(value) for category in risk_categories(text)}


def _language_flags(entries: dict[str, list]) -> list[dict]:
    """Flags of the entries given column by column (``_columns``)."""
    rows = []
    fields = [field for field in TEXT_FIELDS if field in entries]
    if not fields:
        return rows
    # All the texts screened at once, then each entry's: most windows, and most entries,
    # hold no term at all (see ``_screened_words``).
    every_text = [text for field in fields for value in entries[field] for text in _texts(value)]
    if _screened_words("\n".join(every_text)) is None:
        return rows
    texts = [
        [text for value in values for text in _texts(value)]
        for values in zip(*(entries[f] for f in fields), strict=True)
    ]
    found = zip(entries["id"], entries["local_date"], *(entries[f] for f in fields), strict=True)
    for (source_id, local_date, *values), own in zip(found, texts, strict=True):
        if _screened_words("\n".join(own)) is None:
            continue  # no field of this entry can match (see ``_screened_words``)
        for field, value in zip(fields, values, strict=True):
            rows += [
                {
                    "kind": "risk_language",
                    "source": "entry",
                    "source_id": source_id,
                    "local_date": local_date,
                    "measure_or_field": field,
                    "matched_term_category": category,
                }
                for category in sorted(_field_categories(value))
            ]
    return rows


def _item_flags(checkins: dict[str, list]) -> list[dict]:
    """Flags of the check-ins given column by column (``_columns``)."""
    rows = []
    for measure, source_id, local_date, answers in zip(
        *(checkins[name] for name in _CHECKIN_READS), strict=True
    ):
        spec = MEASURES.get(measure)
        if spec is None:
            continue
        rows += [
            {
                "kind": f"{spec.key}_item{n}",
                "source": "checkin",
                "source_id": source_id,
                "local_date": local_date,
                "measure_or_field": str(spec.key),
                "matched_term_category": None,
            }
            for n in spec.risk_items
            if answers[n - 1] > spec.item_min
        ]
    return rows


def _columns(frame: pd.DataFrame, names: list[str], keep: np.ndarray | None = None) -> dict:
    """The named columns that ``frame`` has, as lists: every row, or the rows ``keep`` marks.
    Only what the scan reads, and no filtered copy of the frame."""
    if keep is None:
        return {name: frame[name].tolist() for name in names if name in frame}
    names = [name for name in names if name in frame]
    return {name: frame[name].to_numpy(dtype=object)[keep].tolist() for name in names}


_ENTRY_READS = ["id", "local_date", *TEXT_FIELDS]
_CHECKIN_READS = ["measure", "id", "local_date", "answers"]


def _flag_frame(entries: dict[str, list], checkins: dict[str, list]) -> pd.DataFrame:
    rows = _item_flags(checkins) + _language_flags(entries)
    rows.sort(key=_FLAG_ORDER)  # stable, as a stable sort of the frame by these columns
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def risk_flags(entries: pd.DataFrame, checkins: pd.DataFrame) -> pd.DataFrame:
    """Every risk flag for one client, oldest first. Columns: FLAG_COLUMNS.

    ``entries`` is ``entries_frame`` output, ``checkins`` ``checkins_frame``
    output. The frame holds no client text, only where to look.
    """
    return _flag_frame(_columns(entries, _ENTRY_READS), _columns(checkins, _CHECKIN_READS))


def risk_flags_between(
    entries: pd.DataFrame, checkins: pd.DataFrame, start: date | None, end: date | None
) -> pd.DataFrame:
    """``risk_flags`` of the entries and check-ins whose ``local_date`` lies in [start, end].

    The same frame as ``between(risk_flags(entries, checkins), start, end)``:
    a flag carries its source's local date, so only the rows in the period
    are scanned (the text scan is the costly part of a long history).
    """
    return _flag_frame(
        _columns(entries, _ENTRY_READS, in_period(entries, start, end)),
        _columns(checkins, _CHECKIN_READS, in_period(checkins, start, end)),
    )
