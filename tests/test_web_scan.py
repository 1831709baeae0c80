"""Joining by scanning the invitation's QR code with the camera, in real Chromium.

Chromium's fake camera plays a video file instead of a real device: the video
here shows the QR code the therapist's invitation carries (the journal link
with the code in its fragment, drawn by ``dashboard.qr``), as a phone held over
the printed sheet would see it. The app must open its camera, load the QR
decoder, read the code and move on to choosing a passphrase, showing the
therapist's name and fingerprint to compare. Without a camera (or with the
permission refused) it says so calmly and the code can still be pasted.
"""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from dashboard.qr import invitation_png
from securebase.invitation import decode_invitation
from tests.test_dashboard_demo import CHROMIUM, CHROMIUM_ARGS
from tests.test_web_app import add_client, watch, world  # noqa: F401 - fixture
from tests.webapp_kit import FAST, PROFILES, ready

pytestmark = pytest.mark.browser

WIDTH, HEIGHT, FRAMES = 640, 480, 10


def y4m_showing(png: bytes, path) -> None:
    """A short grey-scale YUV4MPEG2 video of ``png`` centred on white (Chromium's fake camera
    format): each frame is the luma plane, then the two chroma planes at neutral 128."""
    code = Image.open(io.BytesIO(png)).convert("L")
    side = min(WIDTH, HEIGHT) - 40
    code = code.resize((side, side), Image.NEAREST)
    frame = Image.new("L", (WIDTH, HEIGHT), 255)
    frame.paste(code, ((WIDTH - side) // 2, (HEIGHT - side) // 2))
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(FRAMES):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def camera_browser(world, video=None):  # noqa: F811 - the fixture's value
    """A second Chromium (the module's own has no camera flags), from the same Playwright."""
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream"]
    if video is not None:
        args += ["--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={video}"]
    return world["browser"].browser_type.launch(executable_path=CHROMIUM, args=args)


def test_scanning_the_invitation_qr_opens_the_passphrase_step(world, tmp_path):  # noqa: F811
    added = add_client(world, "Quinn")
    fingerprint = decode_invitation(added["invitation"]).therapist.fingerprint
    video = tmp_path / "invitation.y4m"
    y4m_showing(invitation_png(added["link"]), video)
    browser = camera_browser(world, video)
    try:
        context = browser.new_context(**PROFILES["phone"], permissions=["camera"])
        context.add_init_script(FAST)
        page = context.new_page()
        problems = watch(page)
        page.goto(world["url"])
        ready(page)
        page.get_by_role("button", name="Scan the QR code").click()
        create = page.get_by_role("button", name="Create my journal")
        expect(create).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("fingerprint")).to_have_text(fingerprint)
        assert "SBINVITE1" not in page.url.upper()  # the code left the address bar
        assert problems == []
    finally:
        browser.close()


def test_without_a_camera_the_app_says_so_and_pasting_still_works(world):  # noqa: F811
    added = add_client(world, "Rowan")
    browser = camera_browser(world)  # no fake device, no permission: no camera
    try:
        context = browser.new_context(**PROFILES["phone"])
        context.add_init_script(FAST)
        page = context.new_page()
        problems = watch(page)
        page.goto(world["url"])
        ready(page)
        page.get_by_role("button", name="Scan the QR code").click()
        expect(page.locator(".status")).to_contain_text("camera")
        page.locator("textarea").fill(added["invitation"])
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("button", name="Create my journal")).to_be_visible()
        assert problems == []
    finally:
        browser.close()
