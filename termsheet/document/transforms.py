"""Passes over a built `Document`, run in order once before any writer sees it.

1. `number`: sections ``1``…``10`` and annexes ``Annex A``, ``Annex B``…; clauses
   ``<section>.<n>`` in document order; the rows of every table ``<clause>(a)``,
   ``(b)``… lettered on through all the tables of a clause (a table outside a clause:
   ``<section>(a)``…).
2. `resolve_references`: each `Reference` gets the number of its target (a row's too).
3. `number_footnotes`: footnotes ``1``, ``2``… in document order.

Writers print these numbers and never compute them, so clause 4.2 is the same
clause in every format.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Callable, Iterator

from termsheet.document.nodes import (
    CHANGES, NEW_ONLY, OLD_ONLY, Bracket, Clause, Deleted, Document, Emphasis, Footnote, Inserted,
    ListBlock, Paragraph, Reference, Row, Section, Table, Text, bracket_text,
)


class UnresolvedReference(ValueError):
    """A cross-reference points at an id that no numbered section, clause or row carries."""

    def __init__(self, target: str):
        super().__init__(f"cross-reference to {target!r}: no numbered section, clause or row has this id")
        self.target = target


def number(doc: Document) -> Document:
    """Number sections ``1``, ``2``…, their clauses ``1.1``, ``1.2``… and table rows ``1.2(a)``…;
    annexes ``Annex A``, ``Annex B``… (`annex_number`), counted apart from the sections."""
    sections = []
    section_numbers, annex_numbers = itertools.count(1), itertools.count()
    for section in doc.sections:
        if section.annex is None:
            label = str(next(section_numbers))
        else:
            label = annex_number(section.annex, next(annex_numbers))
        children = []
        count = 0
        for child in section.children:
            if isinstance(child, Clause):
                count += 1
                child = dataclasses.replace(child, number=f"{label}.{count}")
            children.append(child)
        sections.append(dataclasses.replace(section, number=label, children=tuple(children)))
    return letter_rows(dataclasses.replace(doc, sections=tuple(sections)))


def letter_rows(doc: Document) -> Document:
    """Number the rows of every table after the clause (or section) around it: ``4.3(a)``, ``4.3(b)``…

    The letters run on through all the tables of a clause; a row's number depends only on
    its place, so a projection of a redline (`termsheet.document.changes`) letters again.
    """
    sections = []
    for section in doc.sections:
        letters = _letters()
        children = tuple(
            dataclasses.replace(child, blocks=_lettered(child.blocks, child.number, _letters()))
            if isinstance(child, Clause) else _lettered((child,), section.number, letters)[0]
            for child in section.children)
        sections.append(dataclasses.replace(section, children=children))
    return dataclasses.replace(doc, sections=tuple(sections))


def letter_redline_rows(doc: Document) -> Document:
    """A redline with each row kept on both sides given its older number where its letter
    differs there (rows inserted or deleted before it shift the letters), so that accepting
    or rejecting every change prints each version's own letters."""
    sections = []
    for section in doc.sections:
        if section.change in CHANGES:
            sections.append(section)
            continue
        old_letters = _letters()
        children = tuple(
            dataclasses.replace(child, blocks=_older_letters(child.blocks, _letters()))
            if isinstance(child, Clause) and child.change not in CHANGES
            else child if isinstance(child, Clause) else _older_letters((child,), old_letters)[0]
            for child in section.children)
        sections.append(dataclasses.replace(section, children=children))
    return dataclasses.replace(doc, sections=tuple(sections))


def _older_letters(blocks: tuple, letters: Iterator[str]) -> tuple:
    """``blocks`` with ``old_number`` set on kept rows whose older letter differs."""
    return tuple(
        dataclasses.replace(block, rows=tuple(_with_older_letter(row, letters) for row in block.rows))
        if isinstance(block, Table) else block
        for block in blocks)


def _with_older_letter(row: Row, letters: Iterator[str]) -> Row:
    if row.change in NEW_ONLY:
        return row
    letter = next(letters)
    if row.change in OLD_ONLY or not row.number or "(" not in row.number:
        return row
    older = f"{row.number[:row.number.index('(')]}({letter})"
    return dataclasses.replace(row, old_number=older) if older != row.number else row


def annex_number(word: str, index: int) -> str:
    """``Annex A`` for the first annex (index 0), ``Annex B`` for the second…"""
    return f"{word} {row_letter(index).upper()}"


def row_letter(index: int) -> str:
    """``a``…``z`` for rows 0…25, then ``aa``, ``bb``… as legal drafting letters them."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def _letters() -> Iterator[str]:
    return (row_letter(index) for index in itertools.count())


def _lettered(blocks: tuple, parent: str | None, letters: Iterator[str]) -> tuple:
    """``blocks`` with the rows of their tables numbered ``<parent>(<letter>)`` (unnumbered
    when the parent has no number)."""
    return tuple(
        dataclasses.replace(block, rows=tuple(
            dataclasses.replace(row, number=f"{parent}({next(letters)})" if parent else None,
                                old_number=None)
            for row in block.rows))
        if isinstance(block, Table) else block
        for block in blocks)


def numbers(doc: Document) -> dict[str, str]:
    """The number of every numbered section, clause and table row, by id."""
    found: dict[str, str] = {}
    for section in doc.sections:
        if section.number is not None:
            found[section.id] = section.number
        for child in section.children:
            if isinstance(child, Clause) and child.number is not None:
                found[child.id] = child.number
            for table in _tables(child):
                found.update((row.id, row.number) for row in table.rows
                             if row.id and row.number and row.id not in found)
    return found


def _tables(child) -> list[Table]:
    blocks = child.blocks if isinstance(child, Clause) else (child,)
    return [block for block in blocks if isinstance(block, Table)]


def resolve_references(doc: Document) -> Document:
    """Fill every `Reference.number`; an unknown target raises `UnresolvedReference`."""
    known = numbers(doc)

    def resolve(node):
        if isinstance(node, Reference):
            if node.target not in known:
                raise UnresolvedReference(node.target)
            return dataclasses.replace(node, number=known[node.target])
        return node

    return map_inlines(doc, resolve)


def number_footnotes(doc: Document) -> Document:
    """Number every `Footnote` ``1``, ``2``… in document order."""
    count = 0

    def numbered(node):
        nonlocal count
        if isinstance(node, Footnote):
            count += 1
            return dataclasses.replace(node, number=count)
        return node

    return map_inlines(doc, numbered)


PASSES: tuple[Callable[[Document], Document], ...] = (number, resolve_references, number_footnotes)
"""The passes, in the order they run."""


def apply_transforms(doc: Document) -> Document:
    """Run every pass of `PASSES` in order."""
    for transform in PASSES:
        doc = transform(doc)
    return doc


def brackets_as_text(doc: Document) -> Document:
    """``doc`` with each `Bracket` replaced by the text it prints (``[US: 15 years]``), so
    that a comparison sees its characters as words like any others."""

    def as_text(node):
        if not isinstance(node, Bracket):
            return node
        parts = bracket_text(node)
        if all(isinstance(part, Text) for part in parts):
            return (Text("".join(part.text for part in parts)),)
        return parts

    return map_inlines(doc, as_text)


# ------------------------------------------------------------- tree rebuild

def map_inlines(doc: Document, function) -> Document:
    """``doc`` with ``function`` applied to every inline node.

    Only the nodes on a path to a changed inline are rebuilt; everything else
    is shared with the input (the nodes are immutable).
    """

    def inlines(nodes: tuple) -> tuple:
        result = tuple(inline(node) for node in nodes)
        if all(new is old for new, old in zip(result, nodes)):
            return nodes
        # a function may replace a node by several (a tuple of nodes)
        return tuple(part for new in result
                     for part in (new if isinstance(new, tuple) else (new,)))

    def inline(node):
        if isinstance(node, (Emphasis, Inserted, Deleted, Footnote, Bracket)):
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


__all__ = ["PASSES", "UnresolvedReference", "annex_number", "apply_transforms", "brackets_as_text", "number",
           "number_footnotes",
           "letter_redline_rows", "letter_rows", "numbers", "resolve_references", "row_letter"]
