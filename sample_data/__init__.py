"""Synthetic demo data for SecureBase: a deterministic generator and the data it commits.

Everyone in here is fictional. ``python -m sample_data.generate --seed 7`` rewrites
``sample_data/demo/``; a test fails when the committed files drift from it.
The demo is encrypted with published, demo-only keys and passphrases: see README.md.
"""
