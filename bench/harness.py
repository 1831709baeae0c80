"""The small measuring kit every benchmark shares.

A benchmark module exposes ``run(context: Context) -> list[Result]``. It
measures its workload and, in the same run, the workload's floor (the least
work any design must do), so each figure is reported as a ratio that means
the same on a faster or slower machine.

Rules:
- a figure is the median of several runs (``Context.runs``), never one run;
- setup (copying a vault, building data) happens outside the timed region;
- a result names its target in words and says whether it was met, so the
  table and ``docs/PERFORMANCE.md`` need no knowledge of the benchmark.
"""

import gc
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: The workload sizes of the scaling target, as fractions of the full workload.
SIZES = (0.25, 0.5, 1.0)


@dataclass
class Context:
    """What the runner hands every benchmark."""

    work_dir: Path  # a scratch folder for this run (removed afterwards)
    cache_dir: Path  # generated scale data, kept between runs
    runs: int = 5  # repetitions behind each median
    sizes: tuple[float, ...] = SIZES
    quick: bool = False  # smaller workloads, to check the benchmarks themselves


@dataclass
class Result:
    """One measured figure, ready for the table."""

    group: str  # e.g. "Import, cold"
    name: str  # what exactly was measured
    size: float  # fraction of the full workload (1.0 = full)
    value: float  # seconds, or bytes for memory figures
    unit: str = "s"  # "s" or "MiB" or "x"
    floor: float | None = None  # the floor in the same unit, if the target is a ratio
    limit: float | None = None  # the target: ratio <= limit if floor, else value <= limit
    target: str = ""  # the target in words, e.g. "<= 3x floor"
    note: str = ""
    runs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.ratio if self.floor is not None else self.value
        return measured is not None and measured <= self.limit


def median_seconds(
    work: Callable[[], object],
    runs: int,
    setup: Callable[[], object] | None = None,
) -> tuple[float, list[float]]:
    """Time ``work`` ``runs`` times, ``setup`` untimed before each; the median and all runs."""
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def timed_once(work: Callable[[], object]) -> tuple[float, object]:
    """Seconds one call of ``work`` took, and what it returned."""
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def peak_rss_mib(of_children: bool = False) -> float:
    """Peak resident set size so far, of this process or of its waited-for children."""
    who = resource.RUSAGE_CHILDREN if of_children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB
