"""What an edition changes once the sections are built: the Basis column of tables goes,
and a sources footnote standing alone (a provenance line without its basis) moves to the
end of the text before it."""

from __future__ import annotations

import dataclasses

from termsheet.document.nodes import (
    Cell, Clause, Footnote, ListBlock, Paragraph, Section, Table, plain_text,
)
from termsheet.source.editions import Edition

def apply(section: Section, edition: Edition, basis_column: str) -> Section:
    """``section`` as ``edition`` shows it (unchanged when it shows basis lines);
    ``basis_column`` is the title of the Basis column (titles.j2 words it)."""
    if edition.basis:
        return section
    children = tuple(_clause(child, basis_column) if isinstance(child, Clause) else child
                     for child in _blocks(section.children, basis_column))
    return dataclasses.replace(section, children=children)


def _clause(clause: Clause, basis_column: str) -> Clause:
    return dataclasses.replace(clause, blocks=_blocks(clause.blocks, basis_column))


def _blocks(blocks, basis_column: str) -> tuple:
    result: list = []
    for block in blocks:
        if isinstance(block, Table):
            block = _table(block, basis_column)
        if (isinstance(block, Paragraph) and block.role == "provenance" and result
                and all(isinstance(node, Footnote) for node in block.content)):
            target = _text_before(result)
            merged = _append(result[target], block.content)
            if merged is not None:
                result[target] = merged
                continue
        result.append(block)
    return tuple(result)


def _text_before(blocks: list) -> int:
    """The index of the last block that is the provision's text: a Terms line (an apparatus
    paragraph of its own) is passed over, so the sources' footnote closes the text."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if not (isinstance(block, Paragraph) and block.role == "provenance"):
            return index
    return len(blocks) - 1


def _append(block, notes: tuple):
    """``block`` with ``notes`` at the end of its text, or None if it has no text to end."""
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, content=block.content + notes)
    if isinstance(block, ListBlock) and block.items:
        return dataclasses.replace(block, items=(*block.items[:-1], block.items[-1] + notes))
    return None


def _table(table: Table, basis_column: str) -> Table:
    """Without its Basis column; the sources' footnotes of that column close the row."""
    if not table.header or table.header[-1] != basis_column or len(table.header) < 2:
        return table
    rows = []
    for row in table.rows:
        *cells, basis = row.cells
        notes = tuple(node for node in basis.content if isinstance(node, Footnote))
        # a row's sources close it, or follow its first cell when the last one is empty ("—")
        end = 0 if plain_text(cells[-1].content).strip("[] ") in ("", "—") else -1
        cells[end] = Cell(cells[end].content + notes)
        rows.append(dataclasses.replace(row, cells=tuple(cells)))
    widths = table.widths[:-1] if table.widths else None
    return dataclasses.replace(table, header=table.header[:-1], rows=tuple(rows), widths=widths)
