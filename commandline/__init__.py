"""What both command lines share, owned by neither: ``securebase`` and ``securebase-journal``.

Rules: depends on the core (``securebase``) and click only, never on a front end
(``clienttools``, ``dashboard``, ``reports``), so each command line can use it
without reaching into the other (``tests/test_purity.py``). Keep it small: a
piece moves here only when both command lines use it.
"""
