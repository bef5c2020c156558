"""Section 1, parties and roles: who is who, and each guarantor's roles and caveats."""

from __future__ import annotations

from termsheet.compose import labels, titles
from termsheet.compose.context import BuildContext, Nodes
from termsheet.document.nodes import Clause, Paragraph, Row, Cell, Table, Text


def children(ctx: BuildContext):
    yield _parties(ctx)
    yield _guarantors(ctx)


def _parties(ctx: BuildContext) -> Clause:
    sheet = ctx.sheet
    text = ctx.say("parties.j2", sheet=sheet, guarantors=[g.party for g in sheet.guarantors])
    rows = tuple(
        Row(
            (Cell(ctx.name(party.id)),
             Cell((Text(labels.cap(labels.words(party.kind, "party_kind"))),)),
             Cell((Text(_standing(ctx, party.id)),)),
             Cell(ctx.names(party.member_of) if party.member_of else (Text("—"),))),
            id=ctx.unique_id(f"party_{party.id}"),
            origin=ctx.origin("parties", index),
        )
        for index, party in enumerate(sheet.parties)
    )
    blocks = [Paragraph(nodes) for nodes in text]
    if rows:
        blocks.append(Table(titles.header(ctx, "parties", PARTY_COLUMNS, basis=False), rows,
                            caption=titles.title(ctx, "table_parties"), id="table_parties",
                            widths=(16, 12, 20, 16)))
    return Clause(id="parties_list", title=titles.title(ctx, "parties_list"), blocks=tuple(blocks),
                  origin=ctx.origin("parties"))


def _standing(ctx: BuildContext, party: str) -> str:
    sheet = ctx.sheet
    standing = []
    if party == sheet.beneficiary:
        standing.append("beneficiary")
    for guarantor in sheet.guarantors:
        if guarantor.party == party:
            standing.append(f"guarantor ({labels.words(guarantor.tier, 'tier')} tier)")
    if party in sheet.counterparties:
        standing.append("counterparty")
    if party in sheet.mediators:
        standing.append("mediator")
    if party == sheet.metadata.drafting_party:
        standing.append("drafting party")
    if party in sheet.metadata.contributors:
        standing.append("contributor to the text")
    return labels.cap("; ".join(standing)) if standing else "Referred to in the text"


PARTY_COLUMNS = ("party", "kind", "standing", "member_of")
"""Keys of the parties table's column titles (``parties.<key>`` in titles.j2)."""
GUARANTOR_COLUMNS = ("tier", "roles", "caveats")
"""Macros of guarantor.j2, after the guarantor's name."""


def _guarantors(ctx: BuildContext) -> Clause:
    rows = []
    notes = []
    for index, guarantor in enumerate(ctx.sheet.guarantors):
        cells: list[Nodes] = [ctx.name(guarantor.party)]
        cells += ctx.cells("guarantor.j2", GUARANTOR_COLUMNS, guarantor)
        rows.append(ctx.row(guarantor, cells, id=ctx.unique_id(f"guarantor_{guarantor.party}"),
                            loc=("guarantors", index)))
        note = ctx.note(guarantor, about=ctx.name(guarantor.party))
        if note is not None:
            notes.append(note)
    if not rows:
        blocks = (ctx.empty(),)
    else:
        columns = titles.header(ctx, "guarantor", ("name", *GUARANTOR_COLUMNS))
        blocks = (Table(columns, tuple(rows), caption=titles.title(ctx, "table_guarantors"),
                        id="table_guarantors", widths=(14, 8, 18, 28, 10)), *notes)
    return Clause(id="parties_guarantors", title=titles.title(ctx, "parties_guarantors"), blocks=blocks,
                  origin=ctx.origin("guarantors"))
