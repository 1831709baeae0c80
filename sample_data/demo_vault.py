"""A therapist vault holding the demo caseload: ``securebase.demo`` builds it.

Kept so the generator's side and the tests can name the builder where the demo
data lives; the core's ``securebase.demo`` is the one implementation (front
ends call it there and import nothing from ``sample_data``).
The vault passphrase is published (``sample_data/README.md``): demo only.
"""

from securebase.demo import DEMO_VAULT_PASSPHRASE, build_demo_vault

__all__ = ["DEMO_VAULT_PASSPHRASE", "build_demo_vault"]
