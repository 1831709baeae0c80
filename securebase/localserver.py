"""Starting a Streamlit front end as a local-only server.

The therapist's dashboard starts this way (the client's web journal is
served by ``clienttools.webserver``, without Streamlit). The settings below
are security decisions, not preferences: the server listens on 127.0.0.1
only, sends no usage statistics, shows no tracebacks in the browser, and caps
uploads. Launching uses a subprocess, so the core never imports streamlit.

Nothing around the server may change those decisions (SECURITY.md, PORT-7
to PORT-10):
- every security-relevant option is given on the command line, which
  Streamlit ranks above ``config.toml`` files (the working folder's and
  ``~/.streamlit``'s) and above ``STREAMLIT_*`` variables; the child also
  starts in an empty folder of its own and gets no ``STREAMLIT_*`` variable
  and no secret (``SECUREBASE_PASSPHRASE``) from our environment;
- the child runs ``dashboard/served/securebase_served.py``, which puts
  ``securebase.local_guard.LocalGuard`` in front of the app: exact
  ``host:port`` and origin checks, no metrics, agent API or static files,
  no framing;
- the child holds the read end of a pipe whose write end only we hold: when
  we end, however we end, it stops (``securebase_served``).

Another loopback address (``::1``, ``127.0.0.2``, ``localhost``) is fine. Any
other address would let other computers reach the passphrase prompt, so
``check_address`` refuses it unless the person asked for it explicitly
(``--allow-network``); the command line then prints a warning.
"""

import ipaddress
import os
import secrets
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from securebase.errors import AddressNotLocal

LOOPBACK = "127.0.0.1"
MAX_UPLOAD_MB = 32
PRIMARY_COLOUR = "#2f6f73"

#: What the parent tells the served script (``dashboard/served/securebase_served.py``).
SCRIPT_VARIABLE = "SECUREBASE_SERVED_SCRIPT"
HOSTS_VARIABLE = "SECUREBASE_SERVED_HOSTS"
PIPE_VARIABLE = "SECUREBASE_PARENT_PIPE"
#: The served script, named by path: the core never imports a front end.
SERVED_SCRIPT = (
    Path(__file__).resolve().parent.parent / "dashboard" / "served" / "securebase_served.py"
)
#: Never handed to the server: it needs no secret to show an unlock form, and a vault
#: it creates gets the full work factor, whatever the shell that started it says.
SECRET_VARIABLES = ("SECUREBASE_PASSPHRASE", "SECUREBASE_WORK_FACTOR")


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


def allowed_hosts(address: str, port: int) -> list[str]:
    """The ``Host`` values the server answers: the bound address (and localhost) with the port.

    An address that means "every interface" (``0.0.0.0``, ``::``, only with
    ``--allow-network``) is never a Host a browser sends: it stands for this
    computer's own name and addresses, as its resolver lists them.
    """
    bound = address.strip().lower().strip("[]")
    everywhere = _is_unspecified(bound)
    names = [LOOPBACK, *_own_names()] if everywhere else [bound]
    if everywhere or is_loopback(bound):
        names.append("localhost")
    return [f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in dict.fromkeys(names)]


def _is_unspecified(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_unspecified
    except ValueError:
        return False


def _own_names() -> list[str]:
    """This computer's host name and the addresses it resolves to (local resolver only)."""
    name = socket.gethostname().lower()
    try:
        found = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except OSError:
        found = []
    return [name, *(str(info[4][0]).lower() for info in found)]


def server_flags(port: int, address: str = LOOPBACK) -> list[str]:
    """Every option that matters for safety, pinned (command-line flags outrank config files)."""
    hosts = allowed_hosts(address, port)
    return [
        f"--server.address={address}",
        f"--server.port={port}",
        "--server.baseUrlPath=",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        f"--browser.serverAddress={hosts[0].rsplit(':', 1)[0].strip('[]')}",
        f"--browser.serverPort={port}",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        "--server.allowRunOnSave=false",
        f"--server.maxUploadSize={MAX_UPLOAD_MB}",
        f"--server.maxMessageSize={MAX_UPLOAD_MB * 2}",
        "--server.enableCORS=true",
        *(f"--server.corsAllowedOrigins=http://{host}" for host in hosts),
        *(f"--server.allowedHosts={host.rsplit(':', 1)[0].strip('[]')}" for host in hosts),
        "--server.enableXsrfProtection=true",
        "--server.xsrfCookieSameSite=strict",
        "--server.enableStaticServing=false",
        "--server.enableAgentApi=false",
        "--server.scriptHealthCheckEnabled=false",
        "--server.enableWebsocketCompression=false",
        "--server.trustedUserHeaders={}",
        "--global.developmentMode=false",
        "--client.toolbarMode=minimal",
        "--client.showErrorDetails=none",
        "--runner.magicEnabled=false",
        # A calm teal instead of the default red, which reads as an alarm.
        f"--theme.primaryColor={PRIMARY_COLOUR}",
    ]


def child_environment(app: Path, hosts: list[str], extra_env: dict[str, str]) -> dict[str, str]:
    """Our environment without Streamlit settings or secrets, plus what the child needs."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("STREAMLIT_") and name not in SECRET_VARIABLES
    }
    return {
        **kept,
        **extra_env,
        SCRIPT_VARIABLE: str(app),
        HOSTS_VARIABLE: ",".join(hosts),
        # Set here, not in a file someone else could write: a fresh secret each start.
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }


def serve(
    app: Path, port: int, extra_env: dict[str, str] | None = None, address: str = LOOPBACK
) -> int:
    """Run the Streamlit app until interrupted; return its exit code.

    Callers pass a non-loopback ``address`` only after ``check_address``.
    """
    flags = server_flags(port, address)
    command = [sys.executable, "-m", "streamlit", "run", str(SERVED_SCRIPT), *flags]
    env = child_environment(app, allowed_hosts(address, port), extra_env or {})
    watch, keep = os.pipe()  # we keep the write end open until we end
    try:
        with tempfile.TemporaryDirectory(prefix="securebase-server-") as folder:
            env[PIPE_VARIABLE] = str(watch)
            return subprocess.call(  # noqa: S603 - our own interpreter and script
                command, env=env, cwd=folder, pass_fds=(watch,)
            )
    except KeyboardInterrupt:
        return 0
    finally:
        os.close(watch)
        os.close(keep)
