"""Side-by-side comparison as a landscape A4 PDF: the print variant of the comparison page.

    write_side_by_side_pdf(view, templates=None) -> bytes
    estimate_pages(view) -> int    (before any layout: what ``diff --max-pages`` checks)

The same rows as the HTML page (:mod:`termsheet.compare.sidebyside`), printed
by :func:`termsheet.writers.diff_html.render_diff_page` with ``for_print=True``
(no controls, no script, ``styles/diff-print.css`` only: A4 landscape, the
column headings repeated on every page, the marking and "Page X of Y" in the
margins) and laid out by the term-sheet PDF writer's machinery
(:mod:`termsheet.writers.pdf`), so the same guards hold:

- the only URL fetcher is :class:`termsheet.writers.fetcher.SafeFetcher`;
- every WeasyPrint warning is an error (``code="render-warning"``);
- every character printed — both documents, the facts and labels the comparison
  adds — must be covered by the stylesheet's fonts (``code="missing-glyph"``);
- ``timeout`` bounds the render; dates come from ``source_date``, else
  ``SOURCE_DATE_EPOCH``, else the later of the two document dates, and the PDF
  ``/ID`` is a hash of the page, so the bytes are reproducible;
- PDF/UA-1 (tagged) by default; the document title is "Comparison: … → …".

``pdf_engine="typst"`` lays out the same view with Typst instead
(:mod:`termsheet.writers.typst_side_by_side`: the same parts and words, the
bundled fonts, many times faster on long comparisons).
"""

from __future__ import annotations

import gc
import math
from contextlib import contextmanager

from termsheet.compare.sidebyside import SideBySide, build_side_by_side
from termsheet.document.nodes import Document
from termsheet.resources import TemplateSet
from termsheet.writers.diff_html import PRINT_CSS, render_diff_page
from termsheet.writers.extra_css import print_stylesheet
from termsheet.writers.table import check_engine
from termsheet.writers.typst_side_by_side import comparison_texts, write_side_by_side_pdf_typst


def write_diff_pdf(comparison, old_doc: Document, new_doc: Document, **options) -> bytes:
    """The side-by-side comparison of ``old_doc`` and ``new_doc`` as PDF bytes."""
    return write_side_by_side_pdf(build_side_by_side(comparison, old_doc, new_doc), **options)


def write_side_by_side_pdf(view: SideBySide, *, templates: TemplateSet | None = None,
                           variant: str = "pdf/ua-1", source_date: str | None = None,
                           timeout: float | None = None, pdf_engine: str = "weasyprint") -> bytes:
    """A built side-by-side view as PDF bytes (landscape A4, tagged, reproducible), laid out
    by ``pdf_engine`` (:data:`termsheet.writers.table.PDF_ENGINES`)."""
    from termsheet.writers import pdf

    if check_engine(pdf_engine) == "typst":
        return write_side_by_side_pdf_typst(view, templates=templates, variant=variant,
                                            source_date=source_date, timeout=timeout)

    templates = templates or TemplateSet()
    old_doc, new_doc = view.old_document, view.new_document
    later = new_doc if new_doc.info.date >= old_doc.info.date else old_doc
    timestamp = pdf.fixed_timestamp(later, source_date)
    html = render_diff_page(view, templates=templates, for_print=True, timestamp=timestamp)

    stylesheet, css = print_stylesheet(templates, PRINT_CSS)
    families = pdf.font_families(css)
    pdf.check_glyphs(old_doc, families)
    pdf.check_glyphs(new_doc, families)
    pdf.check_glyphs(comparison_texts(view), families)

    with _fewer_collections():
        return pdf.html_to_pdf(html, stylesheet=stylesheet, variant=variant,
                               timestamp=timestamp, timeout=timeout)


@contextmanager
def _fewer_collections():
    """Run the layout with Python's cyclic garbage collector scanning less often.

    A long comparison lays out hundreds of thousands of boxes that all stay alive
    until the PDF is written; the collector kept rescanning them (a third to two
    fifths of the PDF's time at 100 to 500 provisions). The objects alive before the
    layout are frozen out of its scans and its first generation is collected after
    50,000 allocations instead of 700, for about 10 % more peak memory.
    """
    thresholds = gc.get_threshold()
    gc.collect()  # no garbage of the earlier stages is frozen with the live objects
    gc.freeze()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


# ------------------------------------------------------------------ size

TEXT_LINE = 62
"""Characters of an OLD or NEW column's line (a third of a landscape page, 8 pt)."""
CHANGE_LINE = 38
"""Characters of a line of the change column."""
PAGE_LINES = 48
"""Lines of the table on one page (WeasyPrint)."""
TYPST_PAGE_LINES = 74
"""The same lines on one page of the Typst PDF, which sets them closer."""
FRONT_LINES = 40
"""Lines of the header, the counts and the legend, before the change list."""


def estimate_pages(view: SideBySide, pdf_engine: str = "weasyprint") -> int:
    """About how many pages the side-by-side PDF of ``view`` runs to with ``pdf_engine``,
    counted from its texts before any layout (within about 15 % on generated and sample
    comparisons)."""
    lines = FRONT_LINES + len(view.changes) + sum(_row_lines(row) for row in view.rows)
    page_lines = TYPST_PAGE_LINES if check_engine(pdf_engine) == "typst" else PAGE_LINES
    return max(1, math.ceil(lines / page_lines))


def _row_lines(row) -> int:
    """Lines a row takes: its tallest column, plus the space between rows."""
    text = sum(max(_lines(old, TEXT_LINE), _lines(new, TEXT_LINE))
               for old, new in row.segment_texts())
    changes = sum(_change_lines(change) for change in row.changes)
    return max(text, changes, 1) + 1


def _change_lines(change) -> int:
    texts = [change.badge, "; ".join(change.why), change.status_text or "", *change.flags,
             *(f"{fact.field}: {fact.text} {fact.reason or ''}" for fact in change.facts),
             *change.notes]
    return _lines([text for text in texts if text], CHANGE_LINE)


def _lines(texts: list[str], width: int) -> int:
    return sum(max(1, math.ceil(len(text) / width)) for text in texts)
