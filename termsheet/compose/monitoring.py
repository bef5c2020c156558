"""Section 5, monitoring and verification: the mechanisms, then the bodies that decide."""

from __future__ import annotations

from termsheet.compose.commitments import subheading
from termsheet.compose.context import BuildContext


def children(ctx: BuildContext):
    sheet = ctx.sheet
    if sheet.monitoring:
        yield subheading("Monitoring mechanisms")
        for index, mechanism in enumerate(sheet.monitoring):
            yield ctx.provision_clause(mechanism, id=mechanism.id, title=mechanism.name,
                                       loc=("monitoring", index),
                                       text=ctx.say("monitoring.j2", m=mechanism))
    if sheet.bodies:
        yield subheading("Bodies")
        for index, body in enumerate(sheet.bodies):
            yield ctx.provision_clause(body, id=body.id, title=body.name, loc=("bodies", index),
                                       text=ctx.say("body.j2", b=body))
