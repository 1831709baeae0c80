"""The page registry: every dashboard page, its title, icon and address.

Add a page by adding a line here and a file in ``app_pages/``.
"""

from pathlib import Path

import streamlit as st

PAGE_DIR = Path(__file__).resolve().parent / "app_pages"

REGISTRY: list[dict] = [
    {"file": "demo_clients.py", "title": "Clients", "icon": "👥", "url_path": "clients"},
]


def navigation_pages() -> list:
    return [
        st.Page(
            PAGE_DIR / page["file"],
            title=page["title"],
            icon=page["icon"],
            url_path=page["url_path"],
            default=index == 0,
        )
        for index, page in enumerate(REGISTRY)
    ]
