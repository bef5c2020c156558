"""Section 8, final provisions: duration, termination, ratification, engagement."""

from __future__ import annotations

from termsheet.compose import titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, Paragraph, Table

RATIFICATION_COLUMNS = ("party", "procedure", "body", "status", "preconditions")
"""Macros of ratification.j2, one per column."""


def children(ctx: BuildContext):
    duration = ctx.sheet.duration
    yield _duration(ctx, duration)
    yield _termination(ctx, duration)
    yield _ratification(ctx)
    yield _engagement(ctx)


def _duration(ctx: BuildContext, duration) -> Clause:
    if duration is None:
        return Clause(id="final_duration", title=titles.title(ctx, "final_duration"),
                      blocks=(ctx.empty(),), origin=ctx.origin("duration"))
    return ctx.provision_clause(duration, id="final_duration", title=titles.title(ctx, "final_duration"),
                                loc=("duration",), text=ctx.say("duration.j2", d=duration))


def _provision_paragraphs(ctx: BuildContext, item, text, loc) -> list[Paragraph]:
    """Paragraphs for a provision inside a fixed clause: the first carries its id and origin."""
    blocks = []
    for number, nodes in enumerate(ctx.bracket(text, item)):
        first = number == 0
        blocks.append(Paragraph(nodes, id=item.id if first else None,
                                origin=ctx.origin(*loc) if first else None))
    return blocks + ctx.annotations(item)


def _termination(ctx: BuildContext, duration) -> Clause:
    terminations = duration.termination if duration else ()
    blocks = []
    for index, termination in enumerate(terminations):
        text = ctx.say("termination.j2", t=termination, term=duration.term)
        blocks += _provision_paragraphs(ctx, termination, text, ("duration", "termination", index))
    return Clause(id="final_termination", title=titles.title(ctx, "final_termination"),
                  blocks=tuple(blocks) or (ctx.empty(),),
                  origin=ctx.origin("duration", "termination"))


def _ratification(ctx: BuildContext) -> Clause:
    rows = []
    notes = []
    for index, step in enumerate(ctx.sheet.ratification):
        cells = ctx.cells("ratification.j2", RATIFICATION_COLUMNS, step)
        row_id = ctx.unique_id(f"ratification_{step.party}_{step.instrument}")
        rows.append(ctx.row(step, cells, id=row_id, loc=("ratification", index)))
        note = ctx.note(step, about=ctx.name(step.party))
        if note is not None:
            notes.append(note)
    if not rows:
        blocks = (ctx.empty(),)
    else:
        header = titles.header(ctx, "ratification", RATIFICATION_COLUMNS)
        blocks = (Table(header, tuple(rows), caption=titles.title(ctx, "table_ratification"),
                        id="table_ratification",
                        widths=(13, 13, 13, 11, 15, 10)), *notes)
    return Clause(id="final_ratification", title=titles.title(ctx, "final_ratification"), blocks=blocks,
                  origin=ctx.origin("ratification"))


def _engagement(ctx: BuildContext) -> Clause:
    steps = sorted(enumerate(ctx.sheet.engagement_plan), key=lambda item: (item[1].step, item[0]))
    blocks = []
    for index, step in steps:
        text = ctx.say("engagement_step.j2", e=step)
        blocks += _provision_paragraphs(ctx, step, text, ("engagement_plan", index))
    return Clause(id="final_engagement", title=titles.title(ctx, "final_engagement"),
                  blocks=tuple(blocks) or (ctx.empty(),),
                  origin=ctx.origin("engagement_plan"))
