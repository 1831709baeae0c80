"""The client's side: the ``securebase-journal`` command line and local app.

Depends on ``securebase`` only. Written for a person who may be anxious while
using it: calm, short, kind messages; nothing is lost on a mistake.
"""
