"""Import: drop the clients' export files, see what each one did, and what to do if refused.

Every file is imported on its own, all or nothing; a refused file changes no
clinical data. Importing the same file twice is safe (nothing is duplicated).
The rest of the dashboard shows the new data straight away. A file that
changed nothing (already imported) says so, in grey, not as a green success.
Results are a plain table that wraps its text, so no column is ever cut off.
"""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.page_messages import page_hint
from dashboard.state import vault
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


def changed(result: FileResult) -> bool:
    return result.status == "imported" and (result.new + result.updated + result.removed) > 0


def result_words(result: FileResult) -> str:
    if result.status != "imported":
        return "✖ refused"
    return "✔ imported" if changed(result) else "= already imported, nothing changed"


def results_frame(results: list[FileResult]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "File": [r.file for r in results],
            "Result": [result_words(r) for r in results],
            "Client": [client_label(r) for r in results],
            "New": [r.new for r in results],
            "Updated": [r.updated for r in results],
            "Removed": [r.removed for r in results],
            "What happened": [r.summary for r in results],
            "What to do": [page_hint(r.failure) or "–" for r in results],
        }
    )


def show_outcome(results: list[FileResult]) -> None:
    """One banner: refusals first, then what changed, and "nothing changed" in plain grey."""
    refused = [r for r in results if r.status != "imported"]
    fresh = [r for r in results if changed(r)]
    same = len(results) - len(refused) - len(fresh)
    imported = len(results) - len(refused)
    st.subheader("Last import", anchor=False)
    unchanged = f" ({same} already imported: nothing changed)" if same and fresh else ""
    if refused:
        st.warning(
            f"{imported} of {len(results)} files imported{unchanged}; {len(refused)} refused. "
            "A refused file changed nothing: see 'What to do' in its row."
        )
    elif not fresh:
        what = "This file was" if len(results) == 1 else "These files were"
        st.info(f"{what} already imported: nothing changed.", icon=":material/check:")
    else:
        done = "The file was" if len(results) == 1 else f"{len(fresh)} files were"
        st.success(
            f"{done} imported{unchanged}. The caseload and client views already show the new data."
        )


results = st.session_state.import_results
if results:
    show_outcome(results)
    st.table(results_frame(results).set_index("File"))
