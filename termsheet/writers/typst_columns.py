"""The N-column document of a consolidation as a landscape A4 PDF laid out by Typst.

    write_columns_pdf_typst(view, printed, timestamp=..., variant="pdf/ua-1",
                            timeout=None) -> bytes

The Typst variant of :func:`termsheet.writers.columns_html.write_columns_pdf`,
which calls it with ``pdf_engine="typst"``: the same parts and words as the
print page of ``templates/html/columns.html.j2`` (the versions compared, the
convergence line, the legend, then one table: a heading row with the version
labels repeated on every page, a band per section — the outline — and a row per
provision with its number and label, a cell per version with its number,
direction, word-marked text and reasons, "not addressed" where it is silent, and
its status). The marking runs once, at the top of every page; the title and
"Page X of Y" at the bottom.

``printed`` is the N-column document's texts as a Document (its ``info`` the
N-column identity: title, language, marking), which the caller builds once for
both engines; its glyphs are checked against the bundled fonts. The view reaches
Typst only as data (:func:`columns_data`).
"""

from __future__ import annotations

from termsheet.compare.columns import NOT_ADDRESSED, ColumnsView
from termsheet.compare.consolidation import STATUS_WORDS
from termsheet.compare.side_inlines import printed_text
from termsheet.document.nodes import Document, LineBreak
from termsheet.writers.typst_engine import check_bundled_glyphs
from termsheet.writers.typst_side_by_side import marked_data

TEMPLATE = "columns.typ"
TABLE_CHARACTERS = 165
"""Characters of a line across the version columns together (landscape A4, 8 pt)."""
ROW_LINES_TOGETHER = 45
"""A row estimated at up to this many lines in its tallest cell is kept on one page."""


def write_columns_pdf_typst(view: ColumnsView, printed: Document, *, timestamp: str,
                            variant: str = "pdf/ua-1", timeout: float | None = None) -> bytes:
    """The N-column document as PDF bytes (landscape A4, tagged, reproducible)."""
    from termsheet.writers.typst_engine import compile_pdf

    check_bundled_glyphs(printed)
    return compile_pdf(TEMPLATE, columns_data(view, printed), variant=variant,
                       timestamp=timestamp, timeout=timeout)


def columns_data(view: ColumnsView, printed: Document) -> dict:
    """Everything the template prints, as JSON-ready data (every string printed as text)."""
    info = printed.info
    return {
        "title": view.title, "lang": info.language, "illustrative": info.illustrative,
        "furniture": {"marking": info.marking or "", "reference": view.title,
                      "page": "Page", "of": "of"},
        "convergence": view.convergence,
        "columns": [{"label": c.label, "code": c.code, "doc_id": c.doc_id, "version": c.version,
                     "date": c.date, "file": c.file or ""} for c in view.columns],
        "reference": "the base" if view.reference == "base" else view.reference,
        "not_addressed": NOT_ADDRESSED,
        "perspective": view.consolidation.perspective or "",
        "sections": [{"title": section.title,
                      "rows": [_row(row, TABLE_CHARACTERS // len(view.columns))
                               for row in section.rows]}
                     for section in view.sections],
    }


def _row(row, line_characters: int) -> dict:
    return {"number": row.number, "label": row.label, "status": row.status,
            "status_words": STATUS_WORDS.get(row.status, row.status), "state": row.state or "",
            "cells": [_cell(cell) for cell in row.cells],
            "together": max(map(_cell_lines, row.cells, [line_characters] * len(row.cells)),
                            default=0) <= ROW_LINES_TOGETHER}


def _cell_lines(cell, line_characters: int) -> int:
    """About how many lines a cell takes: its text and reasons, and a line per line break."""
    breaks = sum(isinstance(node, LineBreak) for node in cell.content)
    text = printed_text(cell.content) + "; ".join(cell.reasons)
    return breaks + 2 + len(text) // max(line_characters, 1)


def _cell(cell) -> dict:
    if not cell.addressed:
        return {"addressed": False}
    return {"addressed": True, "number": marked_data(cell.number),
            "direction": cell.direction or "", "code": cell.direction_code or "",
            "c": marked_data(cell.content), "reasons": "; ".join(cell.reasons)}
