"""Risk screen benchmark: what screening costs each imported entry (issue 15).

The importer screens every entry as it arrives (``flag_store.ItemFlags.of_entry``,
the call timed here), and a vault screened by an older screen is screened again
as a whole when it is next unlocked or imported into. So the screen's cost per
entry, times the entries, is added to a cold import and to that one-time
rescreen.

Workloads:
- the caseload's entries: every entry of the benchmark caseload at full size
  (40 clients x 104 weeks, ~87,000 entries; ``--quick``: 4 x 16), made by
  ``bench.scale``'s generator from the same seeded streams as the sealed
  exports (without their later edits), in the JSON form the importer screens;
  not sealed, since sealing is not what is measured. Journal text of the
  demo's kind: like most entries, it holds no risk language;
- the labelled corpus (``tests/data/risk_corpus.json``, 439 texts, about half
  of them risk): the cost when the screen does find terms.

Each entry is timed alone, and its floor right after it (so that a change in
the machine's load weighs on both alike), in ``runs`` passes over the whole
workload (at most 3). An entry's time is its median over the passes; the
table shows the median and the 95th percentile over the entries, and the
whole caseload's total (the median of the passes' totals). Floor: what any
implementation of docs/RISK_SCREEN.md must do before it compares a single
term, rules 1-2 (Unicode NFKC, apostrophes, ASCII lower case, split into
words) over the entry's screened fields. Target: <= 3x floor, as for the
dashboard's risk scan.
"""

import gc
import json
import re
import statistics
import time
import unicodedata
from importlib.resources import files
from pathlib import Path

from bench import scale
from bench.harness import Context, Result
from securebase.flag_store import ItemFlags, _field_texts
from securebase.risk_screen import screen

LIMIT = 3.0
MAX_PASSES = 3
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "risk_corpus.json"
_WORD = re.compile("[a-z0-9]+")
_DATA = json.loads(files("securebase").joinpath("data/risk_screen.json").read_text("utf-8"))
#: Rule 1 as one translation table (the floor is its own code, the same before and after
#: any change to the screen).
_RULE_1 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "abcdefghijklmnopqrstuvwxyz",
    _DATA["apostrophes"] + _DATA["ignored"],
)
GROUP = "Risk screen on import"


def run(context: Context) -> list[Result]:
    entries = caseload_entries(context)
    passes = max(1, min(context.runs, MAX_PASSES))
    screened, floor = _per_item(entries, ItemFlags.of_entry, lambda e: _floor(_joined(e)), passes)
    flagged = sum(1 for e in entries if ItemFlags.of_entry(e).rows)
    texts = [item["text"] for item in json.loads(CORPUS.read_text("utf-8"))["items"]]
    corpus, corpus_floor = _per_item(texts, screen, _floor, passes)
    note = f"{len(entries):,} entries, {flagged} with a finding; {passes} passes"
    common = {"group": GROUP, "size": 1.0, "limit": LIMIT, "target": f"<= {LIMIT:g}x floor"}
    return [
        Result(
            name="per entry (median), the caseload's text",
            value=screened.median,
            floor=floor.median,
            note=note + "; floor: NFKC + word split (rules 1-2)",
            **common,
        ),
        Result(
            name="per entry (95th percentile), the caseload's text",
            value=screened.p95,
            floor=floor.p95,
            note=note,
            **common,
        ),
        Result(
            name="every caseload entry in turn (added to a cold import or a rescreen)",
            value=screened.total,
            floor=floor.total,
            note=note,
            runs=screened.totals,
            **common,
        ),
        Result(
            name="per text (median), labelled risk corpus",
            value=corpus.median,
            floor=corpus_floor.median,
            note=f"{len(texts)} texts, about half risk; 95th percentile "
            f"{corpus.p95 * 1e6:.0f} µs (floor {corpus_floor.p95 * 1e6:.0f} µs)",
            **common,
        ),
    ]


def caseload_entries(context: Context) -> list[dict]:
    """Every live entry of the caseload workload, as the importer's JSON form."""
    workload = scale.WORKLOADS[("caseload", context.quick)]
    entries = []
    for index in range(workload.clients):
        client = scale._new_client(workload, index, workload.weeks)
        for week_no in range(1, workload.weeks + 1):
            week = scale._week(client, workload, week_no)
            entries += [entry.model_dump(mode="json") for entry in week.entries]
    return entries


def _joined(entry: dict) -> str:
    return "\n".join(t for parts in _field_texts(entry).values() for t in parts if t)


def _floor(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_RULE_1))


class _Times:
    """Per-item times over several passes: each item's median, then over the items."""

    def __init__(self, per_pass: list[list[float]]):
        self.totals = [sum(times) for times in per_pass]
        items = sorted(statistics.median(t) for t in zip(*per_pass, strict=True))
        self.median = statistics.median(items)
        self.p95 = items[min(len(items) - 1, round(0.95 * (len(items) - 1)))]
        self.total = statistics.median(self.totals)


def _per_item(items: list, work, floor, passes: int) -> tuple[_Times, _Times]:
    """Each item timed under ``work`` and, right after, under ``floor`` (so that a change in
    the machine's load between the two weighs on both alike)."""
    clock = time.perf_counter
    worked, floored = [], []
    for _ in range(passes):
        gc.collect()
        work_times, floor_times = [], []
        for item in items:
            start = clock()
            work(item)
            middle = clock()
            floor(item)
            work_times.append(middle - start)
            floor_times.append(clock() - middle)
        worked.append(work_times)
        floored.append(floor_times)
    return _Times(worked), _Times(floored)
