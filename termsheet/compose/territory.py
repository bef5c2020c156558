"""Section 7, territorial arrangements: one clause per area."""

from __future__ import annotations

from termsheet.compose.context import BuildContext


def children(ctx: BuildContext):
    for index, provision in enumerate(ctx.sheet.territorial_provisions):
        yield ctx.provision_clause(provision, id=provision.id, title=provision.area,
                                   loc=("territorial_provisions", index),
                                   text=ctx.say("territorial_provision.j2", p=provision,
                                                key_terms=ctx.edition.key_terms),
                                   terms=_terms(ctx, provision))


def _terms(ctx: BuildContext, provision):
    """The Terms line when the drafter's details are the text (the built sentence says it all
    otherwise)."""
    return ctx.key_terms("territorial_provision", provision) if provision.details else None
