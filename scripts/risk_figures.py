"""Recall and precision of the risk screen on tests/data/risk_corpus.json, per category.

``python scripts/risk_figures.py`` prints the table; ``--write`` puts it into
docs/RISK_SCREEN.md between the FIGURES markers (tests/test_risk_corpus.py
fails when the table there is not the one this script computes).

A text counts as flagged for a category when the screen returns that category
at level "flag"; a "mention" is not a flag. Overall, a text is a risk text
when it has any expected category, and flagged when any category is flagged.
"""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from securebase.risk_screen import categories, label, screen

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "risk_corpus.json"
DOC = ROOT / "docs" / "RISK_SCREEN.md"
BEGIN, END = "<!-- FIGURES:BEGIN -->", "<!-- FIGURES:END -->"


@dataclass(frozen=True)
class Row:
    name: str
    expected: int  # texts labelled with it
    flagged: int  # texts the screen flags with it
    right: int  # both

    @property
    def recall(self) -> float:
        return self.right / self.expected

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0


def items() -> list[dict]:
    return json.loads(CORPUS.read_text("utf-8"))["items"]


def figures() -> list[Row]:
    """One row per category in display order, then the overall row."""
    texts = items()
    found = [{m.category for m in screen(t["text"]) if m.level == "flag"} for t in texts]
    rows = []
    for key in categories():
        expected = [key in t["categories"] for t in texts]
        flagged = [key in f for f in found]
        both = sum(e and f for e, f in zip(expected, flagged, strict=True))
        rows.append(Row(label(key), sum(expected), sum(flagged), both))
    risk = [bool(t["categories"]) for t in texts]
    any_flag = [bool(f) for f in found]
    both = sum(r and f for r, f in zip(risk, any_flag, strict=True))
    rows.append(Row("any risk (overall)", sum(risk), sum(any_flag), both))
    return rows


def table() -> str:
    texts = items()
    risk = sum(bool(t["categories"]) for t in texts)
    lines = [
        f"Corpus: {len(texts)} texts, {risk} risk texts and {len(texts) - risk} look-alikes.",
        "",
        "| Category | Labelled | Flagged | Right | Recall | Precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in figures():
        lines.append(
            f"| {row.name} | {row.expected} | {row.flagged} | {row.right} "
            f"| {row.recall:.3f} | {row.precision:.3f} |"
        )
    return "\n".join(lines)


def documented() -> str:
    text = DOC.read_text("utf-8")
    return text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()


def write() -> None:
    text = DOC.read_text("utf-8")
    before, after = text[: text.index(BEGIN) + len(BEGIN)], text[text.index(END) :]
    DOC.write_text(f"{before}\n{table()}\n{after}", "utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    print(table())
