"""The body and page writers of the redline DOCX: comparison marks as native tracked changes.

The marks of a redline Document (`termsheet.compare.redline`) are written while
the runs, paragraphs and rows are written, in one pass, with the element
builders of `termsheet.writers.revisions`:

- ``Inserted``/``Deleted`` inline nodes: their runs inside ``w:ins``/``w:del``
  (``w:delText`` for deleted text);
- a wholly changed paragraph (heading, paragraph, list item, caption, header-block
  line): every run not already in an inline mark, and its paragraph mark;
- a changed row (and every row of a changed table, header row included):
  ``w:trPr`` mark and every cell paragraph; Word has no row moves, so a moved
  row is deleted at its OLD place and inserted at its NEW one;
- a moved section heading or clause: ``w:moveFrom``/``w:moveTo`` in a named pair
  of ranges around the first and last paragraph of each half;
- changed titles, numbers, text-status tags and header-block values (body, page
  header and footer): their word diffs as ``w:ins``/``w:del`` runs.

Given `comments.Comments`, it notes the first paragraph of every node with an
id (heading, paragraph, caption, first cell of a row), where a change's comment
is anchored.

Every ``w:id`` (bookmarks and revisions) comes from one counter; revisions are
numbered after every bookmark the document can hold, in document order, so the
same redline gives the same bytes.
"""

from __future__ import annotations

import contextlib

from termsheet.compare.inline_diff import diff_text
from termsheet.compare.sequence import align
from termsheet.document.nodes import (
    DELETED, INSERTED, MOVED_FROM, MOVED_TO, Clause, Deleted, Document, DocumentInfo, Inserted,
    Paragraph, Row, Section, Table, Text, walk,
)
from termsheet.writers.docx.body import BodyWriter, anchor_id
from termsheet.writers.docx.comments import Comments
from termsheet.writers.docx.labels import words
from termsheet.writers.docx.page import InfoText
from termsheet.writers.docx.toc import ENTRY_CHANGES
from termsheet.writers.docx.runs import P, InlineWriter, append_break
from termsheet.writers.revisions import (
    DEL, INS, MOVE_FROM, MOVE_TO, REMOVED_KINDS, Moves, Revisions, as_deleted_text, mark_paragraph,
    mark_row,
)

BLOCK_KIND = {INSERTED: INS, DELETED: DEL, MOVED_FROM: MOVE_FROM, MOVED_TO: MOVE_TO}
"""A block's change → the revision of its runs and paragraph mark."""
ROW_KIND = {INSERTED: INS, DELETED: DEL, MOVED_FROM: DEL, MOVED_TO: INS}
"""A row's change → its revision (rows cannot move in WordprocessingML)."""
NO_TAG = "agreed"
"""The text status for which no tag follows a clause heading."""


class TrackedInline(InlineWriter):
    """Writes runs inside the revision of the inline mark or paragraph being written."""

    def __init__(self, styles, anchors, revisions: Revisions, moves: Moves):
        super().__init__(styles, anchors)
        self.revisions, self.moves = revisions, moves
        self._paragraph: tuple[str, str | None] | None = None
        self._span: str | None = None

    @contextlib.contextmanager
    def changed_paragraph(self, paragraph, change: str | None, *, move: str | None = None,
                          row: bool = False):
        if change is None:
            yield
            return
        kind = (ROW_KIND if row else BLOCK_KIND)[change]
        move = move if kind in (MOVE_FROM, MOVE_TO) else None
        self._paragraph = (kind, move)
        try:
            yield
        finally:
            self._paragraph = None
        mark_paragraph(paragraph, self.revisions.mark(kind))
        if move:
            self.moves.note(move, kind, paragraph)

    def run(self, parent, text: str, roles=(), lang: str | None = None):
        return self._tracked(parent, lambda into: super(TrackedInline, self).run(into, text, roles, lang))

    def line_break(self, parent, node, roles):
        self._tracked(parent, lambda into: append_break(into, roles, styles=self.styles))

    def inserted(self, parent, node: Inserted, roles):
        self._within(INS, parent, node.children, roles)

    def deleted(self, parent, node: Deleted, roles):
        self._within(DEL, parent, node.children, roles)

    def _within(self, kind: str, parent, children, roles) -> None:
        outer, self._span = self._span, kind
        try:
            self.write(parent, children, roles)
        finally:
            self._span = outer

    def _tracked(self, parent, write_run):
        kind, move = (self._span, None) if self._span else (self._paragraph or (None, None))
        if kind is None:
            return write_run(parent)
        run = write_run(self._wrapper(parent, kind, move))
        if kind in REMOVED_KINDS:
            as_deleted_text(run)
        return run

    def _wrapper(self, parent, kind: str, move: str | None):
        """The revision element that ends ``parent`` if it is of ``kind``, else a new one."""
        last = parent[-1] if len(parent) else None
        if last is not None and last.tag == self.revisions.tag(kind):
            return last
        wrapper = self.revisions.mark(kind)
        parent.append(wrapper)
        if move:
            self.moves.note(move, kind, _paragraph_of(parent))
        return wrapper


def _paragraph_of(element):
    while element is not None and element.tag != P:
        element = element.getparent()
    return element


class MarkedInfo(InfoText):
    """Header-block and page values with OLD→NEW word diffs (NEW's info, OLD's in ``old``)."""

    def __init__(self, info: DocumentInfo, old: DocumentInfo):
        super().__init__(info)
        self.old = old

    def inlines(self, name: str, shown=None) -> tuple:
        return _changed_value(getattr(self.old, name), getattr(self.info, name), shown)

    def line_change(self, name: str) -> str | None:
        return _line_change(getattr(self.old, name), getattr(self.info, name))

    def handling(self) -> list[tuple[tuple, str | None]]:
        ops = align(self.old.handling, self.info.handling, key=lambda h: None, sig=lambda h: 0,
                    words=lambda h: tuple(h.split()))
        return [(_changed_value(op.old, op.new), _line_change(op.old, op.new)) for op in ops]

    def localized_titles(self) -> list[tuple[str, tuple, str | None]]:
        ops = align(self.old.title_localized, self.info.title_localized, key=lambda t: t[0],
                    sig=lambda t: 0, words=lambda t: tuple(t[1].split()))
        return [((op.new or op.old)[0],
                 _changed_value(op.old and op.old[1], op.new and op.new[1]),
                 _line_change(op.old and op.old[1], op.new and op.new[1])) for op in ops]


def _changed_value(old: str | None, new: str | None, shown=None) -> tuple:
    """A value as inline nodes: word-diffed when set on both sides, else wholly inserted/deleted."""
    old, new = (shown(old) if shown and old else old), (shown(new) if shown and new else new)
    if old == new:
        return (Text(new),) if new else ()
    if old and new:
        return diff_text(old, new).merged
    return (Inserted((Text(new),)),) if new else (Deleted((Text(old),)),)


def _line_change(old: str | None, new: str | None) -> str | None:
    if bool(old) == bool(new):
        return None
    return INSERTED if new else DELETED


class TrackedBodyWriter(BodyWriter):
    """The DOCX body of a redline Document, its marks written as tracked changes."""

    def __init__(self, body, styles, numbering, text_width, anchors, *, author: str, date: str,
                 comments: Comments | None = None):
        self.revisions = Revisions(author, date)
        self.moves = Moves()
        super().__init__(body, styles, numbering, text_width, anchors,
                         TrackedInline(styles, anchors, self.revisions, self.moves))
        self.comments = comments
        self._move: str | None = None
        self._tables: tuple[bool, bool] | None = None
        self._change: str | None = None

    # document ---------------------------------------------------------------

    def document(self, doc: Document) -> None:
        self.revisions.start_after(_bookmark_count(doc, self.anchors))
        super().document(doc)
        self.moves.finish(self.revisions)

    def info_text(self, doc: Document) -> InfoText:
        return MarkedInfo(doc.info, doc.old_info) if doc.old_info else InfoText(doc.info)

    def page_text(self, doc: Document):
        return self.info_text(doc), self.inline

    # structure -------------------------------------------------------------

    def section(self, section) -> None:
        with self._moving("section", section):
            super().section(section)

    def clause(self, clause: Clause) -> None:
        with self._moving("clause", clause):
            super().clause(clause)

    @contextlib.contextmanager
    def _moving(self, kind: str, node):
        """While a moved node is written, its blocks' move marks belong to its move."""
        outer = self._move
        if node.change in (MOVED_FROM, MOVED_TO):
            self._move = self.moves.name((kind, node.id))
        try:
            yield
        finally:
            self._move = outer

    # comparison hooks ------------------------------------------------------

    def change_roles(self, change, node_id) -> tuple[str, ...]:
        return ()

    def changed(self, paragraph, change, node_id, *, row: bool = False):
        self._change = change  # the change of the paragraph whose bookmark comes next
        return self.inline.changed_paragraph(paragraph, change, move=self._move, row=row)

    def bookmark(self, paragraph, node_id: str | None):
        """Also tells the comments which paragraph starts node ``node_id`` (every node that
        can hold a bookmark passes here with its first paragraph, after `changed`)."""
        if node_id and self.comments is not None:
            self.comments.note(node_id, paragraph, self._change)
        return super().bookmark(paragraph, node_id)

    def signatories(self, doc: Document) -> list[tuple[str, str | None]]:
        """Both versions' signatories in order, those of one version only marked."""
        ops = align((doc.old_info or doc.info).signatories, doc.info.signatories, key=lambda party: party,
                    sig=lambda party: 0, words=lambda party: ())
        return [(op.new or op.old, _line_change(op.old, op.new)) for op in ops]

    def numbered_by_word(self, doc: Document) -> frozenset[str]:
        """None: a redline types its numbers, whose changes are tracked like any text."""
        return frozenset()

    def heading_text(self, paragraph, node, roles) -> None:
        with self.bookmark(paragraph, anchor_id(node)):
            if node.number_marked or node.number:
                self.inline.write(paragraph, node.number_marked or (Text(node.number),), roles)
                self.inline.run(paragraph, "\t", roles)
            self.inline.write(paragraph, node.title_marked or (Text(node.title),), roles)

    def contents_entry(self, paragraph, node) -> None:
        """The entry with the heading's tracked changes of number and title."""
        with self.changed(paragraph, ENTRY_CHANGES.get(node.change), None):
            if node.number_marked or node.number:
                self.inline.write(paragraph, node.number_marked or (Text(node.number),))
                self.inline.run(paragraph, "\t")
            self.inline.write(paragraph, node.title_marked or (Text(node.title),))

    def clause_tags(self, clause: Clause) -> list[tuple]:
        old, new = clause.old_status or clause.status, clause.status
        if clause.change is not None:
            # A whole inserted, deleted or moved clause is one revision: its other copy (or
            # its absence) shows the other status, and a revision nested in it would
            # survive rejecting it.
            old = new
        if old == new:
            return [(Text(f" ({words(new)})"),)] if new and new != NO_TAG else []
        if old == NO_TAG:
            return [(Inserted((Text(f" ({words(new)})"),)),)]
        if new == NO_TAG:
            return [(Deleted((Text(f" ({words(old)})"),)),)]
        return [(Text(" ("),) + diff_text(words(old), words(new)).merged + (Text(")"),)]

    def header_cells(self, table: Table) -> list[tuple]:
        if table.header_marked is None:
            return super().header_cells(table)
        return [marked or (Text(""),) for marked in table.header_marked]

    def caption_text(self, table: Table) -> tuple:
        return table.caption_marked or super().caption_text(table)

    def mark_row(self, tr, change: str | None) -> None:
        if change is not None:
            mark_row(tr, self.revisions.mark(ROW_KIND[change]))

    def table(self, node: Table, roles) -> None:
        super().table(node, roles)
        self._tables = _table_sides(node)

    def table_separator(self, table: Table) -> None:
        """The paragraph between two tables exists in a version only when both tables do; between
        a deleted and an inserted table it exists in neither, so Word shows one table whose old
        rows are deleted and new rows inserted."""
        before, after = self._tables or (True, True), _table_sides(table)
        accept, reject = before[0] and after[0], before[1] and after[1]
        if not (accept or reject):
            return
        change = None if accept and reject else (INSERTED if accept else DELETED)
        super().table_separator(table)
        paragraph = self.body[-1]
        if change:
            mark_paragraph(paragraph, self.revisions.mark(BLOCK_KIND[change]))


def _bookmark_count(doc: Document, anchors: dict[str, str]) -> int:
    """How many bookmarks the body can hold: one per node whose id a reference points at."""
    return sum(1 for node in walk(doc) if isinstance(node, (Section, Clause, Paragraph, Table, Row))
               and node.id in anchors)


def _table_sides(table: Table) -> tuple[bool, bool]:
    """Whether ``table`` is left after accepting, and after rejecting, every change."""
    return table.change not in (DELETED, MOVED_FROM), table.change not in (INSERTED, MOVED_TO)

