"""The root of a term file: one version of one party's document."""

from typing import Literal

from termsheet.schema.annexes import Annex
from termsheet.schema.commitments import Commitment, ForceLimit
from termsheet.schema.final import DurationClause, EngagementStep, RatificationStep
from termsheet.schema.forces import Forces
from termsheet.schema.metadata import DocumentMetadata
from termsheet.schema.monitoring import Body, MonitoringMechanism
from termsheet.schema.enforcement import Enforcement
from termsheet.schema.parties import Guarantor, Party
from termsheet.schema.scope import Scope
from termsheet.schema.sources import Source
from termsheet.schema.territory import OpenIssue, TerritorialProvision
from termsheet.schema.types import Model, Ref, items

SCHEMA_VERSIONS = ("1.0",)
"""Versions of the term-file format this release reads, oldest first (docs/versions.md)."""
SCHEMA_VERSION = SCHEMA_VERSIONS[-1]
"""The current version, the one new files are written in."""


class TermSheet(Model):
    """One version of one party's security-guarantee term sheet."""

    schema_version: Literal[SCHEMA_VERSIONS]
    """Version of the term-file format; this release reads `"1.0"`."""
    metadata: DocumentMetadata
    """What this document is: title, version, date, drafting party, status, marking."""
    parties: items(Party, max_length=100)
    """Every party referenced anywhere in the file."""
    beneficiary: Ref
    """Party that receives the guarantees."""
    counterparties: items(Ref, max_length=10) = ()
    """Party or parties whose aggression the guarantees deter."""
    mediators: items(Ref, max_length=10) = ()
    """Parties mediating the negotiation."""
    guarantors: items(Guarantor, max_length=100) = ()
    """Guarantors with their roles and caveats."""
    scope: Scope | None = None
    """Purpose, activation, territorial scope, related instruments."""
    commitments: items(Commitment) = ()
    """Commitments, grouped by kind in the term sheet."""
    force_limits: items(ForceLimit, max_length=20) = ()
    """Caps on armed forces."""
    forces: Forces | None = None
    """Command structure and deployments."""
    monitoring: items(MonitoringMechanism, max_length=50) = ()
    """Ceasefire monitoring and verification mechanisms."""
    bodies: items(Body, max_length=50) = ()
    """Commissions, councils and coordination cells."""
    enforcement: Enforcement | None = None
    """Triggers and the response ladder."""
    duration: DurationClause | None = None
    """Term, renewal and termination."""
    ratification: items(RatificationStep, max_length=50) = ()
    """Ratification steps by party."""
    engagement_plan: items(EngagementStep, max_length=50) = ()
    """How and when the counterparty is engaged."""
    territorial_provisions: items(TerritorialProvision, max_length=100) = ()
    """Arrangements for particular areas."""
    open_issues: items(OpenIssue, max_length=200) = ()
    """Issues still open, with each party's position."""
    sources: items(Source) = ()
    """Public sources behind reported provisions."""
    annexes: items(Annex, max_length=26) = ()
    """Annexes, printed after the signature block and lettered Annex A, Annex B… in this order."""
