"""The therapist's side: the Streamlit dashboard and the ``securebase`` command line.

Thin front ends over ``securebase``: they gather input, call the core, and
show results. Core errors become words in one place per front end
(``dashboard.cli.main`` for the terminal, ``dashboard.state`` for the app).
"""
