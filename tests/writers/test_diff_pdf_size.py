"""The side-by-side PDF's pages, estimated before layout (what `diff --max-pages` checks)."""

from __future__ import annotations

import io

import pytest

from sidefixtures import pair
from termsheet.compare.sidebyside import build_side_by_side
from termsheet.writers.diff_pdf import estimate_pages, write_side_by_side_pdf
from termsheet.writers.table import PDF_ENGINES


def _view(changes_only: bool):
    comparison, old_doc, new_doc = pair("us-draft-v0.2", "us-draft")
    return build_side_by_side(comparison, old_doc, new_doc, changes_only=changes_only)


def test_changes_only_is_estimated_shorter():
    assert 0 < estimate_pages(_view(changes_only=True)) * 3 <= estimate_pages(_view(False))


@pytest.mark.slow
@pytest.mark.parametrize("engine", PDF_ENGINES)
@pytest.mark.parametrize("changes_only", [False, True])
def test_estimate_is_within_a_quarter_of_the_pages_laid_out(changes_only, engine):
    from pypdf import PdfReader

    view = _view(changes_only)
    pages = len(PdfReader(io.BytesIO(write_side_by_side_pdf(view, pdf_engine=engine))).pages)
    estimate = estimate_pages(view, pdf_engine=engine)
    assert abs(estimate - pages) <= max(2, pages / 4), (estimate, pages)
