"""The one table of writers: for each output format, the files it writes and how.

A :class:`Writer` names its module and function as strings, so that looking a
format up imports nothing: WeasyPrint and python-docx are imported only when a
PDF or a DOCX is written (``termsheet validate`` and ``render --to md`` never
pay for them). The jobs write every format through :func:`writers_for` and
:meth:`Writer.write`; the command line offers :data:`FORMATS` and
:data:`DIFF_FORMATS`.

A writer reads one *subject*, named by :attr:`Writer.reads`: a term sheet's
``document``; for a comparison the data ``comparison``, the ``side_by_side``
view (:func:`termsheet.compare.sidebyside.build_side_by_side`, computed once per
job) or the ``redline`` Document (:func:`termsheet.compare.redline.redline`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from termsheet.errors import TermsheetError


@dataclass(frozen=True)
class Writer:
    """One output file of a format: the function that writes it and what it gives."""

    module: str
    """Dotted name of the writer module, imported only when the file is written."""
    function: str
    """The function in ``module``: ``function(subject, **options) -> str | bytes``."""
    reads: str
    """The subject it is given: ``document``, ``comparison``, ``side_by_side`` or ``redline``."""
    produces: str
    """``text`` (str, written as UTF-8) or ``bytes``."""
    options: tuple[str, ...] = ("templates",)
    """The keyword options the function takes, out of those the job offers."""
    suffix: str = ""
    """Added to the file's stem: ``-redline`` (a format with one file has none)."""

    def load(self) -> Callable:
        """The writer function (its module imported now)."""
        return getattr(importlib.import_module(self.module), self.function)

    def write(self, subject, options: Mapping[str, object]) -> bytes:
        """The file's bytes for ``subject``, given the options this writer takes."""
        content = self.load()(subject, **{name: options[name] for name in self.options})
        return content.encode("utf-8") if self.produces == "text" else content


_W = "termsheet.writers."

TERM_SHEET_WRITERS: dict[str, tuple[Writer, ...]] = {
    "docx": (Writer(_W + "docx", "write_docx", "document", "bytes"),),
    "pdf": (Writer(_W + "pdf", "write_pdf", "document", "bytes",
                   options=("templates", "variant", "attachment", "timeout", "pdf_engine")),),
    "html": (Writer(_W + "html", "write_html", "document", "text"),),
    "md": (Writer(_W + "markdown", "write_markdown", "document", "text", options=()),),
}
"""Term-sheet formats, in the order the command line lists them: one file each."""

COMPARISON_WRITERS: dict[str, tuple[Writer, ...]] = {
    "html": (Writer(_W + "diff_html", "write_side_by_side_html", "side_by_side", "text"),),
    "pdf": (Writer(_W + "diff_pdf", "write_side_by_side_pdf", "side_by_side", "bytes",
                   options=("templates", "pdf_engine")),),
    "docx": (
        Writer(_W + "docx_redline", "write_docx_redline", "redline", "bytes",
               options=("templates", "author", "comparison"), suffix="-redline"),
        Writer(_W + "diff_docx", "write_side_by_side_docx", "side_by_side", "bytes",
               suffix="-side-by-side"),
    ),
    "json": (Writer(_W + "diff_json", "write_diff_json", "comparison", "text", options=()),),
    "md": (Writer(_W + "diff_summary", "write_diff_markdown", "comparison", "text", options=()),),
}
"""Comparison formats, in the order the command line lists them; DOCX writes two files."""

PDF_ENGINES = ("typst", "weasyprint")
"""The engines that lay out PDFs (the PDF writers' ``pdf_engine`` option)."""


def check_engine(pdf_engine: str) -> str:
    """``pdf_engine`` when it is one of :data:`PDF_ENGINES`; else a ValueError naming them."""
    if pdf_engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {pdf_engine!r}; allowed: {', '.join(PDF_ENGINES)}")
    return pdf_engine

FORMATS = tuple(TERM_SHEET_WRITERS)
DIFF_FORMATS = tuple(COMPARISON_WRITERS)

_TABLES = {"term sheet": TERM_SHEET_WRITERS, "comparison": COMPARISON_WRITERS}


def writers_for(fmt: str, kind: str = "term sheet") -> tuple[Writer, ...]:
    """The files of format ``fmt`` for a ``term sheet`` or a ``comparison``.

    An unknown format is a :class:`~termsheet.errors.TermsheetError` (``unknown-format``).
    """
    table = _TABLES[kind]
    if fmt not in table:
        raise TermsheetError(f"unknown {kind} format {fmt!r}; choose from {', '.join(table)}",
                             code="unknown-format")
    return table[fmt]
