"""Heading numbers as Word numbering: sections ``1``, clauses ``1.1``, counted by Word itself.

reference.docx defines the list "termsheet headings" (level 1 ``%1``, level 2
``%1.%2``, the clause number restarting in each section) and links it to the
Heading 1 and Heading 2 styles. Each heading paragraph names the list and its level
in its own ``w:numPr`` too, so a drafting office's reference.docx whose heading
styles carry no numbering still numbers them.

The numbering transform remains the one source of numbers: `word_numbered`
replays Word's count over the document, and only a heading whose number Word
would print exactly as the transform set it is numbered by Word. Any other
heading (no number, or one Word would count otherwise) has Word numbering switched
off (``w:numId`` 0) and its number typed, so every format prints the same number.
"""

from __future__ import annotations

from termsheet.document.nodes import Clause, Document
from termsheet.writers.docx.runs import VAL, SubElement, paragraph_properties, w

LEVELS = {"section_heading": 0, "clause_heading": 1}
"""A heading role → its level in the heading list."""
NO_LIST = "0"
"""``w:numId`` that switches off the numbering a paragraph's style would give it."""


class _WordCount:
    """Word's counters of a multilevel list: a level counts on; the levels below it restart."""

    def __init__(self):
        self.counts = [0] * len(LEVELS)

    def label(self, level: int) -> str:
        """The number Word prints for the next paragraph at ``level``."""
        counts = self.counts[:level] + [self.counts[level] + 1]
        return ".".join(str(count) for count in counts)

    def take(self, level: int) -> None:
        self.counts[level] += 1
        self.counts[level + 1:] = [0] * (len(self.counts) - level - 1)


def word_numbered(doc: Document) -> frozenset[str]:
    """The ids of the sections and clauses whose number Word's heading numbering prints."""
    count, numbered = _WordCount(), set()
    for section in doc.sections:
        _count(count, numbered, section, LEVELS["section_heading"])
        for child in section.children:
            if isinstance(child, Clause):
                _count(count, numbered, child, LEVELS["clause_heading"])
    return frozenset(numbered)


def _count(count: _WordCount, numbered: set[str], node, level: int) -> None:
    if node.number and node.number == count.label(level) and node.id not in numbered:
        count.take(level)
        numbered.add(node.id)


def number_heading(paragraph, num_id: str | None, level: int) -> None:
    """Give a heading paragraph its place in the heading list, or (``num_id`` None) none."""
    ppr = paragraph_properties(paragraph)
    numbering = ppr.makeelement(w("numPr"), {})
    style = ppr.find(w("pStyle"))
    if style is None:
        ppr.insert(0, numbering)
    else:
        style.addnext(numbering)
    if num_id is not None:
        SubElement(numbering, w("ilvl")).set(VAL, str(level))
    SubElement(numbering, w("numId")).set(VAL, num_id or NO_LIST)
