"""Titles termsheet gives itself — sections, the standing clauses, table captions and column
headers — as the wording template ``titles.j2`` words them.

A drafting office renames one by overriding ``wording/titles.j2`` (``--templates``);
the document model then carries the new title, so every format prints it.
Column headers are keyed ``<cell template>.<macro>`` (``deployment.location``), the
basis column ``column.basis``.
"""

from __future__ import annotations

from typing import Iterable

from termsheet.document.nodes import plain_text

TEMPLATE = "titles.j2"
BASIS = "column.basis"


def title(ctx, key: str) -> str:
    """The title of ``key`` (a section, clause or table id, or a column key)."""
    (nodes,) = ctx.wording.macros(TEMPLATE, ("title",), ctx, key)
    return plain_text(nodes)


def header(ctx, template: str, macros: Iterable[str], *, basis: bool = True) -> tuple[str, ...]:
    """The column headers of a table whose cells come from the macros of ``template``,
    then the basis column's."""
    stem = template.removesuffix(".j2")
    columns = tuple(title(ctx, f"{stem}.{macro}") for macro in macros)
    return columns + (title(ctx, BASIS),) if basis else columns
