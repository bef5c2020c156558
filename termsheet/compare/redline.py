"""Merge two built Documents into one redline Document.

``redline(old, new)`` returns NEW's term sheet with the OLD→NEW changes marked,
in the format-neutral document model, so every redline writer (DOCX with native
tracked changes, HTML/PDF with ``<ins>``/``<del>``, fixed-colour variants) reads
the same result.

How the two versions are aligned (never by diffing rendered text):

- sections by ``id``; clauses by ``id`` (anywhere in the document: a clause that
  changed section is a move); tables by ``id``; table rows by row ``id``.
  Among the ids both versions share, the longest common subsequence stays in
  place; a shared id outside it is a *move*, so one insertion never marks
  everything after it as moved;
- blocks without an id (paragraphs, lists, id-less tables and rows) are paired
  by position and role inside the gaps between aligned neighbours, preferring
  pairs with similar text;
- inside an aligned pair, inline text gets the word-level diff of
  :mod:`termsheet.compare.inline_diff`: the JSON change list's tokens and
  opcodes, so both mark the same words (a number with its unit, a name, a
  defined term and a cross-reference are one token each; punctuation is a
  token of its own).

What the result contains:

- the comparison fields of the document model (:mod:`termsheet.document.nodes`):
  ``change="inserted"`` / ``"deleted"`` on sections, clauses, paragraphs, tables
  and rows, ``item_changes`` on lists;
- a deleted clause stands where it stood in OLD relative to its neighbours:
  after the OLD neighbour it followed and before the content NEW put in its
  place (deletions come before insertions);
- a moved clause appears twice: ``moved_from`` at its OLD place with OLD's text,
  and ``moved_to`` at its NEW place with NEW's text. When the clause was also
  amended, the words NEW dropped are ``Deleted`` inside the ``moved_from`` copy
  and the words NEW added are ``Inserted`` inside the ``moved_to`` copy, so that
  accepting everything drops the ``moved_from`` copy and keeps ``moved_to``
  (= NEW) and rejecting everything does the opposite (= OLD). Rows in a moved
  clause, and rows moved inside a table, carry ``moved_from``/``moved_to`` too;
- numbers: NEW's numbering throughout; a deleted or ``moved_from`` clause keeps
  the number it had in OLD (that is how the other side knew it). Where a kept
  clause or section was renumbered, ``number_marked`` holds the change
  (``Deleted("4.2")``, ``Inserted("4.3")``) so that rejecting all changes gives
  back OLD's numbers exactly. Cross-references are tokens, so a reference whose
  number changed is marked the same way;
- a changed heading (clause or section title, table header or caption) keeps
  NEW's plain string in the base field (any writer prints something sensible)
  and carries the word diff in ``title_marked`` / ``header_marked`` /
  ``caption_marked``;
- ``info`` is NEW's; OLD's is kept in ``old_info``.

:func:`accept_all` and :func:`reject_all` (:mod:`termsheet.document.changes`)
project a redline Document back onto plain Documents; ``accept_all(redline(a, b))`` has b's content and
``reject_all(redline(a, b))`` a's (origins aside: kept nodes carry NEW's).
"""

from __future__ import annotations

import dataclasses
from typing import Hashable, Sequence

from termsheet.compare.inline_diff import InlineDiff, diff_inlines, diff_text, inline_words
from termsheet.compare.sequence import Op, align
from termsheet.document.changes import accept_all, canonical_inlines, project_inlines, reject_all
from termsheet.document.transforms import brackets_as_text, letter_redline_rows
from termsheet.document.nodes import (
    CHANGES, DELETED, INSERTED, MOVED_FROM, MOVED_TO, NEW_ONLY, OLD_ONLY, Block, Cell, Clause,
    Deleted, Document, Inline, Inserted, ListBlock, Paragraph, Row, Section, Table, Text,
    unknown_node,
)

__all__ = [
    "redline", "accept_all", "reject_all", "project_inlines", "canonical_inlines", "align",
    "diff_inlines", "diff_text", "InlineDiff", "CHANGES", "INSERTED", "DELETED", "MOVED_FROM",
    "MOVED_TO", "OLD_ONLY", "NEW_ONLY",
]

Inlines = tuple[Inline, ...]


def redline(old: Document, new: Document) -> Document:
    """NEW's term sheet with OLD→NEW changes marked (see the module docstring); negotiation
    brackets are compared as the text they print."""
    return letter_redline_rows(_Redliner(brackets_as_text(old), brackets_as_text(new)).run())


# ------------------------------------------------------------- block helpers

def _block_key(block) -> Hashable | None:
    if isinstance(block, Clause):
        return ("clause", block.id)
    if isinstance(block, Table) and block.id:
        return ("table", block.id)
    if isinstance(block, Paragraph) and block.id:
        return ("p", block.id)
    return None


def _block_sig(block) -> Hashable:
    if isinstance(block, Paragraph):
        return ("p", block.role)
    if isinstance(block, ListBlock):
        return ("list", block.ordered)
    if isinstance(block, Table):
        return ("table", len(block.header))
    return (type(block).__name__,)


def _block_words(block) -> list:
    if isinstance(block, Paragraph):
        return inline_words(block.content)
    if isinstance(block, ListBlock):
        return [w for item in block.items for w in inline_words(item)]
    if isinstance(block, Table):
        return [w for row in block.rows for w in _row_words(row)]
    return []


def _row_words(row: Row) -> list:
    return [w for cell in row.cells for w in inline_words(cell.content)]


def _mark_all(content: Inlines, change: str) -> Inlines:
    """Content of a wholly inserted/deleted paragraph: wrapped, so inline marks agree with the block mark."""
    if not content:
        return content
    if change in OLD_ONLY:
        return (Deleted(content),) if change == DELETED else content
    return (Inserted(content),) if change == INSERTED else content


def _whole(block, change: str):
    """A block that exists on one side only, marked as a whole (``change`` in CHANGES)."""
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, content=_mark_all(block.content, change), change=change)
    if isinstance(block, ListBlock):
        return ListBlock(items=tuple(_mark_all(item, change) for item in block.items),
                           ordered=block.ordered, item_changes=(change,) * len(block.items))
    if isinstance(block, Table):
        rows = tuple(_whole_row(row, change) for row in block.rows)
        return dataclasses.replace(block, rows=rows, change=change)
    if isinstance(block, Clause):
        return _whole_clause(block, change)
    raise unknown_node("redline", block)


def _whole_row(row: Row, change: str) -> Row:
    cells = tuple(Cell(_mark_all(cell.content, change)) for cell in row.cells)
    return dataclasses.replace(row, cells=cells, change=change)


def _whole_clause(clause: Clause, change: str) -> Clause:
    blocks = tuple(_whole(block, change) for block in clause.blocks)
    return dataclasses.replace(clause, blocks=blocks, change=change)



# --------------------------------------------------------------- the merger

class _Redliner:
    def __init__(self, old: Document, new: Document):
        self.old, self.new = old, new
        self.old_clauses = {c.id: c for s in old.sections for c in s.children if isinstance(c, Clause)}
        self.new_clauses = {c.id: c for s in new.sections for c in s.children if isinstance(c, Clause)}

    def run(self) -> Document:
        ops = align(self.old.sections, self.new.sections, key=lambda s: s.id,
                    sig=lambda s: None, words=lambda s: [])
        sections = []
        for op in ops:
            if op.kind == "same":
                sections.append(self.section(op.old, op.new))
            elif op.kind in ("del", "move_from"):
                change = DELETED if op.kind == "del" else MOVED_FROM
                sections.append(self.lone_section(op.old, change, side="old"))
            else:
                change = INSERTED if op.kind == "ins" else MOVED_TO
                sections.append(self.lone_section(op.new, change, side="new"))
        return Document(info=self.new.info, sections=tuple(sections), old_info=self.old.info)

    # sections ------------------------------------------------------------

    def section(self, old: Section, new: Section) -> Section:
        title = diff_text(old.title, new.title)
        children = self.children(old.children, new.children)
        return dataclasses.replace(
            new, children=children,
            title_marked=title.merged if title.changed else None,
            number_marked=_number_change(old.number, new.number),
        )

    def lone_section(self, section: Section, change: str, side: str) -> Section:
        """A section on one side only (or moved): its heading is marked, its clauses may be moves."""
        children = []
        for child in section.children:
            if isinstance(child, Clause):
                children.append(self.lone_clause(child, side))
            else:
                children.append(_whole(child, DELETED if side == "old" else INSERTED))
        return dataclasses.replace(section, children=tuple(children), change=change)

    def lone_clause(self, clause: Clause, side: str) -> Clause:
        """A clause without a partner in this section: deleted/inserted, or a move if the other side has it."""
        if side == "old":
            partner = self.new_clauses.get(clause.id)
            return self.moved(clause, partner)[0] if partner else _whole_clause(clause, DELETED)
        partner = self.old_clauses.get(clause.id)
        return self.moved(partner, clause)[1] if partner else _whole_clause(clause, INSERTED)

    def children(self, old: Sequence, new: Sequence) -> tuple:
        out = []
        for op in _compatible(align(old, new, _block_key, _block_sig, _block_words)):
            if op.kind == "same":
                out.append(self.clause(op.old, op.new) if isinstance(op.new, Clause) else self.block(op.old, op.new))
            elif op.kind in ("del", "move_from"):
                out.append(self.lone_clause(op.old, "old") if isinstance(op.old, Clause)
                           else _whole(op.old, DELETED))
            else:
                out.append(self.lone_clause(op.new, "new") if isinstance(op.new, Clause)
                           else _whole(op.new, INSERTED))
        return tuple(out)

    # clauses ------------------------------------------------------------

    def clause(self, old: Clause, new: Clause) -> Clause:
        title = diff_text(old.title, new.title)
        return dataclasses.replace(
            new, blocks=self.children(old.blocks, new.blocks),
            title_marked=title.merged if title.changed else None,
            number_marked=_number_change(old.number, new.number),
            old_status=old.status if old.status != new.status else None,
        )

    def moved(self, old: Clause, new: Clause) -> tuple[Clause, Clause]:
        """The two halves of a moved clause: OLD's text at the OLD place, NEW's at the NEW place."""
        title = diff_text(old.title, new.title)
        old_blocks, new_blocks = _split_blocks(old.blocks, new.blocks)
        source = dataclasses.replace(old, blocks=old_blocks, change=MOVED_FROM,
                                     title_marked=title.old_side if title.changed else None)
        target = dataclasses.replace(new, blocks=new_blocks, change=MOVED_TO,
                                     title_marked=title.new_side if title.changed else None,
                                     old_status=old.status if old.status != new.status else None)
        return source, target

    # blocks ------------------------------------------------------------

    def block(self, old, new):
        if isinstance(new, Paragraph):
            d = diff_inlines(old.content, new.content)
            return dataclasses.replace(new, content=d.merged)
        if isinstance(new, ListBlock):
            items, changes = [], []
            for op in align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=inline_words):
                if op.kind == "same":
                    items.append(diff_inlines(op.old, op.new).merged)
                    changes.append(None)
                elif op.kind == "del":
                    items.append(_mark_all(op.old, DELETED))
                    changes.append(DELETED)
                else:
                    items.append(_mark_all(op.new, INSERTED))
                    changes.append(INSERTED)
            return ListBlock(items=tuple(items), ordered=new.ordered, item_changes=tuple(changes) if any(changes) else ())
        if isinstance(new, Table):
            return _table(old, new)
        raise unknown_node("redline", new)


def _compatible(ops: list[Op]) -> list[Op]:
    """Split pairs that cannot be diffed in place (a table whose columns changed, blocks of other types)."""
    out = []
    for op in ops:
        if op.kind == "same" and (type(op.old) is not type(op.new) or (
                isinstance(op.new, Table) and len(op.old.header) != len(op.new.header))):
            out += [Op("del", old=op.old), Op("ins", new=op.new)]
        else:
            out.append(op)
    return out


def _number_change(old: str | None, new: str | None) -> Inlines | None:
    if old == new:
        return None
    return tuple(node for node in (Deleted((Text(old),)) if old else None,
                                   Inserted((Text(new),)) if new else None) if node)


def _table(old: Table, new: Table) -> Block | tuple:
    header = [diff_text(a, b) for a, b in zip(old.header, new.header)]
    caption = diff_text(old.caption or "", new.caption or "")
    rows = []
    for op in align(old.rows, new.rows, key=lambda r: r.id, sig=lambda r: len(r.cells), words=_row_words):
        if op.kind == "same":
            cells = tuple(Cell(diff_inlines(a.content, b.content).merged) for a, b in zip(op.old.cells, op.new.cells))
            rows.append(dataclasses.replace(op.new, cells=cells))
        elif op.kind in ("move_from", "move_to"):
            partner = _partner(op, old.rows, new.rows)
            d = [diff_inlines(a.content, b.content) for a, b in zip(partner[0].cells, partner[1].cells)]
            if op.kind == "move_from":
                rows.append(dataclasses.replace(op.old, cells=tuple(Cell(x.old_side) for x in d), change=MOVED_FROM))
            else:
                rows.append(dataclasses.replace(op.new, cells=tuple(Cell(x.new_side) for x in d), change=MOVED_TO))
        elif op.kind == "del":
            rows.append(_whole_row(op.old, DELETED))
        else:
            rows.append(_whole_row(op.new, INSERTED))
    return dataclasses.replace(
        new, rows=tuple(rows),
        header_marked=tuple(h.merged for h in header) if any(h.changed for h in header) else None,
        caption_marked=caption.merged if caption.changed else None,
    )


def _partner(op: Op, old_rows, new_rows) -> tuple[Row, Row]:
    if op.kind == "move_from":
        return op.old, next(r for r in new_rows if r.id == op.old.id)
    return next(r for r in old_rows if r.id == op.new.id), op.new


def _split_blocks(old: Sequence, new: Sequence) -> tuple[tuple, tuple]:
    """The blocks of a moved clause, as the ``moved_from`` half and the ``moved_to`` half."""
    old_out, new_out = [], []
    for op in _compatible(align(old, new, _block_key, _block_sig, _block_words)):
        if op.kind == "same":
            a, b = _split_block(op.old, op.new)
            old_out.append(a)
            new_out.append(b)
        elif op.old is not None:
            old_out.append(_whole(op.old, DELETED if op.kind == "del" else MOVED_FROM))
        else:
            new_out.append(_whole(op.new, INSERTED if op.kind == "ins" else MOVED_TO))
    return tuple(old_out), tuple(new_out)


def _split_block(old, new):
    if isinstance(new, Paragraph):
        d = diff_inlines(old.content, new.content)
        return (dataclasses.replace(old, content=d.old_side, change=MOVED_FROM),
                dataclasses.replace(new, content=d.new_side, change=MOVED_TO))
    if isinstance(new, ListBlock):
        ops = align(old.items, new.items, key=lambda i: None, sig=lambda i: 0, words=inline_words)
        oi, oc, ni, nc = [], [], [], []
        for op in ops:
            if op.kind == "same":
                d = diff_inlines(op.old, op.new)
                oi.append(d.old_side), oc.append(MOVED_FROM), ni.append(d.new_side), nc.append(MOVED_TO)
            elif op.kind == "del":
                oi.append(_mark_all(op.old, DELETED)), oc.append(DELETED)
            else:
                ni.append(_mark_all(op.new, INSERTED)), nc.append(INSERTED)
        return (ListBlock(items=tuple(oi), ordered=old.ordered, item_changes=tuple(oc)),
                ListBlock(items=tuple(ni), ordered=new.ordered, item_changes=tuple(nc)))
    if isinstance(new, Table):
        merged = _table(old, new)
        old_rows = tuple(_row_side(r, "old") for r in merged.rows if r.change not in NEW_ONLY)
        new_rows = tuple(_row_side(r, "new") for r in merged.rows if r.change not in OLD_ONLY)
        header = merged.header_marked
        caption = merged.caption_marked
        return (dataclasses.replace(old, rows=old_rows, change=MOVED_FROM,
                             header_marked=tuple(_side(h, "old") for h in header) if header else None,
                             caption_marked=_side(caption, "old") if caption else None),
                dataclasses.replace(new, rows=new_rows, change=MOVED_TO,
                             header_marked=tuple(_side(h, "new") for h in header) if header else None,
                             caption_marked=_side(caption, "new") if caption else None))
    raise unknown_node("redline", new)


def _row_side(row: Row, side: str) -> Row:
    if row.change is not None:
        return row
    cells = tuple(Cell(_side(c.content, side)) for c in row.cells)
    return dataclasses.replace(row, cells=cells, change=MOVED_FROM if side == "old" else MOVED_TO)


def _side(inlines: Inlines, side: str) -> Inlines:
    """One side of merged inline marks: OLD keeps Deleted (drops Inserted), NEW the reverse."""
    drop, keep = (Inserted, Deleted) if side == "old" else (Deleted, Inserted)
    out = []
    for node in inlines:
        if isinstance(node, drop):
            continue
        out.append(node)
    return tuple(out)
