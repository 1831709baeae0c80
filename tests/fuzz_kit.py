"""Running hostile exports against a real vault, and checking every outcome.

A ``FuzzWorld`` is a vault (low scrypt work factor) that holds the demo
therapist's identity, the four demo clients and one fuzz client whose
identity is fixed, so the committed demo exports and the committed fuzz seed
files (``tests/data/fuzz/seed-*.age``) are real, importable sealed files.
``world.make_case(case_id)`` turns an id ``"SEED:INDEX"`` into one hostile
file (``tests/fuzz_bytes.py``, ``tests/fuzz_cases.py``), always the same for
the same id, and ``world.run_case(case)`` imports it and checks the promises:

- the import ends in a refusal with a catalogue message and a code that fits
  the layer, a typed ``SecureBaseError``, or a clean import; never anything else;
- after a refusal the clinical tables and ``received/`` are unchanged and the
  audit log gained exactly one ``import_refused`` line;
- after an import the file is kept byte for byte and every item of the
  document is stored at its revision or a later one;
- no message, error or audit line contains the canary planted in the document;
- every case finishes within its time budget.

``run`` goes through many cases in this process; ``tests/fuzz_worker.py``
runs them in a memory-capped subprocess with a watchdog, and replays one:

    .venv/bin/python -m tests.fuzz_worker --replay SEED:INDEX [--write FILE]
"""

import json
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from sample_data.keys import identity_from
from sample_data.roster import DEMO_DIR, demo_therapist
from securebase import limits
from securebase.documents import parse_export
from securebase.envelope import SIGNATURE_DOMAIN, _statement, open_sealed
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.errors import SecureBaseError
from securebase.importer import import_files
from securebase.journal import FORMAT_LABEL
from securebase.messages import CATALOGUE, describe
from securebase.vault import Vault
from tests.export_factory import MARKER, FakeClient, committed, files_under, keys_of, rows
from tests.fuzz_bytes import BYTE_MUTATIONS
from tests.fuzz_cases import DOCUMENT_CASES, pick
from tests.fuzz_json import CANARY, base_document

ROOT = Path(__file__).resolve().parent.parent
FUZZ_DATA = ROOT / "tests" / "data" / "fuzz"
SEED_FILES = (FUZZ_DATA / "seed-binary.age", FUZZ_DATA / "seed-armored.age")
CASES_VARIABLE = "SECUREBASE_FUZZ_CASES"
SEED_VARIABLE = "SECUREBASE_FUZZ_SEED"
FUZZ_CLIENT_ID = "8d6f3e2a-5b4c-4d1e-9f0a-7c6b5a4d3e2f"
PASSPHRASE = "fuzz vault passphrase"

#: Codes a damaged sealed file may be refused with.
ENVELOPE_CODES = frozenset(
    {
        "not_age_file",
        "not_for_this_identity",
        "tampered",
        "too_large",
        "unsigned",
        "too_many_recipients",  # a header edit that adds stanzas
    }
)
#: Codes a validly sealed, hostile document may be refused with.
DOCUMENT_CODES = frozenset(
    {
        "invalid_document",
        "malformed_json",
        "document_too_large",
        "too_large",
        "unknown_client",
        "key_mismatch",
        "key_changed",
        # A valid document reusing an id and revision an earlier case stored with other content.
        "revision_conflict",
    }
)
#: A long run starts a fresh vault after this many cases.
CASES_PER_VAULT = 250
CLINICAL_TABLES = ("entries", "homework_logs", "checkins", "received_files")


def case_count(default: int) -> int:
    """Cases to run: ``$SECUREBASE_FUZZ_CASES``, else ``default``."""
    return int(os.environ.get(CASES_VARIABLE) or default)


def base_seed(default: int = 1) -> int:
    return int(os.environ.get(SEED_VARIABLE) or default)


def fuzz_client_identity():
    """The fuzz client's identity: fixed, so the committed seed files stay importable."""
    return identity_from(random.Random("securebase-fuzz/client"))


class FuzzFailure(AssertionError):
    """A broken promise, naming the case so it can be replayed."""


@dataclass(frozen=True)
class Case:
    case_id: str
    layer: str
    kind: str
    data: bytes

    @property
    def label(self) -> str:
        return f"{self.case_id} ({self.layer}/{self.kind}, {len(self.data)} bytes)"


@dataclass
class Stats:
    cases: int = 0
    seconds: float = 0.0
    outcomes: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    slowest: tuple = (0.0, "")

    def add(self, case: Case, outcome: str, elapsed: float) -> None:
        self.cases += 1
        self.seconds += elapsed
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        kind = f"{case.layer}/{case.kind}"
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.slowest = max(self.slowest, (elapsed, case.label))


def time_budget(case: Case) -> float:
    """Seconds one case may take: generous for a shared, busy machine."""
    return 5.0 + 2.0 * len(case.data) / 2**20


class FuzzWorld:
    """A vault to throw hostile files at, and the files to start from."""

    def __init__(self, folder: Path):
        if os.environ.get(WORK_FACTOR_VARIABLE) != "4":
            raise RuntimeError(f"set {WORK_FACTOR_VARIABLE}=4 before making a FuzzWorld")
        self.folder = Path(folder)
        self.therapist = demo_therapist(DEMO_DIR)
        self.client = FakeClient(
            FUZZ_CLIENT_ID, "Fuzz client", fuzz_client_identity(), self.therapist.recipient
        )
        self.demo_exports = [p.read_bytes() for p in sorted(DEMO_DIR.glob("*/exports/*.age"))]
        self.seed_files = [p.read_bytes() for p in SEED_FILES]
        self.vaults = self.cases = 0
        self.renew()

    def renew(self) -> None:
        """A fresh vault: the audit log of a long run would otherwise slow every write."""
        if self.vaults:
            shutil.rmtree(self.vault.path)
        self.vaults += 1
        self.vault = Vault.create(
            self.folder / f"vault-{self.vaults}", PASSPHRASE, "Dr. Fuzz", identity=self.therapist
        )
        roster = json.loads((DEMO_DIR / "therapist.json").read_text(encoding="utf-8"))
        for client in roster["clients"]:
            self.vault.add_client(client["label"], client_id=client["client_id"])
        self.vault.add_client("Fuzz client", client_id=FUZZ_CLIENT_ID)
        self._state = self.snapshot()

    # -- cases ----------------------------------------------------------------

    def make_case(self, case_id: str) -> Case:
        rng = random.Random(f"securebase-fuzz/{case_id}")
        if rng.random() < 0.5:
            kind = pick(rng, BYTE_MUTATIONS)
            data, other = (self._source(rng), self._source(rng))
            return Case(case_id, "bytes", kind, BYTE_MUTATIONS[kind][1](rng, data, other))
        kind = pick(rng, DOCUMENT_CASES)
        doc = base_document(rng, FUZZ_CLIENT_ID, keys_of(self.client.identity))
        plaintext = DOCUMENT_CASES[kind][1](rng, doc)
        return Case(case_id, "document", kind, self.seal(plaintext, armored=rng.random() < 0.2))

    def _source(self, rng: random.Random) -> bytes:
        """A committed seed file (it carries the canary) or a demo export."""
        pool = self.seed_files if rng.random() < 0.6 else self.demo_exports
        return rng.choice(pool)

    def seal(self, plaintext: bytes, *, armored: bool = False) -> bytes:
        """Sealed by the fuzz client, even past the size limit that ``seal`` keeps."""
        if len(plaintext) <= limits.MAX_DOCUMENT_BYTES:
            return self.client.seal_raw(plaintext, armored=armored)
        recipient = self.vault.identity.recipient
        body = _statement(
            FORMAT_LABEL, self.client.identity.public.signing_key, [recipient], plaintext
        )
        signed = body + self.client.identity.sign(SIGNATURE_DOMAIN + body)
        return pyrage.encrypt(signed, [pyrage.x25519.Recipient.from_str(recipient)])

    # -- checking ---------------------------------------------------------------

    def snapshot(self) -> dict:
        db = committed(self.vault)
        state = {table: rows(db, table) for table in CLINICAL_TABLES}
        state["clients"] = rows(db, "clients", "client_id, signing_key, last_sequence")
        state["received/"] = files_under(self.vault.received_dir)
        state["audit_id"] = db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
        return state

    def run_case(self, case: Case) -> str:
        """Import one case and check every promise; the outcome, e.g. ``refused:tampered``."""
        self.cases += 1
        if self.cases % CASES_PER_VAULT == 0:
            self.renew()
        before = self._state
        started = time.perf_counter()
        try:
            (result,) = import_files(self.vault, [(f"{case.kind}.age", case.data)])
        except SecureBaseError as error:
            self._check_words(case, error, describe(error).text, describe(error).hint)
            self._state = self.snapshot()
            self._check_unchanged(case, before, self._state)
            return f"raised:{error.code}"
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            what = "over the memory limit" if isinstance(error, MemoryError) else "unhandled"
            raise FuzzFailure(f"{case.label}: {what} {type(error).__name__}") from error
        elapsed = time.perf_counter() - started
        if elapsed > time_budget(case):
            raise FuzzFailure(f"{case.label}: took {elapsed:.1f} s")
        after = self._state = self.snapshot()
        self._check_audit(case, before["audit_id"], result)
        if result.status == "refused":
            self._check_refusal(case, result)
            self._check_unchanged(case, before, after)
            return f"refused:{result.error}"
        self._check_imported(case, result, before, after)
        return "repeated" if result.repeated else "imported"

    def _check_refusal(self, case: Case, result) -> None:
        allowed = ENVELOPE_CODES if case.layer == "bytes" else DOCUMENT_CODES
        if result.error not in allowed:
            raise FuzzFailure(f"{case.label}: refused as {result.error!r}, not a {case.layer} code")
        if result.error not in CATALOGUE or not result.summary.startswith(
            CATALOGUE[result.error].text
        ):
            raise FuzzFailure(f"{case.label}: refusal words are not from the catalogue")
        self._check_words(case, result.failure, result.summary, result.hint)

    def _check_words(self, case: Case, error: BaseException, *texts: str) -> None:
        chain, seen = [], error
        while seen is not None:  # what a traceback of the error would show
            chain.append(f"{type(seen).__name__}: {seen}")
            seen = seen.__cause__ or seen.__context__
        problems = [str(p) for p in getattr(error, "problems", [])]
        shown = "\n".join([*texts, *chain, *problems])
        for canary in (CANARY, MARKER):
            if canary in shown:
                raise FuzzFailure(f"{case.label}: client text in an error: {shown[:200]!r}")

    def _check_unchanged(self, case: Case, before: dict, after: dict) -> None:
        for key in (*CLINICAL_TABLES, "clients", "received/"):
            if before[key] != after[key]:
                raise FuzzFailure(f"{case.label}: a refusal changed {key}")

    def _check_audit(self, case: Case, audit_id: int, result) -> None:
        added = committed(self.vault).execute(
            "SELECT action, client_id, detail FROM audit_log WHERE id > ?", (audit_id,)
        )
        lines = [tuple(row) for row in added]
        text = json.dumps(lines)
        if CANARY in text or MARKER in text:
            raise FuzzFailure(f"{case.label}: client text in the audit log")
        expected = {"refused": "import_refused"}.get(result.status)
        actions = [line[0] for line in lines]
        if expected and actions != [expected]:
            raise FuzzFailure(f"{case.label}: audit lines {actions} after a refusal")

    def _check_imported(self, case: Case, result, before: dict, after: dict) -> None:
        if result.repeated:  # maybe other bytes of a kept export (repeats go by content)
            self._check_unchanged(case, before, after)
            self._check_words(case, RuntimeError(), result.summary)
            return
        stored = self.vault.received_dir / result.sha256[:2] / f"{result.sha256}.age"
        if not stored.is_file() or stored.read_bytes() != case.data:
            raise FuzzFailure(f"{case.label}: imported but the file was not kept as sent")
        if result.sha256 not in {row[0] for row in after["received_files"]}:
            raise FuzzFailure(f"{case.label}: imported but not recorded")
        if result.repeated and after["entries"] != before["entries"]:
            raise FuzzFailure(f"{case.label}: a repeated file changed entries")
        new_rows = sum(
            len(after[t]) - len(before[t]) for t in ("entries", "homework_logs", "checkins")
        )
        if new_rows < result.new:
            raise FuzzFailure(f"{case.label}: {result.new} new items but {new_rows} new rows")
        self._check_items_stored(case, after)
        self._check_words(case, RuntimeError(), result.summary)

    def _check_items_stored(self, case: Case, after: dict) -> None:
        """Every item of the imported document is stored at its revision or a later one."""
        document = parse_export(open_sealed(case.data, self.vault.identity).document)
        client = str(document.client_id)
        entries = {(row[0], row[1]): row[2] for row in after["entries"]}
        logs = {(row[0], row[1]): row[3] for row in after["homework_logs"]}
        checkins = {(row[0], row[1]) for row in after["checkins"]}
        for item in document.entries:
            if entries.get((client, str(item.id)), 0) < item.revision:
                raise FuzzFailure(f"{case.label}: imported, but an entry is missing")
        for item in document.homework_logs:
            if logs.get((client, str(item.id)), 0) < item.revision:
                raise FuzzFailure(f"{case.label}: imported, but a homework log is missing")
        if any((client, str(item.id)) not in checkins for item in document.checkins):
            raise FuzzFailure(f"{case.label}: imported, but a check-in is missing")


# -- running many cases -----------------------------------------------------------------


def run(world: FuzzWorld, seed: int, count: int, start: int = 0, progress=None) -> Stats:
    """Cases ``seed:start`` to ``seed:start+count-1``; ``FuzzFailure`` on the first bad one."""
    stats = Stats()
    for index in range(start, start + count):
        case_id = f"{seed}:{index}"
        if progress:
            progress({"start": case_id})
        try:
            case = world.make_case(case_id)
        except Exception as error:
            raise FuzzFailure(f"{case_id}: the case generator broke") from error
        started = time.perf_counter()
        outcome = world.run_case(case)
        stats.add(case, outcome, time.perf_counter() - started)
    return stats
