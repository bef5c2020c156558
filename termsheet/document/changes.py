"""The two plain Documents a redline stands for: every change accepted (NEW), or rejected (OLD).

``accept_all(redline(a, b))`` has b's content and ``reject_all(redline(a, b))``
a's (origins aside: kept nodes carry NEW's). The marks read are the comparison
fields of the document model (`termsheet.document.nodes`).
"""

from __future__ import annotations

import dataclasses

from termsheet.document.nodes import (
    DELETED, INSERTED, NEW_ONLY, OLD_ONLY, Cell, Clause, Deleted, Document, Emphasis, Inline,
    Inserted, ListBlock, Paragraph, Row, Section, Table, Text, unknown_node, walk,
)
from termsheet.document.transforms import letter_rows

Inlines = tuple[Inline, ...]


def accept_all(doc: Document) -> Document:
    """The plain Document left when every change of a redline is accepted (NEW)."""
    return _Projection(keep=INSERTED, drop=OLD_ONLY).document(doc)


def reject_all(doc: Document) -> Document:
    """The plain Document left when every change of a redline is rejected (OLD)."""
    return _Projection(keep=DELETED, drop=NEW_ONLY).document(doc)


def project_inlines(inlines: Inlines, keep: str) -> Inlines:
    """Inline nodes with ``Inserted`` (keep=INSERTED) or ``Deleted`` (keep=DELETED) unwrapped, the other dropped."""
    keep_cls, drop_cls = (Inserted, Deleted) if keep == INSERTED else (Deleted, Inserted)
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, drop_cls):
            continue
        if isinstance(node, keep_cls):
            out.extend(project_inlines(node.children, keep))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(project_inlines(node.children, keep), node.strong))
        else:
            out.append(node)
    return canonical_inlines(out)


def canonical_inlines(inlines) -> Inlines:
    """Inline nodes with adjacent Text nodes joined, adjacent equal Emphasis merged, empty Text dropped."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Emphasis):
            node = Emphasis(canonical_inlines(node.children), node.strong)
            if out and isinstance(out[-1], Emphasis) and out[-1].strong == node.strong:
                node = Emphasis(canonical_inlines(out.pop().children + node.children), node.strong)
        elif isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                node = Text(out.pop().text + node.text)
        out.append(node)
    return tuple(out)


def block_change(block) -> str | None:
    """The mark of a whole block: its ``change``, or the one mark all items of a list share."""
    if isinstance(block, ListBlock):
        changes = set(block.item_changes)
        return block.item_changes[0] if block.item_changes and len(changes) == 1 else None
    return block.change


def _rows_lettered(doc: Document) -> bool:
    """Whether the rows of ``doc`` carry numbers (a redline of two numbered documents)."""
    return any(isinstance(node, Row) and node.number for node in walk(doc))


class _Projection:
    """One side of a redline: ``keep`` is the inline mark unwrapped, ``drop`` the block marks left out."""

    def __init__(self, keep: str, drop: tuple[str, ...]):
        self.keep, self.drop = keep, drop

    def string(self, marked: Inlines | None, plain: str | None) -> str | None:
        if marked is None:
            return plain
        text = "".join(n.text for n in project_inlines(marked, self.keep) if isinstance(n, Text))
        return text if text or plain is not None else None

    def document(self, doc: Document) -> Document:
        info = doc.old_info if self.keep == DELETED and doc.old_info is not None else doc.info
        sections = tuple(self.section(s) for s in doc.sections if s.change not in self.drop)
        projected = Document(info=info, sections=sections)
        return letter_rows(projected) if _rows_lettered(doc) else projected

    def section(self, section: Section) -> Section:
        children = tuple(self.child(c) for c in section.children if block_change(c) not in self.drop)
        return dataclasses.replace(
            section, title=self.string(section.title_marked, section.title), children=children,
            number=self.string(section.number_marked, section.number), title_marked=None,
            number_marked=None, change=None)

    def child(self, node):
        if isinstance(node, Clause):
            return self.clause(node)
        if isinstance(node, Paragraph):
            return dataclasses.replace(node, content=project_inlines(node.content, self.keep), change=None)
        if isinstance(node, ListBlock):
            changes = node.item_changes or (None,) * len(node.items)
            return ListBlock(items=tuple(project_inlines(item, self.keep)
                                         for item, change in zip(node.items, changes)
                                         if change not in self.drop), ordered=node.ordered)
        if isinstance(node, Table):
            return self.table(node)
        raise unknown_node("redline", node)

    def clause(self, clause: Clause) -> Clause:
        status = clause.old_status if self.keep == DELETED and clause.old_status else clause.status
        blocks = tuple(self.child(b) for b in clause.blocks if block_change(b) not in self.drop)
        return dataclasses.replace(
            clause, title=self.string(clause.title_marked, clause.title),
            number=self.string(clause.number_marked, clause.number), blocks=blocks, status=status,
            change=None, title_marked=None, number_marked=None, old_status=None)

    def table(self, table: Table) -> Table:
        header = table.header
        if table.header_marked is not None:
            header = tuple(self.string(h, "") for h in table.header_marked)
        rows = tuple(self.row(row) for row in table.rows if row.change not in self.drop)
        return dataclasses.replace(
            table, header=header, rows=rows, caption=self.string(table.caption_marked, table.caption),
            change=None, header_marked=None, caption_marked=None)

    def row(self, row: Row) -> Row:
        cells = tuple(Cell(project_inlines(c.content, self.keep)) for c in row.cells)
        return dataclasses.replace(row, cells=cells, change=None)
