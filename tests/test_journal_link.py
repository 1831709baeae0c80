"""The practice's web journal address and the invitation links built on it.

Set once (command line or dashboard Settings); ``client add`` then prints a
link ``ADDRESS#SBINVITE1...`` and the invitation sheet's QR code holds it.
A bad address is refused in plain words and changes nothing.
"""

import subprocess

import pytest

from securebase.errors import InvalidJournalAddress
from securebase.invitation import decode_invitation
from securebase.journal_link import check_journal_url
from tests.dashboard_kit import go_to, unlocked_app
from tests.report_kit import keep, require
from tests.test_therapist_cli import Therapist

pytest_plugins = ["tests.demo_vault_fixtures"]  # pristine and vault_dir


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://journal.example.org", "https://journal.example.org/"),
        (" https://example.org/practice/journal/ ", "https://example.org/practice/journal/"),
        ("http://127.0.0.1:8502/", "http://127.0.0.1:8502/"),
        ("http://localhost:8502", "http://localhost:8502/"),
    ],
)
def test_good_addresses_are_kept_normalised(given, kept):
    assert check_journal_url(given) == kept


@pytest.mark.parametrize(
    "given",
    [
        "http://journal.example.org/",  # not encrypted in transit
        "ftp://example.org/",
        "https://example.org/#SBINVITE1",
        "https://example.org/?q=1",
        "https://user:pw@example.org/",
        "https://exa mple.org/",
        "journal.example.org",
        "https://" + "a" * 300 + ".org/",
        "https://example.org:99999/",
        "",
    ],
)
def test_bad_addresses_are_refused(given):
    with pytest.raises(InvalidJournalAddress):
        check_journal_url(given)


@pytest.fixture
def therapist(tmp_path, monkeypatch) -> Therapist:
    monkeypatch.setenv("SECUREBASE_WORK_FACTOR", "4")
    run = Therapist(tmp_path / "vault")
    assert run("vault", "init", "--name", "Dr. Rivera").code == 0
    return run


def test_cli_setting_links_and_the_sheet_qr(therapist, tmp_path):
    assert therapist("settings", "journal-url", "--json").json() == {"journal_url": None}
    plain = therapist("client", "add", "Before", "--json").json()
    assert "link" not in plain
    refused = therapist("settings", "journal-url", "http://journal.example.org/")
    assert refused.code != 0
    assert "cannot be used" in refused.err
    assert therapist("settings", "journal-url", "--json").json() == {"journal_url": None}

    set_ = therapist("settings", "journal-url", "https://journal.example.org", "--json")
    assert set_.json() == {"journal_url": "https://journal.example.org/"}
    sheet = tmp_path / "invite.pdf"
    added = therapist("client", "add", "Alice", "--pdf", str(sheet), "--json").json()
    assert added["link"] == f"https://journal.example.org/#{added['invitation']}"
    decode_invitation(added["link"].split("#", 1)[1])
    text = therapist("client", "add", "Bea").out
    assert "https://journal.example.org/#SBINVITE1" in text

    require("zbarimg", "pdftoppm")
    _, pages = keep("invitation-link", sheet.read_bytes(), dpi=150)
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(pages[0])], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == added["link"]


def test_dashboard_settings_keep_the_address(vault_dir):
    app = go_to(unlocked_app(), "settings")
    field = next(t for t in app.text_input if "web journal" in t.label)
    field.input("http://not-secure.example.org/")
    next(b for b in app.button if b.label == "Save address").click()
    app.run()
    assert "cannot be used" in " ".join(e.value for e in app.error)
    field = next(t for t in app.text_input if "web journal" in t.label)
    field.input("https://journal.example.org/client/")
    next(b for b in app.button if b.label == "Save address").click()
    app.run()
    assert not app.exception
    assert "https" in app.success[0].value
    assert app.session_state["vault"].journal_url == "https://journal.example.org/client/"
