"""Where the committed demo lives, and the demo therapist's identity.

The demo therapist's identity file is unlocked with its published demo
passphrase (``sample_data/README.md``); ``demo_vault`` builds a vault from it.
"""

from pathlib import Path

from securebase.demo import demo_therapist

DEMO_DIR = Path(__file__).resolve().parent / "demo"
__all__ = ["DEMO_DIR", "demo_therapist"]
