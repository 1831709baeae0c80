"""The page registry: which pages exist while the vault is locked and while it is open.

Add a page by adding a line here and a file in ``app_pages/``. While the
vault is locked only the Unlock page exists; once it is open, the first
unlocked page (the caseload) is the one shown at the app's address.
"""

from pathlib import Path

import streamlit as st

PAGE_DIR = Path(__file__).resolve().parent / "app_pages"

# (file in app_pages/, title, icon, address)
LOCKED_PAGES = [
    ("unlock.py", "Unlock", ":material/lock_open:", "unlock"),
]
UNLOCKED_PAGES = [
    ("caseload.py", "Caseload", ":material/groups:", "caseload"),
    ("client.py", "Client", ":material/person:", "client"),
    ("import_files.py", "Import", ":material/upload_file:", "import"),
    ("settings.py", "Settings", ":material/settings:", "settings"),
]


def navigation_pages(unlocked: bool) -> list:
    registry = UNLOCKED_PAGES if unlocked else LOCKED_PAGES
    return [
        st.Page(PAGE_DIR / file, title=title, icon=icon, url_path=address, default=index == 0)
        for index, (file, title, icon, address) in enumerate(registry)
    ]


def page_path(file: str) -> Path:
    """The path ``st.switch_page`` takes for a page of the registry."""
    return PAGE_DIR / file
