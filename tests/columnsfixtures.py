"""N-column views of the samples (and of edited samples) as the column writers' tests use them."""

from __future__ import annotations

from functools import lru_cache

from termsheet.compare.columns import ColumnsView, build_columns
from termsheet.compare.consolidate import Input, consolidate
from termsheet.compose import build
from termsheet.document.transforms import apply_transforms
from termsheet.schema import TermSheet

from samplefixtures import built, sample

THREE = ("us-draft", "coalition-draft", "ukraine-position")


@lru_cache(maxsize=None)
def sample_columns(names: tuple[str, ...] = THREE) -> ColumnsView:
    """The N-column view of the samples ``names``, in that order."""
    inputs = [Input(sample(name).sheet, f"{name}.yaml") for name in names]
    return build_columns(consolidate(inputs), [built(name) for name in names])


def edited_columns(edit) -> ColumnsView:
    """us-draft against a copy edited by ``edit(data)`` (the term file's data, changed in place)."""
    sheet = sample("us-draft").sheet
    data = sheet.model_dump(mode="json")
    edit(data)
    other = TermSheet.model_validate(data)
    documents = [built("us-draft"), apply_transforms(build(other, source_file="edited.yaml"))]
    return build_columns(consolidate([Input(sheet, "us-draft.yaml"), Input(other, "edited.yaml")]),
                         documents)


def row(view: ColumnsView, row_id: str):
    return next(found for found in view.rows if found.id == row_id)
