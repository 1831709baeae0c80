"""The risk screen's API (``securebase.risk_screen``): one match per category, two levels."""

import subprocess
import sys

import pytest

from securebase.analytics.risk import risk_categories
from securebase.risk_screen import ScreenMatch, categories, screen


def test_a_risk_sentence_is_a_flag_of_its_category():
    assert screen("If he leaves I think I'll kill myself") == (ScreenMatch("suicide", "flag"),)


def test_a_plain_denial_is_a_mention_not_a_flag():
    assert screen("I am not suicidal.") == (ScreenMatch("suicide", "mention"),)
    assert risk_categories("I am not suicidal.") == ()


def test_one_match_per_category_at_its_highest_level_sorted():
    found = screen("Not suicidal. Hopeless. I want to kill myself.")
    assert found == (ScreenMatch("hopelessness", "flag"), ScreenMatch("suicide", "flag"))


@pytest.mark.parametrize("text", ["", "A slow reply at dinner.", "   \n"])
def test_harmless_text_matches_nothing(text):
    assert screen(text) == ()


def test_categories_lists_every_category_once():
    keys = categories()
    assert len(keys) == len(set(keys)) >= 4
    assert {m.category for m in screen("suicidal, hopeless, cut myself")} <= set(keys)


def test_the_screen_imports_no_third_party_library():
    probe = (
        "import sys, securebase.risk_screen\n"
        "print(','.join(m for m in ('pandas', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
