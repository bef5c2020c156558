"""The bundled samples as tests use them: validated, built into documents, or as plain data."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel
from ruamel.yaml import YAML

from termsheet.compose import build
from termsheet.document.nodes import Document
from termsheet.document.transforms import apply_transforms
from termsheet.schema.walk import model_in
from termsheet.source.validate import validate_file

from conftest import ROOT

SAMPLES = ("us-draft", "coalition-draft", "ukraine-position", "minimal")


@lru_cache(maxsize=None)
def sample(name: str):
    """The validation result of ``samples/<name>.yaml`` (sheet and positions)."""
    result = validate_file(ROOT / "samples" / f"{name}.yaml", filename=f"samples/{name}.yaml")
    assert result.sheet is not None, [str(d) for d in result.errors]
    return result


@lru_cache(maxsize=None)
def built(name: str) -> Document:
    """The numbered document of a sample, with origins (file, YAML path, line, column)."""
    result = sample(name)
    return apply_transforms(build(result.sheet, source_file=f"samples/{name}.yaml",
                                  positions=result.document.positions))


def sample_data(name: str) -> dict:
    return YAML(typ="safe", pure=True).load((ROOT / "samples" / f"{name}.yaml").read_text("utf-8"))


def strip_optional(data, model: type[BaseModel], drop=lambda path: True, path=()):
    """``data`` without the optional fields ``drop`` chooses; lists and sub-objects are kept
    and stripped inside, so every provision stays, with only what it needs."""
    if not isinstance(data, dict):
        return data
    result = {}
    for key, value in data.items():
        field = model.model_fields[key]
        inner = model_in(field.annotation)
        if isinstance(value, list):
            result[key] = [strip_optional(item, inner, drop, (*path, key)) if inner else item
                           for item in value]
        elif isinstance(value, dict) and inner is not None:
            result[key] = strip_optional(value, inner, drop, (*path, key))
        elif field.is_required() or not drop((*path, key)):
            result[key] = value
    return result
