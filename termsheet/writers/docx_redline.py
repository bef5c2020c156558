"""Redline DOCX: a redline Document → a .docx with native tracked changes (Word's Accept/Reject).

    write_docx_redline(redline(old, new), author="Coalition of the Willing",
                       date="2026-02-02") -> bytes

The layout is the ordinary DOCX writer's (`termsheet.writers.docx`): same
styles, headings, tables, page header and footer as the term sheets
themselves, so accepting every change gives NEW's term sheet and rejecting every
change gives OLD's, paragraph for paragraph. Two steps:

1. **Encode** (`encode`): the redline Document becomes a *plain* Document (no
   ``Inserted``/``Deleted`` nodes, no ``change`` fields, so the layout writer
   applies none of its fixed redline formatting) whose text carries sentinel
   characters from `revisions.Marker`: a span around each inserted/deleted
   piece, one sentinel per wholly changed paragraph (heading, list item, cell,
   caption, header-block line) and one per inserted/deleted table row. Titles,
   numbers and the header-block fields (version, date, drafting party…) are
   marked the same way, so they are tracked changes too, in the body and in
   the page header and footer.
2. **Lay out** with the DOCX writer (``render(encoded, metadata=doc.info)``: the
   file's properties and language come from the real info), then **convert**
   (`revisions.convert_parts`) the sentinels into ``w:ins``/``w:del``/
   ``w:moveFrom``/``w:moveTo``, paragraph-mark and row marks, and move ranges.

How each change is written:

- inserted/deleted words: ``w:ins``/``w:del`` runs (``w:delText``);
- inserted/deleted clause, paragraph, list item: every run and the paragraph
  mark marked; a deleted clause shows OLD's number;
- inserted/deleted table row (and every row of an inserted/deleted table,
  header row included): ``w:trPr`` mark and every cell paragraph marked;
- moved clause (same id, new place): a move pair named ``moveN``. The OLD copy
  is ``w:moveFrom`` inside ``w:moveFromRangeStart``/``End`` (its heading is the
  first paragraph of the range, its last paragraph the last); the NEW copy is
  the ``moveTo`` mirror. Words the move also dropped are ``w:del`` inside the
  moveFrom range, words it added ``w:ins`` inside the moveTo range, so
  accept/reject stay exact. Tables inside a moved clause, and rows moved within
  a table, are written as deleted + inserted rows (Word has no row moves);
- a renumbered clause or section: the old number deleted, the new inserted;
- a moved section's heading is a move pair of its own; its clauses are moves.

Not tracked: a flip of ``illustrative`` (the writer's fixed banner label) and a
change of the document language (the writer's labels); the file's metadata
(core properties) is NEW's.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from termsheet.compare.redline import (
    DELETED, INSERTED, MOVED_FROM, MOVED_TO, align, diff_text,
)
from termsheet.document.nodes import (
    Cell, Clause, Deleted, Document, DocumentInfo, Emphasis, Inline, Inserted, ListBlock,
    Paragraph, Row, Section, Table, Text, unknown_node,
)
from termsheet.resources import TemplateSet
from termsheet.writers.revisions import DEL, INS, MOVE_FROM, MOVE_TO, Marker, convert_parts

_BLOCK_KIND = {INSERTED: INS, DELETED: DEL, MOVED_FROM: MOVE_FROM, MOVED_TO: MOVE_TO}
_ROW_KIND = {INSERTED: INS, DELETED: DEL, MOVED_FROM: DEL, MOVED_TO: INS}
_OLD_HALF_SUFFIX = "~moved_from"

#: Header-block fields printed as text (and so tracked when OLD and NEW differ).
_INFO_TEXT_FIELDS = ("marking", "title", "document_type", "doc_id", "version", "supersedes",
                     "status", "date", "drafting_party", "negotiation_track", "disclaimer")


def write_docx_redline(doc: Document, *, author: str | None = None, date: str | None = None,
                       templates: TemplateSet | None = None) -> bytes:
    """The DOCX of a redline Document (from `termsheet.compare.redline.redline`), with native
    tracked changes by ``author`` (default: NEW's drafting party) dated ``date`` (default:
    NEW's document date; an ISO date becomes midnight UTC, ``2026-02-02T00:00:00Z``)."""
    from termsheet.writers.docx import package, render

    marker = Marker()
    document = render(encode(doc, marker), templates=templates, metadata=doc.info)
    convert_parts(_xml_parts(document), marker,
                  author=author if author is not None else doc.info.drafting_party,
                  date=revision_date(date if date is not None else doc.info.date))
    return package.save(document, doc.info)


def revision_date(date: str) -> str:
    """``date`` as an xsd:dateTime for ``w:date``: an ISO date becomes midnight UTC."""
    date = date.strip()
    if "T" in date:
        return date
    from termsheet.writers.zipnorm import midnight_utc
    return midnight_utc(date).strftime("%Y-%m-%dT%H:%M:%SZ")


def _xml_parts(document) -> list:
    """The document part's XML first, then every other XML part (headers, footers, styles…)."""
    roots = [document.part.element]
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and element is not roots[0]:
            roots.append(element)
    return roots


# ------------------------------------------------------------------ encoding

def encode(doc: Document, marker: Marker) -> Document:
    """The plain Document the layout writer sees: the redline's marks as sentinels in its text."""
    return _Encoder(marker).document(doc)


class _Encoder:
    def __init__(self, marker: Marker):
        self.m = marker
        self.moves: dict[tuple, str] = {}

    def move(self, key: tuple) -> str:
        if key not in self.moves:
            self.moves[key] = self.m.new_move()
        return self.moves[key]

    # strings --------------------------------------------------------------

    def whole(self, change: str | None, move: str | None = None) -> str:
        """The sentinel of a wholly changed paragraph ("" for an unchanged one)."""
        if change is None:
            return ""
        return self.m.paragraph(_BLOCK_KIND[change], move if change in (MOVED_FROM, MOVED_TO) else None)

    def marked(self, marked: Sequence[Inline] | None, plain: str | None) -> str | None:
        """A plain string carrying the Inserted/Deleted marks of ``marked`` (or ``plain``)."""
        if marked is None:
            return plain
        out = []
        for node in marked:
            if isinstance(node, Inserted):
                out.append(self.m.span(INS, _text(node.children)))
            elif isinstance(node, Deleted):
                out.append(self.m.span(DEL, _text(node.children)))
            else:
                out.append(_text((node,)))
        return "".join(out)

    # inline -----------------------------------------------------------------

    def inlines(self, content: Sequence[Inline]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in content:
            if isinstance(node, (Inserted, Deleted)):
                start, end = self.m.pair(INS if isinstance(node, Inserted) else DEL)
                out += [Text(start), *self.inlines(node.children), Text(end)]
            elif isinstance(node, Emphasis):
                out.append(Emphasis(self.inlines(node.children), node.strong))
            else:
                out.append(node)
        return tuple(out)

    def content(self, prefix: str, content: Sequence[Inline]) -> tuple[Inline, ...]:
        encoded = self.inlines(content)
        return ((Text(prefix),) + encoded) if prefix else encoded

    # document ---------------------------------------------------------------

    def document(self, doc: Document) -> Document:
        info = self.info(doc.info, getattr(doc, "old_info", None))
        return Document(info=info, sections=tuple(self.section(s) for s in doc.sections))

    def info(self, new: DocumentInfo, old: DocumentInfo | None) -> DocumentInfo:
        if old is None:
            return new
        fields = {}
        for name in _INFO_TEXT_FIELDS:
            shown = _sentence if name in ("status", "document_type") else None
            fields[name] = self.changed_line(getattr(old, name), getattr(new, name), shown)
        handling = []
        for op in align(old.handling, new.handling, key=lambda h: None, sig=lambda h: 0,
                        words=lambda h: h.split()):
            handling.append(self.changed_line(op.old, op.new))
        fields["handling"] = tuple(handling)
        localized = []
        for op in align(old.title_localized, new.title_localized, key=lambda t: t[0],
                        sig=lambda t: 0, words=lambda t: t[1].split()):
            language = (op.new or op.old)[0]
            localized.append((language, self.changed_line(op.old and op.old[1], op.new and op.new[1])))
        fields["title_localized"] = tuple(localized)
        return dataclasses.replace(new, **fields)

    def changed_line(self, old: str | None, new: str | None, shown=None) -> str | None:
        """A header-block value: word-diffed if on both sides, else a whole inserted/deleted line.

        ``shown`` is how the layout writer turns the value into words (vocabulary codes); a
        marked value is no longer a code, so it is given already turned."""
        if old == new:
            return new
        if shown is not None:
            old, new = (shown(old) if old else old), (shown(new) if new else new)
        if old and new:
            return self.marked(diff_text(old, new).merged, new)
        if new:
            return self.whole(INSERTED) + new
        return self.whole(DELETED) + old

    def section(self, section: Section) -> Section:
        change = getattr(section, "change", None)
        move = self.move(("section", section.id)) if change in (MOVED_FROM, MOVED_TO) else None
        title = self.marked(getattr(section, "title_marked", None), section.title)
        number = self.marked(getattr(section, "number_marked", None), section.number)
        children = []
        for child in section.children:
            if isinstance(child, Clause):
                children.append(self.clause(child))
            else:
                children.append(self.block(child, None))
        return Section(id=_id(section.id, change), title=self.whole(change, move) + title,
                       children=tuple(children), number=number)

    def clause(self, clause: Clause) -> Clause:
        change = getattr(clause, "change", None)
        move = self.move(("clause", clause.id)) if change in (MOVED_FROM, MOVED_TO) else None
        title = self.marked(getattr(clause, "title_marked", None), clause.title)
        number = self.marked(getattr(clause, "number_marked", None), clause.number)
        half = change if change in (MOVED_FROM,) else None
        blocks = tuple(self.block(b, move, half) for b in clause.blocks)
        status = clause.status
        old_status = getattr(clause, "old_status", None)
        if change is None and old_status is not None and old_status != status:
            status = self.status(old_status, status)
        return Clause(id=_id(clause.id, change), title=self.whole(change, move) + title,
                      blocks=blocks, number=number, origin=clause.origin, status=status)

    def status(self, old: str, new: str) -> str:
        """A changed text status, for the tag the writer prints after the heading (``[bracketed]``);
        ``agreed`` prints no tag, so a tag that appears or goes is a whole inserted/deleted run."""
        if old == _NO_TAG:
            return self.m.run(INS) + _words(new)
        if new == _NO_TAG:
            return self.m.run(DEL) + _words(old)
        return self.marked(diff_text(_words(old), _words(new)).merged, new)

    def block(self, block, move: str | None, half: str | None = None):
        if isinstance(block, Paragraph):
            return Paragraph(content=self.content(self.whole(block.change, move), block.content),
                             role=block.role, id=_id(block.id, half or block.change), origin=block.origin)
        if isinstance(block, ListBlock):
            changes = getattr(block, "item_changes", ()) or (None,) * len(block.items)
            items = tuple(self.content(self.whole(change, move), item)
                          for item, change in zip(block.items, changes))
            return ListBlock(items=items, ordered=block.ordered)
        if isinstance(block, Table):
            return self.table(block, move, half)
        raise unknown_node("docx redline", block)

    def table(self, table: Table, move: str | None, half: str | None) -> Table:
        change = getattr(table, "change", None)
        header_marked = getattr(table, "header_marked", None)
        header = []
        for index, text in enumerate(table.header):
            text = self.marked(header_marked[index], text) if header_marked else text
            if change is not None:
                kind = _ROW_KIND[change]
                text = (self.m.row(kind) if index == 0 else "") + self.m.paragraph(kind) + text
            header.append(text)
        caption = self.marked(getattr(table, "caption_marked", None), table.caption)
        if caption and change is not None:
            caption = self.whole(change, move) + caption
        rows = tuple(self.row(row) for row in table.rows)
        return Table(header=tuple(header), rows=rows, caption=caption,
                     id=_id(table.id, half or change), widths=table.widths)

    def row(self, row: Row) -> Row:
        if row.change is None:
            cells = tuple(Cell(self.inlines(cell.content)) for cell in row.cells)
        else:
            kind = _ROW_KIND[row.change]
            cells = tuple(Cell(self.content((self.m.row(kind) if i == 0 else "") + self.m.paragraph(kind),
                                            cell.content))
                          for i, cell in enumerate(row.cells))
        return Row(cells=cells, id=_id(row.id, row.change), origin=row.origin)


_NO_TAG = "agreed"
"""The text status for which the layout writer prints no tag after a clause heading."""


def _words(code: str) -> str:
    """A vocabulary code as the layout writer prints it in a tag."""
    try:
        from termsheet.writers.docx.labels import words
    except ImportError:  # an older writer prints codes as they are
        return code
    return words(code)


def _sentence(code: str) -> str:
    """A vocabulary code as the layout writer prints it on a line of its own."""
    try:
        from termsheet.writers.docx.labels import sentence
    except ImportError:
        return code
    return sentence(code)


def _id(node_id: str | None, change: str | None) -> str | None:
    """Ids of a moved node's OLD half get a suffix: one bookmark (the NEW place) per id."""
    if node_id and change == MOVED_FROM:
        return node_id + _OLD_HALF_SUFFIX
    return node_id


def _text(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Emphasis, Inserted, Deleted)):
            out.append(_text(node.children))
        elif hasattr(node, "text"):
            out.append(node.text)
    return "".join(out)
