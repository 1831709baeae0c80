"""Benchmarks for SecureBase (issue 10): not tests, run with ``make bench``."""
