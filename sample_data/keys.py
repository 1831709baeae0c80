"""The demo's keys and passphrases: deterministic, published, and for the demo only.

Every demo identity is an ordinary SecureBase identity whose 32-byte X25519
secret comes from a seeded ``random.Random`` stream instead of the operating
system's random source, so the same seed always gives the same people with
the same keys. Anyone with this code and the seed can recompute them: they
protect nothing and must never guard real data.

The identity files are written with a low scrypt work factor (``DEMO_WORK_FACTOR``)
so the demo opens instantly; real identity files use the default, 18. All
passphrases are listed in ``sample_data/README.md``.
"""

import random

from securebase import bech32
from securebase.demo import DEMO_VAULT_PASSPHRASE
from securebase.demo import DEMO_WORK_FACTOR as DEMO_WORK_FACTOR
from securebase.demo import THERAPIST_IDENTITY_FILE as THERAPIST_IDENTITY_FILE
from securebase.identity import Identity

# The work factor, the therapist's passphrase and file name are the core's
# (``securebase.demo`` opens what this package writes). Demo only.
DEMO_THERAPIST_PASSPHRASE = DEMO_VAULT_PASSPHRASE


def client_passphrase(slug: str) -> str:
    """The demo passphrase of the client whose folder is ``slug``, e.g. ``demo-client-robin-a``."""
    return f"demo-client-{slug}"


def identity_from(rng: random.Random) -> Identity:
    """An identity whose X25519 secret is the next 256 bits of ``rng``."""
    secret = rng.getrandbits(256).to_bytes(32, "big")
    return Identity(bech32.encode("age-secret-key-", secret).upper())


def therapist_identity(seed: int) -> Identity:
    return identity_from(random.Random(f"securebase-demo/{seed}/therapist"))
