"""The invitation sheet: the QR code decodes back to the code; the CLI writes it."""

import subprocess

import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from reports.invitation import grouped, invitation_pdf
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.invitation import decode_invitation
from tests.report_kit import END, demo_vault, keep, pdf_info, pdf_text, require


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    return demo_vault(tmp_path_factory)


def test_grouped_code_reads_back():
    code = "SBINVITE1" + "Q" * 41
    lines = grouped(code)
    assert "".join("".join(lines).split()) == code
    assert all(len(group) <= 5 for line in lines for group in line.split())


def test_qr_decodes_to_the_invitation_code(vault):
    require("zbarimg", "pdftoppm")
    _, code = vault.add_client("QR Test")
    fingerprint = vault.identity.public.fingerprint
    pdf = invitation_pdf(code, "QR Test", vault.therapist_name, fingerprint, END)
    path, pages = keep("invitation", pdf, dpi=150)
    assert len(pages) == 1
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(pages[0])], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert decoded == code
    text = pdf_text(path)
    assert fingerprint in text
    assert decode_invitation("".join(text.split("Invitation code", 1)[1].split("Your")[0].split()))


def test_cli_client_add_writes_the_sheet(vault, tmp_path):
    env = {"SECUREBASE_PASSPHRASE": DEMO_VAULT_PASSPHRASE}
    target = tmp_path / "invite.pdf"
    result = CliRunner().invoke(
        cli, ["--vault", str(vault.path), "client", "add", "Casey E.", "--pdf", str(target),
              "--paper", "letter"], env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "letter" in pdf_info(target)["Page size"]
    assert "Casey E." in pdf_text(target)
