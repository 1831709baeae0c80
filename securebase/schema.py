"""The published JSON Schema of the export document, generated from the model.

``python -m securebase.schema`` rewrites ``docs/journal-export.schema.json``;
a test fails when the committed file differs from what the model generates,
so the schema can never drift from the code that enforces it.
"""

import json
import sys
from pathlib import Path

from securebase.journal import FORMAT_LABEL, FORMAT_VERSION, ExportDocument

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "journal-export.schema.json"


def export_schema() -> dict:
    schema = ExportDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:securebase:{FORMAT_LABEL}:v{FORMAT_VERSION}",
        **schema,
    }


def render() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
