"""Where the committed demo lives, and the demo therapist's identity.

The demo therapist's identity file is unlocked with its published demo
passphrase (``sample_data/README.md``); ``demo_vault`` builds a vault from it.
"""

from pathlib import Path

from sample_data.keys import DEMO_THERAPIST_PASSPHRASE, THERAPIST_IDENTITY_FILE
from securebase.identity import Identity, load_identity

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def demo_therapist(demo_dir: Path) -> Identity:
    return load_identity(demo_dir / THERAPIST_IDENTITY_FILE, DEMO_THERAPIST_PASSPHRASE)
