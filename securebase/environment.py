"""Settings both command lines read from the environment, and where data lives.

``SECUREBASE_PASSPHRASE`` lets scripts unlock without a prompt. Its risk:
any program running as the same user can read a process's environment, and
shells may keep it in history; use it for automation and tests, not daily.
``SECUREBASE_WORK_FACTOR`` lowers the scrypt cost of *new* identity files,
for tests only. ``SECUREBASE_TODAY`` pins the calendar day (the demo's last
day, set by ``securebase demo``, and tests): what the front ends call today
and the day the vault stamps on what it records, so a demo never mixes its
own dates with the real ones. Default folders come from ``platformdirs``.
"""

import os
from datetime import date
from pathlib import Path

import platformdirs

from securebase import age_passphrase
from securebase.errors import WorkFactorInvalid

PASSPHRASE_VARIABLE = "SECUREBASE_PASSPHRASE"  # noqa: S105 - the variable's name
WORK_FACTOR_VARIABLE = "SECUREBASE_WORK_FACTOR"
HOME_VARIABLE = "SECUREBASE_HOME"
VAULT_VARIABLE = "SECUREBASE_VAULT"
TODAY_VARIABLE = "SECUREBASE_TODAY"


#: The lowest work factor the test override may ask for (2^4 scrypt: fast, still scrypt).
MIN_TEST_WORK_FACTOR = 4


def work_factor() -> int:
    """The scrypt work factor for new identity files: 18, unless a test asks for less.

    The override is bounded (``MIN_TEST_WORK_FACTOR`` to the format's maximum)
    and refused outside that range rather than ignored; it is never passed on
    to the dashboard server (``localserver.SECRET_VARIABLES``).
    """
    value = os.environ.get(WORK_FACTOR_VARIABLE)
    if not value:
        return age_passphrase.DEFAULT_WORK_FACTOR
    if not value.isdigit() or not (
        MIN_TEST_WORK_FACTOR <= int(value) <= age_passphrase.MAX_WORK_FACTOR
    ):
        raise WorkFactorInvalid()
    return int(value)


def pinned_day() -> date | None:
    """The day ``SECUREBASE_TODAY`` pins, if it is set (module docstring)."""
    value = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(value) if value else None


def today() -> date:
    """The calendar day every front end calls today: the pinned day, else the real one."""
    return pinned_day() or date.today()


def passphrase_from_environment() -> str | None:
    return os.environ.get(PASSPHRASE_VARIABLE) or None


def data_folder(override: str | Path | None, variable: str, app_name: str) -> Path:
    """``override``, else ``$variable``, else the platform's per-user data folder."""
    chosen = override or os.environ.get(variable)
    root = Path(chosen) if chosen else Path(platformdirs.user_data_dir(app_name, appauthor=False))
    return root.expanduser()
