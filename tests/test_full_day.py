"""No plaintext left behind after a full day of use, front ends included.

The day, through the real command lines and the dashboard (Streamlit AppTest),
with a unique canary in every piece of free text a client writes (and in the
therapist's session note and homework note):

client: ``init``, ``add`` (every text field), ``export``;
therapist: ``import``, unlock the dashboard, visit every page and every tab
of the client view, write a session note there, ``homework assign`` and
``pack``; client: ``homework import``, ``homework log``, ``export`` again;
therapist: ``import``, ``report --encrypt`` and a plain ``report``.

``TMPDIR`` points at a fresh folder for the whole day. Then the canary is
searched (UTF-8, UTF-16, base64; see tests/test_no_plaintext.py) in the
vault, the client home, the export/pack/report folders, that temporary
folder, files new or changed in /tmp during the day, Streamlit's and
Python's cache folders (~/.streamlit, ~/.cache, the platformdirs cache
folders, the project's __pycache__), and every regular file this process
has open (/proc/self/fd: the command lines and the dashboard ran in it).
PDFs found there are also read as text (their streams are compressed).
The one hit, and the only one allowed, is the plain PDF the therapist chose
to write.
A second test plants canaries where the scan looks and sees it find them.
"""

import base64
import json
import os
import re
import stat
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

import platformdirs
import pyrage
from reportlab.pdfgen import canvas
from streamlit.testing.v1 import AppTest

from dashboard.client_views import VIEWS
from securebase.environment import (
    HOME_VARIABLE,
    PASSPHRASE_VARIABLE,
    VAULT_VARIABLE,
    WORK_FACTOR_VARIABLE,
)
from tests.hardening_kit import PASSPHRASE, World, entry_draft
from tests.test_no_plaintext import MAX_SCANNED_BYTES, needles, new_canary, scan

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"
HOME = Path.home()


def cache_roots() -> list[Path]:
    """Where Streamlit and Python keep caches and settings for this user, and bytecode."""
    return [
        HOME / ".streamlit",
        HOME / ".cache",
        Path(platformdirs.user_cache_dir("streamlit")),
        Path(platformdirs.user_cache_dir("securebase")),
        Path(platformdirs.user_cache_dir("python")),
        *[ROOT / name for name in ("securebase", "clienttools", "dashboard", "reports", "tests")],
    ]


def changed_since(roots: list[Path], started: float, skip: list[Path]) -> list[Path]:
    """Regular files under ``roots`` created or modified at or after ``started``."""
    found = []
    skipped = [str(s.resolve()) for s in skip]
    for root in roots:
        for folder, _, names in os.walk(root, onerror=lambda error: None):
            if any(folder.startswith(s) for s in skipped):
                continue
            for name in names:
                path = Path(folder, name)
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                recent = max(info.st_mtime, info.st_ctime) >= started
                if stat.S_ISREG(info.st_mode) and recent:
                    found.append(path)
    return found


def scan_files(paths: list[Path], canary: str) -> dict[str, list[str]]:
    patterns = needles(canary)
    hits = {}
    for path in paths:
        try:
            if os.stat(path).st_size > MAX_SCANNED_BYTES:
                continue
            data = Path(path).read_bytes()
        except OSError:
            continue
        forms = [form for pattern, form in patterns.items() if pattern in data]
        if forms:
            hits[str(path)] = forms
    return hits


def open_files(pid: str = "self") -> list[Path]:
    """Every regular file the process holds open, as a /proc path (works for deleted files)."""
    found = []
    folder = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(folder):
        try:
            if stat.S_ISREG(os.stat(folder / fd).st_mode):
                found.append(folder / fd)
        except OSError:
            continue
    return found


def scan_everywhere(canary: str, roots: list[Path], started: float) -> tuple[dict, int]:
    """Hits of the canary in ``roots``, recent files in /tmp and caches, and open files."""
    hits, searched = scan(roots, canary)
    recent = changed_since([Path("/tmp"), *cache_roots()], started, skip=roots)
    fds = open_files()
    hits = {str(path): forms for path, forms in hits.items()}
    hits |= scan_files(recent, canary)
    hits |= {f"open file {os.readlink(p)}": f for p, f in _fd_hits(fds, canary).items()}
    # PDF text is compressed: read what any PDF among them says, as a viewer would.
    for path in [*searched, *recent]:
        if _is_pdf(path) and canary in _pdf_text(Path(path).read_bytes()):
            hits.setdefault(str(path), []).append("PDF text")
    return hits, len(searched) + len(recent) + len(fds)


def _is_pdf(path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _fd_hits(fds: list[Path], canary: str) -> dict[Path, list[str]]:
    found = {}
    for path, forms in scan_files(fds, canary).items():
        found[Path(path)] = forms
    return found


# -- the day ----------------------------------------------------------------------------


def _day(world: World, folder: Path, canary: str) -> dict[str, Path]:
    def ok(run):
        assert run.code == 0, (run.out, run.err)
        return run

    out = folder / "outbox"
    out.mkdir()
    ok(world.therapist("vault", "init", "--name", "Dr. Day"))
    code = ok(world.therapist("client", "add", "Alice", "--json")).json()["invitation"]
    ok(world.client("init", "--invitation", code))
    drafts = [entry_draft(f"{canary} {n}", n) for n in range(3)]
    ok(world.client("add", "--json", "-", stdin=json.dumps(drafts)))
    ok(world.client("add", "--situation", f"Typed {canary}", "--trigger", "delayed_reply"))
    shown = ok(world.client("export", "--out", out / "week1.age", "--json")).json()["fingerprint"]
    ok(world.therapist("import", out / "week1.age"))
    ok(world.therapist("client", "confirm", "Alice", shown))

    _dashboard_visit(world, canary)

    note = f"Practise daily {canary}"
    ok(world.therapist("homework", "assign", "Alice", "paced_breathing", "--note", note))
    ok(world.therapist("homework", "pack", "Alice", "--out", out / "pack.age"))
    ok(world.client("homework", "import", out / "pack.age"))
    [assignment] = ok(world.client("homework", "list", "--json")).json()["assignments"]
    ok(world.client("homework", "log", assignment["assignment_id"][:8], "--minutes", "5",
                    "--note", f"Logged {canary}"))  # fmt: skip
    ok(world.client("add", "--situation", f"Later {canary}", "--trigger", "delayed_reply"))
    ok(world.client("export", "--out", out / "week2.age"))
    ok(world.therapist("import", out / "week2.age"))

    reports = folder / "reports"
    period = ("--from", "2026-01-01", "--until", "2026-01-31", "--entries", "20")
    ok(world.therapist("report", "Alice", *period, "--encrypt", "--out", reports / "sealed.pdf"))
    ok(world.therapist("report", "Alice", *period, "--out", reports / "plain.pdf"))
    return {"outbox": out, "reports": reports}


def _dashboard_visit(world: World, canary: str) -> None:
    """Unlock, every page, every tab of the client view, and a session note."""
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.text_input[0].input(PASSPHRASE)
    next(b for b in app.button if b.label == "Unlock").click()
    app.run()
    assert not app.exception, app.exception
    app.session_state["client_id"] = world.client_id_of("Alice")
    app.switch_page("app_pages/client.py").run()
    for title, _ in VIEWS:
        app.session_state["client_tab"] = title
        app.run()
        assert not app.exception, (title, app.exception)
    app.session_state["client_tab"] = "Session notes"
    app.run()
    app.date_input[-1].set_value(date(2026, 1, 10))
    app.text_area[0].input(f"Talked about the week {canary}")
    next(b for b in app.button if b.label == "Save note").click()
    app.run()
    assert "saved in the vault" in app.success[0].value
    for page in ("caseload", "import_files", "settings"):
        app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception, (page, app.exception)
    next(b for b in app.button if b.label == "Lock now").click()
    app.run()


class DayWorld(World):
    def client_id_of(self, label: str) -> str:
        return self.vault().client(label).client_id


def test_a_full_day_leaves_no_plaintext_but_the_chosen_pdf(tmp_path, monkeypatch):
    started = time.time() - 1
    canary = new_canary()
    temporary = tmp_path / "tmpdir"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the temporary folder chosen before
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    monkeypatch.setenv("SECUREBASE_TODAY", "2026-01-12")
    world = DayWorld(tmp_path / "vault", tmp_path / "home", client_id="")
    for variable, value in {
        VAULT_VARIABLE: world.vault_path,
        HOME_VARIABLE: world.home_path,
        PASSPHRASE_VARIABLE: PASSPHRASE,
    }.items():
        monkeypatch.setenv(variable, str(value))
    assert tempfile.gettempdir() == str(temporary)

    folders = _day(world, tmp_path, canary)

    # The canary really went everywhere it should (so finding it nowhere means something).
    assert sum(canary in e.situation for e in world.journal().entries()) == 5
    plain, sealed = folders["reports"] / "plain.pdf", folders["reports"] / "sealed.pdf.age"
    assert canary in _pdf_text(plain.read_bytes())
    assert canary in _pdf_text(
        pyrage.decrypt(sealed.read_bytes(), [world.vault().identity.age_identity])
    )

    roots = [world.vault_path, world.home_path, *folders.values(), temporary]
    hits, searched = scan_everywhere(canary, roots, started)
    print(f"\nfull day: {searched} files searched, hits: {sorted(hits)}")
    assert set(hits) == {str(plain.resolve())}, f"plaintext left behind: {hits}"


def _pdf_text(data: bytes) -> str:
    """The PDF's text without layout (lines wrap long words; zero-width breaks are added)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=data, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    return re.sub(r"[\s\u200b]+", "", text)


def test_the_day_scanner_finds_canaries_planted_where_it_looks(tmp_path):
    started = time.time() - 1
    canary = new_canary()
    cache = Path(platformdirs.user_cache_dir("securebase"))
    cache_existed = cache.exists()
    planted = {
        "root": tmp_path / "vault" / "leak.bin",
        "tmp": Path(tempfile.mkdtemp(prefix="sb-planted-")) / "leak.txt",
        "cache": cache / f"planted-{os.getpid()}.txt",
    }
    encodings = {
        "root": canary.encode("utf-16-le"),
        "tmp": base64.b64encode(b"x" + canary.encode()),
        "cache": canary.encode(),
    }
    for where, path in planted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(100) + encodings[where] + os.urandom(100))
    pdf = tmp_path / "vault" / "stray.pdf"  # compressed text: found only by reading the PDF
    page = canvas.Canvas(str(pdf), pageCompression=1)
    page.drawString(72, 720, f"stray {canary}")
    page.save()
    assert not [p for p in needles(canary) if p in pdf.read_bytes()]
    held = tempfile.TemporaryFile(dir=tmp_path)  # noqa: SIM115 - unlinked: only /proc shows it
    held.write(f"held {canary}".encode())
    held.flush()
    try:
        hits, _ = scan_everywhere(canary, [tmp_path / "vault"], started)
        for where, path in planted.items():
            assert str(path) in hits or str(path.resolve()) in hits, f"missed the {where} canary"
        assert [h for h in hits if h.startswith("open file") and "(deleted)" in h], hits
        assert hits[str(pdf.resolve())] == ["PDF text"]
    finally:
        held.close()
        for path in planted.values():
            path.unlink(missing_ok=True)
        planted["tmp"].parent.rmdir()
        if not cache_existed:
            cache.rmdir()
