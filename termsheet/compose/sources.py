"""Section 10, sources and provenance: the legend, then one clause per source."""

from __future__ import annotations

from collections import Counter

from termsheet.compose import titles
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Clause, Paragraph

BASES = ("reported", "paraphrased_official", "illustrative", "inferred")


def children(ctx: BuildContext):
    counts = Counter(item.basis for item in provisions(ctx.sheet))
    legend = ctx.say("legend.j2", counts=[(basis, counts[basis]) for basis in BASES if counts[basis]],
                     has_sources=bool(ctx.sheet.sources))
    yield Clause(id="sources_legend", title=titles.title(ctx, "sources_legend"),
                 blocks=tuple(Paragraph(nodes) for nodes in legend), origin=ctx.origin("sources"))
    for index, source in enumerate(ctx.sheet.sources):
        yield Clause(id=source.id, title=source.title,
                     blocks=tuple(Paragraph(nodes) for nodes in ctx.say("source.j2", s=source)),
                     origin=ctx.origin("sources", index))


def provisions(sheet):
    """Every negotiated provision of ``sheet`` (items with a text status)."""
    forces = sheet.forces
    enforcement = sheet.enforcement
    duration = sheet.duration
    yield from sheet.commitments
    yield from sheet.force_limits
    if forces:
        yield from forces.command_nodes
        yield from forces.deployments
    yield from sheet.monitoring
    yield from sheet.bodies
    if enforcement:
        yield from enforcement.triggers
        yield from enforcement.responses
    if duration:
        yield duration
        yield from duration.termination
    yield from sheet.ratification
    yield from sheet.engagement_plan
    yield from sheet.territorial_provisions
    yield from sheet.open_issues
    if sheet.scope:
        yield from sheet.scope.relationship_to_other_instruments
