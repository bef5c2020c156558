"""Section 1, parties and roles: who is who, and each guarantor's roles and caveats."""

from __future__ import annotations

from termsheet.compose import labels
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
        blocks.append(Table(("Party", "Type", "Standing in this arrangement", "Member of"), rows,
                            caption="Parties", id="table_parties", widths=(16, 12, 20, 16)))
    return Clause(id="parties_list", title="Parties", blocks=tuple(blocks),
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


GUARANTOR_COLUMNS = (("Guarantor", None), ("Tier", "tier"), ("Roles by domain", "roles"),
                     ("National caveats", "caveats"))


def _guarantors(ctx: BuildContext) -> Clause:
    rows = []
    notes = []
    for index, guarantor in enumerate(ctx.sheet.guarantors):
        cells: list[Nodes] = [ctx.name(guarantor.party)]
        cells += ctx.cells("guarantor.j2", [macro for _, macro in GUARANTOR_COLUMNS[1:]], guarantor)
        rows.append(ctx.row(guarantor, cells, id=ctx.unique_id(f"guarantor_{guarantor.party}"),
                            loc=("guarantors", index)))
        note = ctx.note(guarantor, about=ctx.name(guarantor.party))
        if note is not None:
            notes.append(note)
    if not rows:
        blocks = (Paragraph((Text("No guarantor is named."),)),)
    else:
        header = (*(title for title, _ in GUARANTOR_COLUMNS), "Basis")
        blocks = (Table(header, tuple(rows), caption="Guarantors, roles by domain and national caveats",
                        id="table_guarantors", widths=(14, 8, 18, 28, 10)), *notes)
    return Clause(id="parties_guarantors", title="Guarantors and roles", blocks=blocks,
                  origin=ctx.origin("guarantors"))
