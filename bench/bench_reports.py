"""Reports benchmark: one session summary PDF, and the batch for a whole caseload.

- **One summary** for the heavy client (50,000 entries at full size), vault
  already unlocked: ``reports.summary.gather`` (read the client's data, every
  figure from ``securebase.analytics``) then ``render`` (reportlab: cover,
  page 1 -- flags, since the last session, its plan, current homework, what
  changed -- then the charts, triggers and distortions, soothing, homework,
  flagged entries and the five most distressing entries as thought records),
  for the default period (since the last session note), A4.
- **The batch** for the caseload vault (40 clients), ``reports.batch.write_all``
  with its 2 worker processes, plain PDFs into a scratch folder: its wall
  time per report and in total.
- **Both cores:** around each batch, the CPU time of this process (which
  gathers) and of the worker processes (which render; ``RUSAGE_CHILDREN``,
  counted once the pool has joined them). The floor is that CPU time spread
  over the 2 cores: wall / floor is 1.0 when both cores are busy throughout
  (parallel efficiency = floor / wall).

Target: under 0.5 s per report; the batch within 1.25x of both cores busy
(efficiency of 80% or more).
"""

import resource
import shutil
import statistics
import time

from bench import scale
from bench.harness import Context, Result, median_seconds

REPORT_LIMIT = 0.5  # seconds per report
PARALLEL_LIMIT = 1.25  # wall / (worker CPU / workers)


def run(context: Context) -> list[Result]:
    results = []
    for size in context.sizes:
        results += one_summary(context, scale.heavy(context, size))
    for size in context.sizes:
        results += batch(context, scale.caseload(context, size))
    return results


def unlocked(context: Context, scale_set: scale.ScaleSet, name: str):
    from securebase.vault import Vault

    folder = scale_set.fresh_vault(context.work_dir / f"reports-{name}-{scale_set.size:g}")
    return folder, Vault.unlock(folder, scale_set.passphrase)


def one_summary(context: Context, scale_set: scale.ScaleSet) -> list[Result]:
    from reports.batch import client_period
    from reports.summary import gather, render

    folder, vault = unlocked(context, scale_set, "one")
    client_id = scale_set.clients[0][0]
    period = client_period(vault, client_id, None, scale_set.last_day)
    gathered = []

    def work():
        data = gather(vault, client_id, period)
        gathered.append(data)
        if not render(data).startswith(b"%PDF"):
            raise RuntimeError("the summary is not a PDF")

    seconds, times = median_seconds(work, context.runs)
    gather_seconds, _ = median_seconds(lambda: gather(vault, client_id, period), context.runs)
    render_seconds, _ = median_seconds(lambda: render(gathered[-1]), context.runs)
    vault.store.close()
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Result(
            "Reports",
            "session summary PDF, heavy client (gather + render)",
            scale_set.size,
            seconds,
            limit=REPORT_LIMIT,
            target=f"< {REPORT_LIMIT:g} s",
            note=f"{scale_set.entries:,} entries, period {period.days} days "
            f"({gathered[-1].brief.entries} entries); gather {gather_seconds * 1000:.0f} ms, "
            f"render {render_seconds * 1000:.0f} ms",
            runs=times,
        )
    ]


def batch(context: Context, scale_set: scale.ScaleSet) -> list[Result]:
    from reports import batch as reports_batch

    folder, vault = unlocked(context, scale_set, "batch")
    today = scale_set.last_day
    out_dir = context.work_dir / f"reports-out-{scale_set.size:g}"
    walls, cpus, children = [], [], []
    for _ in range(context.runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        wall, cpu, workers, written = cpu_and_wall(
            lambda: reports_batch.write_all(vault, out_dir, None, today)
        )
        walls.append(wall)
        cpus.append(cpu)
        children.append(workers)
        if len(written) != len(scale_set.clients):
            raise RuntimeError(f"the batch wrote {len(written)} of {len(scale_set.clients)}")
    count = len(scale_set.clients)
    wall, cpu, workers = (statistics.median(v) for v in (walls, cpus, children))
    floor = cpu / reports_batch.WORKERS
    vault.store.close()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    clients = f"{count} clients, {scale_set.entries:,} entries"
    return [
        Result(
            "Reports",
            "batch (write_all, 2 workers), wall per report",
            scale_set.size,
            wall / count,
            limit=REPORT_LIMIT,
            target=f"< {REPORT_LIMIT:g} s per report",
            note=f"{clients}; whole batch {wall:.2f} s",
            runs=[t / count for t in walls],
        ),
        Result(
            "Reports",
            "batch: wall vs both cores busy",
            scale_set.size,
            wall,
            floor=floor,
            limit=PARALLEL_LIMIT,
            target=f"<= {PARALLEL_LIMIT:g}x (efficiency >= {1 / PARALLEL_LIMIT:.0%})",
            note=f"CPU {cpu:.2f} s (gathering here {cpu - workers:.2f} s, rendering in the "
            f"workers {workers:.2f} s); parallel efficiency {floor / wall:.0%}",
            runs=walls,
        ),
    ]


def cpu_and_wall(work) -> tuple[float, float, float, object]:
    """Wall seconds of ``work()``, CPU seconds of this process and its finished children
    together, the children's alone, and what ``work`` returned."""
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    before = [resource.getrusage(w) for w in who]
    start = time.perf_counter()
    value = work()
    wall = time.perf_counter() - start
    after = [resource.getrusage(w) for w in who]
    used = [
        (a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)
        for a, b in zip(after, before, strict=True)
    ]
    return wall, sum(used), used[1], value
