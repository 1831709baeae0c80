"""Joining by scanning the invitation's QR code, and sending with the share sheet, in Chromium.

Chromium's fake camera plays a video file instead of a real device: the video
here shows the QR code the therapist's invitation carries (the journal link
with the code in its fragment, drawn by ``dashboard.qr``), as a phone held over
the printed sheet would see it. The app must open its camera, load the QR
decoder, read the code and move on to choosing a passphrase, showing the
therapist's name and fingerprint to compare. Without a camera (or with the
permission refused) it says so calmly and the code can still be pasted.

Sending on a phone hands the sealed export to the share sheet; a client who
closes the sheet gets no surprise download and is asked whether it went.
"""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from dashboard.qr import invitation_png
from securebase.invitation import decode_invitation
from tests.test_dashboard_demo import CHROMIUM, CHROMIUM_ARGS
from tests.test_web_app import add_client, opened, quick_note, watch, world  # noqa: F401 - fixture
from tests.webapp_kit import FAST, PROFILES, join, new_context, ready

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


# -- the share sheet ---------------------------------------------------------------
# Headless Chromium on Linux has no share sheet (``navigator.share`` is missing), so
# the page is given one that records the file it is handed and answers as a phone's
# would: shared, or closed by the client (AbortError). This is the one stand-in in
# these tests: the platform part does not exist here; everything behind it is real.

SHARE_SHEET = """
window.__shared = [];
window.__shareAnswer = "shared";
navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length === 1;
navigator.share = async (data) => {
  if (window.__shareAnswer === "closed") throw new DOMException("closed", "AbortError");
  window.__shared.push({name: data.files[0].name,
                        bytes: Array.from(new Uint8Array(await data.files[0].arrayBuffer()))});
};
"""


def test_the_share_sheet_gets_the_sealed_file_and_closing_it_downloads_nothing(world):  # noqa: F811
    added = add_client(world, "Sasha")
    context = new_context(world["browser"], "phone", init=FAST + SHARE_SHEET)
    page = context.new_page()
    problems = watch(page)
    downloads: list[str] = []
    page.on("download", lambda download: downloads.append(download.suggested_filename))
    join(page, world["url"], added["invitation"])
    quick_note(page, "Waited for a reply and went for a walk")

    page.evaluate("window.__shareAnswer = 'closed'")
    page.get_by_role("button", name="Send to my therapist").click()
    page.get_by_role("button", name="Make the file").click()
    page.get_by_role("button", name="Not yet").click()  # the sheet was closed: it did not go
    page.wait_for_selector("section.home")
    assert downloads == []  # closing the sheet is a choice: no surprise download

    page.evaluate("window.__shareAnswer = 'shared'")
    page.get_by_role("button", name="Send to my therapist").click()
    page.get_by_role("button", name="Make the file").click()
    page.get_by_role("button", name="Yes, it went").click()
    page.wait_for_selector("section.home")
    [shared] = page.evaluate("window.__shared")
    assert shared["name"].endswith("-002.age")
    export = opened(world, bytes(shared["bytes"]))  # sealed to the therapist, signed
    assert [e.situation for e in export.entries] == ["Waited for a reply and went for a walk"]
    assert downloads == []
    assert problems == []
    context.close()
