"""Section 6, response to violations and attack: each trigger with its response ladder."""

from __future__ import annotations

from termsheet.compose import labels, titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, Paragraph, Table, Text

LADDER_COLUMNS = ("actors", "action", "deadline", "anchor", "strictness", "authority")
"""Macros of response_step.j2, one per column."""
LADDER_WIDTHS = (12, 17, 10, 10, 12, 13, 10)
"""Relative column widths, about the characters each column needs on a portrait page."""


def children(ctx: BuildContext):
    enforcement = ctx.sheet.enforcement
    if enforcement is None:
        return
    responses = list(enumerate(enforcement.responses))
    placed: set[int] = set()
    for index, trigger in enumerate(enforcement.triggers):
        steps = sorted(((i, step) for i, step in responses if trigger.id in step.trigger_refs),
                       key=lambda item: (item[1].order, item[0]))
        table, notes = _ladder(ctx, f"ladder_{trigger.id}", steps, placed)
        ctx_blocks = (table, *notes) if table else (_no_steps(),)
        title = labels.cap(labels.words(trigger.kind, "trigger_kind"))
        yield ctx.provision_clause(trigger, id=trigger.id, title=title,
                                   loc=("enforcement", "triggers", index),
                                   text=ctx.say("trigger.j2", t=trigger,
                                                key_terms=ctx.edition.key_terms),
                                   terms=ctx.key_terms("trigger", trigger), blocks=ctx_blocks)
    loose = [(i, step) for i, step in responses if i not in placed]
    if loose:
        table, notes = _ladder(ctx, "ladder_unattached", loose, placed)
        yield Clause(id="response_unattached", title=titles.title(ctx, "response_unattached"),
                     blocks=(table, *notes), origin=ctx.origin("enforcement", "responses"))


def _no_steps() -> Paragraph:
    return Paragraph((Text("No response step is set out for this trigger."),))


def _ladder(ctx: BuildContext, table_id: str, steps, placed: set[int]):
    """The ladder table of ``steps``; a step already shown under an earlier trigger is
    repeated without its id (ids are unique in a document) and without its note."""
    if not steps:
        return None, []
    rows, notes = [], []
    for index, step in steps:
        first = index not in placed
        placed.add(index)
        cells = ctx.cells("response_step.j2", LADDER_COLUMNS, step)
        rows.append(ctx.row(step, cells, id=step.id if first else None,
                            loc=("enforcement", "responses", index)))
        if first:
            about = (Text(f"the step of {labels.words(step.action, 'action')} ("),
                     *ctx.names(step.actors), Text(")"))
            note = ctx.note(step, about=about)
            if note is not None:
                notes.append(note)
    return Table(titles.header(ctx, "response_step", LADDER_COLUMNS), tuple(rows),
                 caption=titles.title(ctx, "table_ladder"), id=table_id,
                 widths=LADDER_WIDTHS), notes
