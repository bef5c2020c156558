"""The input model: what drafters write in a term file (pydantic v2, strict and immutable)."""

from termsheet.model.commitments import Commitment, ForceLimit, Quantity
from termsheet.model.common import Provenance, Provision
from termsheet.model.enforcement import Enforcement, ResponseStep, Trigger
from termsheet.model.final import (
    DurationClause, EngagementStep, Precondition, RatificationStep, Termination,
)
from termsheet.model.forces import CommandNode, Deployment, Forces, Location, Strength, Timing
from termsheet.model.metadata import DocumentMetadata, DocumentRef, Marking, TranslationOf
from termsheet.model.monitoring import Area, Body, MonitoringMechanism, Reporting
from termsheet.model.parties import Caveat, Guarantor, Party, RoleAssignment
from termsheet.model.scope import Activation, RelatedInstrument, Scope, TerritorialScope
from termsheet.model.sources import Source
from termsheet.model.termsheet import SCHEMA_VERSION, SCHEMA_VERSIONS, TermSheet
from termsheet.model.territory import OpenIssue, Position, TerritorialProvision

__all__ = [
    "Activation", "Area", "Body", "Caveat", "CommandNode", "Commitment", "Deployment",
    "DocumentMetadata", "DocumentRef", "DurationClause", "Enforcement", "EngagementStep",
    "ForceLimit", "Forces", "Guarantor", "Location", "Marking", "MonitoringMechanism", "OpenIssue",
    "Party", "Position", "Precondition", "Provenance", "Provision", "Quantity", "RatificationStep",
    "RelatedInstrument", "Reporting", "ResponseStep", "RoleAssignment", "SCHEMA_VERSION",
    "SCHEMA_VERSIONS", "Scope",
    "Source", "Strength", "Termination", "TermSheet", "TerritorialProvision", "TerritorialScope",
    "Timing", "TranslationOf", "Trigger",
]
