"""Starting a Streamlit front end as a local-only server.

Both front ends (the therapist's dashboard, the client's app) start this
way. The settings below are security decisions, not preferences: the server
listens on 127.0.0.1 only, sends no usage statistics, shows no tracebacks
in the browser, and caps uploads. Launching uses a subprocess, so the core
never imports streamlit.

Another loopback address (``::1``, ``127.0.0.2``, ``localhost``) is fine. Any
other address would let other computers reach the passphrase prompt, so
``check_address`` refuses it unless the person asked for it explicitly
(``--allow-network``); the command line then prints a warning.
"""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

from securebase.errors import AddressNotLocal

LOOPBACK = "127.0.0.1"
MAX_UPLOAD_MB = 32
PRIMARY_COLOUR = "#2f6f73"


def is_loopback(address: str) -> bool:
    """True for an address only this computer can reach."""
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def check_address(address: str, *, allow_network: bool) -> bool:
    """Refuse a non-loopback address unless allowed; True when the network can reach it."""
    if is_loopback(address):
        return False
    if not allow_network:
        raise AddressNotLocal()
    return True


def server_flags(port: int, address: str = LOOPBACK) -> list[str]:
    return [
        f"--server.address={address}",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        f"--server.maxUploadSize={MAX_UPLOAD_MB}",
        "--server.enableXsrfProtection=true",
        "--global.developmentMode=false",
        "--client.toolbarMode=minimal",
        "--client.showErrorDetails=none",
        # A calm teal instead of the default red, which reads as an alarm.
        f"--theme.primaryColor={PRIMARY_COLOUR}",
    ]


def serve(
    app: Path, port: int, extra_env: dict[str, str] | None = None, address: str = LOOPBACK
) -> int:
    """Run the Streamlit app until interrupted; return its exit code.

    Callers pass a non-loopback ``address`` only after ``check_address``.
    """
    command = [sys.executable, "-m", "streamlit", "run", str(app), *server_flags(port, address)]
    try:
        return subprocess.call(command, env={**os.environ, **(extra_env or {})})  # noqa: S603
    except KeyboardInterrupt:
        return 0
