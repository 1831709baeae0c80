"""The published JSON Schema and FORMAT.md stay in step with the model."""

import json
import re
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from securebase import limits, schema
from tests.builders import valid_document

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current():
    committed = schema.SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema.render(), "run `make schema` and commit the result"


def test_schema_accepts_a_valid_document():
    jsonschema.Draft202012Validator(schema.export_schema()).validate(valid_document())


@pytest.mark.parametrize(
    "breakage",
    [
        lambda doc: doc.update(unknown_field=1),
        lambda doc: doc["entries"][0].update(belief_before=101),
        lambda doc: doc["entries"][0].update(triggers=["not_a_trigger"]),
        lambda doc: doc.update(version=2),
    ],
)
def test_schema_refuses_what_the_model_refuses(breakage):
    document = valid_document()
    breakage(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema.export_schema()).validate(document)


LIMIT_NAMES = [
    name
    for name, value in vars(limits).items()
    if name.isupper() and isinstance(value, int | datetime)
]


def documented(value) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


@pytest.mark.parametrize("name", LIMIT_NAMES)
def test_format_doc_states_each_limit_with_its_value(name):
    format_doc = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    row = rf"\| `{name}` \| `{re.escape(documented(getattr(limits, name)))}` \|"
    assert re.search(row, format_doc), f"docs/FORMAT.md does not state {name} correctly"


def test_schema_file_is_valid_json():
    assert json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8"))["$id"].startswith("urn:")
