"""The risk screen measured on our labelled corpus (tests/data/risk_corpus.json).

The corpus was written in our own words before the screen was tuned; the
screen was then tuned on it, so these figures are an upper bound for texts
nobody on the project has seen (docs/RISK_SCREEN.md says so next to them).
"""

import importlib.util
import json
from collections import Counter
from pathlib import Path

from securebase.risk_screen import categories, screen

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("risk_figures", ROOT / "scripts/risk_figures.py")
risk_figures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(risk_figures)

RECALL, PRECISION = 0.97, 0.90


def test_the_corpus_is_large_half_risk_and_covers_every_category():
    items = risk_figures.items()
    risk = [item for item in items if item["categories"]]
    assert len(items) >= 400
    assert 0.45 <= len(risk) / len(items) <= 0.55
    assert len({item["text"] for item in items}) == len(items)
    per_category = Counter(c for item in risk for c in item["categories"])
    assert set(per_category) == set(categories())
    assert min(per_category.values()) >= 20


def test_recall_and_precision_meet_the_targets_per_category_and_overall():
    for row in risk_figures.figures():
        assert row.recall >= RECALL, f"{row.name}: recall {row.recall:.3f}"
        assert row.precision >= PRECISION, f"{row.name}: precision {row.precision:.3f}"


def test_the_documented_table_is_the_measured_one():
    assert risk_figures.documented() == risk_figures.table(), (
        "run: .venv/bin/python scripts/risk_figures.py --write"
    )


def test_the_development_probes_stay_caught():
    """A regression guard, not a measure: the probes were tuned on (see their 'about')."""
    probes = json.loads((ROOT / "tests/data/risk_probes.json").read_text("utf-8"))
    flagged = [any(m.level == "flag" for m in screen(text)) for text in probes["risk"]]
    false = [any(m.level == "flag" for m in screen(text)) for text in probes["look_alikes"]]
    assert len(flagged) >= 200
    assert len(false) >= 100
    assert sum(flagged) / len(flagged) >= 0.95
    assert sum(false) / len(false) <= 0.08
