"""Side-by-side rows of a comparison: OLD and NEW aligned provision by provision.

    build_side_by_side(comparison, old_doc, new_doc, changes_only=False) -> SideBySide

The three side-by-side writers (HTML, PDF, DOCX) read the result of this module
and nothing else, so they show the same rows, numbers, marks and badges.

**Rows.** One row per provision, in the term sheet's section order (NEW's order;
content only OLD has stands where it stood in OLD, as in a redline):

- ``document``: the identity of the two versions (title, version, date…);
- ``section``: a section heading (number and title);
- ``clause``: a numbered clause — its heading and its text;
- ``item``: a provision inside a clause: a table row (a deployment, a guarantor,
  a response step, a party's position…) or a paragraph with an id of its own (a
  related instrument, a termination ground) with the paragraphs that follow it;
- ``text``: text between provisions (a section's introduction, notes after a table);
- ``ghost``: where a moved provision stood in OLD, with a link to its row.

**Alignment** is by id, never by diffing rendered text: sections, clauses,
tables, rows and paragraphs that carry an id are paired by it (anywhere in the
document: a clause that changed section is a move); items the comparison paired
by similarity (a renamed id) are paired the same way; blocks without an id are
paired by position and kind (:func:`termsheet.compare.sequence.align`).

**Words.** Each aligned pair of blocks gets the redline's word-level diff
(:func:`termsheet.compare.redline.diff_inlines`): the OLD column holds OLD's
text with the dropped words as ``Deleted``, the NEW column NEW's text with the
added words as ``Inserted``. Cross-references are compared by target, so a
reference that only got a new number is not a change (each column prints its
own number). Inside a change, characters a reader cannot see (a no-break space,
a soft hyphen, a combining accent of a decomposed letter, a changed space) are
:class:`Invisible` nodes, which writers print visibly (``⟨NBSP⟩``).

**Changes only.** ``changes_only=True`` leaves out the rows that show no change
but keeps, for context, the section heading and the provision heading of each
change (:func:`~termsheet.compare.side_filters.changes_only`); ``omitted`` says
how many rows went.

**Changes.** Every :class:`~termsheet.compare.Change` is attached to the row at
its place (:mod:`~termsheet.compare.places`): the row whose node's origin has the
item's YAML path on that side (``commitments[3]``); a change of a singleton goes
to the row that holds the fields it changed (the scope section, the
overall-strength clause), and one with no place in the term sheet (metadata) to
the ``document`` row. A row's HTML id is the id of its (first) change, so
``page.html#chg-…`` lands on it.

The work is shared by :mod:`~termsheet.compare.side_builder` (alignment into
units), :mod:`~termsheet.compare.side_inlines` (word diff and invisible
characters), :mod:`~termsheet.compare.side_changes` (changes, anchors, labels),
:mod:`~termsheet.compare.side_filters` (the parties a change concerns, the page's
filters, changes only),
:mod:`~termsheet.compare.facts` (a change in words) and
:mod:`~termsheet.compare.side_rows` (the rows the writers read).
"""

from __future__ import annotations

from termsheet.compare.comparison import Comparison
from termsheet.document.transforms import brackets_as_text
from termsheet.compare.facts import KIND_WORDS, Fact, badge, fact, words
from termsheet.compare.side_builder import Builder
from termsheet.compare import side_filters
from termsheet.compare.side_changes import attach_changes, safe_anchor
from termsheet.compare.side_filters import Facets, Option, change_parties, changes_only, facets
from termsheet.compare.side_inlines import INVISIBLE_NAMES, Invisible, show_invisible
from termsheet.compare.side_rows import (
    ChangeView, FieldValue, Note, Segment, SideBySide, SideRow, Title, label_words,
)
from termsheet.document.nodes import Document


def build_side_by_side(comparison: Comparison, old_doc: Document, new_doc: Document,
                       changes_only: bool = False) -> SideBySide:
    """The aligned rows of ``comparison`` over the two built, numbered Documents
    (without the unchanged ones when ``changes_only``); negotiation brackets are compared
    as the text they print."""
    old_doc, new_doc = brackets_as_text(old_doc), brackets_as_text(new_doc)
    for side, info, doc in (("old", comparison.old, old_doc), ("new", comparison.new, new_doc)):
        if not isinstance(doc, Document):
            raise TypeError(f"the {side} document is not a Document (got {type(doc).__name__})")
        if (doc.info.doc_id, doc.info.version) != (info.doc_id, info.version):
            raise ValueError(
                f"the {side} document is {doc.info.doc_id} {doc.info.version}, but the "
                f"comparison's {side} side is {info.doc_id} {info.version}")
    builder = Builder(comparison, old_doc, new_doc)
    units = builder.run()
    view = attach_changes(comparison, units, builder.document_unit, old_doc, new_doc)
    return side_filters.changes_only(view) if changes_only else view


__all__ = [
    "Invisible", "Title", "FieldValue", "Note", "Segment", "Fact", "ChangeView", "SideRow",
    "SideBySide", "build_side_by_side", "show_invisible", "safe_anchor", "fact",
    "badge", "words", "KIND_WORDS", "INVISIBLE_NAMES", "Facets", "Option", "facets",
    "change_parties", "changes_only", "label_words",
]
