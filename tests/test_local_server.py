"""The local server, pinned: host, origin, framing, hostile configuration, lifetime.

``securebase dashboard`` is started as a therapist would start it, but from a
folder holding a hostile ``.streamlit/config.toml`` and with a home folder
holding another one (and hostile ``STREAMLIT_*`` variables): each turns off
the origin check and CORS, turns on the agent API and static files, and
accepts any host. Requests are then made with raw sockets, so the ``Host``
and ``Origin`` headers are exactly what a hostile page's browser would send.
"""

import base64
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from securebase import localserver
from tests.dashboard_kit import build_pristine
from tests.test_dashboard_demo import free_port, wait_until_healthy

SECUREBASE = str(Path(sys.executable).parent / "securebase")
HOSTILE_TOML = """
[server]
enableCORS = false
enableXsrfProtection = false
enableAgentApi = true
enableStaticServing = true
allowedHosts = ["*"]
corsAllowedOrigins = ["http://evil.example"]
baseUrlPath = "moved"
headless = true
[browser]
gatherUsageStats = true
[client]
showErrorDetails = "full"
"""
HOSTILE_ENV = {
    "STREAMLIT_SERVER_ENABLE_CORS": "false",
    "STREAMLIT_SERVER_ENABLE_AGENT_API": "true",
    "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "false",
}


def hostile_folders(root: Path) -> tuple[Path, Path]:
    """A working folder and a home folder, each with a hostile Streamlit config."""
    work, home = root / "work", root / "home"
    for folder in (work, home):
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "config.toml").write_text(HOSTILE_TOML, encoding="utf-8")
    (work / "static").mkdir()
    (work / "static" / "leak.txt").write_text("served from the working folder", encoding="utf-8")
    return work, home


def start_dashboard(vault: Path, root: Path, port: int) -> subprocess.Popen:
    work, home = hostile_folders(root)
    env = {**os.environ, **HOSTILE_ENV, "HOME": str(home), "SECUREBASE_PASSPHRASE": "x" * 20}
    env.pop("SECUREBASE_DEMO", None)
    return subprocess.Popen(
        [SECUREBASE, "dashboard", "--vault", str(vault), "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("pinned")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        vault = build_pristine(root / "vault")
    port = free_port()
    process = start_dashboard(vault, root, port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", process)
        yield {"port": port, "process": process}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def get(port: int, path: str, host: str, origin: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    if origin:
        connection.putheader("Origin", origin)
    connection.endheaders()
    reply = connection.getresponse()
    reply.read()
    connection.close()
    return reply


def websocket_status(port: int, host: str, origin: str | None) -> int:
    """The status a WebSocket handshake to Streamlit's stream gets (101 = opened)."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
        *([f"Origin: {origin}"] if origin else []),
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return int(connection.recv(4096).split(b" ", 2)[1])


def test_the_right_host_gets_the_page_and_a_foreign_host_is_refused(server):
    port = server["port"]
    assert get(port, "/", f"127.0.0.1:{port}").status == 200
    assert get(port, "/", f"localhost:{port}").status == 200
    for host in (f"rebound.evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", ""):
        assert get(port, "/", host).status == 403, host
        assert get(port, "/_stcore/health", host).status == 403, host


def test_a_websocket_from_a_foreign_origin_or_another_port_is_refused(server):
    port = server["port"]
    own = f"127.0.0.1:{port}"
    assert websocket_status(port, own, f"http://{own}") == 101
    assert websocket_status(port, f"localhost:{port}", f"http://localhost:{port}") == 101
    refused = {
        "foreign page": (own, "http://evil.example"),
        "localhost, another port": (own, "http://localhost:9999"),
        "loopback, another port": (own, f"http://127.0.0.1:{port + 1}"),
        "https on the same host": (own, f"https://{own}"),
        "sandboxed frame": (own, "null"),
        "no origin at all": (own, None),
        "dns rebinding": (f"evil.example:{port}", f"http://evil.example:{port}"),
    }
    for case, (host, origin) in refused.items():
        assert websocket_status(port, host, origin) == 403, case


def test_every_answer_forbids_framing(server):
    port = server["port"]
    for path, host in (("/", f"127.0.0.1:{port}"), ("/", "evil.example")):
        headers = get(port, path, host).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_a_hostile_config_toml_in_the_folder_and_the_home_changes_nothing(server):
    port, own = server["port"], f"127.0.0.1:{server['port']}"
    for path in ("/_stcore/agent/openapi.json", "/_stcore/metrics", "/app/static/leak.txt"):
        assert get(port, path, own).status == 404, path
    # CORS still on: no wildcard answer to a foreign origin (refused outright, in fact).
    reply = get(port, "/_stcore/health", own, origin="http://evil.example")
    assert reply.status == 403
    assert reply.headers["Access-Control-Allow-Origin"] is None
    # The hostile baseUrlPath did not move the app.
    assert get(port, "/moved/_stcore/health", own).status != 200


@pytest.mark.parametrize("source", ["working folder", "home folder", "environment"])
def test_flags_outrank_every_hostile_source_of_streamlit_settings(tmp_path, source):
    """Streamlit's own view of its settings, with a hostile source: the flags win.

    Without the flags the same source does take effect (the control), so
    this test would fail if the flags stopped outranking it.
    """
    work, home = hostile_folders(tmp_path)
    env = {**os.environ, "HOME": str(home if source == "home folder" else tmp_path)}
    env.update(HOSTILE_ENV if source == "environment" else {})
    cwd = work if source == "working folder" else tmp_path
    if source == "home folder":
        (work / ".streamlit" / "config.toml").unlink()
    flags = localserver.server_flags(8501)

    def shown(*extra: str) -> str:
        command = [sys.executable, "-m", "streamlit", "config", "show", *extra]
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True).stdout

    assert "\nenableAgentApi = true" in shown()
    assert "\nenableCORS = false" in shown()
    pinned = shown(*flags)
    for line in ("enableAgentApi = false", "enableCORS = true", "enableXsrfProtection = true"):
        assert f"\n{line}" in pinned, line


def running_servers(port: int) -> list[int]:
    """Streamlit processes serving ``port`` (read from /proc: no extra tool needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and f"--server.port={port}".encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_no_streamlit_process_is_left_when_the_dashboard_is_killed(tmp_path, how):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECUREBASE_WORK_FACTOR", "4")
        vault = build_pristine(tmp_path / "vault")
    port = free_port()
    process = start_dashboard(vault, tmp_path, port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", process)
        children = running_servers(port)
        assert children, "the Streamlit child was not found"
        os.kill(process.pid, how)  # the parent only, as `kill PID` would
        process.wait(timeout=20)
        deadline = time.monotonic() + 15
        while running_servers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert running_servers(port) == []
    finally:
        for pid in running_servers(port):
            os.kill(pid, signal.SIGKILL)


def test_the_running_server_holds_no_passphrase_in_its_environment(server):
    (child,) = running_servers(server["port"])
    environment = Path(f"/proc/{child}/environ").read_bytes().split(b"\0")
    assert not [line for line in environment if line.startswith(b"SECUREBASE_PASSPHRASE=")]
    assert not [line for line in environment if line.startswith(b"STREAMLIT_SERVER_ENABLE")]


def test_the_server_gets_no_secret_and_no_streamlit_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("SECUREBASE_PASSPHRASE", "a secret that must stay here")
    monkeypatch.setenv("STREAMLIT_SERVER_ENABLE_CORS", "false")
    env = localserver.child_environment(tmp_path / "app.py", ["127.0.0.1:1"], {"A": "b"})
    assert "SECUREBASE_PASSPHRASE" not in env
    assert "STREAMLIT_SERVER_ENABLE_CORS" not in env
    assert env["A"] == "b"
    assert env[localserver.HOSTS_VARIABLE] == "127.0.0.1:1"


def test_allowed_hosts_name_what_a_browser_sends():
    assert localserver.allowed_hosts("127.0.0.1", 8501) == ["127.0.0.1:8501", "localhost:8501"]
    assert localserver.allowed_hosts("::1", 8501) == ["[::1]:8501", "localhost:8501"]
    assert localserver.allowed_hosts("192.0.2.1", 8501) == ["192.0.2.1:8501"]
    everywhere = localserver.allowed_hosts("0.0.0.0", 8501)  # only with --allow-network
    assert "0.0.0.0:8501" not in everywhere
    assert {"127.0.0.1:8501", "localhost:8501"} <= set(everywhere)
