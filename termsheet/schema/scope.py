"""Purpose and scope: what activates the guarantees, where they apply, related instruments."""

from termsheet.schema.common import Provenance, Provision
from termsheet.schema.types import Id, Model, ShortText, Text, items
from termsheet.schema.vocab import InstrumentRelation, TimingAnchor


class Activation(Provenance):
    """The event that activates the guarantees."""

    event: TimingAnchor
    """`signature`, `ceasefire_in_force`, `peace_agreement_in_force`, `entry_into_force` or `ratification_complete`."""
    conditions: items(Text, max_length=20) = ()
    """Further conditions, e.g. "at Ukraine's request"."""


class TerritorialScope(Provenance):
    """Where the guarantees apply."""

    description: Text
    """The territory covered, in words."""
    exclusions: items(ShortText, max_length=50) = ()
    """Areas expressly excluded."""


class RelatedInstrument(Provision):
    """Another instrument and how this one relates to it."""

    id: Id
    """Stable id, e.g. `rel-bsa-2024`."""
    instrument: ShortText
    """Name of the other instrument."""
    relation: InstrumentRelation
    """`complements`, `coordinates_with`, `in_addition_to`, `implements`, `supersedes`, `subordinate_to` or `merges_into`."""


class Scope(Model):
    """Purpose and scope of the arrangement."""

    purpose: Text | None = None
    """The purpose of the arrangement in one or two sentences."""
    activation: Activation
    """What activates the guarantees."""
    territorial_scope: TerritorialScope
    """Where they apply."""
    relationship_to_other_instruments: items(RelatedInstrument, max_length=50) = ()
    """Other instruments this one complements or coordinates with."""
