"""The body of the DOCX: header block, sections, clauses, paragraphs, lists and tables.

Built directly as lxml elements under ``w:body`` (python-docx's object API costs
too much per paragraph). Headings are Word's Heading 1/2 styles, so the
navigation pane shows the outline, numbered by Word's heading list where Word
counts them as the numbering transform did (`numbering`), typed otherwise. Every
provision carries a bookmark named from its id (`bookmarks`); a cross-reference
to a heading numbered by Word is a ``REF`` field to it (`runs.InlineWriter`).
"""

from __future__ import annotations

import contextlib

from termsheet.document.nodes import (
    MOVED_FROM, Clause, Document, ListBlock, Paragraph, Row, Section, Table, Text, annexes,
    body_sections, plain_text, row_lead, unknown_node,
)
from termsheet.writers.docx.bookmarks import bookmark_names  # noqa: F401  (part of this module's API)
from termsheet.writers.docx.labels import sentence, words
from termsheet.writers.furniture import labels_for
from termsheet.writers.docx.numbering import LEVELS, number_heading, word_numbered
from termsheet.writers.docx.package import Numbering
from termsheet.writers.docx.page import InfoText, after_tab
from termsheet.writers.docx.signatures import write_signatures
from termsheet.writers.docx.toc import ENTRY_CHANGES, entry_text, write_contents
from termsheet.writers.docx.tables import keep_together, layout
from termsheet.writers.docx.roles import CHANGE_ROLES, PARAGRAPH_ROLES, StyleMap
from termsheet.writers.docx.runs import (
    VAL, DocumentShapeError, InlineWriter, SubElement, add_paragraph, end_bookmark, paragraph_properties,
    start_bookmark, w,
)

TBL, TBLPR, TBLGRID, GRIDCOL, TR, TRPR, TC, TCPR, TCW = map(
    w, ("tbl", "tblPr", "tblGrid", "gridCol", "tr", "trPr", "tc", "tcPr", "tcW"))
W_, TYPE = w("w"), w("type")
GAP_AFTER_TABLE = "120"
"""Space before a paragraph or list that follows a table (6 pt), so it does not touch the border."""


def start_new_page(paragraph) -> None:
    """Make ``paragraph`` start a new page (``w:pageBreakBefore``, after its style)."""
    properties = paragraph_properties(paragraph)
    index = 1 if properties.find(w("pStyle")) is not None else 0
    properties.insert(index, properties.makeelement(w("pageBreakBefore"), {}))


def anchor_id(node) -> str | None:
    """The id a node's bookmark is named after; OLD's copy of a moved node has none (NEW's has it)."""
    return None if node.change == MOVED_FROM else node.id


class BodyWriter:
    """Appends a `Document`'s content to ``w:body``.

    Comparison marks are printed as formatting (``inserted``/``deleted`` roles, change tags);
    a subclass writes them otherwise through the hooks `change_roles`, `changed`, `heading_text`,
    `clause_tags`, `header_cells`, `caption_text`, `mark_row`, `table_separator` and `info_text`.
    """

    def __init__(self, body, styles: StyleMap, numbering: Numbering, text_width: int,
                 anchors: dict[str, str], inline: InlineWriter | None = None):
        self.body = body
        self.styles = styles
        self.numbering = numbering
        self.text_width = text_width
        self.anchors = anchors
        self.inline = inline or InlineWriter(styles, anchors)
        self._bookmark_id = 0
        self._bookmarked: set[str] = set()
        self.word_numbered: frozenset[str] = frozenset()
        """Ids of the headings Word numbers (the others have typed numbers)."""
        self.labels = labels_for("en")
        self._after_table = False
        self._block_dispatch = {Paragraph: self.paragraph, ListBlock: self.list, Table: self.table}

    # ---------------------------------------------------------- document

    def document(self, doc: Document) -> None:
        self.labels = labels_for(doc.info.language)
        self.word_numbered = self.inline.word_numbered = self.numbered_by_word(doc)
        self.header_block(self.info_text(doc))
        write_contents(self.body, doc, self.styles, self.inline, self.labels["contents"],
                       entry=self.contents_entry)
        for section in body_sections(doc):
            self.section(section)
        write_signatures(self.body, self.signatories(doc), self.styles, self.inline, self.labels,
                         changed=lambda paragraph, change: self.changed(paragraph, change, None))
        for annex in annexes(doc):
            self.annex(annex)

    def signatories(self, doc: Document) -> list[tuple[str, str | None]]:
        """The signature block's parties, each with its comparison mark (none in a term sheet)."""
        return [(party, None) for party in doc.info.signatories]

    def info_text(self, doc: Document) -> InfoText:
        """The header-block values of ``doc`` as inline nodes."""
        return InfoText(doc.info)

    def page_text(self, doc: Document) -> tuple[InfoText, InlineWriter]:
        """The page header's and footer's values, and the writer of their runs."""
        return InfoText(doc.info), InlineWriter(self.styles)

    def header_block(self, values: InfoText) -> None:
        """Illustrative banner, marking and handling lines, titles, version data, disclaimer."""
        info = values.info
        labels = labels_for(info.language)
        self.inline.where = "metadata"
        if info.illustrative:
            self.line("illustrative", (Text(labels["illustrative"]),))
        self.value_line("marking", values, "marking", where="metadata.marking")
        for index, (line, change) in enumerate(values.handling()):
            self.line("handling", line, change=change, where=f"metadata.marking.handling[{index}]")
        self.value_line("title", values, "title", where="metadata.title")
        for language, title, change in values.localized_titles():
            self.line("title_localized", title, lang=language, change=change,
                      where=f"metadata.title_localized.{language}")
        self.value_line("document_type", values, "document_type", shown=sentence,
                        where="metadata.document_type")
        for key, name, shown in (("document", "doc_id", None), ("version", "version", None),
                                 ("supersedes", "supersedes", None), ("status", "status", sentence),
                                 ("date", "date", None), ("drafting_party", "drafting_party", None),
                                 ("language", "language_name", None),
                                 ("authentic_languages", "authentic_languages", None),
                                 ("translation_of", "translation_of", None),
                                 ("negotiation_track", "negotiation_track", None)):
            value = values.inlines(name, shown)
            if value:
                self.inline.where = f"metadata.{key}"
                paragraph = add_paragraph(self.body, self.styles["document_info"])
                with self.changed(paragraph, values.line_change(name), None):
                    self.inline.run(paragraph, labels[key], ("label",))
                    self.inline.write(paragraph, after_tab(value))
        self.value_line("disclaimer", values, "disclaimer", where="metadata.disclaimer")

    def value_line(self, role: str, values: InfoText, name: str, *, shown=None, where: str):
        """The paragraph of one header-block value, if it has one."""
        value = values.inlines(name, shown)
        if value:
            self.line(role, value, change=values.line_change(name), where=where)

    def line(self, role: str, content, *, lang: str | None = None, where: str | None = None,
             change: str | None = None):
        """A paragraph of inline ``content`` in ``role`` (``lang`` sets its language)."""
        if where:
            self.inline.where = where
        paragraph = add_paragraph(self.body, self.styles[role])
        with self.changed(paragraph, change, None):
            self.inline.lang = lang
            self.inline.write(paragraph, content)
            self.inline.lang = None
        return paragraph

    def numbered_by_word(self, doc: Document) -> frozenset[str]:
        """Ids of the headings to number with Word's heading list (`numbering.word_numbered`)."""
        return word_numbered(doc)

    # ---------------------------------------------------------- comparison hooks

    def change_roles(self, change: str | None, node_id: str | None) -> tuple[str, ...]:
        """Inline roles that print a block's comparison mark."""
        return _change_roles(change, node_id)

    def changed(self, paragraph, change: str | None, node_id: str | None, *, row: bool = False):
        """Context manager around writing a paragraph of a block marked ``change``."""
        return contextlib.nullcontext()

    def heading_text(self, paragraph, node, roles: tuple[str, ...]) -> None:
        """The title of a section or clause heading, after its number and a tab unless Word
        numbers it; in the heading's bookmark."""
        with self.bookmark(paragraph, anchor_id(node)):
            typed = node.number and node.id not in self.word_numbered
            self.inline.run(paragraph, f"{node.number}\t{node.title}" if typed else node.title, roles)

    def contents_entry(self, paragraph, node) -> None:
        """A table-of-contents entry of a section or clause: number, tab, title."""
        with self.changed(paragraph, ENTRY_CHANGES.get(node.change), None):
            self.inline.run(paragraph, entry_text(node))

    def clause_tags(self, clause: Clause) -> list[tuple]:
        """The tags after a clause heading (status, change), as inline nodes."""
        tags = []
        if clause.status and clause.status != "agreed":
            tags.append(words(clause.status))
        if clause.change:
            tags.append(self.labels.get(clause.change, words(clause.change)))
        return [(Text(f" ({tag})"),) for tag in tags]

    def header_cells(self, table: Table) -> list[tuple]:
        """The header row's cells as inline nodes."""
        return [(Text(text),) for text in table.header]

    def caption_text(self, table: Table) -> tuple:
        return (Text(table.caption),)

    def mark_row(self, tr, change: str | None) -> None:
        """Mark a table row as a whole (nothing to do when marks are formatting)."""

    def table_separator(self, table: Table) -> None:
        """The empty paragraph that keeps two tables apart (Word joins tables that touch)."""
        add_paragraph(self.body, self.styles["body"])

    # ---------------------------------------------------------- structure

    def section(self, section: Section) -> None:
        self.inline.where = f"section {section.id}"
        self.heading("section_heading", section)
        for child in section.children:
            if isinstance(child, Clause):
                self.clause(child)
            else:
                self.block(child, ())

    def annex(self, section: Section) -> None:
        """An annex: a section whose heading starts a new page (after the signature block)."""
        heading = len(self.body)
        self.section(section)
        start_new_page(self.body[heading])

    def clause(self, clause: Clause) -> None:
        self.inline.where = _where(clause.id, clause.origin)
        roles = self.change_roles(clause.change, clause.id)
        self.heading("clause_heading", clause, roles, self.clause_tags(clause))
        first = len(self.body)
        for block in clause.blocks:
            self.block(block, roles)
        if _short(clause):  # keep a short clause on one page: its heading already keeps with it
            for paragraph in self.body[first:-1]:
                paragraph_properties(paragraph).insert(1, paragraph.makeelement(w("keepNext")))

    def heading(self, role: str, node, roles: tuple[str, ...] = (), tags=()) -> None:
        """A heading: number, tab, title, then tags such as ``(bracketed)`` (as the HTML prints them)."""
        self._after_table = False  # headings bring their own space
        paragraph = add_paragraph(self.body, self.styles[role])
        numbered = node.id in self.word_numbered
        number_heading(paragraph, self.numbering.headings() if numbered else None, LEVELS[role])
        with self.changed(paragraph, node.change, node.id):
            self.heading_text(paragraph, node, roles)
            for tag in tags:
                self.inline.write(paragraph, tag, ("tag",))

    def block(self, block, roles: tuple[str, ...]) -> None:
        method = self._block_dispatch.get(type(block))
        if method is None:
            raise unknown_node("docx", block)
        method(block, roles)

    # ---------------------------------------------------------- blocks

    def paragraph(self, node: Paragraph, roles: tuple[str, ...]) -> None:
        if node.role not in PARAGRAPH_ROLES:
            raise DocumentShapeError(
                f"paragraph {node.id or ''} has role {node.role!r}, which the DOCX writer has no "
                f"style for (known: {', '.join(sorted(PARAGRAPH_ROLES))})")
        if node.id or node.origin:
            self.inline.where = _where(node.id, node.origin)
        roles = roles + self.change_roles(node.change, node.id)
        paragraph = add_paragraph(self.body, self.styles[node.role])
        self._gap(paragraph)
        with self.changed(paragraph, node.change, node.id), self.bookmark(paragraph, anchor_id(node)):
            self.inline.write(paragraph, node.content, roles)

    def list(self, node: ListBlock, roles: tuple[str, ...]) -> None:
        if node.ordered:
            style, num_id = self.styles["list_number"], self.numbering.numbered()
        else:
            style, num_id = self.styles["list_bullet"], self.numbering.bullets()
        changes = node.item_changes
        for index, item in enumerate(node.items):
            paragraph = add_paragraph(self.body, style)
            numbering = SubElement(paragraph_properties(paragraph), w("numPr"))
            SubElement(numbering, w("ilvl")).set(VAL, "0")
            SubElement(numbering, w("numId")).set(VAL, num_id)
            self._gap(paragraph)
            change = changes[index] if index < len(changes) else None
            with self.changed(paragraph, change, None):
                self.inline.write(paragraph, item, roles + self.change_roles(change, None))

    def table(self, node: Table, roles: tuple[str, ...]) -> None:
        columns = len(node.header)
        if columns == 0:
            raise DocumentShapeError(f"table {node.id or node.caption or ''} has no columns")
        for row in node.rows:
            if len(row.cells) != columns:
                raise DocumentShapeError(
                    f"table {node.id or node.caption or ''}: row {row.id or ''} has "
                    f"{len(row.cells)} cells for {columns} columns")
        caption_bookmarked = False
        if self._after_table and not node.caption:
            # Word joins two tables that touch into one: keep an empty paragraph between them.
            self._after_table = False
            self.table_separator(node)
        if node.caption:
            paragraph = add_paragraph(self.body, self.styles["caption"])
            with self.changed(paragraph, node.change, node.id), self.bookmark(paragraph, anchor_id(node)):
                self.inline.write(paragraph, self.caption_text(node), roles)
            caption_bookmarked = True
        shape = layout(node, self.text_width)
        widths = shape.widths
        suffix = "_compact" if shape.compact else ""
        table = SubElement(self.body, TBL)
        self._table_properties(table, node, sum(widths), self.styles["table" + suffix])
        grid = SubElement(table, TBLGRID)
        for width in widths:
            SubElement(grid, GRIDCOL).set(W_, str(width))

        header = SubElement(table, TR)
        row_properties = SubElement(header, TRPR)
        SubElement(row_properties, w("cantSplit"))
        SubElement(row_properties, w("tblHeader"))
        self.mark_row(header, node.change)
        for index, (cell, width) in enumerate(zip(self.header_cells(node), widths)):
            paragraph = self._cell(header, width, "table_header" + suffix)
            bookmark = None if caption_bookmarked or index else anchor_id(node)
            with self.changed(paragraph, node.change, None, row=True), self.bookmark(paragraph, bookmark):
                self.inline.write(paragraph, cell, roles)

        for row in node.rows:
            self._row(table, row, shape, roles, "table_text" + suffix)
        self._after_table = True

    def _gap(self, paragraph) -> None:
        """Space out the first paragraph after a table."""
        if self._after_table:
            SubElement(paragraph_properties(paragraph), w("spacing")).set(w("before"), GAP_AFTER_TABLE)
            self._after_table = False

    def _row(self, table, row: Row, shape, roles, role: str) -> None:
        if row.id or row.origin:
            self.inline.where = _where(row.id, row.origin)
        roles = roles + self.change_roles(row.change, row.id)
        tr = SubElement(table, TR)
        if keep_together([plain_text(cell.content) for cell in row.cells], shape):
            SubElement(SubElement(tr, TRPR), w("cantSplit"))
        self.mark_row(tr, row.change)
        for index, (cell, width) in enumerate(zip(row.cells, shape.widths)):
            paragraph = self._cell(tr, width, role)
            with self.changed(paragraph, row.change, None, row=True), \
                    self.bookmark(paragraph, anchor_id(row) if index == 0 else None):
                lead = row_lead(row) if index == 0 else ()
                self.inline.write(paragraph, lead + cell.content, roles)

    def _cell(self, tr, width: int, role: str):
        tc = SubElement(tr, TC)
        width_element = SubElement(SubElement(tc, TCPR), TCW)
        width_element.set(W_, str(width))
        width_element.set(TYPE, "dxa")
        return add_paragraph(tc, self.styles[role])

    def _table_properties(self, table, node: Table, total: int, style_id: str) -> None:
        properties = SubElement(table, TBLPR)
        SubElement(properties, w("tblStyle")).set(VAL, style_id)
        width = SubElement(properties, w("tblW"))
        width.set(W_, str(total))
        width.set(TYPE, "dxa")
        SubElement(properties, w("tblLayout")).set(TYPE, "fixed")
        look = SubElement(properties, w("tblLook"))
        for key, value in (("val", "0620"), ("firstRow", "1"), ("lastRow", "0"),
                           ("firstColumn", "0"), ("lastColumn", "0"), ("noHBand", "1"),
                           ("noVBand", "1")):
            look.set(w(key), value)
        if node.caption:
            SubElement(properties, w("tblCaption")).set(VAL, node.caption)

    # ---------------------------------------------------------- bookmarks

    def bookmark(self, paragraph, node_id: str | None):
        """Context manager: wrap what is appended to ``paragraph`` in the bookmark of ``node_id``
        (its first node only, should an id occur twice)."""
        name = self.anchors.get(node_id) if node_id else None
        if name in self._bookmarked:
            name = None
        elif name:
            self._bookmarked.add(name)
        return _Bookmark(self, paragraph, name)


class _Bookmark:
    def __init__(self, writer: BodyWriter, paragraph, name: str | None):
        self.writer, self.paragraph, self.name = writer, paragraph, name

    def __enter__(self):
        if self.name:
            self.id = self.writer._bookmark_id
            self.writer._bookmark_id += 1
            start_bookmark(self.paragraph, self.id, self.name)

    def __exit__(self, *exc):
        if self.name and exc[0] is None:
            end_bookmark(self.paragraph, self.id)


SHORT_CLAUSE = 700
"""A clause of paragraphs only, with at most this many characters, is kept on one page."""


def _short(clause: Clause) -> bool:
    blocks = clause.blocks
    return (0 < len(blocks) <= 4 and all(isinstance(b, Paragraph) for b in blocks)
            and sum(len(plain_text(b.content)) for b in blocks) <= SHORT_CLAUSE)


def _change_roles(change: str | None, node_id: str | None) -> tuple[str, ...]:
    if change is None:
        return ()
    try:
        return (CHANGE_ROLES[change],)
    except KeyError:
        raise DocumentShapeError(
            f"{node_id or 'node'}: unknown change mark {change!r} "
            f"(known: {', '.join(sorted(CHANGE_ROLES))})") from None


def _where(node_id: str | None, origin) -> str:
    """How an error names a node: its YAML path (with file and line when known), else its id."""
    if origin is None:
        return node_id or "document"
    place = origin.file
    if origin.line is not None:
        place += f":{origin.line}"
        if origin.column is not None:
            place += f":{origin.column}"
    return f"{place}: {origin.path}"
