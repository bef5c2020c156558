"""Section 3, commitments: grouped by kind as real texts group them, then force limits."""

from __future__ import annotations

from termsheet.compose import labels
from termsheet.compose.context import BuildContext
from termsheet.document.nodes import Paragraph, Text

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Defence and security", (
        "consultation", "armed_response", "military_assistance", "reassurance_presence",
        "prepositioning", "ceasefire_monitoring", "logistics_support", "cyber_defence",
        "defence_industrial_cooperation")),
    ("Intelligence", ("intelligence_sharing",)),
    ("Force regeneration and force level", ("force_regeneration", "force_level_support", "training")),
    ("Air", ("air_policing", "air_defence")),
    ("Maritime", ("maritime_security",)),
    ("Financing", ("defence_financing", "financial_support", "reconstruction")),
    ("Sanctions and assets", ("sanctions", "sanctions_snapback", "asset_immobilisation")),
    ("Reforms and non-aggression", ("reform", "non_aggression", "non_recognition")),
    ("Other commitments", ("diplomatic_action", "eu_accession_support", "nato_accession_support",
                           "other")),
)
"""Groups in document order, with the commitment kinds each holds (docs/domain.md §Document order)."""

_GROUP_OF = {kind: index for index, (_, kinds) in enumerate(GROUPS) for kind in kinds}
_OTHER = len(GROUPS) - 1


def subheading(title: str) -> Paragraph:
    """An unnumbered heading inside a section (role ``subheading``)."""
    return Paragraph((Text(title),), role="subheading")


def children(ctx: BuildContext):
    commitments = list(enumerate(ctx.sheet.commitments))
    for group, (title, _) in enumerate(GROUPS):
        members = [(index, c) for index, c in commitments if _GROUP_OF.get(c.kind, _OTHER) == group]
        if not members:
            continue
        yield subheading(title)
        for index, commitment in members:
            yield _commitment(ctx, commitment, index)
    if ctx.sheet.force_limits:
        yield subheading("Force limits")
        for index, limit in enumerate(ctx.sheet.force_limits):
            yield ctx.provision_clause(
                limit, id=limit.id,
                title=f"Limit on the armed forces of {_plain_name(ctx, limit.party)}",
                loc=("force_limits", index), text=ctx.say("force_limit.j2", limit=limit))


def _commitment(ctx: BuildContext, commitment, index: int):
    title = commitment.title or labels.cap(labels.words(commitment.kind, "commitment_kind"))
    text = ctx.say([f"commitment_{commitment.kind}.j2", "commitment.j2"], c=commitment,
                   key_terms=ctx.edition.key_terms)
    # The Terms line when the summary is the text (the built sentence says it all otherwise).
    terms = ctx.key_terms("commitment", commitment) if commitment.summary else None
    return ctx.provision_clause(commitment, id=commitment.id, title=title,
                                loc=("commitments", index), text=text, terms=terms)


def _plain_name(ctx: BuildContext, ref: str) -> str:
    party = ctx.parties.get(ref)
    return party.name if party else ref
