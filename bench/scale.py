"""Scale data for the benchmarks: the demo's people, stretched to years and a full caseload.

``caseload(context, size)`` and ``heavy(context, size)`` return a ``ScaleSet``:
sealed weekly exports (real ones: signed by each client's own identity and
encrypted to the therapist, as the client tool does), one held-back export per
client for incremental imports, and a template vault with every export
imported, homework assigned and a few session notes written.

Workloads (``size`` is the share of the history, all clients at every size):
- caseload: 40 clients x 104 weekly exports, 18-24 entries a week (about 3 a
  day, ~87,000 entries at full size), homework logs, a GAD-7 every week and a
  PHQ-9 every fourth week. 1/4 is the first 26 weeks, 1/2 the first 52.
- heavy: one client with 50,000 entries over 104 weeks (1/4: 12,500; 1/2: 25,000).

Rules:
- deterministic: the plaintext comes from the demo generator's seeded streams
  (``sample_data``), keys as in ``sample_data/keys.py``; only the encryption
  draws fresh randomness;
- each size is a story of its first N weeks dated so that it ends the week
  before ``HELD_BACK_SUNDAY`` and the held-back export is that last week:
  "today" in the dashboard always sits just after the data, at every size;
- generated only when missing, cached under ``context.cache_dir`` keyed by
  ``GENERATOR_VERSION``, workload, size (and quick); a file lock lets several
  benchmark processes share one cache; a finished set is renamed into place;
- the template vault uses the configured (default) scrypt work factor, since
  unlock is measured at it.
"""

import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import filelock

from bench.harness import Context
from sample_data.clients import Client, new_client, new_uuid, session_day, week_monday
from sample_data.generate import export_document
from sample_data.keys import therapist_identity
from sample_data.trajectories import CAST, STORYLINES, WEEKS, CastMember, Week
from sample_data.weeks import (
    WeekItems,
    _add_later_changes,
    _answers,
    _entry,
    _entry_times,
    _homework_logs,
)
from securebase import pending_audit
from securebase.documents import dump_export
from securebase.envelope import seal
from securebase.flag_store import screen_version
from securebase.importer import import_files
from securebase.journal import FORMAT_LABEL, CheckIn
from securebase.therapist_records import add_assignment, add_session_note
from securebase.vault import Vault
from securebase.vault_schema import MIGRATIONS
from securebase.vocabulary import MeasureKey

#: Bump when the generated content changes: old cache entries are then ignored.
GENERATOR_VERSION = 1
SEED = 7
#: The Sunday that ends the held-back week; every set's history ends a week earlier.
HELD_BACK_SUNDAY = date(2026, 11, 22)
PASSPHRASE = "bench-vault-passphrase"  # noqa: S105 - benchmark data only
THERAPIST_NAME = "Dr. Bench Therapist"
PHQ9_EVERY = 4
WORKERS = 2


@dataclass(frozen=True)
class Workload:
    name: str
    clients: int
    weeks: int  # weeks at full size
    entries_per_week: tuple[int, int] | None  # None: spread ``total_entries`` evenly
    total_entries: int = 0


WORKLOADS = {
    ("caseload", False): Workload("caseload", 40, 104, (18, 24)),
    ("caseload", True): Workload("caseload", 4, 16, (18, 24)),
    ("heavy", False): Workload("heavy", 1, 104, None, 50_000),
    ("heavy", True): Workload("heavy", 1, 16, None, 2_000),
}


@dataclass
class ScaleSet:
    name: str  # "caseload" or "heavy"
    size: float
    passphrase: str  # the vault passphrase
    clients: list[tuple[str, str]]  # (client_id, label)
    exports: list[Path]  # every sealed export, in sending order
    held_back: list[Path]  # one more weekly export per client, not in the template
    template: Path  # a vault folder with every export in ``exports`` imported
    entries: int  # live journal entries in the set (in the template vault)
    last_day: date = HELD_BACK_SUNDAY - timedelta(days=7)  # the last day of ``exports``
    generated_seconds: float = field(default=0.0, repr=False)  # 0 when read from the cache

    def fresh_vault(self, into: Path) -> Path:
        """A copy of the template vault (to mutate safely); ``into`` must not exist.

        Lock files and the audit lines of anyone who unlocked the template
        itself are left behind: every copy starts as the template was made.
        """
        ignored = shutil.ignore_patterns("*.lock", pending_audit.PENDING_NAME)
        shutil.copytree(self.template, into, ignore=ignored)
        return Path(into)


def caseload(context: Context, size: float) -> ScaleSet:
    return _scale_set(context, WORKLOADS[("caseload", context.quick)], size)


def heavy(context: Context, size: float) -> ScaleSet:
    return _scale_set(context, WORKLOADS[("heavy", context.quick)], size)


# --- the cache -------------------------------------------------------------------


def _key(workload: Workload, size: float, quick: bool) -> str:
    return f"v{GENERATOR_VERSION}-{workload.name}{'-quick' if quick else ''}-{size:g}"


def _scale_set(context: Context, workload: Workload, size: float) -> ScaleSet:
    folder = Path(context.cache_dir) / _key(workload, size, context.quick)
    folder.parent.mkdir(parents=True, exist_ok=True)
    seconds = 0.0
    with filelock.FileLock(str(folder) + ".lock"):
        if not (folder / "set.json").exists():
            started = time.perf_counter()
            _generate(workload, size, folder)
            seconds = time.perf_counter() - started
        _migrate_template(folder)
    scale_set = _read(folder)
    scale_set.generated_seconds = seconds
    return scale_set


def _read(folder: Path) -> ScaleSet:
    manifest = json.loads((folder / "set.json").read_text(encoding="utf-8"))
    return ScaleSet(
        name=manifest["name"],
        size=manifest["size"],
        passphrase=manifest["passphrase"],
        clients=[tuple(pair) for pair in manifest["clients"]],
        exports=[folder / name for name in manifest["exports"]],
        held_back=[folder / name for name in manifest["held_back"]],
        template=folder / "template",
        entries=manifest["entries"],
        last_day=date.fromisoformat(manifest["last_day"]),
    )


def _generate(workload: Workload, size: float, folder: Path) -> None:
    """Write the set into a temporary folder, then rename it into place."""
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    (building / "exports").mkdir(parents=True)
    weeks = max(1, round(workload.weeks * size))
    jobs = [(workload, index, weeks) for index in range(workload.clients)]
    with ProcessPoolExecutor(max_workers=min(WORKERS, len(jobs))) as pool:
        made = list(pool.map(_client_exports, jobs))
    exports, held_back = _write_exports(building, made, weeks)
    template = building / "template"
    entries = _build_template(template, made, [building / name for name in exports])
    manifest = {
        "name": workload.name,
        "size": size,
        "passphrase": PASSPHRASE,
        "clients": [[m["client_id"], m["label"]] for m in made],
        "exports": exports,
        "held_back": held_back,
        "entries": entries,
        "last_day": _last_day().isoformat(),
        "generator_version": GENERATOR_VERSION,
        "schema_version": len(MIGRATIONS),
    }
    (building / "set.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    building.rename(folder)


def _migrate_template(folder: Path) -> None:
    """Bring a cached template to the current vault schema once, so that no measured
    unlock pays for a migration (opening a store migrates it and writes it back), nor
    for screening every item again after the risk screen changed (``flag_store``)."""
    manifest_path = folder / "set.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if (manifest.get("schema_version"), manifest.get("screen_version")) == (
        len(MIGRATIONS),
        screen_version(),
    ):
        return
    template = folder / "template"
    Vault.unlock(template, manifest["passphrase"]).store.close()
    for leftover in (*template.glob("*.lock"), *template.glob("*.prev")):
        leftover.unlink()
    (template / pending_audit.PENDING_NAME).unlink(missing_ok=True)
    manifest["schema_version"] = len(MIGRATIONS)
    manifest["screen_version"] = screen_version()
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _write_exports(building: Path, made: list[dict], weeks: int) -> tuple[list[str], list[str]]:
    """Every client's weekly files; the sending order is week by week, client by client."""
    exports, held_back = [], []
    for week in range(1, weeks + 2):
        for number, client in enumerate(made, start=1):
            name = f"exports/w{week:03d}-c{number:02d}.age"
            (building / name).write_bytes(client["sealed"][week - 1])
            (exports if week <= weeks else held_back).append(name)
    return exports, held_back


def _build_template(template: Path, made: list[dict], exports: list[Path]) -> int:
    vault = Vault.create(template, PASSPHRASE, THERAPIST_NAME, identity=therapist_identity(SEED))
    for client in made:
        vault.add_client(client["label"], client_id=client["client_id"])
        for plan in client["assignments"]:
            add_assignment(vault, client["client_id"], **plan)
        for day, text in client["notes"]:
            add_session_note(vault, client["client_id"], date.fromisoformat(day), text)
    results = import_files(vault, [(path.name, path.read_bytes()) for path in exports])
    refused = [result.file for result in results if result.status != "imported"]
    if refused:
        raise RuntimeError(f"scale exports were refused: {refused[:5]}")
    count = vault.store.db.execute("SELECT COUNT(*) FROM entries WHERE deleted = 0").fetchone()[0]
    vault.store.close()
    for leftover in (*template.glob("*.lock"), *template.glob("*.prev")):
        leftover.unlink()
    return count


# --- the content (runs in worker processes) -------------------------------------------


@dataclass(frozen=True)
class ScaledClient(Client):
    """A demo client whose storyline is stretched over many weeks."""

    weeks: tuple[Week, ...] = ()

    @property
    def storyline(self) -> tuple[Week, ...]:
        return self.weeks


def _last_day() -> date:
    return HELD_BACK_SUNDAY - timedelta(days=7)


def _cast(index: int, workload: Workload) -> CastMember:
    base = CAST[index % len(CAST)]
    first_name = base.label.split()[0]
    label = first_name if workload.clients == 1 else f"{first_name} {index + 1:02d}"
    # The heavy client's entries are counted exactly: later edits, but no deletion.
    deletions = base.deletions if workload.clients > 1 else 0
    return replace(base, label=f"{label} ({workload.name})", deletions=deletions)


def _new_client(workload: Workload, index: int, weeks: int) -> ScaledClient:
    """Week ``weeks + 1`` (the held-back one) ends on ``HELD_BACK_SUNDAY``."""
    cast = _cast(index, workload)
    # week_monday counts back from week WEEKS (the demo's 12): shift the anchor.
    anchor = HELD_BACK_SUNDAY - timedelta(weeks=weeks + 1 - WEEKS)
    client = new_client(SEED, cast, anchor)
    story = STORYLINES[cast.trajectory]
    stretched = tuple(
        _scaled_week(story[min(len(story) - 1, n * len(story) // workload.weeks)], workload)
        for n in range(weeks + 1)
    )
    fields = {name: getattr(client, name) for name in client.__dataclass_fields__}
    return ScaledClient(**fields, weeks=stretched)


def _scaled_week(week: Week, workload: Workload) -> Week:
    if workload.entries_per_week is None:
        return week
    return replace(week, entries=workload.entries_per_week)


def _entry_count(client: ScaledClient, workload: Workload, week_no: int) -> int:
    if workload.entries_per_week is not None:
        return client.rng.randint(*client.storyline[week_no - 1].entries)
    # Spread evenly so that the first N weeks hold exactly total * N / weeks entries.
    total, weeks = workload.total_entries, workload.weeks
    return total * week_no // weeks - total * (week_no - 1) // weeks


def _week(client: ScaledClient, workload: Workload, week_no: int) -> WeekItems:
    rng = client.rng
    sunday = week_monday(client.end, week_no) + timedelta(days=6)
    created = client.at(sunday, 21, rng.randrange(50))
    entries = [
        _entry(client, week_no, *_entry_times(client, week_no, created))
        for _ in range(_entry_count(client, workload, week_no))
    ]
    logs = _homework_logs(client, week_no, created)
    return WeekItems(new_uuid(rng), created, entries, logs, _checkins(client, week_no))


def _checkins(client: ScaledClient, week_no: int) -> list[CheckIn]:
    """A GAD-7 every Sunday, a PHQ-9 every fourth week (item 9 set once, if in the story)."""
    rng, week = client.rng, client.storyline[week_no - 1]
    sunday = week_monday(client.end, week_no) + timedelta(days=6)
    at = client.at(sunday, rng.choice((17, 18, 19)), rng.randrange(60))
    gad7 = _answers(rng, round(min(21, max(0, rng.gauss(2.5 + 10 * week.severity, 0.8)))), 7)
    checkins = [CheckIn(id=new_uuid(rng), measure=MeasureKey.GAD7, completed_at=at, answers=gad7)]
    if week_no % PHQ9_EVERY == 0:
        risk = client.cast.risk_week is not None and week_no == PHQ9_EVERY * client.cast.risk_week
        total = round(min(24, max(0, rng.gauss(2 + 9 * week.severity, 1))))
        phq9 = [*_answers(rng, total, 8), int(risk)]
        later = at + timedelta(minutes=rng.randint(2, 6))
        checkins.append(
            CheckIn(id=new_uuid(rng), measure=MeasureKey.PHQ9, completed_at=later, answers=phq9)
        )
    return checkins


def _client_exports(job: tuple[Workload, int, int]) -> dict:
    """One client's sealed weeks 1..weeks+1 and their therapist-side records."""
    workload, index, weeks = job
    client = _new_client(workload, index, weeks)
    history = [_week(client, workload, n) for n in range(1, weeks + 1)]
    if weeks > 2:
        _add_later_changes(client, history)
    history.append(_week(client, workload, weeks + 1))
    therapist = therapist_identity(SEED).public.age_recipient
    sealed = [
        seal(
            dump_export(export_document(client, n, items)),
            client.identity,
            [therapist],
            kind=FORMAT_LABEL,
        )
        for n, items in enumerate(history, start=1)
    ]
    return {
        "client_id": str(client.client_id),
        "label": client.cast.label,
        "sealed": sealed,
        "assignments": [_assignment(a) for a in client.assignments],
        "notes": _notes(client, weeks),
    }


def _assignment(assignment) -> dict:
    plan = assignment.plan
    return {
        "exercise": plan.exercise,
        "times": plan.times,
        "per": plan.per,
        "starts": assignment.start,
        "ends": assignment.until,
        "note": plan.note,
        "assignment_id": str(assignment.assignment_id),
    }


def _notes(client: ScaledClient, weeks: int) -> list[tuple[str, str]]:
    """The demo's notes of the first sessions, and one in the last week of the set."""
    notes = [
        (session_day(client.end, number).isoformat(), text)
        for number, text in client.cast.session_notes
        if number <= weeks
    ]
    notes.append((session_day(client.end, weeks).isoformat(), "Reviewed the week together."))
    return sorted(set(notes))


def _main() -> None:
    """Generate (or read from the cache) every set, and say how long it took."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cache", type=Path, default=Path(__file__).parent / ".cache")
    options = parser.parse_args()
    context = Context(work_dir=Path(os.devnull), cache_dir=options.cache, quick=options.quick)
    for make in (caseload, heavy):
        for size in context.sizes:
            started = time.perf_counter()
            made = make(context, size)
            print(
                f"{made.name} {size:g}: {len(made.exports)} exports, {made.entries} entries, "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )


if __name__ == "__main__":
    _main()
