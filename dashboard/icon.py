"""The browser-tab icon, drawn locally.

A Material or emoji page icon makes the browser fetch an image from a font
CDN on every page load; a local image keeps the dashboard fully offline.
"""

from functools import cache

from PIL import Image, ImageDraw

TEAL = (47, 111, 115, 255)  # localserver.PRIMARY_COLOUR
SIZE = 64


@cache
def page_icon() -> Image.Image:
    """A teal disc with a small white keyhole: SecureBase's tab icon."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((2, 2, SIZE - 3, SIZE - 3), fill=TEAL)
    draw.ellipse((24, 14, 40, 30), fill="white")
    draw.polygon([(28, 26), (36, 26), (39, 48), (25, 48)], fill="white")
    return image
