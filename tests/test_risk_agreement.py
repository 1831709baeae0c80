"""Every implementation of the risk screen agrees on tests/data/risk_agreement.json.

The file holds texts chosen to exercise each rule of docs/RISK_SCREEN.md
(normalisation, tokens, rewrites, misspellings, gaps, exclusions, levels) with
the exact results; the web journal's TypeScript port is held to the same file.
"""

import json
from pathlib import Path

import pytest

from securebase.risk_screen import screen

CASES = json.loads(
    (Path(__file__).resolve().parent / "data" / "risk_agreement.json").read_text("utf-8")
)["cases"]


def test_the_agreement_file_covers_the_hard_cases():
    names = {case["name"] for case in CASES}
    assert len(CASES) >= 60
    assert len(names) == len(CASES)
    texts = [case["text"] for case in CASES]
    assert "" in texts
    assert any("\u2019" in t for t in texts)
    assert any("\n" in t for t in texts)
    assert any(ord(c) > 0xFFFF for t in texts for c in t)  # emoji (surrogate pairs in JS)
    assert any("\u0400" <= c <= "\u04ff" for t in texts for c in t)  # Cyrillic
    levels = {e["level"] for case in CASES for e in case["expected"]}
    assert levels == {"flag", "mention"}
    assert any(not case["expected"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_screens_each_text_exactly_as_agreed(case):
    found = [{"category": m.category, "level": m.level} for m in screen(case["text"])]
    assert found == case["expected"]
