"""`replaces: OLD-ID`: the earlier id of a renamed provision (termsheet.schema.common)."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from termsheet import schema
from termsheet.schema import Provision, TermSheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def us_data() -> dict:
    from termsheet.source.validate import validate_file

    result = validate_file(str(ROOT / "samples" / "us-draft.yaml"))
    assert result.sheet is not None
    return result.sheet.model_dump(mode="json")


def test_every_provision_with_an_id_may_say_what_it_replaces():
    models = [m for m in vars(schema).values()
              if isinstance(m, type) and issubclass(m, Provision) and "id" in m.model_fields]
    assert len(models) >= 10
    assert all("replaces" in m.model_fields for m in models)


def test_replaces_is_an_id(us_data):
    data = {**us_data, "commitments": [{**us_data["commitments"][0], "replaces": "cmt-old"}]}
    assert TermSheet.model_validate(data).commitments[0].replaces == "cmt-old"
    data["commitments"][0]["replaces"] = "Not An Id"
    with pytest.raises(pydantic.ValidationError, match="replaces"):
        TermSheet.model_validate(data)


def test_a_provision_without_an_id_cannot_replace_one(us_data):
    data = {**us_data, "duration": {**us_data["duration"], "replaces": "dur-old"}}
    with pytest.raises(pydantic.ValidationError,
                       match="only a provision with an id can say which id it replaces"):
        TermSheet.model_validate(data)
