"""The N-column document of a consolidation as a landscape Word table.

    write_columns_docx(view, templates=None) -> bytes

The side-by-side DOCX's page and helpers (:mod:`termsheet.writers.diff_docx`:
landscape A4 with 2 cm margins, the reference.docx styles, table cells, the
inline writer with markers for invisible characters) and the DOCX package's
reproducible bytes, header and footer. The front gives the title, the
convergence line and the versions; then one table: a repeated heading row
(No. | each version | (Compromise) | Status) and one row per provision, a
section heading before each section's provisions as a shaded row spanning the
table. A cell gives the version's number and direction, then its text with
insertions and deletions marked against the reference, or "not addressed".
"""

from __future__ import annotations

from termsheet.compare.columns import NOT_ADDRESSED, ColumnCell, ColumnRow, ColumnsView
from termsheet.compare.consolidation import STATUS_WORDS
from termsheet.document.nodes import LineBreak
from termsheet.resources import TemplateSet
from termsheet.writers.columns_html import columns_info
from termsheet.writers.diff_docx import (
    SECTION_FILL, VOID_FILL, SideBySideWriter, write_landscape_table,
)

NUMBER_SHARE = 0.08
STATUS_SHARE = 0.09
"""Shares of the text width for the number and status columns; the versions share the rest."""


def write_columns_docx(view: ColumnsView, *, templates: TemplateSet | None = None) -> bytes:
    """The N-column document as the bytes of a .docx file."""
    info = columns_info(view)
    return write_landscape_table(
        view, info, view.title, info.language,
        lambda body, styles, width, numbering: _ColumnsWriter(body, styles, width, numbering,
                                                              len(view.columns)),
        templates)


class _ColumnsWriter(SideBySideWriter):
    """The side-by-side writer's helpers, with a column per version."""

    def __init__(self, body, styles, width: int, numbering, versions: int):
        super().__init__(body, styles, width, numbering)
        number, status = int(width * NUMBER_SHARE), int(width * STATUS_SHARE)
        each = (width - number - status) // versions
        self.widths = [number, *([each] * versions), width - number - each * versions]

    def front(self, view: ColumnsView) -> None:
        self.inline.where = "consolidation"
        if any(info.illustrative for info in view.infos):
            self.line("illustrative", "ILLUSTRATIVE \u2014 NOT A REAL DOCUMENT")
        self.line("title", view.title)
        self.line("body", view.convergence, ("strong",))
        for column in view.columns:
            paragraph = self.paragraph(self.body, "document_info")
            self.inline.run(paragraph, column.label, ("label",))
            text = f"\t{column.doc_id} {column.version}, {column.date}, {column.code}"
            if column.file:
                text += f" ({column.file})"
            self.inline.run(paragraph, text)
        reference = "the base" if view.reference == "base" else view.reference
        paragraph = self.paragraph(self.body, "note")
        self.inline.run(paragraph, f"Each cell is marked against {reference}: ")
        self.inline.run(paragraph, "deleted words", ("deleted",))
        self.inline.run(paragraph, " struck through, ")
        self.inline.run(paragraph, "inserted words", ("inserted",))
        self.inline.run(paragraph, f" underlined; \u201c{NOT_ADDRESSED}\u201d where a version "
                                   "is silent on the provision (silence is not a deletion).")
        if view.consolidation.perspective:
            self.line("body", view.consolidation.perspective, ("emphasis",))

    def table(self, view: ColumnsView) -> None:
        from termsheet.writers.docx.runs import SubElement, w

        table, properties = self.fixed_table()
        SubElement(properties, w("tblCaption")).set(w("val"), "Provisions by version")
        grid = SubElement(table, w("tblGrid"))
        for width in self.widths:
            SubElement(grid, w("gridCol")).set(w("w"), str(width))
        header = SubElement(table, w("tr"))
        row_properties = SubElement(header, w("trPr"))
        SubElement(row_properties, w("cantSplit"))
        SubElement(row_properties, w("tblHeader"))
        headings = ("No.", *(column.label for column in view.columns), "Status")
        for index, text in enumerate(headings):
            self.inline.run(self.cell(header, index, "table_header"), text)
        for section in view.sections:
            for index, row in enumerate(section.rows):
                self.row(table, row, section.title if index == 0 else None)

    def row(self, table, row: ColumnRow, section_title: str | None) -> None:
        from termsheet.writers.docx.runs import SubElement, w

        self.inline.where = f"consolidation row {row.id}"
        tr = SubElement(table, w("tr"))
        SubElement(SubElement(tr, w("trPr")), w("cantSplit"))
        number = self.cell(tr, 0)
        if section_title:
            self.inline.run(number, section_title, ("strong",))
            self.inline.line_break(number, None, ())
        self.inline.run(number, row.number, ("strong",))
        self.inline.line_break(number, None, ())
        self.inline.run(number, row.label, ("emphasis",))
        for index, cell in enumerate(row.cells, start=1):
            self.version_cell(self.cell(tr, index, fill=None if cell.addressed else VOID_FILL),
                              cell)
        status = self.cell(tr, len(self.widths) - 1,
                           fill=SECTION_FILL if row.status != "agreed" else None)
        self.inline.run(status, STATUS_WORDS.get(row.status, row.status), ("label",))
        if row.state:
            self.inline.line_break(status, None, ())
            self.inline.run(status, row.state, ("emphasis",))

    def version_cell(self, paragraph, cell: ColumnCell) -> None:
        if not cell.addressed:
            self.inline.run(paragraph, NOT_ADDRESSED, ("emphasis",))
            return
        self.inline.write(paragraph, cell.number, ("strong",))
        if cell.direction:
            self.inline.run(paragraph, f" ({cell.direction})", ("tag",))
        tc = paragraph.getparent()
        for line in _lines(cell.content):
            self.inline.write(self.paragraph(tc, "table_text"), line)
        if cell.reasons:
            self.inline.run(self.paragraph(tc, "table_text"), "; ".join(cell.reasons),
                            ("emphasis",))


def _lines(content) -> list[tuple]:
    """Inline content split at its top-level line breaks (a paragraph each)."""
    lines: list[list] = [[]]
    for node in content:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines]
