"""The format-neutral document model that every writer reads.

A `Document` is a tree of frozen dataclasses: sections hold clauses, clauses hold
blocks (paragraphs, lists, tables), blocks hold inline nodes. Every provision keeps
the stable `id` it had in the term file and an `Origin` pointing back at the YAML.
Numbers are empty when the builder makes the tree; the numbering transform fills
them in once, and writers only print them.

`Inserted` and `Deleted` inline nodes and the comparison fields of the block
nodes carry the marks of a comparison (a redline); in a plain term sheet they
are all empty:

- ``change`` (sections, clauses, paragraphs, tables, rows; ``item_changes`` of a
  list): the node is `INSERTED`, `DELETED`, `MOVED_FROM` (OLD's copy of a moved
  node, at its OLD place) or `MOVED_TO` (NEW's copy, at its NEW place);
- ``title_marked``, ``number_marked`` (sections, clauses), ``header_marked``,
  ``caption_marked`` (tables): the word diff of a changed heading or number as
  inline nodes with `Inserted`/`Deleted`, while the plain field keeps the value
  shown when the marks are ignored;
- ``old_status`` (clauses), ``old_info`` (documents): OLD's value where it differs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator, Union

INSERTED = "inserted"
DELETED = "deleted"
MOVED_FROM = "moved_from"
MOVED_TO = "moved_to"
CHANGES = (INSERTED, DELETED, MOVED_FROM, MOVED_TO)
"""The values of a ``change`` field."""
OLD_ONLY = (DELETED, MOVED_FROM)
"""Changes whose content exists only in OLD (dropped when every change is accepted)."""
NEW_ONLY = (INSERTED, MOVED_TO)
"""Changes whose content exists only in NEW (dropped when every change is rejected)."""


@dataclass(frozen=True)
class Origin:
    """Where a node came from: the term file and the YAML path (``commitments[3]``)."""

    file: str
    path: str
    line: int | None = None
    column: int | None = None


# ---------------------------------------------------------------- inline nodes

@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised text (italic), or strong text (bold) when ``strong`` is set."""

    children: tuple[Inline, ...]
    strong: bool = False


@dataclass(frozen=True)
class Term:
    """A defined term, e.g. "Special Commission", printed as the term sheet defines it."""

    text: str


@dataclass(frozen=True)
class Reference:
    """A cross-reference to the node with id ``target``; ``number`` is filled by the transform."""

    target: str
    number: str | None = None


@dataclass(frozen=True)
class LineBreak:
    """A line break inside a paragraph or cell."""


@dataclass(frozen=True)
class Inserted:
    """Text present only in the newer version (comparisons only)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Deleted:
    """Text present only in the older version (comparisons only)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Footnote:
    """A footnote called at this point; ``number`` is filled by the transform (1, 2… in
    document order). Its text is not part of the running text (`plain_text`)."""

    children: tuple[Inline, ...]
    number: int | None = None


@dataclass(frozen=True)
class Bracket:
    """Disputed text in negotiation brackets, attributed to the party proposing it when
    ``party`` (its printed code, ``US``) is set. Every writer prints `bracket_text`:
    ``[US: 15 years]``, or ``[disputed words]`` without a party."""

    children: tuple[Inline, ...]
    party: str | None = None


Inline = Union[Text, Emphasis, Term, Reference, LineBreak, Inserted, Deleted, Footnote, Bracket]


# ----------------------------------------------------------------- block nodes

@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``role`` names its semantic style (``body``, ``note``, ``disclaimer``…)."""

    content: tuple[Inline, ...]
    role: str = "body"
    id: str | None = None
    origin: Origin | None = None
    change: str | None = None
    """Comparison mark: ``inserted``, ``deleted``, ``moved_from`` or ``moved_to`` (None in term sheets)."""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (or ordered) list; each item is a tuple of inline nodes."""

    items: tuple[tuple[Inline, ...], ...]
    ordered: bool = False
    item_changes: tuple[str | None, ...] = ()
    """Comparison marks, one per item (None for a kept item); empty in term sheets."""


@dataclass(frozen=True)
class Cell:
    """A table cell: inline content."""

    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Row:
    """A table row; a row that stands for a provision carries its id and origin."""

    cells: tuple[Cell, ...]
    id: str | None = None
    origin: Origin | None = None
    change: str | None = None
    """Comparison mark: ``inserted``, ``deleted``, ``moved_from`` or ``moved_to`` (None in term sheets)."""
    number: str | None = None
    """The row's citation, ``4.3(b)``: its clause's number and a letter (filled by the transform)."""
    old_number: str | None = None
    """In a redline: the row's number in the older version, when its letter differs there."""

    @property
    def label(self) -> str | None:
        """What the row prints before its first cell: ``(b)`` of ``4.3(b)``."""
        return _row_label(self.number)

    @property
    def old_label(self) -> str | None:
        """In a redline: the label the row had in the older version, when it differs."""
        return _row_label(self.old_number)


def _row_label(number: str | None) -> str | None:
    """``(b)`` of ``4.3(b)``; None for an unnumbered row."""
    if not number or "(" not in number:
        return None
    return number[number.index("("):]


@dataclass(frozen=True)
class Table:
    """A table with one header row (repeated on every page) and body rows."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str | None = None
    id: str | None = None
    widths: tuple[int, ...] | None = None
    """Relative column widths (any scale); writers turn them into fractions of the text width."""
    change: str | None = None
    """Comparison mark of the whole table, header row included."""
    header_marked: tuple[tuple[Inline, ...], ...] | None = None
    """The header cells with their word diffs, when OLD's header differs."""
    caption_marked: tuple[Inline, ...] | None = None
    """The caption with its word diff, when OLD's caption differs."""


Block = Union[Paragraph, ListBlock, Table]


@dataclass(frozen=True)
class Clause:
    """A numbered provision with a heading and body blocks."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    number: str | None = None
    origin: Origin | None = None
    status: str = "agreed"
    """The provision's text status (``agreed``, ``bracketed``…), for styling and comparison."""
    change: str | None = None
    """Comparison mark: ``inserted``, ``deleted``, ``moved_from`` or ``moved_to`` (None in term sheets)."""
    title_marked: tuple[Inline, ...] | None = None
    """The title with its word diff, when OLD's title differs."""
    number_marked: tuple[Inline, ...] | None = None
    """``(Deleted(old), Inserted(new))`` when the clause was renumbered."""
    old_status: str | None = None
    """OLD's text status, when it differs from ``status`` (NEW's)."""


@dataclass(frozen=True)
class Section:
    """A numbered top-level section; its clauses are numbered ``<section>.<n>``."""

    id: str
    title: str
    children: tuple[Union[Clause, Block], ...]
    number: str | None = None
    change: str | None = None
    """Comparison mark: ``inserted``, ``deleted``, ``moved_from`` or ``moved_to`` (None in term sheets)."""
    title_marked: tuple[Inline, ...] | None = None
    """The title with its word diff, when OLD's title differs."""
    number_marked: tuple[Inline, ...] | None = None
    """``(Deleted(old), Inserted(new))`` when the section was renumbered."""
    origin: Origin | None = None
    """For an annex, where it came from (``annexes[0]``); None for a numbered section."""
    annex: str | None = None
    """For an annex, the word its number starts with (``Annex``, from the wording): the
    numbering transform numbers it ``Annex A``, ``Annex B``… and writers print it after the
    signature block, on a new page. None for a numbered section."""
    contents_clauses: bool = True
    """Whether the table of contents lists the section's clauses (False: the section alone,
    as for the list of sources)."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the header block, page headers/footers and file metadata print."""

    doc_id: str
    title: str
    document_type: str
    version: str
    date: str
    """ISO date of the version; also the fixed timestamp of the rendered files."""
    status: str
    drafting_party: str
    """Name of the drafting party (the author of the files and revisions)."""
    language: str
    """The BCP-47 tag of the text (``en``)."""
    supersedes: str | None = None
    title_localized: tuple[tuple[str, str], ...] = ()
    marking: str | None = None
    """The marking line printed at the top and bottom of every page, e.g. ``UNCLASSIFIED``."""
    handling: tuple[str, ...] = ()
    illustrative: bool = False
    disclaimer: str | None = None
    negotiation_track: str | None = None
    source_file: str | None = None
    watermark: str | None = None
    """The word printed diagonally across every page (``DRAFT``), or None."""
    signatories: tuple[str, ...] = ()
    """The parties that sign, by name: an agreement-type document ends with a signature block."""
    language_name: str | None = None
    """The language of the text in words (``English``), for the title block."""
    authentic_languages: str | None = None
    """The languages in which the final text is equally authentic, in words
    (``English, French and Ukrainian``); None when the file names none."""
    translation_of: str | None = None
    """The original this text translates (``us-security-protocols (original in English)``)."""

    @property
    def running_title(self) -> str:
        """The title as the running header prints it: at most `RUNNING_TITLE_LENGTH`
        characters, cut at a word with an ellipsis."""
        if len(self.title) <= RUNNING_TITLE_LENGTH:
            return self.title
        cut = self.title[:RUNNING_TITLE_LENGTH].rsplit(" ", 1)[0]
        return cut.rstrip(" ,;:–—-") + "…"

    @property
    def running_reference(self) -> str:
        """Document id and version, as the running footer prints them."""
        return f"{self.doc_id} v{self.version}"


RUNNING_SEPARATOR = " \u00b7 "
"""Between the status and the date of the running header, in every format."""
RUNNING_TITLE_LENGTH = 70
"""The longest title a running header prints whole."""


@dataclass(frozen=True)
class Document:
    """A whole term sheet, ready for any writer."""

    info: DocumentInfo
    sections: tuple[Section, ...]
    old_info: DocumentInfo | None = None
    """A redline's OLD info (``info`` is NEW's); None in term sheets."""


Node = Union[Document, Section, Clause, Paragraph, ListBlock, Table, Row, Cell, Inline]


# -------------------------------------------------------------------- helpers

def walk(node) -> Iterator:
    """Yield ``node`` and every node below it, depth first, in document order."""
    yield node
    for child in children(node):
        yield from walk(child)


def children(node) -> tuple:
    """The direct child nodes of ``node``."""
    if isinstance(node, Document):
        return node.sections
    if isinstance(node, Section):
        return node.children
    if isinstance(node, Clause):
        return node.blocks
    if isinstance(node, (Paragraph, Cell)):
        return node.content
    if isinstance(node, ListBlock):
        return tuple(inline for item in node.items for inline in item)
    if isinstance(node, Table):
        return node.rows
    if isinstance(node, Row):
        return node.cells
    if isinstance(node, (Emphasis, Inserted, Deleted, Footnote, Bracket)):
        return node.children
    return ()


def body_sections(doc: Document) -> tuple[Section, ...]:
    """The numbered sections of ``doc``: what writers print before the signature block."""
    return tuple(section for section in doc.sections if section.annex is None)


def annexes(doc: Document) -> tuple[Section, ...]:
    """The annexes of ``doc``: what writers print after the signature block."""
    return tuple(section for section in doc.sections if section.annex is not None)


def footnotes(doc: Document) -> list[Footnote]:
    """The footnotes of ``doc`` in document order."""
    return [node for node in walk(doc) if isinstance(node, Footnote)]


def plain_text(inlines) -> str:
    """The text of inline nodes as a reader sees it (deleted text left out)."""
    parts = []
    for node in inlines:
        if isinstance(node, (Text, Term)):
            parts.append(node.text)
        elif isinstance(node, Reference):
            parts.append(node.number or node.target)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, (Emphasis, Inserted)):
            parts.append(plain_text(node.children))
        elif isinstance(node, Bracket):
            parts.append(plain_text(bracket_text(node)))
    return "".join(parts)


def bracket_text(node: Bracket) -> tuple[Inline, ...]:
    """What a bracket prints, the same in every format: ``[US: `` children ``]``."""
    opening = f"[{node.party}: " if node.party else "["
    return (Text(opening), *node.children, Text("]"))


def row_lead(row: Row) -> tuple[Inline, ...]:
    """What every writer prints before a row's first cell: its label in bold and a space (in a
    redline, a changed letter as the older one deleted and the newer one inserted)."""
    label = row.label
    if not label:
        return ()
    lead = Emphasis((Text(label),), strong=True)
    if row.old_label:
        lead = (Deleted((Emphasis((Text(row.old_label),), strong=True),)), Inserted((lead,)))
        return (*lead, Text(" "))
    return (lead, Text(" "))


def to_data(node) -> object:
    """A JSON-ready form of any node, tagged with its type (for golden tests and debugging)."""
    if dataclasses.is_dataclass(node):
        data = {"type": type(node).__name__}
        for item in dataclasses.fields(node):
            value = getattr(node, item.name)
            if value not in (None, (), False):
                data[item.name] = to_data(value)
        return data
    if isinstance(node, tuple):
        return [to_data(value) for value in node]
    return node


class UnknownNode(TypeError):
    """A writer met a node type it does not handle."""


def unknown_node(writer: str, node) -> UnknownNode:
    """The error a writer raises for a node type it does not know: it must be updated."""
    return UnknownNode(f"{writer} writer cannot handle {type(node).__name__} nodes")
