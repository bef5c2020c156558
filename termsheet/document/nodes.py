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


Inline = Union[Text, Emphasis, Term, Reference, LineBreak, Inserted, Deleted, Footnote]


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
    supersedes: str | None = None
    title_localized: tuple[tuple[str, str], ...] = ()
    marking: str | None = None
    """The marking line printed at the top and bottom of every page, e.g. ``UNCLASSIFIED``."""
    handling: tuple[str, ...] = ()
    illustrative: bool = False
    disclaimer: str | None = None
    negotiation_track: str | None = None
    source_file: str | None = None


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
    if isinstance(node, (Emphasis, Inserted, Deleted, Footnote)):
        return node.children
    return ()


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
    return "".join(parts)


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
