"""The invitation sheet a therapist hands a new client in session.

Rules: one page; the invitation code as a QR code (reportlab's own encoder,
error correction M, with the standard quiet zone) and as monospace text in
groups of ``GROUP`` characters (spaces are ignored when the code is typed);
the therapist's signing fingerprint for the client to confirm on their own
screen; three short set-up steps. The code holds public keys and a fresh
client id, no secret, but it names the therapist: the sheet says to keep it
private. The label is the therapist's text and is escaped like client text.
"""

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from reports.bidi import Para as Paragraph  # right-to-left labels: lines in visual order
from reports.styles import MARGIN, PAPERS, RULE, build, long_date, styles
from reports.text import para_text

GROUP = 5
GROUPS_PER_LINE = 6
QR_SIZE = 70 * mm
FOOTER = "Personal — please keep this sheet private"
STEPS = (
    "Install the SecureBase journal on your own computer and choose a passphrase only you know.",
    "Start set-up and scan the QR code, or type the code shown above (spaces do not matter).",
    "Check that the fingerprint on your screen matches the one on this sheet, "
    "then tell your therapist it does.",
)


def grouped(code: str, group: int = GROUP, per_line: int = GROUPS_PER_LINE) -> list[str]:
    """The code in groups of ``group`` characters, ``per_line`` groups a line."""
    compact = "".join(code.split())
    groups = [compact[i : i + group] for i in range(0, len(compact), group)]
    return [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]


def qr_drawing(code: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget("".join(code.split()), barLevel="M", barBorder=4)
    widget.barWidth = widget.barHeight = size
    drawing = Drawing(size, size)
    drawing.add(widget)
    return drawing


#: With a web journal address set, the QR code opens the journal on a phone.
LINK_STEPS = (
    "Scan the QR code with your phone's camera (or open the link below) and choose a "
    "passphrase only you know. Nothing needs installing.",
    "If the link does not open, open the journal address and type the code shown below "
    "(spaces do not matter).",
    "Check that the fingerprint on your screen matches the one on this sheet, "
    "then tell your therapist it does.",
)


def invitation_pdf(
    code: str,
    label: str,
    therapist: str,
    fingerprint: str,
    issued,
    paper: str = "a4",
    link: str | None = None,
) -> bytes:
    """The one-page invitation sheet as PDF bytes; the QR holds ``link`` when given."""
    s = styles()
    width = PAPERS[paper][0] - 2 * MARGIN
    story = [
        Paragraph("Your SecureBase invitation", s["title"]),
        Paragraph(
            f"For {para_text(label, 80)}, from {para_text(therapist, 120)}, "
            f"on {long_date(issued)}.",
            s["body"],
        ),
        Spacer(1, 6 * mm),
        _qr_block(link or code, width),
        *([Paragraph(para_text(link.split("#", 1)[0], 200), s["small"])] if link else []),
        Spacer(1, 4 * mm),
        Paragraph("Invitation code", s["h2"]),
        *(Paragraph(line, s["mono"]) for line in grouped(code)),
        Spacer(1, 3 * mm),
        Paragraph("Your therapist’s fingerprint", s["h2"]),
        Paragraph(para_text(fingerprint), s["mono"]),
        Paragraph(
            "Your journal shows this fingerprint during set-up. If it differs, stop and ask "
            "your therapist.",
            s["small"],
        ),
        Paragraph("Setting up, in three steps", s["h1"]),
        *(
            Paragraph(f"{n}. {step}", s["body"])
            for n, step in enumerate(LINK_STEPS if link else STEPS, start=1)
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Your journal stays on your computer and is encrypted. Nothing is sent until you "
            "choose to export it. Your therapist does not read it in real time: if you need "
            "urgent help, contact your local emergency number.",
            s["small"],
        ),
    ]
    return build(story, paper, "SecureBase invitation", therapist, FOOTER)


def _qr_block(code: str, width: float) -> Table:
    block = Table([[qr_drawing(code)]], colWidths=[width])
    block.setStyle(
        TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("BOX", (0, 0), (-1, -1), 0.5, RULE)])
    )
    return block
