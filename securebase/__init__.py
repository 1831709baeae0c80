"""SecureBase core: the journal model, envelope, storage, vault, import and analytics.

Rule of the house: nothing in this package imports a user-interface library
(streamlit, plotly, reportlab, click, typer). Front ends depend on the core,
never the other way round; ``tests/test_purity.py`` enforces it.
"""

__version__ = "0.1.0"
