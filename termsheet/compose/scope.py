"""Section 2, purpose and scope: purpose, activation, territory, related instruments."""

from __future__ import annotations

from termsheet.compose import titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, ListBlock, Paragraph
from termsheet.compose.wording import user_text


def children(ctx: BuildContext):
    scope = ctx.sheet.scope
    yield _purpose(ctx, scope)
    yield _activation(ctx, scope)
    yield _territory(ctx, scope)
    yield _instruments(ctx, scope)


def _purpose(ctx: BuildContext, scope) -> Clause:
    if scope is None or not scope.purpose:
        blocks = (ctx.empty(),)
    else:
        blocks = (Paragraph(user_text(scope.purpose)),)
    return Clause(id="scope_purpose", title=titles.title(ctx, "scope_purpose"), blocks=blocks,
                  origin=ctx.origin("scope", "purpose"))


def _activation(ctx: BuildContext, scope) -> Clause:
    if scope is None:
        return Clause(id="scope_activation", title=titles.title(ctx, "scope_activation"),
                      blocks=(ctx.empty(),), origin=ctx.origin("scope"))
    activation = scope.activation
    blocks = [Paragraph(nodes) for nodes in ctx.say("activation.j2", activation=activation)]
    if activation.conditions:
        blocks.append(ListBlock(tuple(user_text(item) for item in activation.conditions)))
    return Clause(id="scope_activation", title=titles.title(ctx, "scope_activation"),
                  blocks=(*blocks, *ctx.annotations(activation)),
                  origin=ctx.origin("scope", "activation"))


def _territory(ctx: BuildContext, scope) -> Clause:
    if scope is None:
        return Clause(id="scope_territory", title=titles.title(ctx, "scope_territory"),
                      blocks=(ctx.empty(),), origin=ctx.origin("scope"))
    territorial = scope.territorial_scope
    blocks = [Paragraph(nodes) for nodes in ctx.say("territorial_scope.j2", scope=territorial)]
    if territorial.exclusions:
        blocks.append(ListBlock(tuple(user_text(item) for item in territorial.exclusions)))
    return Clause(id="scope_territory", title=titles.title(ctx, "scope_territory"),
                  blocks=(*blocks, *ctx.annotations(territorial)),
                  origin=ctx.origin("scope", "territorial_scope"))


def _instruments(ctx: BuildContext, scope) -> Clause:
    instruments = scope.relationship_to_other_instruments if scope else ()
    blocks = []
    for index, item in enumerate(instruments):
        loc = ("scope", "relationship_to_other_instruments", index)
        text = ctx.bracket(ctx.say("related_instrument.j2", item=item), item)
        for number, nodes in enumerate(text):
            first = number == 0
            blocks.append(Paragraph(nodes, id=item.id if first else None,
                                    origin=ctx.origin(*loc) if first else None))
        blocks.extend(ctx.annotations(item))
    if not blocks:
        blocks = [ctx.empty()]
    return Clause(id="scope_instruments", title=titles.title(ctx, "scope_instruments"),
                  blocks=tuple(blocks),
                  origin=ctx.origin("scope", "relationship_to_other_instruments"))
