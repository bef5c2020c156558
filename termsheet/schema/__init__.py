"""The input model: what drafters write in a term file (pydantic v2, strict and immutable)."""

from termsheet.schema.annexes import Annex
from termsheet.schema.commitments import Commitment, ForceLimit, Quantity
from termsheet.schema.common import Provenance, Provision
from termsheet.schema.enforcement import Enforcement, ResponseStep, Trigger
from termsheet.schema.final import (
    DurationClause, EngagementStep, Precondition, ProposedTerm, RatificationStep, Termination,
)
from termsheet.schema.forces import CommandNode, Deployment, Forces, Location, Strength, Timing
from termsheet.schema.metadata import DocumentMetadata, DocumentRef, Marking, TranslationOf
from termsheet.schema.monitoring import Area, Body, MonitoringMechanism, Reporting
from termsheet.schema.parties import Caveat, Guarantor, Party, RoleAssignment
from termsheet.schema.scope import Activation, RelatedInstrument, Scope, TerritorialScope
from termsheet.schema.sources import Source
from termsheet.schema.termsheet import SCHEMA_VERSION, SCHEMA_VERSIONS, TermSheet
from termsheet.schema.territory import OpenIssue, Position, TerritorialProvision

__all__ = [
    "Activation", "Annex", "Area", "Body", "Caveat", "CommandNode", "Commitment", "Deployment",
    "DocumentMetadata", "DocumentRef", "DurationClause", "Enforcement", "EngagementStep",
    "ForceLimit", "Forces", "Guarantor", "Location", "Marking", "MonitoringMechanism", "OpenIssue",
    "Party", "Position", "Precondition", "ProposedTerm", "Provenance", "Provision", "Quantity", "RatificationStep",
    "RelatedInstrument", "Reporting", "ResponseStep", "RoleAssignment", "SCHEMA_VERSION",
    "SCHEMA_VERSIONS", "Scope",
    "Source", "Strength", "Termination", "TermSheet", "TerritorialProvision", "TerritorialScope",
    "Timing", "TranslationOf", "Trigger",
]
