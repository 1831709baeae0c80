"""Refuse to build the virtualenv with a Python older than SecureBase supports."""

import sys

if sys.version_info < (3, 11):
    sys.exit(
        f"SecureBase needs Python 3.11 or newer; {sys.executable} is "
        f"{sys.version.split()[0]}. Run make with PYTHON=/path/to/python3.11"
    )
