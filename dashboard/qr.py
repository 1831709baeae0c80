"""The invitation's QR code as a PNG image, for the therapist to show in session.

Drawn with reportlab's QR encoder (a dependency already, for the PDFs) and
Pillow (installed with Streamlit). If either is missing, ``invitation_png``
returns None and the page shows the code as large text instead.
"""

import io

QUIET_ZONE = 4  # modules of white border the QR standard asks for
MODULE_PIXELS = 6


def invitation_png(code: str) -> bytes | None:
    try:
        from PIL import Image
        from reportlab.graphics.barcode import qrencoder
    except ImportError:
        return None
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(code)
    qr.make()
    count = qr.getModuleCount()
    side = count + 2 * QUIET_ZONE
    image = Image.new("1", (side, side), 1)
    for row in range(count):
        for col in range(count):
            if qr.isDark(row, col):
                image.putpixel((col + QUIET_ZONE, row + QUIET_ZONE), 0)
    image = image.resize((side * MODULE_PIXELS, side * MODULE_PIXELS), Image.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
