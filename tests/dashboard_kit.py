"""Shared set-up for the dashboard tests: a demo vault, a new client's export, AppTest helpers.

The demo vault is built once per test module (fast scrypt work factor) and
copied for each test that writes to it. Dates are pinned to the demo's last
day through ``SECUREBASE_TODAY``, as ``securebase demo`` does, so "the last
four weeks" always holds the demo's last four weeks.

``risky_export`` makes a sealed export for a new client, Casey E., whose
entries hold markup and script text (which must show literally) and words
of hopelessness (which must raise a flag).
"""

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE, build_demo_vault
from sample_data.roster import DEMO_DIR
from securebase.vault import Vault
from tests.export_factory import FakeClient, entry

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "streamlit_app.py"
DEMO_TODAY = json.loads((DEMO_DIR / "therapist.json").read_text(encoding="utf-8"))["end"]
DEMO_LABELS = ["Alex D.", "Jordan C.", "Robin A.", "Sam B."]
MARKUP = (
    "**bold** <img src=x onerror=alert(1)> <script>alert(2)</script> "
    "[click me](javascript:alert(3)) javascript:alert(4)"
)
RISKY = "Some days I feel hopeless about all of it."
NEW_CLIENT = "Casey E."


def set_environment(monkeypatch, vault_dir: Path) -> None:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    monkeypatch.setenv("SECUREBASE_VAULT", str(vault_dir))
    monkeypatch.setenv("SECUREBASE_TODAY", DEMO_TODAY)
    monkeypatch.setenv("SECUREBASE_DEMO", "1")


def build_pristine(folder: Path) -> Path:
    """The demo vault in ``folder`` (SECUREBASE_WORK_FACTOR must already be low)."""
    build_demo_vault(folder)
    return folder


def demo_vault(tmp_path_factory) -> Vault:
    """A fresh demo vault at a fast work factor, for a module-scoped fixture."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        return build_demo_vault(tmp_path_factory.mktemp("demo") / "vault")


def copy_vault(pristine: Path, target: Path) -> Path:
    shutil.copytree(pristine, target)
    for lock in target.glob("*.lock"):
        lock.unlink()
    return target


def risky_export(vault_dir: Path) -> bytes:
    """Add Casey E. to the vault on disk; return Casey's sealed first export."""
    vault = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    casey = FakeClient.join(vault, NEW_CLIENT)
    entries = [
        entry(
            "markup",
            situation=MARKUP,
            automatic_thought="They will leave [for good](https://example.com) <b>soon</b>",
            occurred_at="2026-11-20T21:30:00+01:00",
            recorded_at="2026-11-20T21:45:00+01:00",
        ),
        entry(
            "risky",
            situation="A quiet evening alone.",
            automatic_thought=RISKY,
            occurred_at="2026-11-21T22:10:00+01:00",
            recorded_at="2026-11-21T22:20:00+01:00",
        ),
    ]
    return casey.export(1, entries=entries)


# -- AppTest --------------------------------------------------------------------


def start_app() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    return app


def button(app: AppTest, label: str):
    """The first button whose label, without Markdown escapes, is ``label``."""
    return next(b for b in app.button if b.label.replace("\\", "") == label)


def try_passphrase(app: AppTest, passphrase: str) -> AppTest:
    """Type ``passphrase`` on the Unlock page and press Unlock."""
    app.text_input[0].input(passphrase)
    button(app, "Unlock").click()
    return app.run()


def unlocked_app(passphrase: str = DEMO_VAULT_PASSPHRASE) -> AppTest:
    app = try_passphrase(start_app(), passphrase)
    assert not app.exception, app.exception
    return app


def go_to(app: AppTest, page: str) -> AppTest:
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def open_client(app: AppTest, label: str) -> AppTest:
    """Open a client with its caseload button, as a therapist would."""
    go_to(app, "caseload")
    button(app, label).click()
    app.run()
    assert not app.exception, app.exception
    assert plain(app.title[0].value) == label
    # The page switched inside the script run; AppTest follows only its own
    # switch_page, so tell it where the app now is for the runs that follow.
    return go_to(app, "client")


def open_tab(app: AppTest, tab: str) -> AppTest:
    app.session_state["client_tab"] = tab
    app.run()
    assert not app.exception, app.exception
    return app


def plain(value: str) -> str:
    """A Markdown-escaped string as it reads on screen."""
    return value.replace("\\", "")
