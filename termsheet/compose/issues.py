"""Section 9, open issues: the question, its status, and each party's position."""

from __future__ import annotations

from termsheet.compose import labels, titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Table

POSITION_COLUMNS = ("party", "stance", "summary")
"""Macros of position.j2, one per column."""


def children(ctx: BuildContext):
    for index, issue in enumerate(ctx.sheet.open_issues):
        rows, notes = [], []
        for number, position in enumerate(issue.positions):
            if not ctx.edition.counterparty_positions and position.party in ctx.sheet.counterparties:
                continue
            cells = ctx.cells("position.j2", POSITION_COLUMNS, position)
            rows.append(ctx.row(position, cells,
                                id=ctx.unique_id(f"{issue.id}_position_{position.party}"),
                                loc=("open_issues", index, "positions", number)))
            note = ctx.note(position, about=ctx.name(position.party))
            if note is not None:
                notes.append(note)
        blocks = ()
        if rows:
            header = titles.header(ctx, "position", POSITION_COLUMNS)
            blocks = (Table(header, tuple(rows), caption=titles.title(ctx, "table_positions"),
                            id=f"positions_{issue.id}",
                            widths=(14, 13, 36, 10)), *notes)
        title = issue.title or labels.cap(labels.words(issue.topic, "topic"))
        yield ctx.provision_clause(issue, id=issue.id, title=title, loc=("open_issues", index),
                                   text=ctx.say("open_issue.j2", issue=issue), blocks=blocks)
