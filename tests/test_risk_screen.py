"""The risk screen (``securebase.risk_screen``): its API, its rules and its data.

The rules are specified in the module docstring and docs/RISK_SCREEN.md; the
figures on the labelled corpus are in tests/test_risk_corpus.py, and the texts
every implementation must agree on in tests/test_risk_agreement.py.
"""

import json
import subprocess
import sys
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from securebase.analytics.risk import risk_categories
from securebase.risk_screen import (
    ScreenMatch,
    categories,
    corrected,
    label,
    normalise,
    rules,
    screen,
    tokens,
)
from securebase.risk_terms import TermError, parse_term

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads(files("securebase").joinpath("data/risk_screen.json").read_text("utf-8"))


def flags(text: str) -> set[str]:
    return {m.category for m in screen(text) if m.level == "flag"}


# --- the API -----------------------------------------------------------------


def test_a_risk_sentence_is_a_flag_of_its_category():
    assert screen("If he leaves I think I'll kill myself") == (
        ScreenMatch("active_ideation", "flag"),
    )


def test_one_match_per_category_at_its_highest_level_sorted_by_key():
    found = screen("I'm not suicidal. I want to kill myself. Hopeless.")
    assert found == (
        ScreenMatch("active_ideation", "flag"),
        ScreenMatch("hopelessness", "flag"),
    )
    keys = [m.category for m in screen("I cut myself and I'm a burden and I want to die")]
    assert keys == sorted(keys) == ["burden", "passive_death_wish", "self_harm"]


def test_categories_are_the_seven_kinds_in_display_order_with_labels():
    assert categories() == (
        "plan_method",
        "active_ideation",
        "finality",
        "passive_death_wish",
        "self_harm",
        "burden",
        "hopelessness",
    )
    assert all(label(key) and "_" not in label(key) for key in categories())


def test_risk_categories_wraps_the_screen_at_flag_level():
    assert risk_categories("I would never hurt myself.") == ()
    assert screen("I would never hurt myself.") == (ScreenMatch("self_harm", "mention"),)
    assert risk_categories("I want to die") == ("passive_death_wish",)


def test_the_screen_imports_no_third_party_library():
    probe = (
        "import sys, securebase.risk_screen\n"
        "print(','.join(m for m in ('pandas', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- what the issue asked for, sentence by sentence -----------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I don't want to die, I just want the pain to stop", "passive_death_wish"),
        ("I promised him I won't cut myself again", "self_harm"),
        ("I didn't hurt myself even though I really wanted to", "self_harm"),
        ("saying my goodbyes tonight", "finality"),
        ("I won't be a problem much longer", "finality"),
        ("I'm done with life", "finality"),
        ("I wish I had never been born", "passive_death_wish"),
        ("it would be easier to not exist", "passive_death_wish"),
        ("been stockpiling my pills", "plan_method"),
        ("looked up how many paracetamol would do it", "plan_method"),
        ("thought about jumping off the bridge", "plan_method"),
        ("kept thinking about stepping in front of a train", "plan_method"),
        ("wrote a goodbye letter", "plan_method"),
        ("burned my arm with a lighter", "self_harm"),
        ("scratched until it bled", "self_harm"),
        ("punched myself to punish myself", "self_harm"),
        ("really bad sh urges", "self_harm"),
        ("they would all be better off without me", "burden"),
        ("I want to end it all tonight", "active_ideation"),
    ],
)
def test_wishes_urges_methods_and_goodbyes_are_flags(text, category):
    assert category in flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "I ran 5 kms today",
        "I cut myself shaving",
        "I'm going to take my life back",
        "I did not wake up until 11",
        "Watched Suicide Squad",
        "Burnt myself on the oven tray making dinner",
        "This cake is to die for",
        "My feet are killing me after the match",
        "I'm a hopeless romantic",
        "Cut myself some slack today",
    ],
)
def test_harmless_idioms_match_nothing(text):
    assert screen(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal.",
        "I would never hurt myself",
        "No thoughts of self-harm this week.",
        "I am not a burden",
        "I don't want to kill myself",
        "Didn't cut myself, didn't want to.",
    ],
)
def test_a_plain_denial_is_a_mention(text):
    assert screen(text)
    assert all(m.level == "mention" for m in screen(text))


def test_a_denial_next_to_another_risk_in_its_sentence_is_a_flag():
    assert flags("I'm not suicidal but I want to disappear") == {
        "active_ideation",
        "passive_death_wish",
    }
    assert flags("I'm not suicidal. I want to disappear.") == {"passive_death_wish"}


def test_context_excludes_only_the_match_it_touches():
    assert flags("I cut myself shaving. Later I cut myself on purpose.") == {"self_harm"}
    assert flags("I cut myself some slack, then I cut myself") == {"self_harm"}
    assert flags("burned myself on the stove on purpose") == {"self_harm"}  # intent voids it


# --- normalisation and tokens -----------------------------------------------------------------


def test_normalise_is_nfkc_apostrophes_out_and_ascii_lower_case():
    assert normalise("DON\u2019T Ｓtop") == "dont stop"
    assert normalise("\u0130stanbul") == "\u0130stanbul"  # only A-Z are lowered


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("self-harm", ["selfharm"]),
        ("kill my self", ["kill", "myself"]),
        ("I can't", ["i", "can", "not"]),
        ("wanna die", ["want", "to", "die"]),
        ("caf\u00e9 ok", ["caf", "ok"]),
        ("sucidal", ["suicidal"]),
        ("myslef", ["myself"]),
        ("homeless", ["homeless"]),
    ],
)
def test_tokens_rewrites_and_fuzzy_corrections(text, words):
    assert [t.word for t in tokens(text)] == words


def test_sentence_and_clause_breaks():
    toks = tokens("one, two. three\nfour")
    assert [(t.word, t.brk, t.sentence) for t in toks] == [
        ("one", 2, 0),
        ("two", 1, 0),
        ("three", 2, 1),
        ("four", 2, 2),
    ]


def test_a_term_never_crosses_a_sentence():
    assert flags("I want to kill. Myself is a word.") == set()


def test_fuzzy_needs_the_same_first_letter_and_one_edit():
    assert corrected("hopless") == "hopeless"
    assert corrected("suicidle") == "suicide"
    assert corrected("overdoes") == "overdoes"  # a real word, listed
    assert corrected("bopeless") == "bopeless"


# --- the data ---------------------------------------------------------------------------------


def test_the_data_is_package_data_and_parses():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "data/*.json" in pyproject["tool"]["setuptools"]["package-data"]["securebase"]
    lex = rules()
    assert len(lex.terms) >= 200
    assert {t.category for t in lex.terms} == set(categories())


def test_term_words_are_already_normalised_and_never_rewritten():
    """A term word that a rewrite replaces could never match: the data must say it rewritten."""
    rewritten = {key for key in DATA["rewrites"] if " " not in key}
    terms = [t for c in DATA["categories"] for t in c["terms"]] + DATA["exclusions"]
    terms += DATA["intent"] + ["|".join(s) for s in DATA["sets"].values()]
    for term in terms:
        for element in term.split(" "):
            for option in element.split("|"):
                for part in option.split("_"):
                    assert part not in rewritten, (term, part)


@pytest.mark.parametrize("bad", ["~2 alone", "word ~3", "Caps", "two  spaces", "x|", "@nope"])
def test_bad_terms_are_refused(bad):
    with pytest.raises(TermError):
        parse_term("c", bad, {})


def test_the_screen_keeps_no_client_word_in_memory():
    """A locked dashboard must not leave journal text in the process: no text cache,
    and the per-word index cache holds only words that start a term (the data's)."""
    screen("Zorblaxian wrote that I want to die, honestly")
    lex = rules()
    kept = set(lex.term_index.cache) | set(lex.exclusion_index.cache) | set(lex.intent_index.cache)
    assert "zorblaxian" not in kept
    assert "honestly" not in kept
    assert "want" in kept
    assert not hasattr(screen, "cache_info")
    assert not hasattr(corrected, "cache_info")
