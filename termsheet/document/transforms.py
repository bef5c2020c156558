"""Passes over a built `Document`, run in order once before any writer sees it.

1. `number`: sections ``1``…``10``; clauses ``<section>.<n>`` in document order.
2. `resolve_references`: each `Reference` gets the number of its target.
3. `number_footnotes`: footnotes ``1``, ``2``… in document order.

Writers print these numbers and never compute them, so clause 4.2 is the same
clause in every format.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from termsheet.document.nodes import (
    Clause, Deleted, Document, Emphasis, Footnote, Inserted, ListBlock, Paragraph, Reference, Row,
    Section, Table,
)


class UnresolvedReference(ValueError):
    """A cross-reference points at an id that no numbered section or clause carries."""

    def __init__(self, target: str):
        super().__init__(f"cross-reference to {target!r}: no numbered section or clause has this id")
        self.target = target


def number(doc: Document) -> Document:
    """Number sections ``1``, ``2``… and their clauses ``1.1``, ``1.2``…"""
    sections = []
    for section_number, section in enumerate(doc.sections, start=1):
        label = str(section_number)
        children = []
        count = 0
        for child in section.children:
            if isinstance(child, Clause):
                count += 1
                child = dataclasses.replace(child, number=f"{label}.{count}")
            children.append(child)
        sections.append(dataclasses.replace(section, number=label, children=tuple(children)))
    return dataclasses.replace(doc, sections=tuple(sections))


def numbers(doc: Document) -> dict[str, str]:
    """The number of every numbered section and clause, by id."""
    found: dict[str, str] = {}
    for section in doc.sections:
        if section.number is not None:
            found[section.id] = section.number
        for child in section.children:
            if isinstance(child, Clause) and child.number is not None:
                found[child.id] = child.number
    return found


def resolve_references(doc: Document) -> Document:
    """Fill every `Reference.number`; an unknown target raises `UnresolvedReference`."""
    known = numbers(doc)

    def resolve(node):
        if isinstance(node, Reference):
            if node.target not in known:
                raise UnresolvedReference(node.target)
            return dataclasses.replace(node, number=known[node.target])
        return node

    return _map_inlines(doc, resolve)


def number_footnotes(doc: Document) -> Document:
    """Number every `Footnote` ``1``, ``2``… in document order."""
    count = 0

    def numbered(node):
        nonlocal count
        if isinstance(node, Footnote):
            count += 1
            return dataclasses.replace(node, number=count)
        return node

    return _map_inlines(doc, numbered)


PASSES: tuple[Callable[[Document], Document], ...] = (number, resolve_references, number_footnotes)
"""The passes, in the order they run."""


def apply_transforms(doc: Document) -> Document:
    """Run every pass of `PASSES` in order."""
    for transform in PASSES:
        doc = transform(doc)
    return doc


# ------------------------------------------------------------- tree rebuild

def _map_inlines(doc: Document, function) -> Document:
    """``doc`` with ``function`` applied to every inline node.

    Only the nodes on a path to a changed inline are rebuilt; everything else
    is shared with the input (the nodes are immutable).
    """

    def inlines(nodes: tuple) -> tuple:
        result = tuple(inline(node) for node in nodes)
        return nodes if all(new is old for new, old in zip(result, nodes)) else result

    def inline(node):
        if isinstance(node, (Emphasis, Inserted, Deleted, Footnote)):
            children = inlines(node.children)
            if children is not node.children:
                node = dataclasses.replace(node, children=children)
        return function(node)

    def each(items: tuple, function) -> tuple:
        result = tuple(function(item) for item in items)
        return items if all(new is old for new, old in zip(result, items)) else result

    def block(node):
        if isinstance(node, Paragraph):
            content = inlines(node.content)
            return node if content is node.content else dataclasses.replace(node, content=content)
        if isinstance(node, ListBlock):
            items = each(node.items, inlines)
            return node if items is node.items else dataclasses.replace(node, items=items)
        if isinstance(node, Table):
            rows = each(node.rows, row)
            return node if rows is node.rows else dataclasses.replace(node, rows=rows)
        if isinstance(node, Clause):
            blocks = each(node.blocks, block)
            return node if blocks is node.blocks else dataclasses.replace(node, blocks=blocks)
        raise TypeError(f"transforms cannot handle {type(node).__name__} nodes")

    def row(node: Row) -> Row:
        cells = each(node.cells, cell)
        return node if cells is node.cells else dataclasses.replace(node, cells=cells)

    def cell(node):
        content = inlines(node.content)
        return node if content is node.content else dataclasses.replace(node, content=content)

    def section(node: Section) -> Section:
        children = each(node.children, block)
        return node if children is node.children else dataclasses.replace(node, children=children)

    sections = each(doc.sections, section)
    return doc if sections is doc.sections else dataclasses.replace(doc, sections=sections)


__all__ = ["PASSES", "UnresolvedReference", "apply_transforms", "number", "number_footnotes",
           "numbers", "resolve_references"]
