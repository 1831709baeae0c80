"""How the therapist's command line words its results (text and --json shapes).

Client labels are therapist-typed but still pass through ``terminal_safe``.
"""

from dataclasses import dataclass

from securebase.display import terminal_safe
from securebase.importer import FileResult
from securebase.vault import Client


def client_json(c: Client) -> dict:
    return {
        "client_id": c.client_id,
        "label": c.label,
        "entries": c.entries,
        "last_import": c.last_import_at,
        "key_fingerprint": c.key_fingerprint,
        "archived": c.archived_at is not None,
        "pending_key_fingerprint": c.pending_fingerprint,
        "key_status": c.key_status,
    }


#: What each key state asks of the therapist (client_keys), shown after the key.
KEY_NOTES = {
    "none": "",
    "confirmed": " (confirmed)",
    "unconfirmed": "  NOT CONFIRMED: compare it with the code the client's journal shows, "
    "then: securebase client confirm {ref} {key}",
    "conflict": "  TWO DEVICES ANSWERED: nothing from {pending} was imported; ask the client "
    "for their code, then: securebase client confirm {ref} CODE",
    "changed": "  NEW KEY WAITING: {pending}; if the client confirms it: "
    "securebase client confirm {ref} {pending}",
}


def client_line(c: Client) -> str:
    state = " (archived)" if c.archived_at else ""
    last = c.last_import_at[:10] if c.last_import_at else "never"
    key = c.key_fingerprint or "not pinned yet"
    note = KEY_NOTES[c.key_status].format(
        ref=c.client_id[:8], key=key, pending=c.pending_fingerprint
    )
    return (
        f"{terminal_safe(c.label)}{state}  {c.client_id[:8]}  entries {c.entries}  "
        f"last import {last}  key {key}{note}"
    )


@dataclass(frozen=True)
class ImportReport:
    text: str
    payload: dict
    refused: int


def import_report(results: list[FileResult]) -> ImportReport:
    lines = []
    for result in results:
        mark = "ok" if result.status == "imported" else "NOT IMPORTED"
        lines.append(f"{mark}  {terminal_safe(result.file)}: {result.summary}")
        if result.hint:
            lines.append(f"      hint: {result.hint}")
    refused = sum(result.status == "refused" for result in results)
    if refused:
        lines.append(f"{refused} of {len(results)} files were not imported; nothing else changed.")
    return ImportReport("\n".join(lines), {"files": [r.as_json() for r in results]}, refused)
