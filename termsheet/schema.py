"""The JSON Schema of term files, generated from the input model for editors and other validators."""

import json
from pathlib import Path

from termsheet.model import TermSheet
from termsheet.resources import data_dir

SCHEMA_FILENAME = "termsheet.schema.json"
SCHEMA_PATH = data_dir("schemas") / SCHEMA_FILENAME


def generate_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a term file."""
    schema = TermSheet.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The schema as it is committed: sorted keys, two-space indent, final newline."""
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> None:
    """Write the schema to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")


def check_schema(path: Path = SCHEMA_PATH) -> bool:
    """True when the file at ``path`` is the schema the current model generates."""
    try:
        return path.read_text(encoding="utf-8") == schema_text()
    except FileNotFoundError:
        return False
