"""The JSON Schema of term files, generated from the input model for editors and other validators."""

import json
from pathlib import Path

from termsheet.schema import TermSheet

SCHEMA_FILENAME = "termsheet.schema.json"
#: The schema's ``$id``: where the repository publishes the committed schema.
SCHEMA_ID = "https://github.com/termsheet/termsheet/raw/main/schemas/termsheet.schema.json"


def generate_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a term file."""
    schema = TermSheet.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    """The schema as it is committed: sorted keys, two-space indent, final newline."""
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema(path: Path) -> None:
    """Write the schema to ``path``, creating its folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(schema_text())


def check_schema(path: Path) -> bool:
    """True when the file at ``path`` is the schema the current model generates.

    Raises ``OSError`` (``FileNotFoundError`` included) when it cannot be read
    and ``UnicodeDecodeError`` when it is not UTF-8.
    """
    return path.read_text(encoding="utf-8") == schema_text()
