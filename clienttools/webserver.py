"""Serving the built web journal (``clienttools/web_build/``) on this computer.

``securebase-journal app`` runs this for a laptop client without hosting: a
plain static file server on 127.0.0.1 (another address only with
``--allow-network``). Rules: only the files of the build are served (no
directory listing, no path outside it); every answer carries the security
headers below, so the page can make no network connection after loading
(``connect-src 'none'``) and cannot be framed. The service worker alone may
fetch the app's own files (it caches them for offline use). No request is
logged: the invitation code travels in the URL fragment, which browsers
never send, and nothing else a client writes ever reaches this server.
"""

import http.server
import mimetypes
from functools import partial
from pathlib import Path

BUILD = Path(__file__).resolve().parent / "web_build"

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob: mediastream:; manifest-src 'self'; worker-src 'self'; "
    "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
#: The service worker caches the app's own files, so it alone may fetch them.
WORKER_POLICY = "default-src 'none'; connect-src 'self'"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}


def build_files(root: Path = BUILD) -> dict[str, Path]:
    """URL path -> file, for exactly the files of the build."""
    files = {f"/{path.name}": path for path in sorted(root.iterdir()) if path.is_file()}
    files["/"] = root / "index.html"
    return files


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "SecureBase"
    sys_version = ""

    def __init__(self, *args, files: dict[str, Path], **kwargs):
        self.files = files
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        target = self.files.get(path)
        if target is None:
            self.send_error(404, "Not here")
            return
        body = target.read_bytes()
        self.send_response(200)
        kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
        self.send_header("Content-Type", kind or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        policy = WORKER_POLICY if target.name == "sw.js" else PAGE_POLICY
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Permissions-Policy", "microphone=(), geolocation=(), camera=(self)")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        return


def make_server(address: str, port: int, root: Path = BUILD) -> http.server.ThreadingHTTPServer:
    handler = partial(_Handler, files=build_files(root))
    return http.server.ThreadingHTTPServer((address, port), handler)


def serve(address: str, port: int) -> int:
    """Serve until interrupted; return an exit code."""
    server = make_server(address, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
