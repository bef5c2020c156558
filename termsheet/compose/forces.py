"""Section 4, force posture: overall strength, command structure, deployments."""

from __future__ import annotations

from termsheet.compose import labels, titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, Paragraph, Table, Text

COMMAND_COLUMNS = ("node", "lead", "location", "parent", "forces")
"""Macros of command_node.j2, one per column."""
DEPLOYMENT_COLUMNS = ("contributor", "type", "missions", "location", "strength", "status", "timing")
"""Macros of deployment.j2, one per column."""


def children(ctx: BuildContext):
    forces = ctx.sheet.forces
    yield _strength(ctx, forces)
    yield _command(ctx, forces)
    yield _deployments(ctx, forces)


def _strength(ctx: BuildContext, forces) -> Clause:
    strength = forces.total_strength if forces else None
    if strength is None:
        blocks = (ctx.empty(),)
    else:
        blocks = (*(Paragraph(nodes) for nodes in ctx.say("forces_strength.j2", strength=strength)),
                  *ctx.annotations(strength))
    return Clause(id="forces_strength", title=titles.title(ctx, "forces_strength"), blocks=blocks,
                  origin=ctx.origin("forces", "total_strength"))


def _tree_order(nodes) -> list[tuple[int, object]]:
    """Command nodes parents first, each followed by the nodes that report to it (file order
    among siblings); nodes whose parent is unknown, or that form a cycle, come last."""
    indexed = list(enumerate(nodes))
    ids = {node.id for node in nodes}
    ordered: list[tuple[int, object]] = []
    seen: set[int] = set()

    def visit(index: int, node) -> None:
        seen.add(index)
        ordered.append((index, node))
        for child_index, child in indexed:
            if child.parent == node.id and child_index not in seen:
                visit(child_index, child)

    for index, node in indexed:
        if (node.parent is None or node.parent not in ids) and index not in seen:
            visit(index, node)
    ordered.extend(item for item in indexed if item[0] not in seen)
    return ordered


def _command(ctx: BuildContext, forces) -> Clause:
    nodes = forces.command_nodes if forces else ()
    rows, notes = [], []
    for index, node in _tree_order(nodes):
        cells = ctx.cells("command_node.j2", COMMAND_COLUMNS, node)
        rows.append(ctx.row(node, cells, id=node.id, loc=("forces", "command_nodes", index)))
        note = ctx.note(node, about=ctx.name(node.id))
        if note is not None:
            notes.append(note)
    if not rows:
        blocks = (ctx.empty(),)
    else:
        header = titles.header(ctx, "command_node", COMMAND_COLUMNS)
        blocks = (Table(header, tuple(rows), caption=titles.title(ctx, "table_command"),
                        id="table_command",
                        widths=(16, 13, 15, 13, 16, 10)), *notes)
    return Clause(id="forces_command", title=titles.title(ctx, "forces_command"), blocks=blocks,
                  origin=ctx.origin("forces", "command_nodes"))


def _deployments(ctx: BuildContext, forces) -> Clause:
    deployments = forces.deployments if forces else ()
    rows, notes = [], []
    for index, deployment in enumerate(deployments):
        cells = ctx.cells("deployment.j2", DEPLOYMENT_COLUMNS, deployment)
        rows.append(ctx.row(deployment, cells, id=deployment.id,
                            loc=("forces", "deployments", index)))
        about = (*ctx.name(deployment.contributor),
                 Text(f", {labels.words(deployment.force_type, 'force_type')}"))
        note = ctx.note(deployment, about=about)
        if note is not None:
            notes.append(note)
    if not rows:
        blocks = (ctx.empty(),)
    else:
        header = titles.header(ctx, "deployment", DEPLOYMENT_COLUMNS)
        blocks = (Table(header, tuple(rows), caption=titles.title(ctx, "table_deployments"),
                        id="table_deployments",
                        widths=(12, 10, 12, 14, 11, 12, 11, 10)), *notes)
    return Clause(id="forces_deployments", title=titles.title(ctx, "forces_deployments"), blocks=blocks,
                  origin=ctx.origin("forces", "deployments"))
