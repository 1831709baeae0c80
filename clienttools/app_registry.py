"""The page registry of the client's app: which pages exist, locked and unlocked.

Add a page by adding a line here and a file in ``app_pages/``. While the
journal is locked only the Unlock page exists; once it is open, the first
unlocked page is the one shown at the app's address.
"""

from pathlib import Path

import streamlit as st

PAGE_DIR = Path(__file__).resolve().parent / "app_pages"

# (file in app_pages/, title, icon, address)
LOCKED_PAGES = [
    ("unlock.py", "Unlock", ":material/lock:", "unlock"),
]
UNLOCKED_PAGES = [
    ("new_entry.py", "New entry", ":material/edit_note:", "new-entry"),
    ("this_week.py", "This week", ":material/calendar_month:", "this-week"),
    ("homework.py", "Homework", ":material/self_improvement:", "homework"),
    ("checkin.py", "Check-in", ":material/checklist:", "check-in"),
    ("send.py", "Send to therapist", ":material/send:", "send"),
]


def navigation_pages(unlocked: bool) -> list:
    registry = UNLOCKED_PAGES if unlocked else LOCKED_PAGES
    return [
        st.Page(PAGE_DIR / file, title=title, icon=icon, url_path=address, default=index == 0)
        for index, (file, title, icon, address) in enumerate(registry)
    ]
