"""The side-by-side PDF's pages, estimated before layout (what `diff --max-pages` checks)."""

from __future__ import annotations

import io

import pytest

from sidefixtures import pair
from termsheet.compare.sidebyside import build_side_by_side
from termsheet.writers.diff_pdf import estimate_pages, write_side_by_side_pdf


def _view(changes_only: bool):
    comparison, old_doc, new_doc = pair("us-draft-v0.2", "us-draft")
    return build_side_by_side(comparison, old_doc, new_doc, changes_only=changes_only)


def test_changes_only_is_estimated_shorter():
    assert 0 < estimate_pages(_view(changes_only=True)) * 3 <= estimate_pages(_view(False))


@pytest.mark.slow
@pytest.mark.parametrize("changes_only", [False, True])
def test_estimate_is_within_a_quarter_of_the_pages_laid_out(changes_only):
    from pypdf import PdfReader

    view = _view(changes_only)
    pages = len(PdfReader(io.BytesIO(write_side_by_side_pdf(view))).pages)
    assert abs(estimate_pages(view) - pages) <= max(2, pages / 4), (estimate_pages(view), pages)
