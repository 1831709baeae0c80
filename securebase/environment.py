"""Settings both command lines read from the environment, and where data lives.

``SECUREBASE_PASSPHRASE`` lets scripts unlock without a prompt. Its risk:
any program running as the same user can read a process's environment, and
shells may keep it in history; use it for automation and tests, not daily.
``SECUREBASE_WORK_FACTOR`` lowers the scrypt cost of *new* identity files,
for tests only. Default folders come from ``platformdirs``.
"""

import os
from pathlib import Path

import platformdirs

from securebase import age_passphrase

PASSPHRASE_VARIABLE = "SECUREBASE_PASSPHRASE"  # noqa: S105 - the variable's name
WORK_FACTOR_VARIABLE = "SECUREBASE_WORK_FACTOR"
HOME_VARIABLE = "SECUREBASE_HOME"
VAULT_VARIABLE = "SECUREBASE_VAULT"


def work_factor() -> int:
    value = os.environ.get(WORK_FACTOR_VARIABLE)
    return int(value) if value else age_passphrase.DEFAULT_WORK_FACTOR


def passphrase_from_environment() -> str | None:
    return os.environ.get(PASSPHRASE_VARIABLE) or None


def data_folder(override: str | Path | None, variable: str, app_name: str) -> Path:
    """``override``, else ``$variable``, else the platform's per-user data folder."""
    chosen = override or os.environ.get(variable)
    root = Path(chosen) if chosen else Path(platformdirs.user_data_dir(app_name, appauthor=False))
    return root.expanduser()
