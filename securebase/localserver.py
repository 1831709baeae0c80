"""Starting a Streamlit front end as a local-only server.

Both front ends (the therapist's dashboard, the client's app) start this
way. The settings below are security decisions, not preferences: the server
listens on 127.0.0.1 only, sends no usage statistics, shows no tracebacks
in the browser, and caps uploads. Launching uses a subprocess, so the core
never imports streamlit.
"""

import os
import subprocess
import sys
from pathlib import Path

LOOPBACK = "127.0.0.1"
MAX_UPLOAD_MB = 32
PRIMARY_COLOUR = "#2f6f73"


def server_flags(port: int) -> list[str]:
    return [
        f"--server.address={LOOPBACK}",
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


def serve(app: Path, port: int, extra_env: dict[str, str] | None = None) -> int:
    """Run the Streamlit app until interrupted; return its exit code."""
    command = [sys.executable, "-m", "streamlit", "run", str(app), *server_flags(port)]
    try:
        return subprocess.call(command, env={**os.environ, **(extra_env or {})})  # noqa: S603
    except KeyboardInterrupt:
        return 0
