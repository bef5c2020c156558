"""What an edition changes once the sections are built: the Basis column of tables goes,
and a sources footnote standing alone (a provenance line without its basis) moves to the
end of the text before it."""

from __future__ import annotations

import dataclasses

from termsheet.document.nodes import (
    Cell, Clause, Footnote, ListBlock, Paragraph, Section, Table, plain_text,
)
from termsheet.source.editions import Edition

BASIS_COLUMN = "Basis"


def apply(section: Section, edition: Edition) -> Section:
    """``section`` as ``edition`` shows it (unchanged when it shows basis lines)."""
    if edition.basis:
        return section
    children = tuple(_clause(child) if isinstance(child, Clause) else child
                     for child in _blocks(section.children))
    return dataclasses.replace(section, children=children)


def _clause(clause: Clause) -> Clause:
    return dataclasses.replace(clause, blocks=_blocks(clause.blocks))


def _blocks(blocks) -> tuple:
    result: list = []
    for block in blocks:
        if isinstance(block, Table):
            block = _table(block)
        if (isinstance(block, Paragraph) and block.role == "provenance" and result
                and all(isinstance(node, Footnote) for node in block.content)):
            merged = _append(result[-1], block.content)
            if merged is not None:
                result[-1] = merged
                continue
        result.append(block)
    return tuple(result)


def _append(block, notes: tuple):
    """``block`` with ``notes`` at the end of its text, or None if it has no text to end."""
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, content=block.content + notes)
    if isinstance(block, ListBlock) and block.items:
        return dataclasses.replace(block, items=(*block.items[:-1], block.items[-1] + notes))
    return None


def _table(table: Table) -> Table:
    """Without its Basis column; the sources' footnotes of that column close the row."""
    if not table.header or table.header[-1] != BASIS_COLUMN or len(table.header) < 2:
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
