"""Shared pytest set-up: make the repository root importable.

Tests import their helpers rootdir-relative (``from tests.builders import ...``)
without a ``tests/__init__.py``; ``tests`` is then a namespace package, which
only needs the repository root on ``sys.path``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
