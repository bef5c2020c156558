"""Commitments: who undertakes what, how firmly, and how much."""

from termsheet.schema.common import Provision
from termsheet.schema.types import Duration, Id, Model, Number, Ref, ShortText, Text, items
from termsheet.schema.vocab import (
    CommitmentKind, DeadlineAnchor, LegalCharacter, Modality, Phase, QuantityQualifier, Strictness,
)


class Quantity(Model):
    """An amount attached to a commitment."""

    value: Number
    """The number, e.g. `800000` or `90000000000`."""
    unit: ShortText
    """ISO 4217 currency code (`EUR`, `USD`) or a unit such as `personnel` or `aircraft`."""
    period: ShortText | None = None
    """Period the amount covers, e.g. `2026/2027` or `per year`."""
    qualifier: QuantityQualifier | None = None
    """`peacetime_cap` (ceiling) versus `peacetime_level` (floor) is a substantive difference."""


class ForceLimit(Provision):
    """A ceiling on a party's armed forces."""

    id: Id
    """Stable id, e.g. `lim-ua-army`."""
    party: Ref
    """Party whose forces are limited."""
    cap: Number
    """Maximum strength, in personnel."""
    condition: ShortText | None = None
    """When the cap applies, e.g. `peacetime`."""


class Commitment(Provision):
    """One undertaking by one or more providers."""

    id: Id
    """Stable id, the same for the same concept in every version (`cmt-consult`)."""
    kind: CommitmentKind
    """Kind of commitment; the term sheet groups commitments by kind."""
    title: ShortText | None = None
    """Short heading; a heading is derived from `kind` when omitted."""
    providers: items(Ref, max_length=50)
    """Parties that give the commitment (compared as a set)."""
    beneficiary: Ref | None = None
    """Party that receives it; may be left out for a reform or non-aggression undertaking."""
    summary: Text
    """What is committed, in plain words. Disputed words go in negotiation brackets: `[[words]]`, `[[us: 15 years | ua: 30 years]]` (docs/brackets.md)."""
    modality: Modality
    """Strength of the verb, weakest first: proposed, may, stands_ready, intends, will, shall."""
    legal_character: LegalCharacter
    """Legal force, weakest first: non_binding … legally_binding."""
    phase: Phase = "any"
    """When it applies: `any`, `pre_ceasefire`, `post_ceasefire` or `post_attack`."""
    quantity: Quantity | None = None
    """Amount committed, if any."""
    deadline: Duration | None = None
    """Time within which the commitment is carried out, e.g. `PT24H`."""
    deadline_anchor: DeadlineAnchor | None = None
    """What the deadline runs from."""
    deadline_strictness: Strictness = "none"
    """`hard`, `where_possible`, `immediately` or `none`."""
