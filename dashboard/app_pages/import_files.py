"""Import: drop the clients' export files, see what each one did, and what to do if refused.

Every file is imported on its own, all or nothing; a refused file changes no
clinical data. Importing the same file twice is safe (nothing is duplicated).
The rest of the dashboard shows the new data straight away.
"""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.state import vault
from dashboard.text import escape_markdown
from securebase import limits
from securebase.importer import FileResult, import_files
from securebase.localserver import MAX_UPLOAD_MB

st.title("Import exports", anchor=False)
st.write(
    "Drop the encrypted files your clients sent you (they end in `.age`). "
    "You can drop many at once; each one is checked and imported on its own."
)

uploaded = st.file_uploader(
    "Client export files",
    accept_multiple_files=True,
    key=f"uploader.{st.session_state.uploader_round}",
    help=f"Up to {MAX_UPLOAD_MB} MB per file.",
)
if uploaded and st.button(
    f"Import {len(uploaded)} file{'s' if len(uploaded) != 1 else ''}",
    type="primary",
    icon=":material/download:",
):
    batch = [(f.name, f.getvalue()[: limits.MAX_SEALED_BYTES + 1]) for f in uploaded]
    with st.spinner("Checking and importing…"):
        st.session_state.import_results = import_files(vault(), batch)
    st.session_state.uploader_round += 1
    st.rerun()


def client_label(result: FileResult) -> str:
    client = data.client_by_id(result.client_id) if result.client_id else None
    return client.label if client else "–"


def results_frame(results: list[FileResult]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "File": [r.file for r in results],
            "Result": ["✔ imported" if r.status == "imported" else "✖ refused" for r in results],
            "Client": [client_label(r) for r in results],
            "New": [r.new for r in results],
            "Updated": [r.updated for r in results],
            "Removed": [r.removed for r in results],
            "What happened": [r.summary for r in results],
            "What to do": [r.hint or "–" for r in results],
        }
    )


results = st.session_state.import_results
if results:
    refused = [r for r in results if r.status != "imported"]
    imported = len(results) - len(refused)
    st.subheader("Last import", anchor=False)
    if refused:
        st.warning(
            f"{imported} of {len(results)} files imported; {len(refused)} refused. "
            "A refused file changed nothing: see 'What to do' in its row."
        )
    else:
        done = "The file was" if len(results) == 1 else f"All {len(results)} files were"
        st.success(f"{done} imported. The caseload and client views already show the new data.")
    st.dataframe(
        results_frame(results),
        hide_index=True,
        column_config={
            "New": st.column_config.NumberColumn(width=60),
            "Updated": st.column_config.NumberColumn(width=70),
            "Removed": st.column_config.NumberColumn(width=70),
            "What to do": st.column_config.TextColumn(width="large"),
        },
    )
    for result in refused:
        st.markdown(
            f":material/block: **{escape_markdown(result.file)}** was refused. "
            f"{escape_markdown(result.summary)} {escape_markdown(result.hint)}"
        )
