"""The script ``streamlit run`` starts for the dashboard (``securebase.localserver``).

It serves the real app (``SECUREBASE_SERVED_SCRIPT``) as a Streamlit ``App``
with ``securebase.local_guard.LocalGuard`` in front of every request, allowing
only the ``host:port`` pairs in ``SECUREBASE_SERVED_HOSTS``. Both variables
are set by the parent; the Streamlit options themselves are pinned on the
command line there.

It also watches a pipe whose other end only the parent holds
(``SECUREBASE_PARENT_PIPE``): when the parent ends, however it ends (Ctrl+C,
SIGTERM, SIGKILL), the pipe reads end-of-file and this server stops at once,
so no dashboard is left serving a vault nobody started.

The file name is unusual on purpose: ``streamlit run`` imports the app by
this file's stem, which must not collide with any other module.
"""

import os
import threading

import streamlit as st
from starlette.middleware import Middleware

from securebase.local_guard import LocalGuard
from securebase.localserver import HOSTS_VARIABLE, PIPE_VARIABLE, SCRIPT_VARIABLE


def _watch_parent(descriptor: int) -> None:
    while os.read(descriptor, 1024):  # the parent never writes; EOF means it is gone
        pass
    os._exit(0)


if os.environ.get(PIPE_VARIABLE):
    threading.Thread(
        target=_watch_parent, args=(int(os.environ[PIPE_VARIABLE]),), daemon=True
    ).start()

app = st.App(
    os.environ[SCRIPT_VARIABLE],
    middleware=[Middleware(LocalGuard, hosts=os.environ[HOSTS_VARIABLE].split(","))],
)
