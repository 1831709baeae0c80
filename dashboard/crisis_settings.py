"""The Settings page's crisis resources: a table to edit, Save, and Back to the defaults.

Thin: reading and writing go through ``securebase.crisis`` (validated, audited);
a refused list is shown in the catalogue's words and changes nothing.
"""

import pandas as pd
import streamlit as st

from dashboard.state import flash, show_error, vault
from dashboard.text import escape_markdown
from securebase.crisis import (
    FIELDS,
    crisis_resources,
    has_own_resources,
    reset_crisis_resources,
    resources_json,
    set_crisis_resources,
)
from securebase.errors import SecureBaseError

# Narrow columns, stretched to the page: the whole table fits a 390 px phone without a
# sideways scroll, and a laptop's wider page widens them. Each full text is in the list
# above the table, and a cell opens wide while it is edited.
COLUMNS = {
    "name": st.column_config.TextColumn(
        "Who", help="Who (and where or when)", required=True, max_chars=300, width=105
    ),
    "contact": st.column_config.TextColumn(
        "How to reach", help="How to reach them", required=True, max_chars=300, width=100
    ),
    "source": st.column_config.TextColumn(
        "Source", help="Source (only you see it)", max_chars=300, width=60
    ),
}


def _rows(table: pd.DataFrame) -> list[dict]:
    """The edited rows, blank ones dropped (a new row the therapist left empty)."""
    rows = []
    for record in table.to_dict("records"):
        row = {name: str(record.get(name) or "").strip() for name in FIELDS}
        if any(row.values()):
            rows.append(
                {name: text for name, text in row.items() if text or name in ("name", "contact")}
            )
    return rows


def show_crisis_settings() -> None:
    opened = vault()
    own = has_own_resources(opened)
    resources = crisis_resources(opened)
    st.markdown(
        ("Your own list" if own else "The defaults (no list of your own yet)")
        + ", as clients see it:\n"
        + "\n".join(
            f"- **{escape_markdown(r.name)}**: {escape_markdown(r.contact)}" for r in resources
        )
    )
    current = pd.DataFrame(resources_json(resources), columns=list(FIELDS))
    st.caption("Edit the table to change the list; add or remove rows as needed.")
    with st.form("crisis"):
        edited = st.data_editor(
            current,
            column_config=COLUMNS,
            num_rows="dynamic",
            hide_index=True,
            key="crisis.table",
            width="stretch",
        )
        saved = st.form_submit_button("Save this list")
    if saved:
        try:
            set_crisis_resources(opened, _rows(edited))
        except SecureBaseError as error:
            show_error(error)
        else:
            flash("success", "Saved. Clients receive this list in their next homework pack.")
            st.rerun()
    if own and st.button("Back to the defaults", key="crisis.reset"):
        reset_crisis_resources(opened)
        flash("success", "Back to the defaults. Clients receive them in their next homework pack.")
        st.rerun()
